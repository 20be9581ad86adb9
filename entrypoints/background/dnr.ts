/**
 * The only module that calls declarativeNetRequest (the unit tests' fake browser has none:
 * they mock this module). Rules are replaced as a whole, in one update, so the browser
 * never holds half of an old set and half of a new one.
 */
import { browser } from 'wxt/browser';
import { type DnrConstants, dnrLimitsOf } from '@/utils/dnr/limits';
import { CHROME_DNR_LIMITS, FIREFOX_DNR_LIMITS, type DnrLimits, type DnrRule } from '@/utils/dnr/types';

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

export async function installedRuleIds(): Promise<number[]> {
  return (await dnr().getDynamicRules()).map((rule) => rule.id);
}

export async function replaceDynamicRules(rules: readonly DnrRule[]): Promise<void> {
  const removeRuleIds = await installedRuleIds();
  await dnr().updateDynamicRules({ removeRuleIds, addRules: [...rules] });
}
