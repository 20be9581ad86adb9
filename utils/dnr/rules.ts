// Compile the matching configuration into DNR dynamic rules (docs/design.md "Flows: Blocking").
// The rules must decide exactly as categorizeHost does; tests/unit/dnr/rules.test.ts checks that
// against a reference DNR evaluator.
//
// Rule ids (stable for a given configuration, so an update can be compared with the last):
//   10..999      blocked category c (0-based position in config.categories):
//                (c + 1) * 10 + layer * 2: the frame redirect; + 1: its sub-resource block rule
//   1000..9999   keyword rules, in category then keyword order: 1000 + 2k the frame
//                redirect, + 1 its sub-resource block rule
//   10000        the allow list (frames), 10001 the allow list (every other request)
//   20000..29999 live unlocks, by host: 20000 + 2u lets the unlocked site's frames and
//                everything they load through (allowAllRequests), + 1 any request to the host.
//                Installed as session rules (isSessionRule), every other rule as a dynamic one.
// Priorities: allow and unlock rules (PRIORITY.allow) above every redirect and block
// (PRIORITY.block), so an allowed host is never redirected, whatever category or keyword also
// matches it.
//
// Frames (main_frame, sub_frame) are redirected to the block page, which says why; every other
// request to a blocked host (scripts, images, fetch, WebSocket, <object>/<embed>, a service
// worker's own fetches) is cancelled with a `block` rule (#17): nothing reaches the host, and a
// web page gets no block page to count. Block rules are "safe" in Chrome (no unsafe quota) and
// need no regexFilter, so they cost only the dynamic-rule count.

import { buildHostIndex, keywordNeedle, listedAncestor, listedMatch, type HostIndex, type LiveUnlock, type MatchConfig } from '../matching/host-index';
import { TextDigest, WORD_LIST_MIN } from '../digest';
import type { DnrLimits, DnrResourceType, DnrRule } from './types';

export const PRIORITY = { block: 1, allow: 100 } as const;

export const RULE_ID = {
  trailingDot: 1,
  trailingDotSubresources: 2,
  categoryBase: 10,
  categoryStride: 10,
  keywordBase: 1000,
  keywordEnd: 9999,
  allow: 10000,
  unlockBase: 20000,
  unlockEnd: 29999,
} as const;

/**
 * Whether the rule with this id is installed as a session rule: the live unlocks (issue 16:
 * adding one to the dynamic rules made Chromium index a large policy again). Priorities work
 * across an extension's rule sets, so an unlock still wins over the policy's blocks.
 */
export const isSessionRule = (id: number): boolean => id >= RULE_ID.unlockBase && id <= RULE_ID.unlockEnd;

/** Navigations: redirected to the block page. */
const FRAME_TYPES: DnrResourceType[] = ['main_frame', 'sub_frame'];
/** Every request type but a navigation (blocked); named by exclusion so both browsers' lists fit. */
const subResources = (): { excludedResourceTypes: DnrResourceType[] } => ({ excludedResourceTypes: [...FRAME_TYPES] });

/** Room for nesting layers per category inside its stride of ids (two ids per layer). */
const MAX_LAYERS = RULE_ID.categoryStride / 2;

export interface CompileOptions {
  /** Full URL of the block page (`browser.runtime.getURL('/blocked.html')`); the original URL follows `#`. */
  blockPageUrl: string;
  unlocks?: LiveUnlock[];
  /** Epoch ms; unlocks with `until <= now` are left out. Required with `unlocks`. */
  now?: number;
  limits: DnrLimits;
  /** The index built from the same config, when the caller has one: it is costly to build for a large policy. */
  index?: HostIndex;
}

export interface RuleStats {
  /** Category rules: a frame redirect and a sub-resource block rule per category layer. */
  categoryRules: number;
  /** Keyword rules: a frame redirect and a sub-resource block rule per keyword, all regex. */
  keywordRules: number;
  allowRules: number;
  unlockRules: number;
  /** Rules with a regexFilter (the redirects and the keyword block rules). */
  regexRules: number;
  /** Redirect rules: "unsafe" in Chrome. */
  redirectRules: number;
  /** Sub-resource block rules ("safe" in Chrome). */
  blockRules: number;
  total: number;
  /** Domains listed over all category rules. */
  blockedDomains: number;
  /** When the first live unlock ends (epoch ms), to schedule the next recompile; null if none. */
  nextUnlockExpiry: number | null;
}

export type RuleLimitKind = 'dynamicRules' | 'unsafeRules' | 'regexRules' | 'ruleIds';

