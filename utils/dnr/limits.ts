// #13: which declarativeNetRequest limits the running browser has, from the constants it
// exposes. Chrome 121 raised dynamic rules to 30,000 (MAX_NUMBER_OF_DYNAMIC_RULES, of which
// MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES 5,000 may redirect); Chrome 90–120 had one shared limit,
// MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES = 5,000, and neither newer constant (MDN
// browser-compat-data; docs/browsers.md). Reading the old constant keeps Qingfeng from
// compiling more rules than such a browser takes: the rule compiler then reports the policy as
// over the limit (shown on the options page) instead of the browser rejecting the update.
import type { DnrLimits } from './types';

export type DnrConstants = {
  MAX_NUMBER_OF_DYNAMIC_RULES?: number;
  MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES?: number;
  MAX_NUMBER_OF_REGEX_RULES?: number;
  MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES?: number;
};

export function dnrLimitsOf(api: DnrConstants, fallback: DnrLimits): DnrLimits {
  const shared = api.MAX_NUMBER_OF_DYNAMIC_RULES === undefined ? api.MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES : undefined;
  if (shared !== undefined) {
    return { maxDynamicRules: shared, maxUnsafeDynamicRules: shared, maxRegexRules: api.MAX_NUMBER_OF_REGEX_RULES ?? fallback.maxRegexRules };
  }
  return {
    maxDynamicRules: api.MAX_NUMBER_OF_DYNAMIC_RULES ?? fallback.maxDynamicRules,
    maxUnsafeDynamicRules: api.MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES ?? fallback.maxUnsafeDynamicRules,
    maxRegexRules: api.MAX_NUMBER_OF_REGEX_RULES ?? fallback.maxRegexRules,
  };
}
