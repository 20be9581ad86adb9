// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, expect, test, vi } from 'vitest';
import { Popup } from '@/entrypoints/popup/Popup';
import type { TodayResponse, WeekResponse } from '@/utils/messages/types';
import { CATEGORIES, STATUS, at, mockApi, renderPage } from '../support/ui-fixtures';

afterEach(cleanup);

const total = (category: string, workSeconds: number, extra: Partial<{ visits: number; blocked: number; unlocks: number }> = {}) => ({
  category,
  workSeconds,
  visits: 0,
  blocked: 0,
  unlocks: 0,
  ...extra,
});

const TODAY: TodayResponse = {
  day: '2026-11-26',
  categories: CATEGORIES,
  byCategory: [total('shopping', 12 * 60 + 20), total('video', 29.6 * 60), total('(other)', 5 * 60), total('stocks', 89), total('games', 10)],
  blocked: 4,
  unlocks: 1,
  topHosts: [
    { host: 'bilibili.com', category: 'video', workSeconds: 29.6 * 60, visits: 3, blocked: 0, unlocks: 0 },
    { host: 'taobao.com', category: 'shopping', workSeconds: 740, visits: 2, blocked: 4, unlocks: 1 },
  ],
  unlockEvents: [{ at: at('2026-11-26T09:41'), host: 'taobao.com', category: 'shopping', detail: '为班级采购教具' }],
};

const WEEK: WeekResponse = {
  categories: CATEGORIES,
  days: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'].map((day, i) => ({
    day,
    byCategory: i === 6 ? TODAY.byCategory : i === 3 ? [total('games', 45 * 60)] : [],
  })),
};

function setup() {
  const api = mockApi({
    getPopup: () => Promise.resolve({ status: STATUS, tallies: { today: TODAY, week: WEEK } }),
  });
  const openOptions = vi.fn();
  renderPage(<Popup api={api} openOptions={openOptions} />);
  return { api, openOptions };
}

test('status, today’s minutes by category, blocked, unlocks with reasons and top hosts equal the data', async () => {
  const { api, openOptions } = setup();
  expect((await screen.findByTestId('work-status')).textContent).toBe('现在是工作时间');
  expect(screen.getByTestId('work-until').textContent).toBe('工作时间到 今天 11:30 结束');

  const minutes = await screen.findByTestId('minutes-by-category');
  const lines = within(minutes).getAllByRole('listitem').map((li) => li.textContent);
  // Rounded from seconds, most first; a category under half a minute is left out.
  expect(lines).toEqual(['视频直播 30 分钟', '购物 12 分钟', '其他网站 5 分钟', '炒股 1 分钟']);

  expect(screen.getByTestId('blocked-today').textContent).toBe('4');
  expect(screen.getByTestId('unlocks-today').textContent).toBe('1');
  const unlocks = screen.getByTestId('unlock-events').textContent ?? '';
  expect(unlocks).toContain('09:41');
  expect(unlocks).toContain('taobao.com');
  expect(unlocks).toContain('理由：为班级采购教具');

  const hosts = within(screen.getByTestId('top-hosts')).getAllByRole('listitem').map((li) => li.textContent);
  expect(hosts).toEqual(['bilibili.com 视频直播 30 分钟 · 访问 3 次 · 拦截 0 次', 'taobao.com 购物 12 分钟 · 访问 2 次 · 拦截 4 次']);

  fireEvent.click(screen.getByRole('button', { name: '统计与设置' }));
  expect(openOptions).toHaveBeenCalled();
  // One request per opening: the status, today and the week come in one answer (#16).
  expect(api.getPopup).toHaveBeenCalledTimes(1);
  expect(api.getStatus).not.toHaveBeenCalled();
  expect(api.getToday).not.toHaveBeenCalled();
});

test('the week chart is an image with a summary, labels under each bar, and a table of the same figures', async () => {
  setup();
  const chart = await screen.findByRole('img');
  expect(chart.getAttribute('aria-label')).toBe('7 天共 94 分钟；最多的一天是 11/26，49 分钟。');
  const labels = [...chart.querySelectorAll('text.chart__label')].map((n) => n.textContent);
  expect(labels.slice(0, 4)).toEqual(['周五', '11/20', '周六', '11/21']);
  const table = screen.getByTestId('chart-table');
  const rows = [...table.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
  const header = [...table.querySelectorAll('thead th')].map((c) => c.textContent);
  expect(header).toEqual(['日期', '购物', '游戏', '视频直播', '炒股', '其他网站', '合计（分钟）']);
  expect(rows[3]).toEqual(['2026-11-23', '0', '45', '0', '0', '0', '45']);
  expect(rows[6]).toEqual(['2026-11-26', '12', '0', '30', '1', '5', '49']);
});

test('a rule error and an invalid policy are shown as warnings', async () => {
  const api = mockApi({
    getPopup: () =>
      Promise.resolve({ status: { ...STATUS, ruleErrors: ['Rule with id 3 is invalid'], policy: { ...STATUS.policy, valid: false } }, tallies: { today: TODAY, week: WEEK } }),
  });
  renderPage(<Popup api={api} openOptions={() => {}} />);
  expect((await screen.findByTestId('rule-errors')).textContent).toContain('拦截规则未能全部生效');
  expect(screen.getByTestId('policy-warning')).toBeTruthy();
});

// #17, case 5: Firefox with extensions.dnr.enabled=false.
test('without the blocking API the popup says blocking is off, and why', async () => {
  const api = mockApi({
    getPopup: () => Promise.resolve({ status: { ...STATUS, blockingUnavailable: true, rulesInForce: false }, tallies: { today: TODAY, week: WEEK } }),
  });
  renderPage(<Popup api={api} openOptions={() => {}} />);
  const warning = await screen.findByTestId('blocking-unavailable');
  expect(warning.textContent).toContain('拦截已关闭');
  expect(warning.textContent).toContain('extensions.dnr.enabled');
});

// #16: one request, but the status does not depend on the tallies database.
test('tallies that cannot be read leave the status in place, with a warning', async () => {
  const api = mockApi({ getPopup: () => Promise.resolve({ status: STATUS, tallies: { error: 'UnknownError: disk I/O' } }) });
  renderPage(<Popup api={api} openOptions={() => {}} />);
  expect((await screen.findByTestId('work-status')).textContent).toBe('现在是工作时间');
  expect(screen.getByTestId('tallies-unreadable').textContent).toBe('本机统计数据无法读取（UnknownError: disk I/O）。拦截不受影响。');
  expect(screen.queryByTestId('blocked-today')).toBeNull();
});