export interface RuleLimitError {
  kind: RuleLimitKind;
  count: number;
  limit: number;
  over: number;
  /** English, for logs; the UI builds its own text from the fields. */
  message: string;
}

export type CompileResult =
  | { ok: true; rules: DnrRule[]; stats: RuleStats }
  | { ok: false; errors: RuleLimitError[] };

export function compileBlockRules(config: MatchConfig, options: CompileOptions): CompileResult {
  const index = options.index ?? buildHostIndex(config);
  const idErrors: RuleLimitError[] = [];
  const categoryRules = compileCategoryRules(config, index, options, idErrors);
  const keywordRules = compileKeywordRules(config, options.blockPageUrl, idErrors);
  const allowRules = compileAllowRules(config.allow);
  const live = liveUnlocks(options.unlocks ?? [], options.now);
  const unlockRules = compileUnlockRules(live, idErrors);
  const dotRules = categoryRules.length + keywordRules.length > 0 ? trailingDotRules() : [];
  const rules = [...dotRules, ...categoryRules, ...keywordRules, ...allowRules, ...unlockRules];

  const redirectRules = rules.filter((rule) => rule.action.type === 'redirect').length;
  const stats: RuleStats = {
    categoryRules: categoryRules.length,
    keywordRules: keywordRules.length,
    allowRules: allowRules.length,
    unlockRules: unlockRules.length,
    regexRules: rules.filter((rule) => rule.condition.regexFilter !== undefined).length,
    redirectRules,
    blockRules: rules.filter((rule) => rule.action.type === 'block').length,
    total: rules.length,
    blockedDomains: categoryRules.filter((rule) => rule.action.type === 'redirect').reduce((n, rule) => n + (rule.condition.requestDomains?.length ?? 0), 0),
    nextUnlockExpiry: live.length === 0 ? null : Math.min(...live.map((unlock) => unlock.until)),
  };
  const errors = [...idErrors, ...checkLimits(stats, options.limits)];
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules, stats };
}

/** A canonical text of the rules, stable across key and rule order, for storing and comparing. */
export function rulesFingerprint(rules: readonly DnrRule[]): string {
  return canonicalJson([...rules].sort((x, y) => x.id - y.id));
}

/**
 * A short hash of the rules, for comparing the browser's with the compiled ones at every
 * reconcile (#17): their canonical text fed to the digest piece by piece, never built (issue
 * 16: at 113k domains the text is 4 MB, and building it at every wake cost ~70 ms and most of
 * ~120 ms of garbage collection). It equals textHash(rulesFingerprint(rules)) while every
 * list is shorter than SHARED_LIST_MIN. A longer list is fed as words, not as its JSON text
 * (TextDigest.updateWordList: half the multiplications, no escape checks); and one equal, item
 * for item, to a list fed before is fed as a back-reference (U+0000, which JSON never writes
 * raw, and the earlier list's number). A category's domains are in its redirect rule and again
 * in its block rule, and comparing two lists costs a fraction of hashing one; a list edited in
 * one rule and not the other differs, and is hashed whole.
 */
export function rulesDigest(rules: readonly DnrRule[]): string {
  return feedRules(rules, WHOLE);
}

/**
 * How many slices the check at a wake with nothing to compile cycles through, one a minute
 * (rulesSliceDigest): a domain swapped in place for another is found within this many minutes
 * of one-a-minute checkpoint wakes; anything else that differs, at the next wake.
 */
export const CHECK_SLICES = 10;

/** The slice a wake at `now` checks: the minute's number, so one-a-minute checkpoint wakes take each in turn. */
export function checkSlice(now: number): number {
  return Math.floor(now / 60_000) % CHECK_SLICES;
}

/**
 * rulesDigest of one slice of the rules, for the check of the browser's rules at a wake where
 * nothing changed (#17, issue 16: hashing all 113k domains read back at every wake was most of
 * that wake's script time). Everything rulesDigest feeds except the long lists' items is fed
 * whole: every id, action, condition and short list, and each long list's length. Of a long
 * list's items only those at index ≡ slice (mod CHECK_SLICES) are fed, so the slices together
 * feed every item: a rule edited, added or removed, or a domain added or removed, changes every
 * slice; a domain replaced by another of the same count changes exactly the slice holding it.
 */
export function rulesSliceDigest(rules: readonly DnrRule[], slice: number): string {
  if (!Number.isInteger(slice) || slice < 0 || slice >= CHECK_SLICES) throw new RangeError(`slice ${slice} is not in 0…${CHECK_SLICES - 1}`);
  return feedRules(rules, { from: slice, step: CHECK_SLICES });
}

