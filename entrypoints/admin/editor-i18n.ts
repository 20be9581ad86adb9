// The editor's text. The page also runs as a standalone file with no extension around it,
// so it cannot call browser.i18n: it carries the extension's own _locales files and picks
// one by the browser's languages, as Chrome picks an extension's locale (#14).
import type { Translate } from '@/components/i18n';
import { type ChromeMessages, formatMessage } from '@/utils/i18n/format-message';
import en from '../../public/_locales/en/messages.json';
import zhCN from '../../public/_locales/zh_CN/messages.json';

export type EditorLang = 'zh_CN' | 'en';

/** The first of the browser's languages that is Chinese or English; Chinese (the default locale) otherwise. */
export function editorLang(languages: readonly string[]): EditorLang {
  for (const l of languages) {
    const tag = l.toLowerCase();
    if (tag.startsWith('zh')) return 'zh_CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh_CN';
}

const MESSAGES: Record<EditorLang, ChromeMessages> = { zh_CN: zhCN, en };

/** A translator over one locale's messages.json, with getMessage's substitutions; a missing key shows the key. */
export function editorTranslate(lang: EditorLang): Translate {
  const messages = MESSAGES[lang];
  return (key, args = []) => formatMessage(messages, key, args) || key;
}
