/**
 * The tallies (issue #4): feeds browser events to the pure accounting state machine, stores
 * its credits and the visit/block/unlock counts in IndexedDB, and answers the pages' queries.
 */
import { browser, type Browser } from 'wxt/browser';
import { step, type AccountingEvent } from '@/utils/tallies/accounting';
import { blockedDelta, unlockDelta, visitDelta } from '@/utils/tallies/deltas';
import { addUsage, countEvents, eventsOfDay, getDay, getRange, openOrReset, pruneBefore, recordEvent, type QingfengDb } from '@/utils/tallies/db';
import { webHost } from '@/utils/matching/decide';
import type { ReportExport, ReportResponse, TodayResponse, WeekResponse } from '@/utils/messages/types';
import { isWorkTime, nextBoundary } from '@/utils/schedule/work-time';
import { addDaysToKey, localDayKey } from '@/utils/time/day-key';
import { tallyTarget } from '@/utils/tallies/target';
import { dailyByCategory, summarizeReport, topHostsOf, totalsByCategory } from '@/utils/report/report';
import { currentContext, decideNow, type Context } from './context';
import { accountingState, storageProblem } from './storage';

let opening: Promise<QingfengDb> | null = null;

/**
 * The tallies database, opened once per worker. Every user waits for the same open, which
 * replaces a database that does not fit the schema (a downgrade, a damaged store) and records
 * a dbReset event: a broken database is never fatal, and no query races the reset.
 */
export function tallyDb(): Promise<QingfengDb> {
  opening ??= openOrReset('qingfeng', Date.now()).then(
    ({ db, resetReason }) => {
      if (resetReason) console.warn(`[qingfeng] tallies database reset: ${resetReason}`);
      return db;
    },
    (error: unknown) => {
      opening = null; // not even a fresh database opened (a full disk?): try again next time
      throw error;
    },
  );
  return opening;
}

const classifierOf = (ctx: Context) => (host: string) => tallyTarget(ctx.index, host, ctx.config.values.recordOtherHosts);

let queue: Promise<unknown> = Promise.resolve();
/**
 * Writes run one at a time, in the order the events arrived. A failed write (a full disk:
 * QuotaExceededError) is recorded for the popup and the options page instead of surfacing as
 * an unhandled error; blocking does not depend on the database and goes on.
 */
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run
    .then(
      async () => {
        if (problemMayBeRecorded) await storageProblem.setValue(null);
        problemMayBeRecorded = false;
      },
      async (error: unknown) => {
        problemMayBeRecorded = true;
        await storageProblem.setValue({ at: Date.now(), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      },
    )
    .catch(() => undefined);
  return run;
}
/** Unknown at worker start (a problem may be stored from before), so the first success clears. */
let problemMayBeRecorded = true;

export function feedAccounting(event: AccountingEvent): Promise<void> {
  return serialised(async () => {
    const ctx = await currentContext();
    const schedule = ctx.config.values.schedule;
    const clock = { isWorkTime: (at: number) => isWorkTime(schedule, at), nextBoundary: (at: number) => nextBoundary(schedule, at) };
    const result = step(await accountingState.getValue(), event, clock, classifierOf(ctx));
    // Credits first: if the write fails, the old state stays and the slice is retried.
    await addUsage(await tallyDb(), result.credits);
    await accountingState.setValue(result.state);
  });
}

/** The tallyable host of a tab: http(s) pages only; extension pages (the block page) never. */
export const tabHost = (tab: Browser.tabs.Tab | undefined): string | null => (tab?.url ? webHost(tab.url) : null);

/** The active tab of the focused window, as the accounting sees it after a focus change. */
export async function focusedTabHost(): Promise<string | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tabHost(tab);
}

/** Tells the accounting where the focus is now (worker start: events may have been missed). */
export async function syncFocus(): Promise<void> {
  const at = Date.now();
  const window = await browser.windows.getLastFocused().catch(() => null);
  await feedAccounting({ type: 'windowFocus', at, focused: window?.focused ?? false });
  await feedAccounting({ type: 'activeTab', at, host: await focusedTabHost() });
}

/** A main-frame navigation to a categorised host in work time counts as a visit. */
export async function recordVisit(url: string, at: number): Promise<void> {
  const host = webHost(url);
  if (host === null) return;
  const ctx = await currentContext();
  if (!isWorkTime(ctx.config.values.schedule, at)) return;
  const target = tallyTarget(ctx.index, host, ctx.config.values.recordOtherHosts);
  await serialised(async () => addUsage(await tallyDb(), [visitDelta(localDayKey(at), target.host, target.category)]));
}

/**
 * The block page reports each navigation it stopped, once. Returns today's attempts.
 * The block page is web-accessible, so any web page can open it with any URL in its
 * fragment: only a URL that the rules block at this instant is counted (SECURITY.md).
 */
export async function recordBlocked(url: string, at: number): Promise<number> {
  const host = webHost(url);
  const day = localDayKey(at);
  const ctx = await currentContext();
  if (host !== null && (await decideNow(ctx, url, at)).blockedNow) {
    const target = tallyTarget(ctx.index, host, ctx.config.values.recordOtherHosts);
    await serialised(async () => {
      await addUsage(await tallyDb(), [blockedDelta(day, target.host, target.category)]);
      await recordEvent(await tallyDb(), { at, type: 'blocked', host: target.host, category: target.category });
    });
  }
  return countEvents(await tallyDb(), 'blocked', day);
}

export async function recordUnlock(host: string, category: string, reason: string, at: number): Promise<void> {
  await serialised(async () => {
    await addUsage(await tallyDb(), [unlockDelta(localDayKey(at), host, category)]);
    await recordEvent(await tallyDb(), { at, type: 'unlock', host, category, detail: reason });
  });
}

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

/** Drops rows older than retentionDays (daily, and after a retention change). */
export async function prune(now: number, retentionDays: number): Promise<void> {
  await pruneBefore(await tallyDb(), addDaysToKey(localDayKey(now), -retentionDays + 1));
}
