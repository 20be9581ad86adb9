// The browser's own _locales lookup, for the pages and the background alike. One of the few
// modules in utils/ that touch a browser API (see docs/architecture.md).
import { browser } from 'wxt/browser';
import type { Translate } from './translate';

/** browser.i18n.getMessage, falling back to the key so a missing message is visible, never blank. */
export const browserTranslate: Translate = (key, args) =>
  (browser.i18n.getMessage as (k: string, a?: string[]) => string)(key, args) || key;
