// Shapes a date range's usage rows for the options page: totals per host and category for
// the table, and per-day category totals for the stacked chart.
import type { CategoryTotal } from './messages';
import { addDaysToKey } from './scheduleDayKey';
import type { UsageRow } from './usage-types';

export interface HostTotal {
  host: string;
  category: string;
  workSeconds: number;
  visits: number;
  blocked: number;
  unlocks: number;
}

/** One line per (host, category) over the range, most work time first, then most blocked. */
export function totalsByHost(rows: UsageRow[]): HostTotal[] {
  const out = new Map<string, HostTotal>();
  for (const r of rows) {
    const key = `${r.host}\u0000${r.category}`;
    const acc = out.get(key) ?? { host: r.host, category: r.category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 };
    acc.workSeconds += r.workSeconds;
    acc.visits += r.visits;
    acc.blocked += r.blocked;
    acc.unlocks += r.unlocks;
    out.set(key, acc);
  }
  return [...out.values()].sort((a, b) => b.workSeconds - a.workSeconds || b.blocked - a.blocked || a.host.localeCompare(b.host));
}

/** The sum of every row. */
export function grandTotal(rows: { workSeconds: number; visits: number; blocked: number; unlocks: number }[]) {
  return rows.reduce(
    (acc, r) => ({
      workSeconds: acc.workSeconds + r.workSeconds,
      visits: acc.visits + r.visits,
      blocked: acc.blocked + r.blocked,
      unlocks: acc.unlocks + r.unlocks,
    }),
    { workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 },
  );
}

/** Every day from `from` to `to` inclusive (at most `limit`, so a typo of year 2062 cannot hang the page). */
export function daysBetween(from: string, to: string, limit = 3660): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length < limit; d = addDaysToKey(d, 1)) days.push(d);
  return days;
}

/** Per-day category totals for the chart, a day with no rows included as empty. */
export function dailyByCategory(rows: UsageRow[], from: string, to: string): { day: string; byCategory: CategoryTotal[] }[] {
  const byDay = new Map<string, Map<string, CategoryTotal>>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? new Map<string, CategoryTotal>();
    const acc = day.get(r.category) ?? { category: r.category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 };
    acc.workSeconds += r.workSeconds;
    acc.visits += r.visits;
    acc.blocked += r.blocked;
    acc.unlocks += r.unlocks;
    day.set(r.category, acc);
    byDay.set(r.day, day);
  }
  return daysBetween(from, to).map((day) => ({ day, byCategory: [...(byDay.get(day)?.values() ?? [])] }));
}
