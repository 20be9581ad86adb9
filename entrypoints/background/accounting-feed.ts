/**
 * Feeds the browser's focus, tab and idle events to the pure accounting state machine and
 * stores its credits; the state itself lives in extension storage between worker runs.
 */
import { browser, type Browser } from 'wxt/browser';
import { step, type AccountingEvent } from '@/utils/tallies/accounting';
import { addUsage } from '@/utils/tallies/db';
import { webHost } from '@/utils/matching/web-host';
import { isWorkTime, nextBoundary } from '@/utils/schedule/work-time';
import { tallyTarget } from '@/utils/tallies/target';
import { currentContext } from './context';
import { accountingState } from './storage';
import { tallyDb, writeTallies } from './tally-db';

export function feedAccounting(event: AccountingEvent): Promise<void> {
  return writeTallies(async () => {
    const ctx = await currentContext();
    const { schedule, recordOtherHosts } = ctx.config.values;
    const clock = { isWorkTime: (at: number) => isWorkTime(schedule, at), nextBoundary: (at: number) => nextBoundary(schedule, at) };
    const result = step(await accountingState.getValue(), event, clock, (host) => tallyTarget(ctx.index, host, recordOtherHosts));
    // Credits first: if the write fails, the old state stays and the slice is retried.
    await addUsage(await tallyDb(), result.credits);
    await accountingState.setValue(result.state);
  });
}

/** The tallyable host of a tab: http(s) pages only; extension pages (the block page) never. */
const tabHost = (tab: Browser.tabs.Tab | undefined): string | null => (tab?.url ? webHost(tab.url) : null);

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
