// tldts-icann's own lookup, for every context but the background: the policy editor, the admin
// kit, the bench and the tests install it before they parse a policy (public-suffix.ts).
// tldts-icann: the ICANN section of the Public Suffix List only; the private section
// (github.io, blogspot.com) is not needed here.
import { getPublicSuffix } from 'tldts-icann';
import { installSuffixLookup, NAME_ONLY, type SuffixLookup } from './public-suffix';

export const tldtsSuffixLookup: SuffixLookup = (hostname, _options, out) => {
  out.publicSuffix = getPublicSuffix(hostname, NAME_ONLY);
};

export function useTldtsPublicSuffixes(): void {
  installSuffixLookup(tldtsSuffixLookup);
}
