// #17: what the background counts and does comes from what the browser did (webNavigation),
// not from what a page says. The fake browser has no webNavigation: the handlers are called
// with the details the browsers send, and tabs.update/reload are spied.
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { countEvents, deleteAll, getDay } from '@/utils/tallies/db';
import { handleMessage } from '@/entrypoints/background/messages';
import { forgetTab, onBeforeNavigate, onCommitted, onErrorOccurred, onTabUrl } from '@/entrypoints/background/navigation';
import { invalidateContext } from '@/entrypoints/background/context';
import { discardPendingUsage, flushUsage, tallyDb } from '@/entrypoints/background/tally-db';

vi.mock('@/entrypoints/background/dnr', () => import('../support/fake-dnr'));

/** Thursday 26 November 2026, 09:00 in Shanghai: work time under the built-in timetable. */
const WORK_TIME = new Date('2026-11-26T09:00:00+08:00');
const EVENING = new Date('2026-11-26T20:00:00+08:00');
const DAY = '2026-11-26';
const TAOBAO = 'https://www.taobao.com/item?id=1';
const blockPageOf = (url: string, behind = false) => `${fakeBrowser.runtime.getURL('/blocked.html')}${behind ? '?behind=blocked' : ''}#${url}`;
const nav = (tabId: number, url: string, frameId = 0) => ({ tabId, url, frameId });
const blockedToday = async () => countEvents(await tallyDb(), 'blocked', DAY);
const pageIn = (tabId: number, frameId = 0): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: blockPageOf(TAOBAO),
  frameId,
  tab: { id: tabId, index: 0, windowId: 1, highlighted: false, active: true, pinned: false, incognito: false } as Browser.tabs.Tab,
});

let update: ReturnType<typeof vi.fn>;
let reload: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(WORK_TIME);
  fakeBrowser.reset();
  discardPendingUsage();
  await deleteAll(await tallyDb());
  invalidateContext();
  update = vi.fn(async () => undefined);
  reload = vi.fn(async () => undefined);
  vi.spyOn(fakeBrowser.tabs, 'update').mockImplementation(update as never);
  vi.spyOn(fakeBrowser.tabs, 'reload').mockImplementation(reload as never);
  vi.spyOn(fakeBrowser.webNavigation, 'getAllFrames').mockResolvedValue([]);
  for (const id of [1, 2, 3, 4, 5]) forgetTab(id);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a blocked attempt is a navigation the rules redirected, counted once', () => {
  test('a navigation to taobao that commits as the block page counts one; the page’s report adds none', async () => {
    onBeforeNavigate(nav(1, TAOBAO));
    await onCommitted(nav(1, blockPageOf(TAOBAO)));
    await expect(handleMessage({ type: 'reportBlocked' }, pageIn(1))).resolves.toEqual({ attemptsToday: 1 });
    await expect(handleMessage({ type: 'reportBlocked' }, pageIn(1))).resolves.toEqual({ attemptsToday: 1 });
    expect(await blockedToday()).toBe(1);
  });

  test('a server redirect that ends on the block page counts (the navigation began on an allowed URL)', async () => {
    onBeforeNavigate(nav(1, 'https://www.baidu.com/link?url=x'));
    await onCommitted(nav(1, blockPageOf(TAOBAO)));
    expect(await blockedToday()).toBe(1);
  });

  test('Firefox’s form of the same: a failed navigation to taobao, then one to the block page, counts one', async () => {
    onBeforeNavigate(nav(1, TAOBAO));
    onErrorOccurred(nav(1, TAOBAO));
    onBeforeNavigate(nav(1, blockPageOf(TAOBAO)));
    await onCommitted(nav(1, blockPageOf(TAOBAO)));
    expect(await blockedToday()).toBe(1);
  });

  test('a failed navigation elsewhere does not make a page’s own block-page navigation count', async () => {
    onErrorOccurred(nav(2, 'https://unreachable.example/'));
    onBeforeNavigate(nav(2, blockPageOf(TAOBAO)));
    await onCommitted(nav(2, blockPageOf(TAOBAO)));
    expect(await blockedToday()).toBe(0);
  });

  test.each([
    ['a page that navigates to the block page itself', () => onBeforeNavigate(nav(2, blockPageOf(TAOBAO))), 0],
    ['a back/forward restore of the block page (no navigation start seen)', () => undefined, 0],
  ])('%s counts nothing', async (_name, start, frameId) => {
    start();
    await onCommitted(nav(2, blockPageOf(TAOBAO), frameId));
    expect(await blockedToday()).toBe(0);
  });

  test('a web page framing the block page a hundred times counts nothing', async () => {
    for (let i = 0; i < 100; i++) await onCommitted(nav(3, blockPageOf(TAOBAO), 10 + i));
    await expect(handleMessage({ type: 'reportBlocked' }, pageIn(3, 12))).resolves.toEqual({ attemptsToday: 0 });
    expect(await blockedToday()).toBe(0);
  });

  test('a URL that is not blocked now is not counted, even after a redirect', async () => {
    onBeforeNavigate(nav(1, 'https://smartedu.cn/'));
    await onCommitted(nav(1, blockPageOf('https://smartedu.cn/')));
    expect(await blockedToday()).toBe(0);
  });
});

