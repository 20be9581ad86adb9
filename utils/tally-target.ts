import { getDomain } from 'tldts';
import { categorizeHost, type HostIndex } from './classify';
import { OTHER } from './usage-types';

/**
 * The host and category a visit is tallied under (DESIGN "Data": record the minimum):
 * a categorised host under its list entry; an allowed or uncategorised host as "(other)",
 * unless the policy asks for recordOtherHosts, then under its registrable domain.
 */
export function tallyTarget(index: HostIndex, host: string, recordOtherHosts: boolean): { host: string; category: string } {
  const match = categorizeHost(index, host);
  if (match && !match.allowed) return { host: match.entry, category: match.category };
  if (!recordOtherHosts) return { host: OTHER, category: OTHER };
  return { host: getDomain(host, { allowPrivateDomains: true }) ?? host, category: OTHER };
}
