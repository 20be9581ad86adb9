/**
 * Feeds the browser's focus, tab and idle events to the pure accounting state machine and
 * stores its credits; the state itself lives in extension storage between worker runs.
 */
import { browser, type Browser } from 'wxt/browser';
import { isCreditable, step, type AccountingEvent } from '@/utils/tallies/accounting';
import { webHost } from '@/utils/matching/web-host';
import { spanClock } from '@/utils/schedule/work-span';
import { currentContext, wakeConfig } from './context';
import { targetIn } from './records';
import { accountingState, derivedConfig } from './storage';
import { addUsageSoon, writeTallies } from './tally-db';

type Target = { host: string; category: string };

/**
 * What `host` is tallied under. The last answer is kept with the derived configuration, so a
 * checkpoint tick on the same tab (a cold worker, each minute) builds no host index (issue 16).
 */
async function targetOf(host: string): Promise<Target> {
  const wake = await wakeConfig();
  if (wake.focus?.host === host) return wake.focus.target;
  const ctx = await currentContext();
  const target = await targetIn(ctx, host);
  const stored = await derivedConfig.getValue();
  if (stored?.digest === ctx.digest) await derivedConfig.setValue({ ...stored, focus: { host, target } });
  return target;
}

export function feedAccounting(event: AccountingEvent): Promise<void> {
  return writeTallies(async () => {
    const { schedule, span } = await wakeConfig();
    const state = await accountingState.getValue();
    const clock = spanClock(schedule, span);
    // step() classifies only the host in focus before the event, and only when it is creditable.
    const focusHost = state.focus.tabHost;
    const target = focusHost !== null && isCreditable(state.focus) ? await targetOf(focusHost) : null;
    const result = step(state, event, clock, (host) => {
      if (host !== focusHost || target === null) throw new Error(`accounting asked for ${host}, not the focused ${focusHost}`);
      return target;
    });
    // The credits join the pending usage (written within a second; a failed write keeps them
    // for the next), then the state moves on past them.
    addUsageSoon(result.credits);
    await accountingState.setValue(result.state);
    // A new tab in focus in work time: classify it now, while the worker is awake for the event
    // anyway (off work it is not credited, and classifying may build the host index).
    if (event.type === 'activeTab' && event.host !== null && event.host !== focusHost && clock.isWorkTime(event.at)) await targetOf(event.host);
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
