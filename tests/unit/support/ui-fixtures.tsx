// Shared by the page tests: the real zh_CN messages behind the translator, and a typed mock
// of the page–background Api (every method a vi.fn that fails unless a test gives it data).
import type { ComponentChild } from 'preact';
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { I18nContext, LangContext, type Translate } from '@/components/i18n';
import { formatMessage, type ChromeMessages } from '@/utils/i18n/format-message';
import type { Api } from '@/utils/ui/page-runtime';
import type { CategoryInfo, StatusResponse } from '@/utils/messages/types';
import { INITIAL_POLICY_STATUS } from '@/utils/policy/status';
import zhCN from '../../../public/_locales/zh_CN/messages.json';

/** As the browser does: the message, or the key itself when the key is missing. */
export const zhT: Translate = (key, args) => formatMessage(zhCN as ChromeMessages, key, args ?? []) || key;

export function renderPage(page: ComponentChild, lang = 'zh-CN') {
  return render(
    <I18nContext.Provider value={zhT}>
      <LangContext.Provider value={lang}>{page}</LangContext.Provider>
    </I18nContext.Provider>,
  );
}

export function mockApi(overrides: Partial<Api> = {}): { [K in keyof Api]: ReturnType<typeof vi.fn<Api[K]>> } {
  const fail = (name: string) => vi.fn(() => Promise.reject(new Error(`unexpected ${name}`)));
  const api = {
    getStatus: fail('getStatus'),
    describeBlock: fail('describeBlock'),
    reportBlocked: fail('reportBlocked'),
    requestUnlock: fail('requestUnlock'),
    getToday: fail('getToday'),
    getPopup: fail('getPopup'),
    getReport: fail('getReport'),
    exportReport: fail('exportReport'),
    getSettings: fail('getSettings'),
    saveTeacherSettings: fail('saveTeacherSettings'),
    testUrl: fail('testUrl'),
    deleteAllData: fail('deleteAllData'),
  } as unknown as { [K in keyof Api]: ReturnType<typeof vi.fn<Api[K]>> };
  for (const [name, impl] of Object.entries(overrides)) (api as Record<string, unknown>)[name] = vi.fn(impl);
  return api;
}

/** Local time in Asia/Shanghai (the test TZ). */
export const at = (s: string) => new Date(s).getTime();

export const CATEGORIES: CategoryInfo[] = [
  { id: 'shopping', builtin: true, mode: 'block' },
  { id: 'games', builtin: true, mode: 'block' },
  { id: 'redPacket', builtin: true, mode: 'block' },
  { id: 'webChat', builtin: true, mode: 'log' },
  { id: 'video', builtin: true, mode: 'log' },
  { id: 'social', builtin: true, mode: 'log' },
  { id: 'lottery', builtin: true, mode: 'log' },
  { id: 'stocks', builtin: false, name: { zh_CN: '炒股', en: 'Stock trading' }, mode: 'log' },
];

export const STATUS: StatusResponse = {
  now: at('2026-11-26T09:00'),
  workTime: true,
  nextBoundary: at('2026-11-26T11:30'),
  schoolName: '北票市第七初级中学',
  policy: { ...INITIAL_POLICY_STATUS, present: true, valid: true, readAt: at('2026-11-26T07:00') },
  calendarMissingYears: [],
  rulesInForce: true,
  ruleErrors: [],
  blockingUnavailable: false,
  storageError: null,
    blockedToday: 4,
};
