/**
 * The only module that calls declarativeNetRequest (the unit tests' fake browser has none:
 * they mock this module). Rules are replaced as a whole, in one update, so the browser
 * never holds half of an old set and half of a new one.
 */
import { browser } from 'wxt/browser';
import { CHROME_DNR_LIMITS, FIREFOX_DNR_LIMITS, type DnrLimits, type DnrRule } from '@/utils/dnr/types';

type DnrApi = {
  getDynamicRules(): Promise<{ id: number }[]>;
  updateDynamicRules(options: { removeRuleIds?: number[]; addRules?: unknown[] }): Promise<void>;
  MAX_NUMBER_OF_DYNAMIC_RULES?: number;
  MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES?: number;
  MAX_NUMBER_OF_REGEX_RULES?: number;
};

const dnr = () => (browser as unknown as { declarativeNetRequest: DnrApi }).declarativeNetRequest;

/** The browser's own limits where it states them, else the published ones. */
export function dnrLimits(): DnrLimits {
  const fallback = import.meta.env.FIREFOX ? FIREFOX_DNR_LIMITS : CHROME_DNR_LIMITS;
  const api = dnr();
  return {
    maxDynamicRules: api.MAX_NUMBER_OF_DYNAMIC_RULES ?? fallback.maxDynamicRules,
    maxUnsafeDynamicRules: api.MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES ?? fallback.maxUnsafeDynamicRules,
    maxRegexRules: api.MAX_NUMBER_OF_REGEX_RULES ?? fallback.maxRegexRules,
  };
}

export async function installedRuleIds(): Promise<number[]> {
  return (await dnr().getDynamicRules()).map((rule) => rule.id);
}

export async function replaceDynamicRules(rules: readonly DnrRule[]): Promise<void> {
  const removeRuleIds = await installedRuleIds();
  await dnr().updateDynamicRules({ removeRuleIds, addRules: [...rules] });
}
