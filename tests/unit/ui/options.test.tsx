// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Options } from '@/entrypoints/options/Options';
import { resolveConfig } from '@/utils/policy/resolve';
import type { ReportExport, ReportResponse, SettingsResponse } from '@/utils/messages/types';
import { summarizeReport } from '@/utils/report/report';
import type { UsageRow } from '@/utils/tallies/types';
import type { Policy } from '@/utils/policy/schema';
import { CATEGORIES, STATUS, at, mockApi, renderPage } from '../support/ui-fixtures';

afterEach(cleanup);

const NOW = at('2026-11-26T09:00');

const REPORT_ROWS: UsageRow[] = [
  { day: '2026-11-25', host: 'taobao.com', category: 'shopping', workSeconds: 600, visits: 2, blocked: 3, unlocks: 1 },
  { day: '2026-11-26', host: 'taobao.com', category: 'shopping', workSeconds: 300, visits: 1, blocked: 1, unlocks: 0 },
  { day: '2026-11-26', host: 'bilibili.com', category: 'video', workSeconds: 1800, visits: 4, blocked: 0, unlocks: 0 },
  { day: '2026-11-26', host: '=cmd.example', category: 'stocks', workSeconds: 60, visits: 1, blocked: 0, unlocks: 0 },
];
// As the background answers: totalled by summarizeReport; the rows only for an export.
const REPORT: ReportResponse = { from: '2026-11-20', to: '2026-11-26', categories: CATEGORIES, ...summarizeReport(REPORT_ROWS, '2026-11-20', '2026-11-26') };
const EXPORT: ReportExport = { from: '2026-11-20', to: '2026-11-26', categories: CATEGORIES, rows: REPORT_ROWS };

function settingsWith(policy: Policy | null, teacher: Policy | null): SettingsResponse {
  return { config: resolveConfig(policy, teacher), teacher, policy: STATUS.policy, categories: CATEGORIES };
}

function setup(settings: SettingsResponse, initialTab = 'report') {
  const api = mockApi({
    getStatus: () => Promise.resolve(STATUS),
    getSettings: () => Promise.resolve(settings),
    getReport: () => Promise.resolve(REPORT),
    exportReport: () => Promise.resolve(EXPORT),
  });
  const download = vi.fn<(filename: string, blob: Blob) => void>();
  renderPage(<Options api={api} initialTab={initialTab} now={() => NOW} download={download} />);
  return { api, download };
}

