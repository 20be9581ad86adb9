/**
 * The only module that calls declarativeNetRequest (the unit tests' fake browser has none:
 * they mock this module). Rules change in one update per rule set (the rules that differ,
 * utils/dnr/installed.ts ruleUpdate), so the browser never holds half of an old set and half of
 * a new one. The policy's rules are dynamic rules; live unlocks are session rules (issue 16:
 * Chromium indexes every dynamic rule again at any dynamic update, ~0.6 s at 113k domains, and
 * an unlock's rules are temporary anyway; the browser drops them at a restart, and the
 * start-up reconcile puts back the ones still honoured).
 */
import { browser } from 'wxt/browser';
import { type DnrConstants, dnrLimitsOf } from '@/utils/dnr/limits';
import type { RuleUpdate } from '@/utils/dnr/installed';
import { CHROME_DNR_LIMITS, FIREFOX_DNR_LIMITS, type DnrLimits } from '@/utils/dnr/types';

type Update = { removeRuleIds?: number[]; addRules?: unknown[] };
type DnrApi = DnrConstants & {
  getDynamicRules(): Promise<{ id: number }[]>;
  updateDynamicRules(options: Update): Promise<void>;
  getSessionRules(): Promise<{ id: number }[]>;
  updateSessionRules(options: Update): Promise<void>;
};

const dnr = () => (browser as unknown as { declarativeNetRequest: DnrApi }).declarativeNetRequest;

/** The browser's own limits where it states them (older Chrome: one shared limit), else the published ones. */
export function dnrLimits(): DnrLimits {
  return dnrLimitsOf(dnr(), import.meta.env.FIREFOX ? FIREFOX_DNR_LIMITS : CHROME_DNR_LIMITS);
}

/** False when the browser has no declarativeNetRequest (Firefox with extensions.dnr.enabled=false, #17). */
export function dnrAvailable(): boolean {
  return typeof (browser as unknown as { declarativeNetRequest?: DnrApi }).declarativeNetRequest?.getDynamicRules === 'function';
}

/** The rules the browser holds, as it reports them (normalised by the caller): both sets, as #17 trusts neither unread. */
export interface InstalledRules {
  dynamic: unknown[];
  session: unknown[];
}

export async function installedRules(): Promise<InstalledRules> {
  const [dynamic, session] = await Promise.all([dnr().getDynamicRules(), dnr().getSessionRules()]);
  return { dynamic, session };
}

const empty = (update: RuleUpdate) => update.removeRuleIds.length === 0 && update.addRules.length === 0;
const asOptions = (update: RuleUpdate): Update => ({ removeRuleIds: update.removeRuleIds, addRules: [...update.addRules] });

/** Applies each set's update in one call; a set with nothing to change is not touched (not indexed again). */
export async function updateRules(dynamic: RuleUpdate, session: RuleUpdate): Promise<void> {
  if (!empty(dynamic)) await dnr().updateDynamicRules(asOptions(dynamic));
  if (!empty(session)) await dnr().updateSessionRules(asOptions(session));
}
