import type { Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import type { TodayResponse } from '@/utils/messages/types';
import { ALWAYS_WORK } from './support/blocking-cases';
import { ChromiumPolicyFile, launchChromium, readLocal, type ChromiumSession } from './support/chromium';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

const NEVER_WORK = Object.fromEntries(Object.keys(ALWAYS_WORK).map((d) => [d, []]));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function todayFrom(session: ChromiumSession): Promise<TodayResponse> {
  const page = await session.openExtensionPage('options.html');
  try {
    return (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'getToday' }))) as TodayResponse;
  } finally {
    await page.close();
  }
}

const secondsOf = (today: TodayResponse, host: string) => today.topHosts.find((h) => h.host === host)?.workSeconds ?? 0;

describe('Chromium: work time on a log-mode site is tallied to the second, across a service-worker stop', () => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession | undefined;

  afterEach(() => cleanUp(() => session?.close(), () => policyFile.remove(), () => server.stop()));

  async function start(schoolName: string, weekly: Record<string, string[]>) {
    await server.start();
    policyFile.write({ schoolName, schedule: { weekly, officialCalendar: 'none' } });
    session = await launchChromium({ hosts: ['*'] });
    await waitFor('the policy', async () => ((await readLocal<{ schoolName?: string }>(session!.worker, 'lastGoodPolicy'))?.schoolName === schoolName ? true : undefined));
    return session;
  }

  test('stay, stop the worker, stay, switch tabs: the seconds recorded are the seconds measured (±2 s)', async () => {
    const s = await start('计时测试学校', ALWAYS_WORK);
    const video: Page = await s.context.newPage();
    await video.bringToFront();
    await video.goto(server.url('www.bilibili.com', '/video/1'));
    const arrived = Date.now();
    await sleep(6_000);

    // Stop the service worker mid-segment, as Chrome does when it idles it out.
    const cdp = await s.context.newCDPSession(video);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await sleep(6_000);

    const other = await s.context.newPage();
    await other.bringToFront();
    await other.goto(server.url('nottaobao.com', '/work'));
    const left = Date.now();
    await sleep(3_000);

    const today = await waitFor('the tally of bilibili.com', async () => {
      const t = await todayFrom(s);
      return secondsOf(t, 'bilibili.com') > 0 ? t : undefined;
    });
    const measured = (left - arrived) / 1000;
    expect(Math.abs(secondsOf(today, 'bilibili.com') - measured), `recorded ${secondsOf(today, 'bilibili.com')} s, measured ${measured} s`).toBeLessThanOrEqual(2);
    expect(today.byCategory.find((c) => c.category === 'video')?.visits).toBe(1);
    // Uncategorised work browsing is only a total: its host is never named.
    expect(today.topHosts.map((h) => h.host)).not.toContain('nottaobao.com');
  });

  test('outside work time nothing is recorded', async () => {
    const s = await start('下班测试学校', NEVER_WORK);
    const video = await s.context.newPage();
    await video.bringToFront();
    await video.goto(server.url('www.bilibili.com', '/video/2'));
    await sleep(4_000);
    const other = await s.context.newPage();
    await other.bringToFront();
    await other.goto(server.url('nottaobao.com'));
    await sleep(1_000);
    const today = await todayFrom(s);
    expect(today.byCategory).toEqual([]);
    expect(today.topHosts).toEqual([]);
  });
});