describe('report', () => {
  test('defaults to the last 7 days, totals by host and category, and exports CSV', async () => {
    const { api, download } = setup(settingsWith(null, null));
    const table = await screen.findByTestId('report-table');
    expect(api.getReport).toHaveBeenCalledWith({ from: '2026-11-20', to: '2026-11-26' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['bilibili.com', '视频直播', '30', '4', '0', '0'],
      ['taobao.com', '购物', '15', '3', '4', '1'],
      ['=cmd.example', '炒股', '1', '1', '0', '0'],
      ['合计', '46', '8', '4', '1'],
    ]);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('7 天共 46 分钟；最多的一天是 11/26，36 分钟。');

    expect(api.exportReport).not.toHaveBeenCalled(); // the rows are asked for only to export them
    fireEvent.click(screen.getByRole('button', { name: '导出 CSV（Excel/WPS 可打开）' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    expect(api.exportReport).toHaveBeenCalledWith({ from: '2026-11-20', to: '2026-11-26' });
    const [filename, blob] = download.mock.calls[0]!;
    expect(filename).toBe('qingfeng-2026-11-20_2026-11-26.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
    expect(text.split('\r\n')[0]).toBe('\ufeff日期,网站,类别,工作时间（分钟）,访问次数,拦截次数,临时放行次数');
    expect(text).toContain("2026-11-26,'=cmd.example,炒股,1,1,0,0\r\n");

    fireEvent.click(screen.getByRole('button', { name: '导出 JSON' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    const json = JSON.parse(await download.mock.calls[1]![1].text()) as ReportExport;
    expect(json.rows).toEqual(REPORT_ROWS);
  });

  test('a reversed range is refused without a request', async () => {
    const { api } = setup(settingsWith(null, null));
    await screen.findByTestId('report-table');
    fireEvent.input(screen.getByLabelText('开始日期'), { target: { value: '2026-11-27' } });
    fireEvent.click(screen.getByRole('button', { name: '查看' }));
    expect(await screen.findByText('请选择开始和结束日期，开始日期不能晚于结束日期。')).toBeTruthy();
    expect(api.getReport).toHaveBeenCalledTimes(1);
  });
});

describe('settings', () => {
  const POLICY: Policy = { lockSettings: false, schedule: { officialCalendar: 'cn' }, categories: { shopping: { mode: 'block' } } };

  test('keys the policy sets are disabled and marked 由管理员设置', async () => {
    setup(settingsWith(POLICY, null), 'settings');
    const schedule = await screen.findByTestId('fieldset-schedule');
    expect((schedule as HTMLFieldSetElement).disabled).toBe(true);
    expect(within(schedule).getByText('由管理员设置')).toBeTruthy();
    const shopping = screen.getByLabelText('购物') as HTMLSelectElement;
    expect(shopping.disabled).toBe(true);
    expect(within(shopping.parentElement!).getByText('由管理员设置')).toBeTruthy();
    const games = screen.getByLabelText('游戏') as HTMLSelectElement;
    expect(games.disabled).toBe(false);
    expect(within(games.parentElement!).queryByText('由管理员设置')).toBeNull();
    expect((screen.getByTestId('fieldset-allow') as HTMLFieldSetElement).disabled).toBe(false);
  });

  test('a locking policy disables everything', async () => {
    setup(settingsWith({ schoolName: '七中' }, null), 'settings');
    expect(await screen.findByTestId('all-locked')).toBeTruthy();
    expect((screen.getByRole('button', { name: '保存设置' }) as HTMLButtonElement).disabled).toBe(true);
    for (const id of ['fieldset-schedule', 'fieldset-allow', 'fieldset-mine'])
      expect((screen.getByTestId(id) as HTMLFieldSetElement).disabled).toBe(true);
  });

  test('save sends only what changed (and what the teacher had), and shows errors translated', async () => {
    const { api } = setup(settingsWith(POLICY, { allow: ['smartedu.cn'] }), 'settings');
    api.saveTeacherSettings.mockImplementation(() =>
      Promise.resolve({ ok: false, errors: [{ path: 'customCategories[0].domains[0]', key: 'policyErrHostNoDot', args: ['localhost'] }] }),
    );
    fireEvent.change(await screen.findByLabelText('游戏'), { target: { value: 'log' } });
    fireEvent.input(screen.getByLabelText('我自己要屏蔽的网站'), { target: { value: 'localhost\nweibo.com' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(api.saveTeacherSettings).toHaveBeenCalledTimes(1));
    expect(api.saveTeacherSettings.mock.calls[0]![0]).toEqual({
      settings: {
        allow: ['smartedu.cn'],
        categories: { games: { mode: 'log' } },
        customCategories: [{ id: 'mine', name: { zh_CN: '我的屏蔽列表' }, mode: 'block', domains: ['localhost', 'weibo.com'], urlKeywords: [] }],
      },
    });
    const errors = await screen.findByTestId('save-errors');
    expect(errors.textContent).toContain('customCategories[0].domains[0]');
    expect(errors.textContent).toContain('“localhost” 不是完整的域名');
  });
});

test('policy: each key’s source, managed keys marked, the JSON in a details', async () => {
  setup(settingsWith({ lockSettings: false, retentionDays: 30 }, { allow: ['smartedu.cn'] }), 'policy');
  const table = await screen.findByTestId('effective-table');
  const row = (key: string) => table.querySelector(`tr[data-key="${key}"]`)!.textContent;
  expect(row('retentionDays')).toBe('记录保存天数30 天管理员策略 由管理员设置');
  expect(row('allow')).toBe('始终允许的网站smartedu.cn本人设置 ');
  expect(row('categories.shopping')).toBe('购物工作时间拦截默认 ');
  expect(screen.getByTestId('effective-json').textContent).toContain('"retentionDays": 30');
  expect(screen.getByTestId('policy-state').textContent).toBe('管理员策略有效，正在执行。');
});

test('test a URL: category, blocked now and why', async () => {
  const { api } = setup(settingsWith(null, null), 'test');
  api.testUrl.mockImplementation(() =>
    Promise.resolve({
      url: 'https://item.taobao.com/',
      valid: true,
      host: 'item.taobao.com',
      category: { id: 'shopping', builtin: true, mode: 'block' },
      entry: 'taobao.com',
      allowedBy: null,
      workTimeNow: true,
      blockedNow: true,
      blockedInWorkTime: true,
      nextBoundary: at('2026-11-26T11:30'),
    }),
  );
  fireEvent.input(screen.getByLabelText('网址'), { target: { value: 'https://item.taobao.com/' } });
  fireEvent.click(screen.getByRole('button', { name: '检测' }));
  expect((await screen.findByTestId('test-explanation')).textContent).toBe('匹配 taobao.com，现在是工作时间，会被拦截。');
  expect(screen.getByTestId('test-blocked-now').textContent).toBe('是');
  expect(screen.getByTestId('test-result').textContent).toContain('工作时间到 今天 11:30 结束');
  expect(api.testUrl).toHaveBeenCalledWith({ url: 'https://item.taobao.com/' });
});

test('data: what is recorded, retention, and a delete that asks first and reports a policy refusal', async () => {
  const { api } = setup(settingsWith({ retentionDays: 90 }, null), 'data');
  api.deleteAllData.mockImplementation(() => Promise.resolve({ ok: false, refusal: 'locked' }));
  expect((await screen.findByTestId('retention')).textContent).toBe('记录保存 90 天，过期自动删除。');
  expect(screen.getByText('所有记录只保存在这台电脑上，不会上传到任何地方。')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '删除全部记录…' }));
  expect(api.deleteAllData).not.toHaveBeenCalled();
  fireEvent.click(screen.getByRole('button', { name: '确定删除' }));
  expect((await screen.findByTestId('delete-locked')).textContent).toContain('学校的策略要求保留记录');
  expect(api.deleteAllData).toHaveBeenCalledTimes(1);
});
