/**
 * Keeps the browser's declarativeNetRequest rules equal to what the effective configuration
 * asks for at this instant: the block rules (and live unlocks) in work time, none outside it.
 */
import { browser } from 'wxt/browser';
import { buildMatchConfig } from '@/utils/policy/resolve';
import type { DnrRule } from '@/utils/dnr/types';
import { DEFAULTS } from '@/utils/policy/schema';
import { CHECK_SLICES, checkSlice, compileBlockRules, isSessionRule, rulesDigest, rulesSliceDigest, type RuleLimitError } from '@/utils/dnr/rules';
import type { HostIndex, LiveUnlock, MatchConfig } from '@/utils/matching/host-index';
import type { Context } from './context';
import { normaliseInstalledRule, ruleUpdate } from '@/utils/dnr/installed';
import { dnrAvailable, dnrLimits, installedRules, updateRules, type InstalledRules } from './dnr';
import { blockingState, type BlockingState } from './storage';

export const blockPageUrl = () => browser.runtime.getURL('/blocked.html');

/** Both sets together, as the browser applies them (normalised: its own defaults dropped): the compiled rules are one set, split between them only to install. */
const held = (installed: InstalledRules) => [...installed.dynamic, ...installed.session].map(normaliseInstalledRule);

/**
 * At a wake with nothing to compile: does the browser still hold the rules installed last
 * (#17: they are the truth)? Both sets are read back, and compared with what was stored at the
 * install by the digest of this minute's slice (utils/dnr/rules.ts rulesSliceDigest, issue 16):
 * any rule added, removed or edited, any domain added or removed, is found now; a domain
 * swapped for another in place, within CHECK_SLICES minutes. State from an older version,
 * with no slices stored, compiles once.
 */
export async function installedRulesUnchanged(state: BlockingState, now: number): Promise<boolean> {
  const slice = checkSlice(now);
  const expected = state.slices?.length === CHECK_SLICES ? state.slices[slice] : undefined;
  if (expected === undefined) return false;
  return rulesSliceDigest(held(await installedRules()), slice) === expected;
}

function compile(match: MatchConfig, index: HostIndex | undefined, now: number, live: readonly LiveUnlock[]) {
  return compileBlockRules(match, { blockPageUrl: blockPageUrl(), limits: dnrLimits(), now, unlocks: [...live], ...(index ? { index } : {}) });
}

export interface BlockingOutcome {
  /** The rules the configuration (with `live`) compiles to are what the browser holds. */
  applied: boolean;
  /** A work period has begun, or the rules changed within one: open tabs need a look. */
  rulesStartedOrChanged: boolean;
}

/**
 * Installs the rules for `now`. When the configuration cannot be compiled within the
 * browser's limits, the rules already installed stay; if none are, the built-in defaults are
 * installed, so protection is never dropped (docs/design.md principle 5).
 */
export async function applyBlocking(ctx: Context, now: number, inWorkTime: boolean, live: readonly LiveUnlock[], rulesKey: string): Promise<BlockingOutcome> {
  const previous = await blockingState.getValue();
  if (!dnrAvailable()) {
    // #17: Firefox with extensions.dnr.enabled=false has no blocking API. Nothing can be
    // installed; the pages say so (getStatus), settings still save, and the commit check in
    // navigation.ts still sends a blocked site's page to the block page once it has loaded.
    await blockingState.setValue({ ...previous, inForce: false, errors: [], checkedAt: now, since: previous.inForce ? now : previous.since });
    return { applied: false, rulesStartedOrChanged: false };
  }
  let rules: DnrRule[] = [];
  let errors: RuleLimitError[] = [];
  if (inWorkTime) {
    const compiled = compile(ctx.match, ctx.index, now, live);
    if (compiled.ok) {
      rules = compiled.rules;
    } else {
      errors = compiled.errors;
      if (previous.inForce && previous.fingerprint !== null) {
        await blockingState.setValue({ ...previous, errors, checkedAt: now, rulesKey });
        return { applied: false, rulesStartedOrChanged: false };
      }
      const fallback = compile(buildMatchConfig(DEFAULTS), undefined, now, []);
      rules = fallback.ok ? fallback.rules : [];
    }
  }
  // #17: compare with what the browser holds, not with what was stored: a rule rewritten in
  // place (same ids, same count) is repaired at the next reconcile. One read of both rule sets
  // and one whole hash per reconcile, with the ten slice digests a wake with nothing to compile
  // checks (together about one more hash): the compile above costs more. Only the rules that
  // differ are sent (issue 16: an unlock adds its two session rules, not the whole policy again).
  const normalised = rules.map(normaliseInstalledRule);
  const fingerprint = rulesDigest(normalised);
  const installed = await installedRules();
  if (rulesDigest(held(installed)) !== fingerprint) {
    // A rule in the wrong set (a forged one, or an unlock an older version kept as a dynamic rule) is removed there.
    await updateRules(
      ruleUpdate(installed.dynamic, rules.filter((rule) => !isSessionRule(rule.id))),
      ruleUpdate(installed.session, rules.filter((rule) => isSessionRule(rule.id))),
    );
  }
  await blockingState.setValue({
    inForce: inWorkTime,
    fingerprint,
    slices: Array.from({ length: CHECK_SLICES }, (_, slice) => rulesSliceDigest(normalised, slice)),
    errors,
    checkedAt: now,
    since: inWorkTime === previous.inForce ? previous.since : now,
    rulesKey,
  });
  const rulesChanged = previous.fingerprint !== null && fingerprint !== previous.fingerprint;
  return { applied: errors.length === 0, rulesStartedOrChanged: inWorkTime && (!previous.inForce || rulesChanged) };
}
