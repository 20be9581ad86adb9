// The part of chrome.declarativeNetRequest (and Firefox's browser.declarativeNetRequest) that
// Qingfeng uses, as plain types, so rules are compiled and tested in Node with no browser API.
// Field names follow https://developer.chrome.com/docs/extensions/reference/api/declarativeNetRequest

/**
 * The resource types both browsers know (Chrome's list; Firefox has these and a few more).
 * Qingfeng names only the two frame types; every other type is reached through
 * `excludedResourceTypes`, so a type one browser lacks never makes it reject a rule.
 */
export type DnrResourceType =
  | 'main_frame'
  | 'sub_frame'
  | 'stylesheet'
  | 'script'
  | 'image'
  | 'font'
  | 'object'
  | 'xmlhttprequest'
  | 'ping'
  | 'csp_report'
  | 'media'
  | 'websocket'
  | 'other';

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
  /** Either this or `excludedResourceTypes`; with neither, browsers match all but main_frame. */
  resourceTypes?: DnrResourceType[];
  /** Every type except these. Never empty: Chromium 156 read an empty list as the default (not main_frame). */
  excludedResourceTypes?: DnrResourceType[];
}

export interface DnrRedirect {
  /** `\0` is the whole text the regexFilter matched. Only valid with `regexFilter`. */
  regexSubstitution?: string;
  url?: string;
  extensionPath?: string;
}

/**
 * `block` cancels a request (sub-resources of blocked hosts); `allowAllRequests` (frames
 * only) lets a frame and every request it makes through (a live unlock).
 */
export type DnrRuleAction = { type: 'redirect'; redirect: DnrRedirect } | { type: 'allow' } | { type: 'block' } | { type: 'allowAllRequests' };

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

// The published limits, used where the browser does not state its own constants; sources and
// the limits of older versions in docs/browsers.md, "declarativeNetRequest limits".
export const CHROME_DNR_LIMITS: DnrLimits = {
  maxDynamicRules: 30_000,
  maxUnsafeDynamicRules: 5_000,
  maxRegexRules: 1_000,
};

// Firefox has no safe/unsafe split, so the unsafe cap is the whole dynamic cap.
export const FIREFOX_DNR_LIMITS: DnrLimits = {
  maxDynamicRules: 5_000,
  maxUnsafeDynamicRules: 5_000,
  maxRegexRules: 1_000,
};

