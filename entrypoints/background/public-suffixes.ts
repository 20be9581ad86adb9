/**
 * The public-suffix list, loaded when the worker first needs it: to parse a changed policy or
 * the teacher's settings, or to tally an uncategorised host under its registrable domain.
 * A wake that does neither never reads it (issue 16): the rules are a file of the extension
 * (public-suffixes.txt, written by the build from tldts-icann's data), not code in the worker.
 */
import { hasSuffixLookup, installSuffixLookup, suffixLookupFromRules } from '@/utils/matching/public-suffix';

let loading: Promise<void> | null = null;

export function publicSuffixesReady(): Promise<void> {
  // The unit tests install tldts-icann's lookup before the background runs.
  if (hasSuffixLookup()) return Promise.resolve();
  // A file of the extension, relative to the worker's own address (the extension's root in
  // Chromium and Firefox). Written out, so the build test sees that nothing else is fetched;
  // tests/unit/build/public-suffixes.test.ts checks it is PUBLIC_SUFFIXES_FILE.
  loading ??= fetch('/public-suffixes.txt')
    .then((response) => {
      if (!response.ok) throw new Error(`public-suffixes.txt: ${response.status}`);
      return response.text();
    })
    .then((text) => installSuffixLookup(suffixLookupFromRules(text)))
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
