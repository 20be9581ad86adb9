// Which category does a host belong to? The pure matching core (no browser API).
//
// Semantics (docs/design.md "Policy"): a domain entry matches that host and every subdomain, by
// whole labels (`taobao.com` matches `item.taobao.com`, never `nottaobao.com`). `allow` wins
// over every category, even over a more specific category entry, as the DNR allow rules of
// higher priority do. Among categories the most specific entry wins; on a tie, the first
// category in order. Categories whose mode is 'off' take no part at all: switching a
// category off must not exempt its hosts from another category that also lists them.

import type { Mode } from '../policy/constants';

export interface CategoryRuleSet {
  id: string;
  mode: Mode;
  domains: string[];
  urlKeywords: string[];
}

export interface MatchConfig {
  categories: CategoryRuleSet[];
  allow: string[];
}

/** A temporary allow from the block page (epoch ms). */
export interface LiveUnlock {
  host: string;
  until: number;
}

/** The host is in a category: `entry` is the list entry that matched ("taobao.com"). */
export interface CategoryMatch {
  readonly allowed: false;
  readonly category: string;
  readonly entry: string;
  readonly mode: Mode;
}

/** The host is never blocked: `entry` is the allow-list entry that matched. */
export interface AllowMatch {
  readonly allowed: true;
  readonly entry: string;
}

export type HostMatch = CategoryMatch | AllowMatch;

export interface KeywordMatch {
  readonly category: string;
  readonly keyword: string;
  readonly mode: Mode;
}

interface KeywordEntry {
  /** What the URL is searched for: lower case, non-ASCII percent-encoded as browsers send it. */
  readonly needle: string;
  readonly match: KeywordMatch;
}

export interface HostIndex {
  /**
   * Every listed domain once, in the order the tie rule reads them (allow, then the categories
   * in order), with `matches[i]` the decision for a host whose most specific listed suffix is
   * `entries[i]`. Arrays, not a Map (issue 16: at 113k entries a Map's hashing and growth, with
   * a frozen object per entry, was about a sixth of the index's cost, and the table below
   * holds every entry anyway).
   */
  readonly entries: readonly string[];
  readonly matches: readonly HostMatch[];
  /** The same entries in an open-addressing table for the allocation-free lookup. */
  readonly table: SuffixTable;
  readonly keywords: readonly KeywordEntry[];
}

/**
 * A hashed suffix trie, walked once from the host's end with no allocation: slicing the host
 * per label made a new string to hash each time (docs/architecture.md, "The host index").
 * Every label suffix of every entry is a node, so the walk stops at the first suffix no
 * entry ends with.
 */
interface SuffixTable {
  readonly mask: number;
  /** 32 − log2(size): the home slot is the top bits of the mixed hash (see homeSlot). */
  readonly shift: number;
  /**
   * Two cells per slot, side by side so a probe touches one cache line: [2s] the node's hash
   * (skips most string compares), [2s + 1] index + 1 into `nodes` / `matches`, negated when
   * longer entries end with this node (the walk must go on); 0 = empty slot.
   */
  readonly slots: Int32Array;
  readonly nodes: readonly string[];
  /** The decision for a host whose longest listed suffix is this node; null for a bare node. */
  readonly matches: readonly (HostMatch | null)[];
  /**
   * A one-hash Bloom filter over the nodes' hashes, four bits per slot up to 2^20 bits (128 KB),
   * small enough to stay in the CPU's cache where the slots do not: most hosts leave the table
   * at their second label, and the filter answers that miss without touching the slots.
   */
  readonly filter: Int32Array;
  readonly filterShift: number;
}

export function buildHostIndex(config: MatchConfig): HostIndex {
  let count = config.allow.length;
  for (const category of config.categories) if (category.mode !== 'off') count += category.domains.length;
  const all = newSuffixTable(count);
  const entries: string[] = [];
  const matches: HostMatch[] = [];
  const add = (entry: string, match: HostMatch): void => {
    // First writer wins: allow before every category, then categories in order (the tie rule).
    if (!all.insert(entry, match)) return;
    entries.push(entry);
    matches.push(match);
  };
  const allow = newSuffixTable(config.allow.length); // only allow entries, to resolve the category entries below them
  for (const entry of config.allow) {
    const match: AllowMatch = { allowed: true, entry };
    allow.insert(entry, match);
    add(entry, match);
  }
  const allowTable = allow.done();
  for (const category of config.categories) {
    if (category.mode === 'off') continue;
    for (const entry of category.domains) {
      // A category entry below an allowed domain (`game.qq.com` under allowed `qq.com`)
      // resolves to that allow entry here, once, so the first hit of categorizeHost's walk
      // is always final.
      const allowedAbove = allowTable.nodes.length === 0 ? null : lookup(allowTable, entry, 0);
      add(entry, allowedAbove ?? { allowed: false, category: category.id, entry, mode: category.mode });
    }
  }
  return { entries, matches, table: all.done(), keywords: buildKeywordEntries(config) };
}

