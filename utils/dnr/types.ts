// The part of chrome.declarativeNetRequest (and Firefox's browser.declarativeNetRequest) that
// Qingfeng uses, as plain types, so rules are compiled and tested in Node with no browser API.
// Field names follow https://developer.chrome.com/docs/extensions/reference/api/declarativeNetRequest

export type DnrResourceType = 'main_frame' | 'sub_frame';

export interface DnrRuleCondition {
  /** RE2 syntax in Chrome. Needed whenever the redirect uses `regexSubstitution`. */
  regexFilter?: string;
  urlFilter?: string;
  /** Default false in both browsers; set explicitly so the rule reads the same everywhere. */
  isUrlFilterCaseSensitive?: boolean;
  /** Matches a request whose host equals, or is a subdomain of, a listed domain. */
  requestDomains?: string[];
  /** Not matched when the host equals, or is a subdomain of, a listed domain. */
  excludedRequestDomains?: string[];
  resourceTypes: DnrResourceType[];
}

export interface DnrRedirect {
  /** `\0` is the whole text the regexFilter matched. Only valid with `regexFilter`. */
  regexSubstitution?: string;
  url?: string;
  extensionPath?: string;
}

export type DnrRuleAction = { type: 'redirect'; redirect: DnrRedirect } | { type: 'allow' };

export interface DnrRule {
  id: number;
  priority: number;
  action: DnrRuleAction;
  condition: DnrRuleCondition;
}

/** What the browser accepts in its dynamic ruleset. */
export interface DnrLimits {
  /** All dynamic rules. */
  maxDynamicRules: number;
  /** Dynamic rules that are "unsafe" in Chrome's sense: every `redirect` rule counts. */
  maxUnsafeDynamicRules: number;
  /** Dynamic rules with a `regexFilter`. */
  maxRegexRules: number;
}

// Chrome 121+: 30,000 dynamic rules, of which at most 5,000 "unsafe" (redirect and
// modifyHeaders; block/allow/allowAllRequests/upgradeScheme are "safe"), and 1,000 regex rules.
// Sources: https://developer.chrome.com/blog/improvements-to-content-filtering-in-manifest-v3,
// https://developer.chrome.com/docs/extensions/reference/api/declarativeNetRequest#property-MAX_NUMBER_OF_DYNAMIC_RULES
// (MAX_NUMBER_OF_DYNAMIC_RULES, MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES, MAX_NUMBER_OF_REGEX_RULES).
// Chrome also rejects a single regexFilter whose compiled form exceeds 2 KB ("memoryLimitExceeded").
// The background should prefer the browser's own constants when present and fall back to these.
export const CHROME_DNR_LIMITS: DnrLimits = {
  maxDynamicRules: 30_000,
  maxUnsafeDynamicRules: 5_000,
  maxRegexRules: 1_000,
};

// Firefox 128+: MAX_NUMBER_OF_DYNAMIC_RULES 5,000 and MAX_NUMBER_OF_SESSION_RULES 5,000 (each
// its own quota; before 128 one MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES of 5,000), and
// MAX_NUMBER_OF_REGEX_RULES 1,000 per ruleset. Firefox has no safe/unsafe split yet
// (bugzilla 1899259), so the unsafe cap is the whole dynamic cap. The values are prefs
// (extensions.dnr.max_number_of_dynamic_rules, ...), defaults in
// toolkit/components/extensions/ExtensionDNRLimits.sys.mjs (mozilla/gecko-dev), and MDN
// .../API/declarativeNetRequest/MAX_NUMBER_OF_DYNAMIC_RULES.
export const FIREFOX_DNR_LIMITS: DnrLimits = {
  maxDynamicRules: 5_000,
  maxUnsafeDynamicRules: 5_000,
  maxRegexRules: 1_000,
};

// Size of one rule: neither Chrome's nor MDN's documentation states a cap on the length of
// requestDomains/excludedRequestDomains, and no browser bug about one was found (searched
// 2026). uBlock Origin Lite ships thousands of domains in one rule's requestDomains. What is
// documented is per regexFilter (2 KB compiled, Chrome) and per rule count. Chrome does keep
// dynamic rules in an indexed file whose total size is not documented: a list of 188k domains
// in a few rules is untested in a real browser and must be checked there.
