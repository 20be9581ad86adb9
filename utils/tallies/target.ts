import { registrableDomain } from '../matching/public-suffix';
import { categorizeHost, type HostIndex } from '../matching/host-index';
import { OTHER } from './types';

/**
 * The host and category a visit is tallied under (docs/design.md "Data": record the minimum):
 * a categorised host under its list entry; an allowed or uncategorised host as "(other)",
 * unless the policy asks for recordOtherHosts, then under its registrable domain by the ICANN
 * section of the Public Suffix List (`alice.github.io` is tallied as `github.io`: the private
 * section would name the teacher's own page). The list must be installed (public-suffix.ts).
 */
export function tallyTarget(index: HostIndex, host: string, recordOtherHosts: boolean): { host: string; category: string } {
  const match = categorizeHost(index, host);
  if (match && !match.allowed) return { host: match.entry, category: match.category };
  if (!recordOtherHosts) return { host: OTHER, category: OTHER };
  return { host: registrableDomain(host) ?? host, category: OTHER };
}
