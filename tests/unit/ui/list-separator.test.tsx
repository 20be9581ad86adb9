// @vitest-environment happy-dom
// Lists in running text take the separator of the page's language: '、' in Chinese, ', ' in
// English (it was a hard-coded '、' in both).
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { CalendarGapNotice } from '@/components/CalendarGapNotice';
import { I18nContext, type Translate } from '@/components/i18n';
import { formatMessage, type ChromeMessages } from '@/utils/i18n/format-message';
import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';

afterEach(cleanup);

const translator = (messages: unknown): Translate => (key, args) => formatMessage(messages as ChromeMessages, key, args ?? []) || key;

test.each([
  [zhCN, '2027、2028'],
  [en, '2027, 2028'],
])('the missing years are listed with the language’s separator', (messages, listed) => {
  render(
    <I18nContext.Provider value={translator(messages)}>
      <CalendarGapNotice years={[2027, 2028]} />
    </I18nContext.Provider>,
  );
  expect(screen.getByText((text) => text.includes(listed))).toBeTruthy();
});
