/**
 * The configuration in force and what is derived from it (the match index), built once per
 * configuration and shared by every handler until the configuration changes.
 */
import { buildHostIndex, type HostIndex, type MatchConfig } from '@/utils/matching/host-index';
import { categoryInfos } from '@/utils/ui/categories';
import { buildMatchConfig, resolveConfig, type EffectiveConfig } from '@/utils/policy/resolve';
import { decideUrl } from '@/utils/matching/decide';
import { isWorkTime, nextBoundary } from '@/utils/schedule/work-time';
import type { CategoryInfo, UrlDecision } from '@/utils/messages/types';
import { lastGoodPolicy, teacherSettings, unlocks } from './storage';

export interface Context {
  config: EffectiveConfig;
  match: MatchConfig;
  index: HostIndex;
  categories: CategoryInfo[];
}

let cached: Promise<Context> | null = null;

async function build(): Promise<Context> {
  const config = resolveConfig(await lastGoodPolicy.getValue(), await teacherSettings.getValue());
  const match = buildMatchConfig(config.values);
  return { config, match, index: buildHostIndex(match), categories: categoryInfos(config.values) };
}

export function currentContext(): Promise<Context> {
  cached ??= build().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** Called whenever the policy or the teacher's settings change. */
export function invalidateContext(): void {
  cached = null;
}

/** Why `url` is or is not blocked at `now`, under this configuration and the live unlocks. */
export async function decideNow(ctx: Context, url: string, now: number): Promise<UrlDecision> {
  const schedule = ctx.config.values.schedule;
  return decideUrl({
    url,
    index: ctx.index,
    categories: ctx.categories,
    workTime: isWorkTime(schedule, now),
    nextBoundary: nextBoundary(schedule, now),
    unlocks: await unlocks.getValue(),
    now,
  });
}
