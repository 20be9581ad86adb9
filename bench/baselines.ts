// The two matchers Qingfeng's classifier is compared with. Both give the same answer as
// categorizeHost for a list without allow entries: the most specific listed suffix (whole
// labels), and for a domain listed in several categories the first category in order.

/** Entries in category order with duplicates dropped (first category wins), and entry → category. */
export interface FlatList {
  entries: string[];
  categoryOf: Map<string, string>;
}

export function flatten(categories: readonly { id: string; domains: readonly string[] }[]): FlatList {
  const categoryOf = new Map<string, string>();
  for (const c of categories) for (const d of c.domains) if (!categoryOf.has(d)) categoryOf.set(d, c.id);
  return { entries: [...categoryOf.keys()], categoryOf };
}

export interface Answer {
  entry: string;
  category: string;
}

// ---- (a) one alternation RegExp, as regex-based blockers match ----

const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

export interface RegexMatcher {
  /** One regex when V8 accepts the whole list, else the list cut into this many. */
  regexes: RegExp[];
  categoryOf: Map<string, string>;
  /** Why it is chunked ('' when one regex did): V8's error for the whole list. */
  chunkReason: string;
  patternChars: number;
}

function compile(entries: readonly string[]): RegExp {
  // `(?:^|\.)(…)$`: the entry must be the whole host or follow a dot (label-suffix match).
  const re = new RegExp(`(?:^|\\.)(${entries.map(escapeRe).join('|')})$`);
  re.exec('warm.up.example'); // V8 compiles a regex lazily, on first use: force it here
  return re;
}

/**
 * Tries one regex for the whole list; if V8 refuses it (too large), halves the chunk size until
 * every chunk compiles.
 */
export function buildRegexMatcher(list: FlatList): RegexMatcher {
  const { entries } = list;
  let chunks = 1;
  let chunkReason = '';
  for (;;) {
    const size = Math.ceil(entries.length / chunks);
    try {
      const regexes: RegExp[] = [];
      for (let i = 0; i < entries.length; i += size) regexes.push(compile(entries.slice(i, i + size)));
      const patternChars = regexes.reduce((n, r) => n + r.source.length, 0);
      return { regexes, categoryOf: list.categoryOf, chunkReason, patternChars };
    } catch (e) {
      if (chunks === 1) chunkReason = e instanceof Error ? e.message : String(e);
      if (size <= 1) throw e;
      chunks *= 2;
    }
  }
}

/**
 * The leftmost match of `(?:^|\.)(…)$` starts at the earliest label boundary, so it is the
 * longest (most specific) listed suffix; over several chunks the longest of their answers.
 */
export function regexLookup(m: RegexMatcher, host: string): Answer | null {
  let best: string | null = null;
  for (const re of m.regexes) {
    const hit = re.exec(host);
    if (hit !== null && (best === null || hit[1]!.length > best.length)) best = hit[1]!;
  }
  return best === null ? null : { entry: best, category: m.categoryOf.get(best)! };
}

// ---- (b) a linear scan over the array ----

export interface LinearMatcher {
  entries: string[];
  /** '.' + entry, made once when the list is loaded (not per lookup). */
  dotted: string[];
  categoryOf: Map<string, string>;
}

export function buildLinearMatcher(list: FlatList): LinearMatcher {
  return { entries: list.entries, dotted: list.entries.map((d) => `.${d}`), categoryOf: list.categoryOf };
}

/** `host === d || host.endsWith('.' + d)` over every entry, keeping the longest hit. */
export function linearLookup(m: LinearMatcher, host: string): Answer | null {
  const { entries, dotted } = m;
  let best = -1;
  for (let i = 0; i < entries.length; i++) {
    const d = entries[i]!;
    if (host === d || host.endsWith(dotted[i]!)) {
      if (best < 0 || d.length > entries[best]!.length) best = i;
    }
  }
  if (best < 0) return null;
  const entry = entries[best]!;
  return { entry, category: m.categoryOf.get(entry)! };
}
