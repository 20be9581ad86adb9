/**
 * The only module that calls declarativeNetRequest (the unit tests' fake browser has none:
 * they mock this module). Rules change in one update (the rules that differ, utils/dnr/installed.ts
 * ruleUpdate), so the browser never holds half of an old set and half of a new one.
 */
import { browser } from 'wxt/browser';
import { type DnrConstants, dnrLimitsOf } from '@/utils/dnr/limits';
import type { RuleUpdate } from '@/utils/dnr/installed';
import { CHROME_DNR_LIMITS, FIREFOX_DNR_LIMITS, type DnrLimits } from '@/utils/dnr/types';

type DnrApi = DnrConstants & {
  getDynamicRules(): Promise<{ id: number }[]>;
  updateDynamicRules(options: { removeRuleIds?: number[]; addRules?: unknown[] }): Promise<void>;
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

/** The rules the browser holds, as it reports them (normalised by the caller). */
export async function installedRules(): Promise<unknown[]> {
  return dnr().getDynamicRules();
}

/** Applies the update in one call: the browser never holds half of an old set and half of a new one. */
export async function updateDynamicRules(update: RuleUpdate): Promise<void> {
  await dnr().updateDynamicRules({ removeRuleIds: update.removeRuleIds, addRules: [...update.addRules] });
}
