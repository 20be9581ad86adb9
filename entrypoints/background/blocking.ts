/**
 * Keeps the browser's declarativeNetRequest rules equal to what the effective configuration
 * asks for at this instant: the block rules (and live unlocks) in work time, none outside it.
 */
import { browser } from 'wxt/browser';
import { buildMatchConfig } from '@/utils/policy/resolve';
import { decideUrl } from '@/utils/matching/decide';
import type { DnrRule } from '@/utils/dnr/types';
import { DEFAULTS } from '@/utils/policy/schema';
import { compileBlockRules, rulesFingerprint, type RuleLimitError } from '@/utils/dnr/rules';
import { isWorkTime, nextBoundary } from '@/utils/schedule/work-time';
import type { MatchConfig, LiveUnlock } from '@/utils/matching/host-index';
import { armCheckpoint, armUnlockExpiry } from './alarms';
import type { Context } from './context';
import { dnrLimits, installedRuleIds, replaceDynamicRules } from './dnr';
import { blockingState, unlocks as unlockStore } from './storage';

export const blockPageUrl = () => browser.runtime.getURL('/blocked.html');

function compile(match: MatchConfig, now: number, live: LiveUnlock[]) {
  return compileBlockRules(match, { blockPageUrl: blockPageUrl(), limits: dnrLimits(), now, unlocks: live });
}

/**
 * Installs the rules for `now`. When the configuration cannot be compiled within the
 * browser's limits, the rules already installed stay; if none are, the built-in defaults are
 * installed, so protection is never dropped (docs/design.md principle 5).
 */
export async function applyBlocking(ctx: Context, now: number): Promise<void> {
  const previous = await blockingState.getValue();
  const inWorkTime = isWorkTime(ctx.config.values.schedule, now);
  // Unlocks end with their time, and with the work period.
  const live = inWorkTime ? (await unlockStore.getValue()).filter((u) => u.until > now) : [];
  await unlockStore.setValue(live);
  let rules: DnrRule[] = [];
  let errors: RuleLimitError[] = [];
  if (inWorkTime) {
    const compiled = compile(ctx.match, now, live);
    if (compiled.ok) {
      rules = compiled.rules;
    } else {
      errors = compiled.errors;
      if (previous.inForce && previous.fingerprint !== null) {
        await blockingState.setValue({ ...previous, errors, checkedAt: now });
        return;
      }
      const fallback = compile(buildMatchConfig(DEFAULTS), now, []);
      rules = fallback.ok ? fallback.rules : [];
    }
  }
  const fingerprint = rulesFingerprint(rules);
  const installed = await installedRuleIds();
  if (fingerprint !== previous.fingerprint || installed.length !== rules.length) await replaceDynamicRules(rules);
  await blockingState.setValue({
    inForce: inWorkTime,
    fingerprint,
    errors,
    checkedAt: now,
    since: inWorkTime === previous.inForce ? previous.since : now,
  });
  await armCheckpoint(inWorkTime);
  await armUnlockExpiry(live.length === 0 ? null : Math.min(...live.map((u) => u.until)));
  // A work period has begun, or the rules changed within one (an unlock ended, the policy
  // blocked more): pages open on sites blocked now go to the block page.
  const rulesChanged = previous.fingerprint !== null && fingerprint !== previous.fingerprint;
  if (inWorkTime && (!previous.inForce || rulesChanged)) await sendOpenTabsToBlockPage(ctx, now, live);
}

async function sendOpenTabsToBlockPage(ctx: Context, now: number, live: LiveUnlock[]): Promise<void> {
  const schedule = ctx.config.values.schedule;
  const blockedNow = (url: string) =>
    decideUrl({ url, index: ctx.index, categories: ctx.categories, workTime: true, nextBoundary: nextBoundary(schedule, now), unlocks: live, now }).blockedNow;
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && tab.url !== undefined && blockedNow(tab.url))
      .map((tab) => browser.tabs.update(tab.id!, { url: `${blockPageUrl()}#${tab.url}` }).catch(() => undefined)),
  );
}
