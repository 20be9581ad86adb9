import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReportResponse } from '@/utils/messages/types';
import { cleanUp } from './support/cleanup';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { seedTallies, type SeedEvent, type SeedUsage } from './support/seed';
import { daysAgo } from './support/days';

/** What a year of heavy use may take on the teacher's disk (SECURITY.md states it). */
const YEAR_BUDGET_BYTES = 30 * 1024 * 1024;

describe('Chromium: a year of heavy use fits a stated size, and retention prunes it', () => {
  let session: ChromiumSession;

  beforeAll(async () => {
    session = await launchChromium();
    const opener = await session.openExtensionPage('popup.html'); // opens the database
    await opener.close();
  });

  afterAll(() => cleanUp(() => session?.close()));

  const estimate = () => session.worker.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const send = async <T,>(message: unknown): Promise<T> => {
    const page = await session.openExtensionPage('options.html');
    try {
      return (await page.evaluate((m) => chrome.runtime.sendMessage(m), message)) as T;
    } finally {
      await page.close();
    }
  };

  test('365 days × 200 hosts and 40 blocked attempts a day stay under 30 MB', async () => {
    const before = await estimate();
    for (let start = 0; start < 365; start += 73) {
      const usage: SeedUsage[] = [];
      const events: SeedEvent[] = [];
      for (let n = start; n < start + 73; n++) {
        const day = daysAgo(n);
        for (let h = 0; h < 200; h++) {
          usage.push({ day, host: `site-${h}.example.cn`, category: h % 2 ? 'video' : 'shopping', workSeconds: 600 + h, visits: 5, blocked: h % 2 ? 0 : 1, unlocks: 0 });
        }
        const at = new Date(`${day}T09:00:00`).getTime();
        for (let e = 0; e < 40; e++) events.push({ at: at + e * 60_000, day, type: 'blocked', host: `site-${e * 2}.example.cn`, category: 'shopping', detail: null });
      }
      await seedTallies(session.worker, usage, events);
    }
    const used = (await estimate()) - before;
    console.info(`a year of heavy use: ${(used / 1024 / 1024).toFixed(1)} MB`);
    expect(used).toBeLessThan(YEAR_BUDGET_BYTES);
  });

  test('a retention of 180 days, then 30, prunes at once', async () => {
    // Days with any row left, as the report totals them in the background (not 73,000 rows over the channel).
    const daysKept = async () => (await send<ReportResponse>({ type: 'getReport', from: daysAgo(400), to: daysAgo(0) })).days.filter((d) => d.byCategory.length > 0).length;
    expect(await daysKept()).toBe(365);
    expect(await send({ type: 'saveTeacherSettings', settings: { retentionDays: 180 } })).toEqual({ ok: true });
    expect(await daysKept()).toBe(180);
    expect(await send({ type: 'saveTeacherSettings', settings: { retentionDays: 30 } })).toEqual({ ok: true });
    expect(await daysKept()).toBe(30);
  });
});