/** Which items of a long list are fed: all of them, or every step-th from `from`. */
interface Slice {
  from: number;
  step: number;
}
const WHOLE: Slice = { from: 0, step: 1 };

function feedRules(rules: readonly DnrRule[], slice: Slice): string {
  const digest = new TextDigest();
  feedCanonical(digest, [...rules].sort((x, y) => x.id - y.id), [], slice);
  return `${digest.hex()}:${digest.length}`;
}

/** Lists at least this long are compared with those fed before and fed as words (shorter ones cost little to hash). */
const SHARED_LIST_MIN = WORD_LIST_MIN;

/** The lists are as long, and equal at the slice's items. */
function sameItems(a: readonly unknown[], b: readonly unknown[], { from, step }: Slice): boolean {
  if (a.length !== b.length) return false;
  for (let i = from; i < a.length; i += step) if (a[i] !== b[i]) return false;
  return true;
}

// ---- category rules ----

/**
 * One redirect rule per blocked category over requestDomains; several ("layers") only when
 * the category's entries nest around another category's (shopping `a.com`, video (log)
 * `v.a.com`, shopping `x.v.a.com`). The inner entry of another category is excluded from the
 * outer rule, and an entry below such an exclusion goes to the next layer, so no rule ever
 * lists a domain below one it excludes. Why: Firefox lets an excluded domain win over any
 * listed one, Chrome's docs only say exclusion "takes precedence"; this way both agree.
 */
function compileCategoryRules(
  config: MatchConfig,
  index: HostIndex,
  options: CompileOptions,
  errors: RuleLimitError[],
): DnrRule[] {
  const layerOf = new Map<string, number>();
  const layer = (entry: string, category: string): number => {
    const known = layerOf.get(entry);
    if (known !== undefined) return known;
    // The nearest listed ancestor in the same category, and whether another category's entry lies between.
    let separated = false;
    let result = 0;
    for (let dot = entry.indexOf('.'); dot >= 0; dot = entry.indexOf('.', dot + 1)) {
      const ancestor = entry.slice(dot + 1);
      const match = listedMatch(index, ancestor);
      if (match === null || match.allowed) continue;
      if (match.category !== category) {
        separated = true;
        continue;
      }
      result = layer(ancestor, category) + (separated ? 1 : 0);
      break;
    }
    layerOf.set(entry, result);
    return result;
  };

  // Per category: layer → listed domains, and layer → domains of other categories nested inside.
  const included = new Map<string, string[][]>();
  const excluded = new Map<string, string[][]>();
  const push = (table: Map<string, string[][]>, category: string, at: number, entry: string): void => {
    const layers = table.get(category) ?? [];
    (layers[at] ??= []).push(entry);
    table.set(category, layers);
  };
  for (let i = 0; i < index.entries.length; i++) {
    const entry = index.entries[i]!;
    const match = index.matches[i]!;
    if (match.allowed) continue; // the allow rule covers it (and everything below)
    // The nearest listed ancestor; never an allowed one, as an entry below an allowed domain
    // resolves to the allow entry itself. Most entries have none: layer 0, nothing to exclude.
    const parent = listedAncestor(index, entry);
    if (parent === null || parent.allowed) {
      push(included, match.category, 0, entry);
      continue;
    }
    push(included, match.category, layer(entry, match.category), entry);
    if (parent.category !== match.category) {
      push(excluded, parent.category, layer(parent.entry, parent.category), entry);
    }
  }

  const rules: DnrRule[] = [];
  config.categories.forEach((category, position) => {
    if (category.mode !== 'block') return;
    const layers = included.get(category.id) ?? [];
    const base = RULE_ID.categoryBase + position * RULE_ID.categoryStride;
    if (base + RULE_ID.categoryStride - 1 >= RULE_ID.keywordBase || layers.length > MAX_LAYERS) {
      errors.push(idSpaceError(`category ${category.id}`, position + 1, layers.length));
      return;
    }
    layers.forEach((domains, at) => {
      const exclusions = excluded.get(category.id)?.[at] ?? [];
      rules.push(...categoryRules(base + at * 2, domains, exclusions, options.blockPageUrl));
    });
  });
  return rules;
}

