// The background's message door (issue #9, "Messages"): only the extension's own pages may
// call it, every request is validated, and a refused request changes nothing, neither in
// extension storage nor in the tallies database.
//
// handleMessage is imported as the background registers it, with WXT's fake browser
// (WxtVitest maps `wxt/browser` to it). The fake has no declarativeNetRequest, so the one
// module that calls it is mocked.
import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { deleteAll, recordEvent, addUsage } from '@/utils/tallies/db';
import { handleMessage } from '@/entrypoints/background/messages';
import { tallyDb } from '@/entrypoints/background/tally-db';
import { invalidateContext } from '@/entrypoints/background/context';
import type { PopupResponse, StatusResponse } from '@/utils/messages/types';

vi.mock('@/entrypoints/background/dnr', () => import('../support/fake-dnr'));

type Sender = Browser.runtime.MessageSender;

const TODAY = '2026-03-02';
const SEEDED_SETTINGS = { retentionDays: 90, categories: { video: { mode: 'block' } } };

const ownPage = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const blockPage = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: `${fakeBrowser.runtime.getURL('/blocked.html')}#https://www.taobao.com/`,
  tab: tabAt(7, 'chrome-extension://test-extension-id/blocked.html'),
  frameId: 0,
});
/** Only the fields the guard could look at; the rest of Tab does not matter here. */
function tabAt(id: number, url: string): Browser.tabs.Tab {
  return { id, index: 0, windowId: 1, highlighted: false, active: true, pinned: false, incognito: false, url } as Browser.tabs.Tab;
}
const tab = tabAt(3, 'https://evil.example/');

/** Senders that are not the extension's own pages, with what the browser would report for them. */
const FOREIGN_SENDERS: [string, () => Sender][] = [
  // A web page can only reach runtime.onMessage through a content script or externally_connectable
  // (which the manifest does not declare); whatever the route, the sender's url is the page's.
  ['a web page', () => ({ id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab, frameId: 0, origin: 'https://evil.example' })],
  ['a content-script context in a page', () => ({ id: fakeBrowser.runtime.id, url: 'https://www.taobao.com/item/1', tab: { ...tab, url: 'https://www.taobao.com/item/1' }, frameId: 0 })],
  ['a cross-origin iframe in a page', () => ({ id: fakeBrowser.runtime.id, url: 'https://ads.example/frame.html', tab, frameId: 12 })],
  ['another extension', () => ({ id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html' })],
  ['another extension that claims our page url', () => ({ id: 'abcdefghijklmnopabcdefghijklmnop', url: fakeBrowser.runtime.getURL('/options.html') })],
  ['a look-alike extension origin', () => ({ id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}.evil.example/options.html` })],
  ['our id with a data: url', () => ({ id: fakeBrowser.runtime.id, url: 'data:text/html,<script>chrome.runtime.sendMessage({})</script>' })],
  ['our id with no url', () => ({ id: fakeBrowser.runtime.id })],
  ['no id at all', () => ({ url: fakeBrowser.runtime.getURL('/options.html') })],
  ['an empty sender', () => ({})],
];

/** Requests that would change something if obeyed: a web page must not get them through. */
const WELL_FORMED: [string, unknown][] = [
  ['deleteAllData', { type: 'deleteAllData' }],
  ['saveTeacherSettings', { type: 'saveTeacherSettings', settings: { retentionDays: 1, categories: { shopping: { mode: 'off' } } } }],
  ['reportBlocked', { type: 'reportBlocked' }],
  ['requestUnlock', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: 'need to buy chalk for class', minutes: 120 }],
  ['getReport (a read: no answer either)', { type: 'getReport', from: '2020-01-01', to: TODAY }],
  ['exportReport (the rows themselves: no answer either)', { type: 'exportReport', from: '2020-01-01', to: TODAY }],
];

const HUGE = 'a'.repeat(100_001);
const huge = (n: number) => 'x'.repeat(n);

/** Malformed requests from the extension's own page: each is refused whole with { error: 'invalid message' }. */
const MALFORMED: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['NaN', Number.NaN],
  ['a string', 'deleteAllData'],
  ['a boolean', true],
  ['an array', [{ type: 'deleteAllData' }]],
  ['an array with type', Object.assign([], { type: 'getStatus' })],
  ['an empty object', {}],
  ['missing type', { url: 'https://www.taobao.com/' }],
  ['type null', { type: null }],
  ['type a number', { type: 1 }],
  ['type an array', { type: ['deleteAllData'] }],
  ['type an object', { type: { toString: () => 'deleteAllData' } }],
  ['unknown type', { type: 'deleteEverything' }],
  ['type with different case', { type: 'DeleteAllData' }],
  ['type with a space', { type: 'deleteAllData ' }],
  ['url missing', { type: 'describeBlock' }],
  ['url a number', { type: 'describeBlock', url: 1 }],
  ['url empty', { type: 'describeBlock', url: '' }],
  ['url over 100 kB', { type: 'describeBlock', url: `https://www.taobao.com/?q=${HUGE}` }],
  ['reportBlocked with a url (it names none: the tab says what was blocked)', { type: 'reportBlocked', url: 'https://www.taobao.com/' }],
  ['describeBlock url over 100 kB', { type: 'describeBlock', url: HUGE }],
  ['testUrl url over 100 kB', { type: 'testUrl', url: HUGE }],
  ['unlock reason over 500 characters', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: huge(501), minutes: 5 }],
  ['unlock reason of 1 MB', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: huge(1_000_000), minutes: 5 }],
  ['unlock minutes 0', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: 'reason', minutes: 0 }],
  ['unlock minutes 121', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: 'reason', minutes: 121 }],
  ['unlock minutes fractional', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: 'reason', minutes: 1.5 }],
  ['unlock minutes a string', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: 'reason', minutes: '10' }],
  ['unlock minutes Infinity', { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: 'reason', minutes: Number.POSITIVE_INFINITY }],
  ['report dates not dates', { type: 'getReport', from: 'yesterday', to: 'today' }],
  ['export dates not dates', { type: 'exportReport', from: 'yesterday', to: TODAY }],
  ['report dates numbers', { type: 'getReport', from: 20260301, to: 20260302 }],
  ['report date with a suffix', { type: 'getReport', from: '2026-03-01', to: '2026-03-02; DROP TABLE' }],
  ['an extra key', { type: 'deleteAllData', force: true }],
  ['an extra huge key', { type: 'getStatus', padding: huge(200_000) }],
  ['__proto__ as an own key (as JSON delivers it)', JSON.parse('{"type":"getStatus","__proto__":{"isAdmin":true}}')],
  ['__proto__ carrying the type', JSON.parse('{"__proto__":{"type":"deleteAllData"}}')],
  ['constructor.prototype', JSON.parse('{"type":"getStatus","constructor":{"prototype":{"polluted":true}}}')],
  ['prototype key', { type: 'testUrl', url: 'https://a.cn/', prototype: { polluted: true } }],
];

