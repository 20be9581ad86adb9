import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Looks a _locales message up: the pages pass browser.i18n.getMessage, tests a messages.json. */
export type Translate = (key: string, args?: string[]) => string;

export const I18nContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(I18nContext);
}
