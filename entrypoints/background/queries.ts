/** The popup's and the options page's reads of the tallies, totalled here, not in the page. */
import { eventsOfDay, getDay, getRange } from '@/utils/tallies/db';
import type { ReportExport, ReportResponse, TodayResponse, WeekResponse } from '@/utils/messages/types';
import { addDaysToKey, localDayKey } from '@/utils/time/day-key';
import { dailyByCategory, summarizeReport, topHostsOf, totalsByCategory } from '@/utils/report/report';
import { currentContext } from './context';
import { tallyDb } from './tally-db';

export async function today(now: number): Promise<TodayResponse> {
  const day = localDayKey(now);
  const ctx = await currentContext();
  const rows = await getDay(await tallyDb(), day);
  const totals = totalsByCategory(rows);
  const unlockEvents = (await eventsOfDay(await tallyDb(), day, 'unlock')).map(({ at, host, category, detail }) => ({ at, host, category, detail }));
  return {
    day,
    categories: ctx.categories,
    byCategory: totals,
    blocked: totals.reduce((n, t) => n + t.blocked, 0),
    unlocks: totals.reduce((n, t) => n + t.unlocks, 0),
    topHosts: topHostsOf(rows, 10),
    unlockEvents,
  };
}

export async function week(now: number): Promise<WeekResponse> {
  const to = localDayKey(now);
  const from = addDaysToKey(to, -6);
  const days = dailyByCategory(await getRange(await tallyDb(), from, to), from, to);
  return { days, categories: (await currentContext()).categories };
}

export async function report(from: string, to: string): Promise<ReportResponse> {
  const rows = await getRange(await tallyDb(), from, to);
  return { from, to, categories: (await currentContext()).categories, ...summarizeReport(rows, from, to) };
}

export async function reportRows(from: string, to: string): Promise<ReportExport> {
  return { from, to, rows: await getRange(await tallyDb(), from, to), categories: (await currentContext()).categories };
}