/**
 * The decision for a host, or null when no entry matches. Hot path: one walk over the
 * characters from the end; at each label boundary the suffix's hash is looked up. The last
 * (longest) hit is the most specific entry. No split, no slice, no result allocation.
 */
export function categorizeHost(index: HostIndex, host: string): HostMatch | null {
  return lookup(index.table, host, 0);
}

/**
 * The decision for the most specific listed proper ancestor of a normalised entry
 * (`item.taobao.com` → the match of `taobao.com`), or null when none is listed. The rule
 * compiler asks this of every entry; most have no listed ancestor, and this answers without
 * allocating.
 */
export function listedAncestor(index: HostIndex, entry: string): HostMatch | null {
  const dot = entry.indexOf('.');
  return dot < 0 ? null : lookup(index.table, entry, dot + 1);
}

/**
 * The decision stored for `name` itself when it is a listed entry (as `matches[i]` for
 * `entries[i]`), or null: a name only some entry ends with, or none, is not listed. For a
 * normalised name, as the entries are.
 */
export function listedMatch(index: HostIndex, name: string): HostMatch | null {
  const { mask, shift, slots, nodes, matches } = index.table;
  let hash = HASH_SEED;
  for (let i = name.length - 1; i >= 0; i--) hash = Math.imul(hash ^ name.charCodeAt(i), HASH_PRIME);
  for (let slot = homeSlot(hash, shift); ; slot = (slot + 1) & mask) {
    const cell = slots[2 * slot + 1]!;
    if (cell === 0) return null;
    if (slots[2 * slot] !== hash) continue;
    const at = (cell < 0 ? -cell : cell) - 1;
    if (nodes[at] === name) return matches[at]!;
  }
}

/** categorizeHost over `host` from `start` on (`start` is 0 or just after a '.'). */
function lookup(table: SuffixTable, host: string, start: number): HostMatch | null {
  const { mask, shift, slots, nodes, matches, filter, filterShift } = table;
  const length = host.length;
  let found: HostMatch | null = null;
  let hash = HASH_SEED;
  // From the last character to a virtual '.' before `start`: at each '.', the suffix after
  // it is complete and its hash is looked up.
  for (let i = length - 1; ; i--) {
    const code = i >= start ? host.charCodeAt(i) : 46; /* . */
    if (code !== 46) {
      // Upper case, non-ASCII: not the form the table holds. Rare (URL hostnames are lower case).
      if (code - 65 < 26 && code >= 65) return renormalized(table, host, start);
      if (code > 127) return renormalized(table, host, start);
      hash = Math.imul(hash ^ code, HASH_PRIME);
      continue;
    }
    const suffixLength = length - i - 1;
    if (suffixLength === 0) {
      if (i === length - 1 && length > start) return renormalized(table, host, start); // trailing dot
      return found; // empty label ("a..b", or an empty host): not a hostname, no longer match
    }
    const bit = hash >>> filterShift;
    if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return found; // not a node: as an empty slot
    let ref = 0;
    for (let slot = homeSlot(hash, shift); ; slot = (slot + 1) & mask) {
      const cell = slots[2 * slot + 1]!;
      if (cell === 0) return found; // no entry ends with this suffix: nothing longer can match
      if (slots[2 * slot] === hash) {
        const node = nodes[(cell < 0 ? -cell : cell) - 1]!;
        if (node.length === suffixLength && host.endsWith(node)) {
          ref = cell;
          break;
        }
      }
    }
    const match = matches[(ref < 0 ? -ref : ref) - 1]!;
    if (match !== null) found = match;
    if (ref > 0 || i < start) return found; // a leaf (no entry is longer), or the whole host
    hash = Math.imul(hash ^ code, HASH_PRIME);
  }
}

function renormalized(table: SuffixTable, host: string, start: number): HostMatch | null {
  const part = start === 0 ? host : host.slice(start);
  const normal = normalizeLookupHost(part);
  // An input normalizeLookupHost cannot make lower-case ASCII (an invalid name) matches
  // nothing; an unchanged one would only bring us back here.
  return normal === '' || normal === part ? null : lookup(table, normal, 0);
}

// FNV-1a constants; the hash runs over UTF-16 code units from the end of the name.
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/**
 * FNV's low bits depend only on the low bits of every step, which clusters a power-of-two
 * table; a multiply by the golden ratio and the top bits spread every bit of the hash.
 */
function homeSlot(hash: number, shift: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> shift;
}

/**
 * An open-addressing table that `insert` fills with every entry and each of its label
 * suffixes (`game.qq.com`, `qq.com`, `com`), hashing each entry once from its end as
 * categorizeHost walks a host. Nodes are only sliced out of an entry when new. Sized for
 * `entries` at load <= 0.5; doubles when half full.
 */
