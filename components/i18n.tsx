import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Looks a _locales message up: the pages pass browser.i18n.getMessage, tests a messages.json. */
export type Translate = (key: string, args?: string[]) => string;

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
