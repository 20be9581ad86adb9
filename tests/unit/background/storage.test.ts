// Storage under stress (issue #9, "Storage"): a failed write is reported, not a crash, and a
// retention change prunes at once. Drives the real background modules on WXT's fake browser;
// the one module that calls declarativeNetRequest is mocked (the fake has none).
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { addUsage, deleteAll, getRange } from '@/utils/tallies/db';
import { handleMessage } from '@/entrypoints/background/messages';
import { feedAccounting } from '@/entrypoints/background/accounting-feed';
import { discardPendingUsage, flushUsage, tallyDb } from '@/entrypoints/background/tally-db';
import { invalidateContext } from '@/entrypoints/background/context';
import { getStatus } from '@/entrypoints/background/controller';

vi.mock('@/entrypoints/background/dnr', () => import('../support/fake-dnr'));

const ownPage = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]));

beforeEach(async () => {
  fakeBrowser.reset();
  discardPendingUsage();
  await deleteAll(await tallyDb());
  invalidateContext();
  vi.restoreAllMocks();
  // The badge's tooltip is localised; the fake browser has no messages, so answer with the key.
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
});

describe('a full disk is reported, not a crash', () => {
  test('a QuotaExceededError on write is shown in the status, and cleared by the next good write', async () => {
    await fakeBrowser.storage.local.set({ teacherSettings: { schedule: { weekly: ALWAYS, officialCalendar: 'none' } } });
    const at = Date.now();
    const quota = vi.spyOn((await tallyDb()).usage, 'bulkPut').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await feedAccounting({ type: 'windowFocus', at, focused: true });
    await feedAccounting({ type: 'activeTab', at, host: 'www.bilibili.com' });
    await feedAccounting({ type: 'tick', at: at + 30_000 });
    await expect(flushUsage()).rejects.toThrow(/quota/);
    await vi.waitFor(async () => expect((await getStatus()).storageError).toMatch(/QuotaExceededError/));

    // The failed write's 30 seconds were kept: the next write brings them with its own.
    quota.mockRestore();
    await feedAccounting({ type: 'tick', at: at + 60_000 });
    await flushUsage();
    await vi.waitFor(async () => expect((await getStatus()).storageError).toBeNull());
    const rows = await (await tallyDb()).usage.toArray();
    expect(rows).toEqual([expect.objectContaining({ host: 'bilibili.com', workSeconds: 60 })]);
  });
});

describe('retention', () => {
  test('lowering retentionDays prunes older rows at once', async () => {
    const day = (n: number) => {
      const d = new Date();
      d.setDate(d.getDate() - n);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const row = (n: number) => ({ day: day(n), host: `h${n}.cn`, category: 'video', workSeconds: 60, visits: 1, blocked: 0, unlocks: 0 });
    await addUsage(await tallyDb(), [row(0), row(10), row(40), row(170), row(200)]);
    const rangeDays = async () => (await getRange(await tallyDb(), day(400), day(0))).map((r) => r.host).sort();

    await expect(handleMessage({ type: 'saveTeacherSettings', settings: { retentionDays: 180 } }, ownPage())).resolves.toEqual({ ok: true });
    expect(await rangeDays()).toEqual(['h0.cn', 'h10.cn', 'h170.cn', 'h40.cn']);

    await expect(handleMessage({ type: 'saveTeacherSettings', settings: { retentionDays: 30 } }, ownPage())).resolves.toEqual({ ok: true });
    expect(await rangeDays()).toEqual(['h0.cn', 'h10.cn']);
  });
});
