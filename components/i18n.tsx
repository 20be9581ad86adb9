import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

import type { Translate } from '@/utils/i18n/translate';

export type { Translate };

export const I18nContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(I18nContext);
}

/**
 * The browser's UI language (browser.i18n.getUILanguage()), for what _locales cannot say:
 * a custom category's own name. The pages provide it; the default is the extension's
 * default_locale, so a component rendered without a provider still reads Chinese.
 */
export const LangContext = createContext<string>('zh-CN');

export function useLang(): string {
  return useContext(LangContext);
}
