import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChromiumPolicyFile, launchChromium, readLocal, type ChromiumSession } from './support/chromium';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';
import { WEEKDAYS } from '../../utils/policy/constants';
import { localDayKey, weekdayOfKey } from '../../utils/time/day-key';
import { pad } from '../../utils/time/pad';

const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/**
 * A one-minute work period starting at the next whole minute (at least 20 s away, so the
 * browser is up and the policy read before it begins). Local time: TZ is set for the run and
 * the browser inherits it.
 */
function upcomingPeriod(now: Date) {
  const start = new Date(now);
  start.setSeconds(0, 0);
  start.setMinutes(start.getMinutes() + (now.getSeconds() > 40 ? 2 : 1));
  const end = new Date(start.getTime() + 60_000);
  const endText = end.getDate() !== start.getDate() ? '24:00' : hhmm(end);
  return { start, end, weekday: weekdayOfKey(localDayKey(start.getTime())), period: `${hhmm(start)}-${endText}` };
}

describe('Chromium: rules follow the work-time boundaries while the browser runs', () => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession;
  const window = upcomingPeriod(new Date());
  const school = '边界测试学校';

  beforeAll(async () => {
    await server.start();
    const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, d === window.weekday ? [window.period] : []]));
    policyFile.write({ schoolName: school, schedule: { weekly, officialCalendar: 'none', holidays: [], workdays: [] } });
    session = await launchChromium({ hosts: ['taobao.com'] });
    // The policy is kept before its rules are applied, and the start-up reconcile's rules (the
    // built-in timetable's, in force on a weekday morning) are still installed then: wait for a
    // check of the rules made at or after the moment the policy came into force.
    await waitFor('the policy to be read and applied', async () => {
      const policy = await readLocal<{ schoolName?: string }>(session.worker, 'lastGoodPolicy');
      const since = (await readLocal<{ inForceSince: number | null }>(session.worker, 'policyStatus'))?.inForceSince ?? null;
      const checkedAt = (await readLocal<{ checkedAt: number | null }>(session.worker, 'blockingState'))?.checkedAt ?? null;
      return policy?.schoolName === school && since !== null && checkedAt !== null && checkedAt >= since ? true : undefined;
    });
  });

  afterAll(() => cleanUp(() => session?.close(), () => policyFile.remove(), () => server.stop()));

  const pagesServed = () => server.requestsTo('taobao.com').map((r) => r.url).filter((u) => u !== '/favicon.ico');
  const dynamicRuleCount = () => session.worker.evaluate(async () => (await chrome.declarativeNetRequest.getDynamicRules()).length);
  // Off work the worker removes its per-navigation listeners, so the browser stops sending it every page load (#16).
  const navigationListened = () => session.worker.evaluate(() => [chrome.webNavigation.onBeforeNavigate, chrome.webNavigation.onCommitted, chrome.webNavigation.onErrorOccurred].map((e) => e.hasListeners()));

  test('before, during and after a one-minute work period', async () => {
    expect(Date.now()).toBeLessThan(window.start.getTime());
    expect(await dynamicRuleCount()).toBe(0);
    expect(await navigationListened()).toEqual([false, false, false]);

    // Before the period: the site opens, and its tab stays open.
    const tab = await session.context.newPage();
    await tab.goto(server.url('taobao.com', '/before'));
    expect(pagesServed()).toEqual(['/before']);

    // The period begins: the rules appear and the open tab is sent to the block page.
    const blockPage = session.extensionUrl('blocked.html');
    await waitFor('the open tab to move to the block page', () => (tab.url().startsWith(blockPage) ? true : undefined), window.start.getTime() - Date.now() + 15_000, 250);
    expect(Date.now()).toBeGreaterThanOrEqual(window.start.getTime());
    // Moved by the background: marked, so the block page offers no way back to the shop (#17).
    expect(tab.url()).toBe(`${blockPage}?behind=blocked#${server.url('taobao.com', '/before')}`);
    expect(await dynamicRuleCount()).toBeGreaterThan(0);
    expect(await navigationListened()).toEqual([true, true, true]);
    const during = await session.context.newPage();
    await during.goto(server.url('taobao.com', '/during')).catch(() => undefined);
    expect(during.url().startsWith(blockPage)).toBe(true);

    // The period ends: no rule is left, and the site opens again.
    await waitFor('the rules to disappear', async () => ((await dynamicRuleCount()) === 0 ? true : undefined), window.end.getTime() - Date.now() + 15_000, 250);
    expect(Date.now()).toBeGreaterThanOrEqual(window.end.getTime());
    expect(await navigationListened()).toEqual([false, false, false]);
    await during.goto(server.url('taobao.com', '/after'));
    expect(pagesServed()).toEqual(['/before', '/after']);
  }, 240_000); // up to 100 s until the period starts, then the minute it lasts
});
