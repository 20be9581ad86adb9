// The options report is totalled in the background (utils/report/report.ts summarizeReport): the page
// gets the chart's days, the host table and the total, never the range's rows.
import { describe, expect, test } from 'vitest';
import { summarizeReport, topHostsOf, totalsByHost } from '@/utils/report/report';
import type { UsageRow } from '@/utils/tallies/types';

const row = (day: string, host: string, category: string, workSeconds: number, blocked = 0, visits = 1, unlocks = 0): UsageRow => ({
  day,
  host,
  category,
  workSeconds,
  visits,
  blocked,
  unlocks,
});

describe('summarizeReport', () => {
  const rows = [
    row('2026-03-02', 'taobao.com', 'shopping', 600, 2),
    row('2026-03-02', '(other)', '(other)', 120),
    row('2026-03-04', 'taobao.com', 'shopping', 300, 1, 2, 1),
    row('2026-03-04', 'bilibili.com', 'video', 900),
  ];
  const summary = summarizeReport(rows, '2026-03-01', '2026-03-05');

  test('every day of the range, an empty day included, with its category totals', () => {
    expect(summary.days.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
    expect(summary.days[0]!.byCategory).toEqual([]);
    expect(summary.days[3]!.byCategory).toEqual([
      { category: 'shopping', workSeconds: 300, visits: 2, blocked: 1, unlocks: 1 },
      { category: 'video', workSeconds: 900, visits: 1, blocked: 0, unlocks: 0 },
    ]);
  });

  test('one line per host and category over the range, most time first, then most blocked; (other) kept as a line', () => {
    expect(summary.hosts).toEqual([
      { host: 'taobao.com', category: 'shopping', workSeconds: 900, visits: 3, blocked: 3, unlocks: 1 },
      { host: 'bilibili.com', category: 'video', workSeconds: 900, visits: 1, blocked: 0, unlocks: 0 },
      { host: '(other)', category: '(other)', workSeconds: 120, visits: 1, blocked: 0, unlocks: 0 },
    ]);
  });

  test('the total is the sum of every row', () => {
    expect(summary.total).toEqual({ workSeconds: 1920, visits: 5, blocked: 3, unlocks: 1 });
  });
});

describe('topHostsOf', () => {
  test('leaves out (other), ranks by time then blocked then visits then name, honours the limit', () => {
    const rows = [row('2026-03-02', 'b.cn', 'games', 0, 5), row('2026-03-02', 'a.cn', 'games', 0, 5), row('2026-03-02', '(other)', '(other)', 9999), row('2026-03-02', 'c.cn', 'video', 60)];
    expect(topHostsOf(rows, 10).map((h) => h.host)).toEqual(['c.cn', 'a.cn', 'b.cn']);
    expect(topHostsOf(rows, 1).map((h) => h.host)).toEqual(['c.cn']);
    expect(topHostsOf(rows, 0)).toEqual([]);
  });
});

describe('host tables share one order', () => {
  // Ties the popup's top hosts and the report's table used to break differently (issue 15):
  // the report by localeCompare and without visits, the popup by visits, then code points.
  const tie = (host: string, visits: number): UsageRow => ({ day: '2026-03-02', host, category: 'video', workSeconds: 60, visits, blocked: 0, unlocks: 0 });
  const rows = [tie('b.cn', 1), tie('B.cn', 3), tie('a.cn', 1), tie('ä.cn', 1)];

  test('same work time and blocked: most visits first, then code-point order, in both tables', () => {
    const popup = topHostsOf(rows, 10).map((h) => h.host);
    const report = totalsByHost(rows).map((h) => h.host);
    expect(popup).toEqual(['B.cn', 'a.cn', 'b.cn', 'ä.cn']);
    expect(report).toEqual(popup);
  });
});
