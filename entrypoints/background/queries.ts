/** The popup's and the options page's reads of the tallies, totalled here, not in the page. */
import { eventsOfDay, getDay, getDayTotals, getRange, type QingfengDb } from '@/utils/tallies/db';
import type { UsageRow } from '@/utils/tallies/types';
import type { CategoryInfo, PopupResponse, ReportExport, ReportResponse, TodayResponse, WeekResponse } from '@/utils/messages/types';
import { addDaysToKey, localDayKey } from '@/utils/time/day-key';
import { dailyFromTotals, summarizeReport, topHostsOf, totalsByCategory } from '@/utils/report/report';
import { currentContext } from './context';
import { getStatus } from './controller';
import { flushUsage, tallyDb } from './tally-db';

/** Usage counted in the last second is written before it is read (a failed write is shown elsewhere). */
async function tallyDbFlushed(): Promise<QingfengDb> {
  await flushUsage().catch(() => undefined);
  return tallyDb();
}

async function unlocksOf(db: QingfengDb, day: string): Promise<TodayResponse['unlockEvents']> {
  return (await eventsOfDay(db, day, 'unlock')).map(({ at, host, category, detail }) => ({ at, host, category, detail }));
}

export async function today(now: number): Promise<TodayResponse> {
  const day = localDayKey(now);
  const db = await tallyDbFlushed();
  const [ctx, rows, unlockEvents] = await Promise.all([currentContext(), getDay(db, day), unlocksOf(db, day)]);
  return todayOf(day, ctx.categories, rows, unlockEvents);
}

/**
 * The popup: the status, today's rows and unlocks and the week's day totals, all asked at once
 * (#16: the popup paints in one round trip). The chart reads the day totals (about seven rows a
 * day), not every host's row of the week: with 200 hosts a day that was 1,400 records of the
 * answer's ~18 ms, and more while the popup page loads beside it.
 */
export async function popup(now: number): Promise<PopupResponse> {
  const [status, tallies] = await Promise.all([
    getStatus(),
    popupTallies(now).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) })),
  ]);
  return { status, tallies };
}

async function popupTallies(now: number): Promise<{ today: TodayResponse; week: WeekResponse }> {
  const to = localDayKey(now);
  const from = addDaysToKey(to, -6);
  const db = await tallyDbFlushed();
  const [ctx, rows, totals, unlockEvents] = await Promise.all([currentContext(), getDay(db, to), getDayTotals(db, from, to), unlocksOf(db, to)]);
  return {
    today: todayOf(to, ctx.categories, rows, unlockEvents),
    week: { days: dailyFromTotals(totals, from, to), categories: ctx.categories },
  };
}

function todayOf(day: string, categories: CategoryInfo[], rows: UsageRow[], unlockEvents: TodayResponse['unlockEvents']): TodayResponse {
  const totals = totalsByCategory(rows);
  return {
    day,
    categories,
    byCategory: totals,
    blocked: totals.reduce((n, t) => n + t.blocked, 0),
    unlocks: totals.reduce((n, t) => n + t.unlocks, 0),
    topHosts: topHostsOf(rows, 10),
    unlockEvents,
  };
}

export async function report(from: string, to: string): Promise<ReportResponse> {
  const rows = await getRange(await tallyDbFlushed(), from, to);
  return { from, to, categories: (await currentContext()).categories, ...summarizeReport(rows, from, to) };
}

export async function reportRows(from: string, to: string): Promise<ReportExport> {
  return { from, to, rows: await getRange(await tallyDbFlushed(), from, to), categories: (await currentContext()).categories };
}