async function snapshot() {
  const db = await tallyDb();
  return {
    storage: structuredClone(await fakeBrowser.storage.local.get()),
    usage: await db.usage.toArray(),
    events: await db.events.toArray(),
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  invalidateContext();
  const db = await tallyDb();
  await deleteAll(db);
  await addUsage(db, [{ day: TODAY, host: 'taobao.com', category: 'shopping', workSeconds: 120, visits: 3, blocked: 2, unlocks: 0 }]);
  await recordEvent(db, { at: new Date(2026, 2, 2, 9).getTime(), type: 'blocked', host: 'taobao.com', category: 'shopping' });
  await fakeBrowser.storage.local.set({ teacherSettings: SEEDED_SETTINGS, unlocks: [] });
});

describe('senders that are not the extension’s own pages get no answer and change nothing', () => {
  describe.each(FOREIGN_SENDERS)('from %s', (_name, sender) => {
    test.each([...WELL_FORMED, ...MALFORMED.slice(0, 6)])('%s', async (_label, message) => {
      const before = await snapshot();
      expect(handleMessage(message, sender())).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(await snapshot()).toEqual(before);
    });
  });
});

describe('malformed requests from the extension’s own page are refused whole', () => {
  test.each(MALFORMED)('%s', async (_label, message) => {
    const before = await snapshot();
    await expect(handleMessage(message, ownPage())).resolves.toEqual({ error: 'invalid message' });
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a well-formed envelope with a hostile settings payload is refused by the settings check, not stored', async () => {
    const before = await snapshot();
    for (const settings of [
      JSON.parse('{"__proto__":{"lockSettings":false}}'),
      { retentionDays: '9999' },
      { retentionDays: 0 },
      { allow: ['*'] },
      { allow: Array.from({ length: 10 }, () => huge(300)) },
      { categories: { shopping: { mode: 'block', add: ['javascript:alert(1)'] } } },
      { shedule: {} },
      null,
      [],
      'lockSettings=false',
    ]) {
      const r = await handleMessage({ type: 'saveTeacherSettings', settings }, ownPage());
      expect(r).toMatchObject({ ok: false });
    }
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).lockSettings).toBeUndefined();
  });
});

