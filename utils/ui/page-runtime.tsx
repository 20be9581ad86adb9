/**
 * The extension pages' one bridge to the browser: the message sender and the mount. This,
 * utils/i18n/browser-translate.ts and utils/tallies/db.ts are the only modules in utils/ that
 * touch a browser API;
 * the pages are written against the `Api` interface and `Translate`, so they render in tests
 * with mocks and no background.
 */
import { render, type ComponentChild } from 'preact';
import { browser } from 'wxt/browser';
import { I18nContext } from '@/components/i18n';
import { browserTranslate } from '../i18n/browser-translate';
import type { Request, RequestType, Responses } from '../messages/protocol';

export type Api = {
  [T in RequestType]: (request: Omit<Extract<Request, { type: T }>, 'type'>) => Promise<Responses[T]>;
};

async function send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Responses[T]> {
  return received<T>(browser.runtime.sendMessage(request));
}

/** The answer to a request: the background's value, or its error thrown. */
export async function received<T extends RequestType>(sent: Promise<unknown>): Promise<Responses[T]> {
  const response = await sent;
  if (response && typeof response === 'object' && 'error' in response) {
    throw new Error(String((response as { error: unknown }).error));
  }
  return response as Responses[T];
}

export const api: Api = {
  getStatus: () => send({ type: 'getStatus' }),
  describeBlock: (r) => send({ type: 'describeBlock', ...r }),
  reportBlocked: () => send({ type: 'reportBlocked' }),
  requestUnlock: (r) => send({ type: 'requestUnlock', ...r }),
  getToday: () => send({ type: 'getToday' }),
  getPopup: () => send({ type: 'getPopup' }),
  getReport: (r) => send({ type: 'getReport', ...r }),
  exportReport: (r) => send({ type: 'exportReport', ...r }),
  getSettings: () => send({ type: 'getSettings' }),
  saveTeacherSettings: (r) => send({ type: 'saveTeacherSettings', ...r }),
  testUrl: (r) => send({ type: 'testUrl', ...r }),
  deleteAllData: () => send({ type: 'deleteAllData' }),
};

/** Renders a page with the translator in context, the document language and title set. */
export function mountPage(page: ComponentChild, titleKey?: string): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  if (titleKey) document.title = browserTranslate(titleKey);
  render(<I18nContext.Provider value={browserTranslate}>{page}</I18nContext.Provider>, document.getElementById('app')!);
}
