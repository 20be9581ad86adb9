// The benchmark data (bench/data/, with its sources and licences in its README): the UT1 lists and the
// v2fly query hosts. Read once per process; lines are trimmed, blank lines dropped.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeHostEntry } from '../utils/matching/host';
import { installSuffixLookup, suffixLookupFromRules } from '../utils/matching/public-suffix';
import { publicSuffixesText } from '../scripts/public-suffixes';

// parsePolicy refuses public suffixes as entries. The benches answer that as the background
// does, from the rules the build writes to public-suffixes.txt (the pages and the admin kit
// use tldts-icann; both give the same answers, tests/unit/matching/public-suffix.test.ts).
installSuffixLookup(suffixLookupFromRules(publicSuffixesText()));

export const DATA_DIR = process.env.BENCH_DATA_DIR ?? fileURLToPath(new URL('./data/', import.meta.url));

function lines(file: string): string[] {
  return readFileSync(`${DATA_DIR}/${file}`, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** ut1_nonwork_union.txt: 113k domains, deduplicated, in file order. */
export function loadUnion(): string[] {
  return [...new Set(lines('ut1_nonwork_union.txt').map((l) => l.toLowerCase()))];
}

/** ut1_categorised.tsv: [domain, category] rows in file order (a domain may be in several categories). */
export function loadCategorised(): [string, string][] {
  return lines('ut1_categorised.tsv').map((l) => {
    const [domain = '', category = ''] = l.split('\t');
    return [domain.toLowerCase(), category];
  });
}

export function loadQueries(): { cn: string[]; noncn: string[] } {
  return {
    cn: lines('queries_cn_domains_v2fly_geolocation-cn.txt').map((l) => l.toLowerCase()),
    noncn: lines('queries_noncn_domains_v2fly_geolocation-notcn.txt').map((l) => l.toLowerCase()),
  };
}

/** Entries the policy accepts as they are (the UT1 lists hold some, e.g. `a_b.tripod.com`, that it refuses). */
export function acceptable(domains: readonly string[]): { kept: string[]; dropped: number } {
  const kept: string[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const d of domains) {
    const r = normalizeHostEntry(d);
    if (!r.ok) dropped++;
    else if (!seen.has(r.host)) {
      seen.add(r.host);
      kept.push(r.host);
    } else dropped++;
  }
  return { kept, dropped };
}