/** The frame redirect (id) and the sub-resource block rule (id + 1) over the same domains. */
function categoryRules(id: number, domains: string[], exclusions: string[], blockPageUrl: string): DnrRule[] {
  const hosts = { requestDomains: domains, ...(exclusions.length > 0 ? { excludedRequestDomains: exclusions } : {}) };
  return [
    {
      id,
      priority: PRIORITY.block,
      action: { type: 'redirect', redirect: { regexSubstitution: `${blockPageUrl}#\\0` } },
      // '^.+$' matches the whole URL so `\0` carries it unchanged into the fragment
      // (verified in Chromium 156 and Firefox 153, docs/browsers.md).
      condition: { regexFilter: '^.+$', ...hosts, resourceTypes: [...FRAME_TYPES] },
    },
    { id: id + 1, priority: PRIORITY.block, action: { type: 'block' }, condition: { ...hosts, ...subResources() } },
  ];
}

/**
 * `taobao.com.` is the same site as `taobao.com`, but Firefox 153's requestDomains does not
 * match a host with a trailing dot (Chromium 156's does): measured here, the test server
 * received the request. One regex rule sends any http(s) URL whose host ends with dots to the
 * same URL without them, before a request is made; the new request then meets the category
 * rules like any other. One rule closes the gap for every list size, and costs an allowed
 * dotted host nothing but the dot. The lookahead-free pattern is RE2-safe for Chrome.
 */
export const TRAILING_DOT_REGEX = '^(https?://(?:[^/?#@]*@)?[^/?#:@]*[^/?#:@.])\\.+((?::[0-9]+)?(?:[/?#].*)?)$';

/** Any scheme (http, https, ws, wss) whose host ends with a dot. */
export const DOTTED_HOST_REGEX = '^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?[^/?#:@]*\\.(?::[0-9]+)?(?:[/?#].*)?$';

function trailingDotRules(): DnrRule[] {
  return [
    {
      id: RULE_ID.trailingDot,
      priority: PRIORITY.block,
      action: { type: 'redirect', redirect: { regexSubstitution: '\\1\\2' } },
      // Frames: Chromium matches a dotted host with requestDomains anyway; docs/browsers.md has the Firefox gap.
      condition: { regexFilter: TRAILING_DOT_REGEX, resourceTypes: [...FRAME_TYPES] },
    },
    {
      // Sub-resources (#17, measured in Firefox 153: an allowed page's object, embed, image,
      // script and style to `taobao.com.` reached the host): blocked whatever the host. Nothing
      // legitimate writes a dotted host into a page, and a block reaches WebSocket too.
      id: RULE_ID.trailingDotSubresources,
      priority: PRIORITY.block,
      action: { type: 'block' },
      condition: { regexFilter: DOTTED_HOST_REGEX, ...subResources() },
    },
  ];
}

// ---- keyword rules ----

/**
 * One rule per keyword of a blocked category. Not `urlFilter`: a redirect's
 * `regexSubstitution` (needed to pass the original URL) is only valid with a `regexFilter`
 * (Redirect.regexSubstitution, MDN and Chrome docs), so each keyword rule is a regex rule
 * and counts against the regex limit. Case-insensitive: `isUrlFilterCaseSensitive` applies to
 * regexFilter too.
 */
function compileKeywordRules(config: MatchConfig, blockPageUrl: string, errors: RuleLimitError[]): DnrRule[] {
  const rules: DnrRule[] = [];
  let id = RULE_ID.keywordBase;
  for (const category of config.categories) {
    if (category.mode !== 'block') continue;
    for (const keyword of category.urlKeywords) {
      if (keyword === '') continue;
      const url = { regexFilter: `^.*${escapeRegex(keywordNeedle(keyword))}.*$`, isUrlFilterCaseSensitive: false };
      rules.push(
        {
          id: id++,
          priority: PRIORITY.block,
          action: { type: 'redirect', redirect: { regexSubstitution: `${blockPageUrl}#\\0` } },
          condition: { ...url, resourceTypes: [...FRAME_TYPES] },
        },
        { id: id++, priority: PRIORITY.block, action: { type: 'block' }, condition: { ...url, ...subResources() } },
      );
    }
  }
  const room = RULE_ID.keywordEnd - RULE_ID.keywordBase + 1;
  if (rules.length > room) errors.push(idSpaceError('keyword rules', rules.length / 2, room / 2));
  return rules;
}

