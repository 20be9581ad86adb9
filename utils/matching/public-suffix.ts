// The two public-suffix questions Qingfeng asks: is a list entry itself a public suffix
// ("com.cn", refused), and what is a host's registrable domain (tallies with recordOtherHosts).
// Both are tldts' answers (tldts-core's parse, as tldts-icann runs it) over an ICANN
// suffix lookup that the context installs first: tldts-icann's own in the pages, the CLI and
// the tests (public-suffix-tldts.ts); in the background, a lookup over the same rules read
// from the extension's public-suffixes.txt when first needed, so the worker does not carry
// and parse the list at every wake (issue 16; docs/architecture.md "What the background weighs").
import { getEmptyResult, parseImpl, resetResult, type IPublicSuffix, type ISuffixLookupOptions } from 'tldts-core';

/** The rules file the build writes into the extension (scripts/public-suffixes.ts). */
export const PUBLIC_SUFFIXES_FILE = 'public-suffixes.txt';

/** tldts' suffix lookup: sets `out.publicSuffix` for a host name. */
export type SuffixLookup = (hostname: string, options: ISuffixLookupOptions, out: IPublicSuffix) => void;

let installed: SuffixLookup | null = null;

/** A context parsed a host before installing a lookup: a bug to fix, never an admin's mistake. */
export class NoPublicSuffixListError extends Error {
  constructor() {
    super('public suffixes: no list installed (see utils/matching/public-suffix.ts)');
    this.name = 'NoPublicSuffixListError';
  }
}

/** Installs the lookup every later question uses (null: none, for a test of that case). */
export function installSuffixLookup(lookup: SuffixLookup | null): void {
  installed = lookup;
}

export function hasSuffixLookup(): boolean {
  return installed !== null;
}

function lookup(): SuffixLookup {
  if (installed === null) throw new NoPublicSuffixListError();
  return installed;
}

// tldts-core's FLAG is a const enum, which isolated modules cannot import: its values.
const PUBLIC_SUFFIX = 2;
const DOMAIN = 3;
/** The result object is reused, as tldts-icann does: every call reads it right away. */
const RESULT = getEmptyResult();

/** For a host that is already a valid lower-case name: no extraction, validation or IP detection. */
export const NAME_ONLY = { extractHostname: false, validateHostname: false, detectIp: false, mixedInputs: false } as const;

/** The host's ICANN public suffix (tldts-icann's getPublicSuffix on a valid lower-case name). */
export function publicSuffixOf(host: string): string | null {
  resetResult(RESULT);
  return parseImpl(host, PUBLIC_SUFFIX, lookup(), NAME_ONLY, RESULT).publicSuffix;
}

/** A lookup that also answers "is this host itself a public suffix?" without tldts' parse. */
interface WithSuffixCheck {
  isPublicSuffix(host: string): boolean;
}

/** Whether `host` is itself an ICANN public suffix (com.cn, edu.cn, co.uk). */
export function isPublicSuffix(host: string): boolean {
  const current = lookup() as SuffixLookup & Partial<WithSuffixCheck>;
  return current.isPublicSuffix ? current.isPublicSuffix(host) : publicSuffixOf(host) === host;
}

/** tldts-icann's getDomain: the registrable domain; null for an IP address or a public suffix. */
export function registrableDomain(host: string): string | null {
  resetResult(RESULT);
  return parseImpl(host, DOMAIN, lookup(), undefined, RESULT).domain;
}

/**
 * A suffix lookup over Public Suffix List rules, one per line ("co.uk", "*.kawasaki.jp",
 * "!city.kawasaki.jp"), by the list's own algorithm (publicsuffix.org/list): an exception
 * rule wins and gives its name less the first label; otherwise the matching rule with the
 * most labels; otherwise the last label (the implicit "*" rule).
 */
export function suffixLookupFromRules(text: string): SuffixLookup {
  const rules = new Set(text.split('\n').filter((line) => line !== ''));
  const exceptions = [...rules].filter((rule) => rule.startsWith('!')).map((rule) => rule.slice(1));
  /** The last labels of the exception rules ("jp" for "!city.kawasaki.jp"): most hosts end in none. */
  const exceptionTlds = new Set(exceptions.map((name) => name.slice(name.lastIndexOf('.') + 1)));
  /** "kawasaki.jp" for "*.kawasaki.jp". */
  const wildcardParents = new Set([...rules].filter((rule) => rule.startsWith('*.')).map((rule) => rule.slice(2)));
  /** The last labels under which some rule has two labels or more ("uk" for "co.uk"): not "com" or "net". */
  const deepTlds = new Set([...rules].filter((rule) => rule.includes('.')).map((rule) => rule.slice(rule.lastIndexOf('.') + 1)));
  const lookup: SuffixLookup = (hostname, _options, out) => {
    // Every label suffix of the host, longest first: "a.b.co.uk", "b.co.uk", "co.uk", "uk".
    const starts = [0];
    for (let i = hostname.indexOf('.'); i !== -1; i = hostname.indexOf('.', i + 1)) starts.push(i + 1);
    for (const start of starts) {
      const name = hostname.slice(start);
      if (rules.has(`!${name}`)) {
        out.publicSuffix = name.slice(name.indexOf('.') + 1);
        return;
      }
    }
    for (const start of starts) {
      const name = hostname.slice(start);
      const dot = name.indexOf('.');
      if (rules.has(name) || (dot !== -1 && rules.has(`*${name.slice(dot)}`))) {
        out.publicSuffix = name;
        return;
      }
    }
    out.publicSuffix = hostname.slice(starts[starts.length - 1]);
  };
  // The policy's check of every entry (issue 16: at 113k entries, tldts' parse over the lookup
  // above was ~180 ms of a first start, most of it strings built per label). By the same
  // algorithm: an exception rule on the host or a parent makes its suffix shorter than the
  // host; otherwise the host is a suffix when a rule names it, a wildcard rule covers it, or
  // it has one label (the implicit "*" rule). Under a last label that no rule of two labels or
  // more ends with (86 % of a 113k-domain school list: com, net, org, top…), a name of two
  // labels or more is never a suffix: one set lookup answers.
  const suffixCheck: WithSuffixCheck = {
    isPublicSuffix(host) {
      const last = host.lastIndexOf('.');
      if (last === -1) return true;
      const tld = host.slice(last + 1);
      if (!deepTlds.has(tld)) return false;
      if (exceptionTlds.has(tld)) {
        for (const name of exceptions) {
          if (host.endsWith(name) && (host.length === name.length || host.charCodeAt(host.length - name.length - 1) === 46)) return false;
        }
      }
      return rules.has(host) || wildcardParents.has(host.slice(host.indexOf('.') + 1));
    },
  };
  return Object.assign(lookup, suffixCheck);
}
