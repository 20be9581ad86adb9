// Shapes a date range's usage rows for the options page: totals per host and category for
// the table, and per-day category totals for the stacked chart.
import type { CategoryTotal, ReportResponse } from '../messages/types';
import { addDaysToKey } from '../time/day-key';
import { OTHER, ZERO_COUNTS, type Counts, type DayTotalRow, type HostTotal, type UsageRow } from '../tallies/types';

export type { HostTotal } from '../tallies/types';

/** Adds a row's counts into a running total. */
function accumulate<T extends Counts>(total: T, row: Counts): T {
  total.workSeconds += row.workSeconds;
  total.visits += row.visits;
  total.blocked += row.blocked;
  total.unlocks += row.unlocks;
  return total;
}

/** Groups rows by a key and sums their counts, in first-seen order. */
function groupTotals<T extends Counts>(rows: readonly UsageRow[], keyOf: (r: UsageRow) => string, start: (r: UsageRow) => T): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const key = keyOf(r);
    out.set(key, accumulate(out.get(key) ?? start(r), r));
  }
  return [...out.values()];
}

/** Totals per category (the popup's today, each day of the chart). */
export function totalsByCategory(rows: readonly UsageRow[]): CategoryTotal[] {
  return groupTotals(rows, (r) => r.category, (r) => ({ category: r.category, ...ZERO_COUNTS }));
}

/**
 * The one order of host tables (the popup's top hosts and the report's table): most work
 * time, then most blocked attempts (a blocked host has no time), then most visits, then by
 * name and category in code-point order, so ties are stable and the same everywhere.
 */
export function compareHostTotals(a: HostTotal, b: HostTotal): number {
  return (
    b.workSeconds - a.workSeconds ||
    b.blocked - a.blocked ||
    b.visits - a.visits ||
    (a.host < b.host ? -1 : a.host > b.host ? 1 : 0) ||
    (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)
  );
}

/** One line per (host, category) over the range, in compareHostTotals order. */
export function totalsByHost(rows: readonly UsageRow[]): HostTotal[] {
  return groupTotals(rows, (r) => `${r.host}\u0000${r.category}`, (r) => ({ host: r.host, category: r.category, ...ZERO_COUNTS })).sort(compareHostTotals);
}

/** The sum of every row. */
export function grandTotal(rows: readonly Counts[]): Counts {
  return rows.reduce((total, r) => accumulate(total, r), { ...ZERO_COUNTS });
}

/** Every day from `from` to `to` inclusive (at most `limit`, so a typo of year 2062 cannot hang the page). */
export function daysBetween(from: string, to: string, limit = 3660): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length < limit; d = addDaysToKey(d, 1)) days.push(d);
  return days;
}

/** Per-day category totals for the chart, a day with no rows included as empty. */
export function dailyByCategory(rows: readonly UsageRow[], from: string, to: string): { day: string; byCategory: CategoryTotal[] }[] {
  const byDay = new Map<string, UsageRow[]>();
  for (const r of rows) {
    const day = byDay.get(r.day);
    if (day) day.push(r);
    else byDay.set(r.day, [r]);
  }
  return daysBetween(from, to).map((day) => ({ day, byCategory: totalsByCategory(byDay.get(day) ?? []) }));
}

/**
 * dailyByCategory's answer from the dayTotals rows (the sums it would compute from the usage
 * rows, kept by the database): the popup's week chart without every host's row (issue 16).
 * Within a day, categories come in the rows' order (by category id), not first-seen order.
 */
export function dailyFromTotals(totals: readonly DayTotalRow[], from: string, to: string): { day: string; byCategory: CategoryTotal[] }[] {
  const byDay = new Map<string, CategoryTotal[]>();
  for (const { day, ...total } of totals) {
    const list = byDay.get(day);
    if (list) list.push(total);
    else byDay.set(day, [total]);
  }
  return daysBetween(from, to).map((day) => ({ day, byCategory: byDay.get(day) ?? [] }));
}

/** The options report's figures for a range: what the page draws, not the rows (see ReportResponse). */
export function summarizeReport(rows: readonly UsageRow[], from: string, to: string): Pick<ReportResponse, 'days' | 'hosts' | 'total'> {
  const hosts = totalsByHost(rows);
  return { days: dailyByCategory(rows, from, to), hosts, total: grandTotal(hosts) };
}

/**
 * The first `limit` hosts over the rows' days, in compareHostTotals order. The OTHER bucket
 * is not a host and is left out; it still counts in category totals. A host's category is
 * the one of its latest day (rows come by day).
 */
export function topHostsOf(rows: readonly UsageRow[], limit: number): HostTotal[] {
  const totals = new Map<string, HostTotal>();
  for (const row of rows) {
    if (row.host === OTHER) continue;
    const sum = totals.get(row.host);
    totals.set(row.host, {
      host: row.host,
      category: row.category,
      workSeconds: (sum?.workSeconds ?? 0) + row.workSeconds,
      visits: (sum?.visits ?? 0) + row.visits,
      blocked: (sum?.blocked ?? 0) + row.blocked,
      unlocks: (sum?.unlocks ?? 0) + row.unlocks,
    });
  }
  return [...totals.values()].sort(compareHostTotals).slice(0, Math.max(0, limit));
}