function newSuffixTable(entries: number): { insert(entry: string, match: HostMatch): boolean; done(): SuffixTable } {
  let size = 16;
  while (size < entries * 2) size *= 2;
  let mask = size - 1;
  let shift = 32 - Math.log2(size);
  let slots = new Int32Array(2 * size);
  const nodes: string[] = [];
  const matches: (HostMatch | null)[] = [];

  const grow = (): void => {
    const old = slots;
    size *= 2;
    mask = size - 1;
    shift -= 1;
    slots = new Int32Array(2 * size);
    for (let at = 0; at < old.length; at += 2) {
      const cell = old[at + 1]!;
      if (cell === 0) continue;
      let slot = homeSlot(old[at]!, shift);
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[at]!;
      slots[2 * slot + 1] = cell;
    }
  };

  /** Adds `entry` with its decision; false (and nothing changed) when it is listed already. */
  const insert = (entry: string, match: HostMatch): boolean => {
    let hash = HASH_SEED;
    for (let i = entry.length - 1; ; i--) {
      const code = i >= 0 ? entry.charCodeAt(i) : 46; /* . */
      if (code !== 46) {
        hash = Math.imul(hash ^ code, HASH_PRIME);
        continue;
      }
      const whole = i < 0;
      const suffixLength = entry.length - i - 1;
      for (let slot = homeSlot(hash, shift); ; slot = (slot + 1) & mask) {
        const cell = slots[2 * slot + 1]!;
        if (cell === 0) {
          // New node: the entry itself (a leaf until a longer entry ends with it) or a bare suffix.
          nodes.push(whole ? entry : entry.slice(i + 1));
          matches.push(whole ? match : null);
          slots[2 * slot] = hash;
          slots[2 * slot + 1] = whole ? nodes.length : -nodes.length;
          if (nodes.length * 2 > size) grow();
          break;
        }
        if (slots[2 * slot] !== hash) continue;
        const at = (cell < 0 ? -cell : cell) - 1;
        const node = nodes[at]!;
        if (node.length !== suffixLength || !entry.endsWith(node)) continue;
        if (whole) {
          if (matches[at] !== null) return false; // listed before: the first writer wins
          matches[at] = match; // known so far as a suffix of a longer entry
        } else if (cell > 0) slots[2 * slot + 1] = -cell; // a longer entry ends with it now
        break;
      }
      if (whole) return true;
      hash = Math.imul(hash ^ code, HASH_PRIME);
    }
  };

  const done = (): SuffixTable => {
    // Four filter bits per slot (slots >= 2 per node), between 2^10 and 2^20 bits.
    const filterLog2 = Math.min(20, Math.max(10, Math.log2(size) + 2));
    const filterShift = 32 - filterLog2;
    const filter = new Int32Array(2 ** filterLog2 / 32);
    for (let at = 0; at < slots.length; at += 2) {
      if (slots[at + 1] === 0) continue;
      const bit = slots[at]! >>> filterShift;
      filter[bit >>> 5]! |= 1 << (bit & 31);
    }
    return { mask, shift, slots, nodes, matches, filter, filterShift };
  };
  return { insert, done };
}

/**
 * Lower-cases, drops trailing dots (`TaoBao.COM.` → `taobao.com`) and turns a Unicode name
 * into punycode. Allocates only when the input needs changing, which hostnames taken from a
 * `URL` never do except for a trailing dot.
 */
export function normalizeLookupHost(host: string): string {
  let end = host.length;
  while (end > 0 && host.charCodeAt(end - 1) === 46 /* . */) end--;
  for (let i = 0; i < end; i++) {
    const code = host.charCodeAt(i);
    if (code > 127) return toPunycodeHost(host.slice(0, end));
    if (code >= 65 && code <= 90) return normalizeLookupHost(host.slice(0, end).toLowerCase());
  }
  return end === host.length ? host : host.slice(0, end);
}

/**
 * The first keyword (categories in order, then keywords in order) found in the URL,
 * case-insensitively, as the DNR keyword rules match it. Callers decide precedence: an
 * allowed host (categorizeHost) wins over keywords, as the allow rules do in DNR.
 */
export function matchUrlKeyword(index: HostIndex, url: string): KeywordMatch | null {
  if (index.keywords.length === 0) return null;
  const haystack = url.toLowerCase();
  for (const { needle, match } of index.keywords) {
    if (haystack.includes(needle)) return match;
  }
  return null;
}

/**
 * How a keyword appears in a request URL: browsers send non-ASCII as UTF-8 percent-escapes
 * (`红包` → `%e7%ba%a2%e5%8c%85`, compared case-insensitively). A page that encodes its query
 * in GBK sends other bytes; such URLs are not caught.
 */
export function keywordNeedle(keyword: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(keyword);
  return (ascii ? keyword : encodeURI(keyword)).toLowerCase();
}

function buildKeywordEntries(config: MatchConfig): KeywordEntry[] {
  const entries: KeywordEntry[] = [];
  for (const category of config.categories) {
    if (category.mode === 'off') continue;
    for (const keyword of category.urlKeywords) {
      if (keyword === '') continue;
      entries.push({
        needle: keywordNeedle(keyword),
        match: Object.freeze({ category: category.id, keyword, mode: category.mode }),
      });
    }
  }
  return entries;
}

function toPunycodeHost(host: string): string {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return ''; // not a valid host name: it matches nothing, which is the truth
  }
}
