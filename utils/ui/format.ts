// Presentation helpers shared by the pages: minutes, category names, day labels, the safe
// reading of a URL that arrived as data. Pure: the translator and the UI language are
// arguments, so the pages and the tests call them alike.
import type { CategoryInfo } from '../messages/types';
import { OTHER } from '../tallies/types';
import { weekdayOfKey } from '../time/day-key';
import { pad } from '../time/pad';
import type { Translate } from '../i18n/translate';
import { CATEGORY_IDS } from '../policy/constants';
import { shortenHost } from './shorten-host';

/** Whole minutes as the pages show them; the tallies keep fractional seconds. */
export function minutesOf(workSeconds: number): number {
  return Math.round(workSeconds / 60);
}

/**
 * A category's name for a teacher: built-in ids and '(other)' from _locales
 * (`category_<id>`, `category_other`); a custom category by its own name, zh_CN in a
 * Chinese UI, else en falling back to zh_CN.
 */
export function categoryLabel(t: Translate, info: CategoryInfo | null, lang: string): string {
  if (!info || info.id === OTHER) return t('category_other');
  if (info.builtin) return t(`category_${info.id}`);
  if (!info.name) return info.id;
  return lang.toLowerCase().startsWith('zh') ? info.name.zh_CN : (info.name.en ?? info.name.zh_CN);
}

/** The name for a category id as stored in a usage row; an id no longer configured shows as itself. */
export function categoryNameById(t: Translate, categories: CategoryInfo[], id: string, lang: string): string {
  if (id === OTHER) return t('category_other');
  const info = categories.find((c) => c.id === id);
  if (info) return categoryLabel(t, info, lang);
  // A custom category the policy no longer has shows as its id.
  return (CATEGORY_IDS as readonly string[]).includes(id) ? t(`category_${id}`) : id;
}

/** A tallied host as shown: '(other)' is every uncategorised site together. */
export function hostLabel(t: Translate, host: string): string {
  return host === OTHER ? t('category_other') : shortenHost(host);
}

/** "周三" / "Wed" for a local day key. */
export function weekdayLabel(t: Translate, day: string): string {
  return t(`weekday_${weekdayOfKey(day)}`);
}

/** "11/26" for a local day key. */
export function shortDateLabel(t: Translate, day: string): string {
  const [, month, date] = day.split('-');
  return t('dateShort', [String(Number(month)), String(Number(date))]);
}


/** "09:41" local time. */
export function clockTime(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The URL in the block page's fragment, if it is one the page may follow or show: it must
 * parse and be http(s). Anything else (javascript:, data:, markup, an empty string) is null.
 */
export function safeHttpUrl(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/** A long URL cut for display; the page also clamps it with CSS. */
export function shortenForDisplay(text: string, max = 300): string {
  const chars = [...text.slice(0, max * 2)];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** An error's message for the page that shows it. */
export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
