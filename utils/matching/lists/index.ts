// Qingfeng's built-in site lists. The data lives in the .txt files next to this module, one
// entry per line with the reason as a comment; see docs/lists.md for how they were chosen.
import shopping from './shopping.txt?raw';
import games from './games.txt?raw';
import redPacket from './redPacket.txt?raw';
import redPacketKeywords from './redPacket.keywords.txt?raw';
import webChat from './webChat.txt?raw';
import video from './video.txt?raw';
import social from './social.txt?raw';
import lottery from './lottery.txt?raw';
import allow from './allow.txt?raw';

import type { CategoryId } from '../../policy/constants';

export interface BuiltinList {
  domains: string[];
  urlKeywords: string[];
}

/**
 * Parses a list file: drops everything from `#` to the end of a line, surrounding whitespace
 * and blank lines; keeps the first occurrence of each entry, in file order. Entries are not
 * normalised (no lower-casing): the unit tests require the files to be clean already.
 */
export function parseListText(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const hash = line.indexOf('#');
    const entry = (hash === -1 ? line : line.slice(0, hash)).trim();
    if (entry === '' || seen.has(entry)) continue;
    seen.add(entry);
    out.push(entry);
  }
  return out;
}

const list = (domains: string, urlKeywords = ''): BuiltinList => ({
  domains: parseListText(domains),
  urlKeywords: parseListText(urlKeywords),
});

let lists: Record<CategoryId, BuiltinList> | null = null;
let allowList: string[] | null = null;

/**
 * The built-in lists, parsed on first use: a service-worker wake that finds nothing changed
 * never resolves a configuration, so it should not parse the lists either (issue 16).
 */
export function builtinLists(): Record<CategoryId, BuiltinList> {
  lists ??= {
    shopping: list(shopping),
    games: list(games),
    redPacket: list(redPacket, redPacketKeywords),
    webChat: list(webChat),
    video: list(video),
    social: list(social),
    lottery: list(lottery),
  };
  return lists;
}

/** Hosts that are never blocked (work tools under chat/social or shared hosts), parsed on first use. */
export function builtinAllow(): string[] {
  allowList ??= parseListText(allow);
  return allowList;
}

/** The raw file texts, for tests and for showing the annotated lists in the options page. */
export const BUILTIN_LIST_TEXTS: Readonly<Record<CategoryId | 'allow' | 'redPacketKeywords', string>> = {
  shopping,
  games,
  redPacket,
  webChat,
  video,
  social,
  lottery,
  allow,
  redPacketKeywords,
};
