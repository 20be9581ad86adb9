/**
 * The block page's address and what it carries (#17). A DNR redirect lands on
 * `blocked.html#<url>`; the background sends a tab there itself as `blocked.html?behind=blocked#<url>`
 * when the page it leaves behind in the tab's history is the blocked page (the start-of-period
 * sweep, the commit check): the block page's back button must not return to it.
 */
const BEHIND = 'behind=blocked';

export interface BlockPageAddress {
  /** The blocked URL as text (the fragment), never followed unchecked. */
  blockedUrl: string;
  /** The previous history entry is the blocked page itself. */
  blockedBehind: boolean;
}

export function blockPageAddress(blockPage: string, blockedUrl: string, blockedBehind: boolean): string {
  return `${blockPage}${blockedBehind ? `?${BEHIND}` : ''}#${blockedUrl}`;
}

/** Reads a block-page address; null when `href` is not the block page. */
export function parseBlockPageAddress(blockPage: string, href: string): BlockPageAddress | null {
  if (!href.startsWith(blockPage)) return null;
  const rest = href.slice(blockPage.length);
  if (rest !== '' && rest[0] !== '#' && rest[0] !== '?') return null;
  const hash = rest.indexOf('#');
  const query = hash < 0 ? rest : rest.slice(0, hash);
  return { blockedUrl: hash < 0 ? '' : rest.slice(hash + 1), blockedBehind: query === `?${BEHIND}` };
}