describe('unlock requests only from a top-level block page', () => {
  test('a framed block page is refused before anything is checked or spent', async () => {
    const request = { type: 'requestUnlock', url: TAOBAO, reason: '为班级购买粉笔', minutes: 5 };
    await expect(handleMessage(request, pageIn(1, 7))).resolves.toEqual({ ok: false, refusal: 'framed' });
    await expect(handleMessage(request, { ...pageIn(1), tab: undefined })).resolves.toEqual({ ok: false, refusal: 'framed' });
    expect(await countEvents(await tallyDb(), 'unlock', DAY)).toBe(0);
  });
});

describe('a visit is a new document on a categorised host', () => {
  test('each commit counts once; nothing else (a pushState fires no commit)', async () => {
    await onCommitted(nav(1, 'https://www.bilibili.com/video/1'));
    await onCommitted(nav(1, 'https://www.bilibili.com/video/2'));
    await onCommitted(nav(1, 'https://player.bilibili.com/x', 5)); // a frame is not a visit
    await flushUsage();
    const rows = await getDay(await tallyDb(), DAY);
    expect(rows.find((r) => r.host === 'bilibili.com')?.visits).toBe(2);
  });
});

describe('the second line behind DNR', () => {
  test('a blocked site that commits anyway (cache, service worker) is sent to the block page, marked', async () => {
    await onCommitted(nav(4, TAOBAO));
    expect(update).toHaveBeenCalledWith(4, { url: blockPageOf(TAOBAO, true) });
    // tabs.onUpdated for the same commit sends nothing twice.
    await onTabUrl(4, TAOBAO);
    expect(update).toHaveBeenCalledTimes(1);
    await flushUsage();
    expect(await getDay(await tallyDb(), DAY)).toEqual([]); // not a visit
  });

  test('outside work time nothing moves', async () => {
    vi.setSystemTime(EVENING);
    await onCommitted(nav(4, TAOBAO));
    await onTabUrl(4, TAOBAO);
    expect(update).not.toHaveBeenCalled();
  });

  test('a frame on a blocked host reloads its tab once; if it comes back the tab goes to the block page', async () => {
    await onCommitted(nav(5, TAOBAO, 3));
    expect(reload).toHaveBeenCalledWith(5);
    await onCommitted(nav(5, TAOBAO, 3));
    expect(reload).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledWith(5, { url: blockPageOf(TAOBAO, true) });
  });

  test('an allowed page restored with a blocked frame inside reloads', async () => {
    vi.spyOn(fakeBrowser.webNavigation, 'getAllFrames').mockResolvedValue([
      { frameId: 0, parentFrameId: -1, url: 'https://allowed.example/', errorOccurred: false },
      { frameId: 9, parentFrameId: 0, url: 'https://item.taobao.com/', errorOccurred: false },
    ] as never);
    await onCommitted(nav(2, 'https://allowed.example/'));
    expect(reload).toHaveBeenCalledWith(2);
  });
});
