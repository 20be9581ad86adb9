/**
 * The configuration in force and what is derived from it (the match index), built once per
 * configuration and shared by every handler until the configuration changes. What a wake
 * needs of it (the schedule, the retention) is also kept in extension storage, keyed by a
 * digest of the policy and the teacher's settings, so a worker that wakes for a checkpoint
 * reads neither the policy nor builds the index (issue 16).
 */
import { buildHostIndex, type HostIndex, type MatchConfig } from '@/utils/matching/host-index';
import { categoryInfos } from '@/utils/ui/categories';
import { buildMatchConfig, resolveConfig, type EffectiveConfig } from '@/utils/policy/resolve';
import { decideUrl } from '@/utils/matching/decide';
import { digestJson } from '@/utils/digest';
import { version } from '@/package.json';
import { spanCovers, workSpanAt, type WorkSpan } from '@/utils/schedule/work-span';
import type { CategoryInfo, UrlDecision } from '@/utils/messages/types';
import { derivedConfig, forgetWorkerOwned, lastGoodPolicy, teacherSettings, unlocks, type DerivedConfig } from './storage';

export interface Context {
  config: EffectiveConfig;
  /** Built on first read, as the index is. */
  readonly match: MatchConfig;
  readonly index: HostIndex;
  categories: CategoryInfo[];
  /** Digest of the policy and the teacher's settings the configuration was built from. */
  digest: string;
  /**
   * Work time and the next boundary at `now`, computed once per span (#16: every navigation
   * asks, and for a timetable of work around the clock nextBoundary walks a year: ~2 ms).
   */
  spanAt(now: number): WorkSpan;
}

let cached: Promise<Context> | null = null;
/** Bumped by every invalidation, so a build that started before one does not store its result. */
let generation = 0;

async function build(): Promise<Context> {
  const policy = await lastGoodPolicy.getValue();
  const teacher = await teacherSettings.getValue();
  const config = resolveConfig(policy, teacher);
  // The version too: an update may bring other lists or defaults for the same policy.
  const digest = digestJson([version, policy, teacher]);
  // Built on first use: the popup's status needs the configuration, not the index (at 100k
  // domains the index costs a few hundred milliseconds).
  let match: MatchConfig | undefined;
  let index: HostIndex | undefined;
  let span: WorkSpan | undefined;
  const matchConfig = () => (match ??= buildMatchConfig(config.values));
  return {
    config,
    get match() {
      return matchConfig();
    },
    get index() {
      return (index ??= buildHostIndex(matchConfig()));
    },
    categories: categoryInfos(config.values),
    digest,
    spanAt(now) {
      if (!spanCovers(span, now)) span = workSpanAt(config.values.schedule, now);
      return span;
    },
  };
}

export function currentContext(): Promise<Context> {
  cached ??= build().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** How a configuration change came about. */
export interface ChangeSource {
  /** This worker wrote the last good policy (refreshPolicy): the copy it holds is what storage holds. */
  policyWrittenHere?: boolean;
}

/** Called whenever the policy or the teacher's settings change. */
export function invalidateContext({ policyWrittenHere = false }: ChangeSource = {}): void {
  generation++;
  cached = null;
  // What was kept in memory is re-read too: cheap, and a test that resets storage needs it.
  forgetWorkerOwned();
  // Except the policy this worker has just written: at 113k domains it is 2 MB to read back
  // (~50 ms of waiting, measured in Chromium 156) and parse again.
  if (!policyWrittenHere) lastGoodPolicy.forget();
}

/** Forgets the configuration, here and in storage: the policy or the teacher's settings were written. */
export async function configurationChanged(source: ChangeSource = {}): Promise<void> {
  invalidateContext(source);
  await derivedConfig.setValue(null);
}

/**
 * What a wake needs of the configuration: from storage when it is there, else built, and then
 * kept for the next wake (unless the configuration changed meanwhile).
 */
export async function wakeConfig(): Promise<DerivedConfig> {
  if (cached === null) {
    const stored = await derivedConfig.getValue();
    if (stored) return stored;
  }
  const started = generation;
  const ctx = await currentContext();
  const stored = await derivedConfig.getValue();
  if (stored?.digest === ctx.digest) return stored;
  const derived = { digest: ctx.digest, schedule: ctx.config.values.schedule, retentionDays: ctx.config.values.retentionDays, focus: null };
  if (started === generation) await derivedConfig.setValue(derived);
  return derived;
}

/** Keeps `patch` with the derived configuration, unless that changed since `digest` was read. */
export async function keepWithDerived(digest: string, patch: Partial<Omit<DerivedConfig, 'digest'>>): Promise<void> {
  const stored = await derivedConfig.getValue();
  if (stored?.digest === digest) await derivedConfig.setValue({ ...stored, ...patch });
}

/**
 * Work time and the next boundary at `now`: from the span kept with the derived configuration
 * while `now` is inside it, else computed and kept (one write per boundary crossed).
 */
export async function workSpan(now: number): Promise<WorkSpan> {
  const started = generation;
  const wake = await wakeConfig();
  if (spanCovers(wake.span, now)) return wake.span;
  const span = workSpanAt(wake.schedule, now);
  const stored = await derivedConfig.getValue();
  if (started === generation && stored?.digest === wake.digest) await derivedConfig.setValue({ ...stored, span });
  return span;
}

/** Why `url` is or is not blocked at `now`, under this configuration and the live unlocks. */
export async function decideNow(ctx: Context, url: string, now: number): Promise<UrlDecision> {
  const span = ctx.spanAt(now);
  return decideUrl({
    url,
    index: ctx.index,
    categories: ctx.categories,
    workTime: span.workTime,
    nextBoundary: span.boundary,
    unlocks: await unlocks.getValue(),
    now,
  });
}