/** Escapes RE2/JS regex syntax so the keyword matches literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

// ---- allow and unlock rules ----

function compileAllowRules(allow: string[]): DnrRule[] {
  if (allow.length === 0) return []; // an empty requestDomains is rejected by the browser
  // Two rules, frames and the rest: Chromium 156 took an empty excludedResourceTypes as "not
  // main_frame" (measured: an allowed host's page went to the block page).
  const domains = [...new Set(allow)];
  return [
    { id: RULE_ID.allow, priority: PRIORITY.allow, action: { type: 'allow' }, condition: { requestDomains: domains, resourceTypes: [...FRAME_TYPES] } },
    { id: RULE_ID.allow + 1, priority: PRIORITY.allow, action: { type: 'allow' }, condition: { requestDomains: [...domains], ...subResources() } },
  ];
}

function liveUnlocks(unlocks: LiveUnlock[], now: number | undefined): LiveUnlock[] {
  if (unlocks.length > 0 && now === undefined) throw new Error('compileBlockRules: `now` is required with `unlocks`');
  const latest = new Map<string, number>();
  for (const { host, until } of unlocks) {
    if (until > (now ?? 0)) latest.set(host, Math.max(until, latest.get(host) ?? 0));
  }
  return [...latest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([host, until]) => ({ host, until }));
}

/**
 * Two rules per unlocked host, so an expired unlock disappears alone: the site's pages and all
 * they load (its CDN may be a blocked host too) go through, and so does any request to the
 * host itself (its service worker's fetches are not a frame's).
 */
function compileUnlockRules(live: LiveUnlock[], errors: RuleLimitError[]): DnrRule[] {
  const room = Math.floor((RULE_ID.unlockEnd - RULE_ID.unlockBase + 1) / 2);
  if (live.length > room) errors.push(idSpaceError('unlock rules', live.length, room));
  return live.slice(0, room).flatMap((unlock, i): DnrRule[] => [
    { id: RULE_ID.unlockBase + 2 * i, priority: PRIORITY.allow, action: { type: 'allowAllRequests' }, condition: { requestDomains: [unlock.host], resourceTypes: [...FRAME_TYPES] } },
    { id: RULE_ID.unlockBase + 2 * i + 1, priority: PRIORITY.allow, action: { type: 'allow' }, condition: { requestDomains: [unlock.host], ...subResources() } },
  ]);
}

// ---- limits ----

function checkLimits(stats: RuleStats, limits: DnrLimits): RuleLimitError[] {
  const errors: RuleLimitError[] = [];
  const check = (kind: RuleLimitKind, count: number, limit: number, what: string, detail: string): void => {
    if (count <= limit) return;
    const over = count - limit;
    errors.push({ kind, count, limit, over, message: `${over} ${what} over the browser's ${detail} of ${limit} (${count} in all)` });
  };
  const regexDetail = `${stats.keywordRules} keyword rules, ${stats.categoryRules / 2} category redirects and 2 trailing-dot rules`;
  check('regexRules', stats.regexRules, limits.maxRegexRules, `regex rules (${regexDetail})`, 'regex-rule limit');
  check('unsafeRules', stats.redirectRules, limits.maxUnsafeDynamicRules, 'redirect rules', 'limit on redirect ("unsafe") dynamic rules');
  check('dynamicRules', stats.total, limits.maxDynamicRules, 'rules', 'dynamic-rule limit');
  return errors;
}

function idSpaceError(what: string, count: number, limit: number): RuleLimitError {
  return {
    kind: 'ruleIds',
    count,
    limit,
    over: Math.max(1, count - limit),
    message: `${what} do not fit Qingfeng's rule-id ranges (${count}; see RULE_ID in utils/dnr/rules.ts)`,
  };
}

/**
 * Feeds the characters canonicalJson(value) would return, a long list as words and, when it
 * equals one fed before, as a back-reference (rulesDigest); of a long list only the slice's
 * items (rulesSliceDigest).
 */
function feedCanonical(digest: TextDigest, value: unknown, fed: unknown[][], slice: Slice): void {
  const inner = (d: TextDigest, item: unknown) => feedCanonical(d, item, fed, slice);
  if (Array.isArray(value)) {
    if (value.length >= SHARED_LIST_MIN) {
      const earlier = fed.findIndex((list) => sameItems(list, value, slice));
      if (earlier !== -1) {
        digest.update(`\u0000${earlier}`);
        return;
      }
      fed.push(value);
      digest.updateWordList(value, inner, slice.from, slice.step);
      return;
    }
    digest.updateJsonArray(value, inner);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    digest.update('{');
    entries.forEach(([k, v], i) => {
      digest.update(i > 0 ? `,${JSON.stringify(k)}:` : `${JSON.stringify(k)}:`);
      feedCanonical(digest, v, fed, slice);
    });
    digest.update('}');
    return;
  }
  if (typeof value === 'string') digest.updateJsonString(value);
  else digest.update(String(JSON.stringify(value)));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
