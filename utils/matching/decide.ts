/**
 * Why a URL is or is not blocked, in the same terms the compiled rules decide: the block page,
 * the options page's URL tester and the tallies all ask here, never the browser.
 */
import { categorizeHost, matchUrlKeyword, type HostIndex, type LiveUnlock } from './host-index';
import { webHost } from './web-host';
import type { CategoryInfo, UrlDecision } from '../messages/types';
import { isUnder } from './labels';

export interface DecideInput {
  url: string;
  index: HostIndex;
  categories: readonly CategoryInfo[];
  workTime: boolean;
  nextBoundary: number | null;
  unlocks: readonly LiveUnlock[];
  now: number;
}

export function decideUrl(input: DecideInput): UrlDecision {
  const host = webHost(input.url);
  const base = { url: input.url, workTimeNow: input.workTime, nextBoundary: input.nextBoundary };
  if (host === null) {
    return { ...base, valid: false, host: '', category: null, entry: null, allowedBy: null, blockedNow: false, blockedInWorkTime: false };
  }
  const info = (id: string) => input.categories.find((c) => c.id === id) ?? null;
  const match = categorizeHost(input.index, host);
  if (match?.allowed) {
    return { ...base, valid: true, host, category: null, entry: match.entry, allowedBy: 'allowList', blockedNow: false, blockedInWorkTime: false };
  }
  const keyword = matchUrlKeyword(input.index, input.url);
  const hostFinding = match && { category: match.category, entry: match.entry, mode: match.mode };
  const keywordFinding = keyword && { category: keyword.category, entry: keyword.keyword, mode: keyword.mode };
  // What decides: a blocking finding first (host, then keyword), else whatever was found.
  const finding = [hostFinding, keywordFinding].find((f) => f?.mode === 'block') ?? hostFinding ?? keywordFinding;
  const blockedInWorkTime = finding?.mode === 'block';
  const unlocked = input.unlocks.find((u) => u.until > input.now && isUnder(host, u.host));
  return {
    ...base,
    valid: true,
    host,
    category: finding ? info(finding.category) : null,
    entry: finding?.entry ?? null,
    allowedBy: blockedInWorkTime && unlocked ? 'unlock' : null,
    blockedNow: blockedInWorkTime && input.workTime && !unlocked,
    blockedInWorkTime,
  };
}