describe('the same requests from the extension’s own pages do work (the guard is not just closed)', () => {
  test('getStatus from the options page answers', async () => {
    const r = await handleMessage({ type: 'getStatus' }, ownPage());
    expect(r).toMatchObject({ workTime: expect.any(Boolean), policy: expect.any(Object) });
  });

  test('getPopup answers the status, today (as getToday does) and seven days, today last, in one answer (#16)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T10:00:00+08:00')); // TODAY, a Monday
    try {
      const db = await tallyDb();
      await addUsage(db, [
        { day: '2026-02-27', host: 'qq.com', category: 'games', workSeconds: 600, visits: 1, blocked: 0, unlocks: 0 },
        { day: '2026-02-23', host: 'jd.com', category: 'shopping', workSeconds: 60, visits: 1, blocked: 0, unlocks: 0 }, // 7 days back: not in
      ]);
      await recordEvent(db, { at: Date.now(), type: 'blocked', host: 'taobao.com', category: 'shopping' });
      const answer = (await handleMessage({ type: 'getPopup' }, ownPage())) as PopupResponse;
      if ('error' in answer.tallies) throw new Error(answer.tallies.error);
      const popup = { status: answer.status, ...answer.tallies };
      expect(popup.today).toEqual(await handleMessage({ type: 'getToday' }, ownPage()));
      expect(popup.today.byCategory).toEqual([{ category: 'shopping', workSeconds: 120, visits: 3, blocked: 2, unlocks: 0 }]);
      expect({ ...popup.status, now: 0 }).toEqual({ ...((await handleMessage({ type: 'getStatus' }, ownPage())) as StatusResponse), now: 0 });
      expect(popup.status.blockedToday).toBe(await (await tallyDb()).events.where('[type+day]').equals(['blocked', TODAY]).count());
      expect(popup.week.days.map((d) => d.day)).toEqual(['2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', TODAY]);
      expect(popup.week.days.map((d) => d.byCategory.map((t) => `${t.category} ${t.workSeconds}`))).toEqual([[], [], [], ['games 600'], [], [], ['shopping 120']]);
      expect(popup.week.categories).toEqual(popup.today.categories);
    } finally {
      vi.useRealTimers();
    }
  });

  test('reportBlocked answers the count and counts nothing itself (#17: the background counts navigations)', async () => {
    // A Thursday morning in term: work time under the built-in schedule.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T09:00:00+08:00'));
    try {
      const before = (await (await tallyDb()).events.toArray()).length;
      await expect(handleMessage({ type: 'reportBlocked' }, blockPage())).resolves.toMatchObject({
        attemptsToday: expect.any(Number),
      });
      expect((await (await tallyDb()).events.toArray()).length).toBe(before);
    } finally {
      vi.useRealTimers();
    }
  });

  test('deleteAllData from the options page deletes (no policy locks it here)', async () => {
    await expect(handleMessage({ type: 'deleteAllData' }, ownPage())).resolves.toEqual({ ok: true });
    expect(await (await tallyDb()).usage.toArray()).toEqual([]);
  });
});

describe('with a policy that locks the settings, even the extension’s own pages cannot undo it', () => {
  beforeEach(async () => {
    await fakeBrowser.storage.local.set({ lastGoodPolicy: { retentionDays: 30, categories: { shopping: { mode: 'block' } } } });
    invalidateContext();
  });

  test('a changed locked key is refused by the background, not only greyed out in the page', async () => {
    const before = await snapshot();
    const r = await handleMessage({ type: 'saveTeacherSettings', settings: { retentionDays: 3650, categories: { shopping: { mode: 'off' } } } }, ownPage());
    expect(r).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ key: 'settingsLocked' })]) });
    expect(await snapshot()).toEqual(before);
  });

  test('deleting the records is refused', async () => {
    const before = await snapshot();
    await expect(handleMessage({ type: 'deleteAllData' }, ownPage())).resolves.toEqual({ ok: false, refusal: 'locked' });
    expect(await snapshot()).toEqual(before);
  });
});
