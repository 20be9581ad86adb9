// The background's reconcile, driven through main() on WXT's fake browser with the one
// declarativeNetRequest module mocked (the fake has none): the configuration is rebuilt only
// when it changed, the fallback keeps protection, and an unlock whose rule cannot be installed
// is refused without spending the day's quota (issue 15).
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { CHROME_DNR_LIMITS, type DnrLimits, type DnrRule } from '@/utils/dnr/types';
import { CHECK_SLICES, checkSlice, compileBlockRules, isSessionRule } from '@/utils/dnr/rules';
import { WORD_LIST_MIN } from '@/utils/digest';
import type { RuleUpdate } from '@/utils/dnr/installed';
import { buildMatchConfig } from '@/utils/policy/resolve';
import { DEFAULTS } from '@/utils/policy/schema';
import { countEvents, deleteAll } from '@/utils/tallies/db';
import { localDayKey } from '@/utils/time/day-key';
import background from '@/entrypoints/background';
import { BOUNDARY_ALARM } from '@/entrypoints/background/alarms';
import { currentContext, invalidateContext } from '@/entrypoints/background/context';
import { reconcile } from '@/entrypoints/background/controller';
import { handleMessage } from '@/entrypoints/background/messages';
import { blockingState, unlocks } from '@/entrypoints/background/storage';
import { discardPendingUsage, flushUsage, tallyDb } from '@/entrypoints/background/tally-db';

const dnr = vi.hoisted(() => ({ limits: null as DnrLimits | null, installed: [] as DnrRule[], sessionIds: new Set<number>(), replaced: 0, available: true }));
vi.mock('@/entrypoints/background/dnr', () => ({
  dnrLimits: () => dnr.limits ?? CHROME_DNR_LIMITS,
  dnrAvailable: () => dnr.available,
  // Both of the browser's sets, held here as one list; `sessionIds` says which rules are in the session set.
  installedRules: vi.fn(async () => ({
    dynamic: structuredClone(dnr.installed.filter((rule) => !dnr.sessionIds.has(rule.id))),
    session: structuredClone(dnr.installed.filter((rule) => dnr.sessionIds.has(rule.id))),
  })),
  // As the browser applies each set's update: the removed ids go, then the added rules come in (kept in id order, as compiled).
  updateRules: vi.fn(async (dynamic: RuleUpdate, session: RuleUpdate) => {
    const inSet = (rule: DnrRule, update: RuleUpdate, isSession: boolean) => dnr.sessionIds.has(rule.id) === isSession && update.removeRuleIds.includes(rule.id);
    const kept = dnr.installed.filter((rule) => !inSet(rule, dynamic, false) && !inSet(rule, session, true));
    for (const rule of session.addRules) dnr.sessionIds.add(rule.id);
    for (const id of session.removeRuleIds) if (!session.addRules.some((rule) => rule.id === id)) dnr.sessionIds.delete(id);
    dnr.installed = [...kept, ...structuredClone([...dynamic.addRules, ...session.addRules])].sort((a, b) => a.id - b.id);
    dnr.replaced++;
  }),
}));

/** Monday 2 March 2026, 09:00 in Shanghai: work time under the built-in timetable. */
const WORK_TIME = new Date('2026-03-02T09:00:00+08:00');
const blockPage = (url: string): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: `${fakeBrowser.runtime.getURL('/blocked.html')}#${url}`,
  frameId: 0,
  tab: { id: 1, index: 0, windowId: 1, highlighted: false, active: true, pinned: false, incognito: false } as Browser.tabs.Tab,
});
const unlockRequest = { type: 'requestUnlock', url: 'https://www.taobao.com/', reason: '为班级购买粉笔', minutes: 10 };
const unlocksToday = async () => countEvents(await tallyDb(), 'unlock', localDayKey(WORK_TIME.getTime()));
/** How many rules the built-in defaults compile to, without any unlock. */
const defaultRuleCount = () =>
  (compileBlockRules(buildMatchConfig(DEFAULTS), { blockPageUrl: 'chrome-extension://x/blocked.html', limits: CHROME_DNR_LIMITS }) as { rules: DnrRule[] }).rules.length;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(WORK_TIME);
  fakeBrowser.reset();
  dnr.limits = null;
  dnr.installed = [];
  dnr.sessionIds.clear();
  dnr.replaced = 0;
  dnr.available = true;
  discardPendingUsage();
  await deleteAll(await tallyDb());
  invalidateContext();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs the background's main() on the fake browser, which has no idle detection: the listeners' registration is what matters. */
function startMain(): void {
  vi.spyOn(fakeBrowser.idle, 'setDetectionInterval').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.windows, 'getLastFocused').mockResolvedValue({ focused: false } as Awaited<ReturnType<typeof fakeBrowser.windows.getLastFocused>>);
  background.main();
}

describe('reconcile through main()', () => {
  test('a worker start installs the rules; a boundary alarm reuses the configuration instead of rebuilding it', async () => {
    startMain();
    await vi.waitFor(async () => expect((await blockingState.getValue()).inForce).toBe(true));
    expect(dnr.installed.length).toBe(defaultRuleCount());
    const ctx = await currentContext();
    await fakeBrowser.alarms.onAlarm.trigger({ name: BOUNDARY_ALARM, scheduledTime: Date.now() });
    await reconcile('test: after the boundary', false);
    expect(await currentContext()).toBe(ctx);
  });

  test('off work the per-navigation listeners are removed, and added again when work starts (issue 16)', async () => {
    // The fake's events have hasListeners(), though its types name it for a few only.
    type FakeEvent = { hasListeners(): boolean; removeAllListeners(): void };
    const events = [fakeBrowser.webNavigation.onBeforeNavigate, fakeBrowser.webNavigation.onCommitted, fakeBrowser.webNavigation.onErrorOccurred] as unknown as FakeEvent[];
    // The fake's reset leaves webNavigation's listeners: an earlier test's main() added some.
    for (const e of events) e.removeAllListeners();
    const listened = () => events.map((e) => e.hasListeners());
    startMain();
    expect(listened()).toEqual([true, true, true]); // synchronously, before any reconcile
    await vi.waitFor(async () => expect((await blockingState.getValue()).inForce).toBe(true));
    expect(listened()).toEqual([true, true, true]);
    // Monday 22:00: off work under the built-in timetable.
    vi.setSystemTime(new Date('2026-03-02T22:00:00+08:00'));
    await reconcile('test: after work', false);
    expect((await blockingState.getValue()).inForce).toBe(false);
    expect(listened()).toEqual([false, false, false]);
    expect((fakeBrowser.tabs.onRemoved as unknown as FakeEvent).hasListeners()).toBe(true); // not per page load: kept
    // Tuesday 09:00: work again.
    vi.setSystemTime(new Date('2026-03-03T09:00:00+08:00'));
    await reconcile('test: work starts', false);
    expect(listened()).toEqual([true, true, true]);
  });

  test('a changed managed policy rebuilds the configuration', async () => {
    await reconcile('start');
    const before = await currentContext();
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('policy change');
    const after = await currentContext();
    expect(after).not.toBe(before);
    expect(after.config.values.categories.video.mode).toBe('block');
  });

  test('a policy over the browser limits keeps the rules in force; with none in force, the defaults', async () => {
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    dnr.limits = { ...CHROME_DNR_LIMITS, maxDynamicRules: 1 };
    await reconcile('start');
    // No rules were in force: the built-in defaults are installed (they fit no better: then none),
    // and the errors are recorded for the pages.
    expect((await blockingState.getValue()).errors.length).toBeGreaterThan(0);

    dnr.limits = null;
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'log' } } });
    await reconcile('policy fits again');
    const inForce = [...dnr.installed];
    expect((await blockingState.getValue()).errors).toEqual([]);
    dnr.limits = { ...CHROME_DNR_LIMITS, maxDynamicRules: 1 };
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('policy over the limit');
    expect(dnr.installed).toEqual(inForce);
    expect((await blockingState.getValue()).errors[0]?.kind).toBe('dynamicRules');
  });
});

describe('temporary access', () => {
  test('is granted, and counted, when its rule is installed', async () => {
    await reconcile('start');
    await expect(handleMessage(unlockRequest, blockPage(unlockRequest.url))).resolves.toMatchObject({ ok: true });
    expect(await unlocksToday()).toBe(1);
    expect(dnr.installed.length).toBe(defaultRuleCount() + 2); // an unlock is two rules (utils/dnr/rules.ts)
  });

  test('adds only its own rules, as session rules: the rules in force are not installed again (issue 16)', async () => {
    const { updateRules } = await import('@/entrypoints/background/dnr');
    await reconcile('start');
    vi.mocked(updateRules).mockClear();
    await expect(handleMessage(unlockRequest, blockPage(unlockRequest.url))).resolves.toMatchObject({ ok: true });
    expect(vi.mocked(updateRules).mock.calls).toHaveLength(1);
    const [dynamic, session] = vi.mocked(updateRules).mock.calls[0]!;
    expect(dynamic).toEqual({ removeRuleIds: [], addRules: [] });
    expect(session.removeRuleIds).toEqual([]);
    expect(session.addRules.map((r) => r.action.type)).toEqual(['allowAllRequests', 'allow']);
  });

  test('an unlock rule in the wrong set (an older version kept unlocks as dynamic rules) moves to the session set', async () => {
    const { updateRules } = await import('@/entrypoints/background/dnr');
    await reconcile('start');
    await expect(handleMessage(unlockRequest, blockPage(unlockRequest.url))).resolves.toMatchObject({ ok: true });
    const unlockIds = dnr.installed.filter((rule) => isSessionRule(rule.id)).map((rule) => rule.id);
    expect([...dnr.sessionIds]).toEqual(unlockIds);
    // The same rules, held as dynamic ones: the same fingerprint, so nothing moves while nothing changes.
    dnr.sessionIds.clear();
    vi.mocked(updateRules).mockClear();
    await reconcile('wake', false);
    expect(vi.mocked(updateRules).mock.calls).toHaveLength(0);
    // Any change moves them: out of the dynamic set, into the session set.
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('policy change');
    expect([...dnr.sessionIds].sort((a, b) => a - b)).toEqual(unlockIds);
    expect(dnr.installed.filter((rule) => isSessionRule(rule.id)).map((rule) => rule.id)).toEqual(unlockIds);
  });

  test('is refused, and the quota untouched, when the browser cannot take the unlock rule', async () => {
    await reconcile('start');
    const before = [...dnr.installed];
    dnr.limits = { ...CHROME_DNR_LIMITS, maxDynamicRules: defaultRuleCount() };
    await expect(handleMessage(unlockRequest, blockPage(unlockRequest.url))).resolves.toEqual({ ok: false, refusal: 'notInstalled' });
    expect(await unlocksToday()).toBe(0);
    expect(await unlocks.getValue()).toEqual([]);
    expect(dnr.installed).toEqual(before);
  });

  test('the block page of a site already unlocked offers no second unlock', async () => {
    await reconcile('start');
    await handleMessage(unlockRequest, blockPage(unlockRequest.url));
    const info = (await handleMessage({ type: 'describeBlock', url: 'https://item.taobao.com/1' }, blockPage(unlockRequest.url))) as { unlock: { refusal: string | null } };
    expect(info.unlock.refusal).toBe('notBlocked');
  });
});

describe('the policy in force (refreshPolicy, through reconcile)', () => {
  const status = async () => (await handleMessage({ type: 'getStatus' }, blockPage('https://x.cn/'))) as { policy: { present: boolean; valid: boolean; errors: { path: string }[]; lastGoodKept: boolean } };

  test('no policy, never one before: the built-in defaults, reported as no policy', async () => {
    await reconcile('start');
    expect((await status()).policy).toMatchObject({ present: false, valid: true, lastGoodKept: false });
    expect((await currentContext()).config.values.categories.video.mode).toBe(DEFAULTS.categories.video.mode);
  });

  test('an invalid policy is reported with its paths, and the last good one stays in force', async () => {
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('good policy');
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'Block' } }, retentionDays: -1 });
    await reconcile('bad policy');
    const s = (await status()).policy;
    expect(s).toMatchObject({ present: true, valid: false, lastGoodKept: true });
    expect(s.errors.map((e) => e.path).sort()).toEqual(['categories.video.mode', 'retentionDays']);
    expect((await currentContext()).config.values.categories.video.mode).toBe('block');
  });

  test('a policy that disappears after a good one leaves the good one in force, and says so', async () => {
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('good policy');
    await fakeBrowser.storage.managed.clear();
    await reconcile('policy removed');
    expect((await status()).policy).toMatchObject({ present: false, lastGoodKept: true });
    expect((await currentContext()).config.values.categories.video.mode).toBe('block');
  });

  test('the last good policy is kept as its JSON text; one an older version kept as an object is still in force', async () => {
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block', add: ['bilibili.tv'] } } });
    await reconcile('good policy');
    const { lastGoodPolicy: stored } = await fakeBrowser.storage.local.get('lastGoodPolicy');
    expect(typeof stored).toBe('string');
    expect(JSON.parse(stored as string)).toMatchObject({ categories: { video: { mode: 'block' } } });
    const since = async () => ((await status()).policy as unknown as { inForceSince: number }).inForceSince;
    const first = await since();

    // Another text of the same policy is parsed, found equal to the text kept, and changes nothing.
    vi.setSystemTime(Date.now() + 60_000);
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block', add: ['WWW.Bilibili.TV'] } } });
    await reconcile('same policy, other text');
    expect(await since()).toBe(first);
    expect((await fakeBrowser.storage.local.get('lastGoodPolicy')).lastGoodPolicy).toBe(stored);
    // A policy that differs is kept, and is in force from now.
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'log' } } });
    await reconcile('changed policy');
    expect(await since()).toBeGreaterThan(first);

    // An older version's object, and a managed policy that is gone: the object stays in force.
    await fakeBrowser.storage.managed.clear();
    await fakeBrowser.storage.local.set({ lastGoodPolicy: { categories: { video: { mode: 'log' } } } });
    invalidateContext();
    await reconcile('policy removed');
    expect((await status()).policy).toMatchObject({ present: false, lastGoodKept: true });
    expect((await currentContext()).config.values.categories.video.mode).toBe('log');
  });

  test('managed storage that cannot be read keeps the policy in force and reports the error', async () => {
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('good policy');
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('IO error'));
    await reconcile('unreadable');
    expect(((await status()).policy as unknown as { readError: string }).readError).toMatch(/IO error/);
    expect((await currentContext()).config.values.categories.video.mode).toBe('block');
  });
});

describe('a wake that changes nothing costs almost nothing (issue 16)', () => {
  /** The storage keys a piece of work read. */
  async function keysReadBy(work: () => Promise<unknown>): Promise<string[]> {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    try {
      await work();
      return get.mock.calls.flatMap(([keys]) => (keys === null || keys === undefined ? ['(all)'] : typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys)));
    } finally {
      get.mockRestore();
    }
  }

  test('a worker woken for a checkpoint reads neither policy nor settings, and installs nothing', async () => {
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('start');
    const installs = dnr.installed;
    // A new worker: nothing in memory, what was derived is in storage.
    invalidateContext();
    const read = await keysReadBy(() => reconcile('service worker start', 'if-stale'));
    expect(read).not.toContain('lastGoodPolicy');
    expect(read).not.toContain('teacherSettings');
    expect(dnr.installed).toBe(installs);
  });

  test('a second wake the same day opens no database work: no prune, no count, no badge text (each is kept)', async () => {
    Object.assign(fakeBrowser.action, { setIcon: vi.fn(async () => undefined) }); // the fake has none
    await reconcile('start');
    await handleMessage({ type: 'getStatus' }, { id: fakeBrowser.runtime.id });
    invalidateContext(); // a new worker
    const db = await tallyDb();
    const deletes = vi.spyOn(db.usage, 'where');
    const counts = vi.spyOn(db.events, 'where');
    const messages = vi.mocked(fakeBrowser.i18n.getMessage);
    messages.mockClear();
    await reconcile('service worker start', 'if-stale');
    expect(deletes).not.toHaveBeenCalled();
    expect(counts).not.toHaveBeenCalled();
    expect(messages).not.toHaveBeenCalled();
    // The next day prunes and counts afresh (its badge reads the same: same hour, none blocked).
    vi.setSystemTime(WORK_TIME.getTime() + 24 * 3_600_000);
    invalidateContext();
    await reconcile('service worker start', 'if-stale');
    expect(deletes).toHaveBeenCalled();
    expect(counts).toHaveBeenCalled();
    expect(messages).not.toHaveBeenCalled();
  });

  test('the tick on the same tab classifies it from what was kept, without the policy', async () => {
    await reconcile('start');
    const { feedAccounting } = await import('@/entrypoints/background/accounting-feed');
    const at = Date.now();
    await feedAccounting({ type: 'windowFocus', at, focused: true });
    await feedAccounting({ type: 'activeTab', at, host: 'www.bilibili.com' });
    invalidateContext();
    const read = await keysReadBy(() => feedAccounting({ type: 'tick', at: at + 30_000 }));
    expect(read).not.toContain('lastGoodPolicy');
    await flushUsage();
    const rows = await (await tallyDb()).usage.toArray();
    expect(rows).toEqual([expect.objectContaining({ host: 'bilibili.com', category: 'video', workSeconds: 30 })]);
  });

  test('a changed policy is read, applied and derived again, even right after a read', async () => {
    await reconcile('start');
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    await reconcile('policy change');
    expect((await currentContext()).config.values.categories.video.mode).toBe('block');
    invalidateContext();
    await reconcile('service worker start', 'if-stale');
    expect((await currentContext()).config.values.categories.video.mode).toBe('block');
  });

  test('requests that arrive while a reconcile waits its turn join it, and the joined run reads the policy if any asked', async () => {
    const { installedRules } = await import('@/entrypoints/background/dnr');
    await reconcile('start');
    const reads = vi.mocked(installedRules).mock.calls.length;
    const running = reconcile('wake', false);
    // Queued behind the running one: these three become one run, which reads the policy.
    await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block' } } });
    const joined = [reconcile('service worker start', 'if-stale'), reconcile('policy change'), reconcile('wake', false)];
    await Promise.all([running, ...joined]);
    // Two runs (each reads the browser's rules back once, plus once more after applying the new policy).
    expect(vi.mocked(installedRules).mock.calls.length - reads).toBe(3);
    expect((await currentContext()).config.values.categories.video.mode).toBe('block');
    // A request after the queue is idle runs again.
    await reconcile('wake', false);
    expect(vi.mocked(installedRules).mock.calls.length - reads).toBe(4);
  });

  test('settings written by anyone make the next wake derive the configuration again (index.ts listens)', async () => {
    startMain();
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('derivedConfig')).derivedConfig).toBeTruthy());
    await fakeBrowser.storage.local.set({ teacherSettings: { retentionDays: 7 } });
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('derivedConfig')).derivedConfig ?? null).toBeNull());
    const read = await keysReadBy(() => reconcile('service worker start', 'if-stale'));
    expect(read).toContain('teacherSettings');
    expect((await fakeBrowser.storage.local.get('derivedConfig')).derivedConfig).toMatchObject({ retentionDays: 7 });
  });

  test('a policy this worker writes is applied from its copy in memory: neither read back nor derived twice (its storage event is its own); one written by anyone else is read again', async () => {
    startMain();
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get('derivedConfig')).derivedConfig).toBeTruthy());
    let ctx: Awaited<ReturnType<typeof currentContext>> | undefined;
    const read = await keysReadBy(async () => {
      await fakeBrowser.storage.managed.set({ categories: { video: { mode: 'block', add: ['bilibili.tv'] } } });
      await vi.waitFor(async () => expect((await currentContext()).config.values.categories.video.mode).toBe('block'));
      ctx = await currentContext();
      // The browser may deliver the write's storage event after the rules were compiled.
      const { lastGoodPolicy: text } = await fakeBrowser.storage.local.get(null); // (not a read of the key by name)
      await fakeBrowser.storage.onChanged.trigger({ lastGoodPolicy: { newValue: text } }, 'local');
      await reconcile('test: after the change', false);
    });
    expect(read).not.toContain('lastGoodPolicy');
    expect(await currentContext()).toBe(ctx);
    // A new worker reads the text from storage and derives the same configuration, and the same digest.
    invalidateContext();
    const fresh = await currentContext();
    expect(fresh).not.toBe(ctx);
    expect(fresh.digest).toBe(ctx!.digest);
    expect(fresh.config).toEqual(ctx!.config);
    // Written by anyone else, the policy in storage is read again.
    await fakeBrowser.storage.local.set({ lastGoodPolicy: JSON.stringify({ categories: { video: { mode: 'log' } } }) });
    await vi.waitFor(async () => expect((await currentContext()).config.values.categories.video.mode).toBe('log'));
  });
});

// #17: the rules the browser holds are the truth, and a stored unlock must be one that was granted.
describe('the browser’s rules, checked at every reconcile', () => {
  test('rules rewritten in place (same ids, same count) are repaired', async () => {
    await reconcile('start');
    const compiled = structuredClone(dnr.installed);
    const shopping = dnr.installed.find((r) => r.action.type === 'redirect' && r.condition.requestDomains?.includes('taobao.com'))!;
    shopping.condition.requestDomains = ['example.invalid'];
    await reconcile('wake', false);
    expect(dnr.installed).toEqual(compiled);
  });

  test('a domain swapped in place for one as long is repaired at the minute its slice is checked (issue 16), not at the others', async () => {
    await reconcile('start');
    const compiled = structuredClone(dnr.installed);
    const shopping = dnr.installed.find((r) => r.action.type === 'redirect' && r.condition.requestDomains?.includes('taobao.com'))!;
    const domains = shopping.condition.requestDomains!;
    // Long enough to be checked by slices (shorter lists are hashed whole at every wake).
    expect(domains.length).toBeGreaterThanOrEqual(WORD_LIST_MIN);
    const index = domains.indexOf('taobao.com');
    domains[index] = 'taobao.con';
    const repairedAt: number[] = [];
    for (let minute = 1; minute <= CHECK_SLICES; minute++) {
      const now = WORK_TIME.getTime() + minute * 60_000;
      vi.setSystemTime(now);
      const replaced = dnr.replaced;
      await reconcile('wake', false);
      if (dnr.replaced !== replaced) repairedAt.push(checkSlice(now));
    }
    expect(repairedAt).toEqual([index % CHECK_SLICES]);
    expect(dnr.installed).toEqual(compiled);
  });

  test('the defaults a browser adds to what it reports do not cause a reinstall', async () => {
    await reconcile('start');
    const replaced = dnr.replaced;
    // Firefox answers every condition key, with null, false or [] where none was given.
    dnr.installed = dnr.installed.map((r) => ({
      ...r,
      condition: { urlFilter: null, isUrlFilterCaseSensitive: false, tabIds: null, requestMethods: [], ...r.condition },
    })) as unknown as DnrRule[];
    await reconcile('wake', false);
    expect(dnr.replaced).toBe(replaced);
  });

  test('a forged unlock in storage.local is dropped, and no allow rule is installed for it', async () => {
    await reconcile('start');
    await unlocks.setValue([{ host: 'taobao.com', until: Date.now() + 60 * 60_000 }]);
    await reconcile('wake', false);
    expect(await unlocks.getValue()).toEqual([]);
    expect(dnr.installed.length).toBe(defaultRuleCount());
  });

  test('a granted unlock outlives the next reconcile; stretched past the policy minutes, it does not', async () => {
    await reconcile('start');
    await handleMessage(unlockRequest, blockPage(unlockRequest.url));
    await reconcile('wake', false);
    const [granted] = await unlocks.getValue();
    expect(granted?.host).toBe('taobao.com');
    await unlocks.setValue([{ ...granted!, until: granted!.until + 60 * 60_000 }]);
    await reconcile('wake', false);
    expect(await unlocks.getValue()).toEqual([]);
  });
});

// #17, case 5: Firefox with extensions.dnr.enabled=false has no declarativeNetRequest at all.
describe('without the blocking API', () => {
  const options = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });

  test('reconcile does not throw, settings still save, and the status says blocking is off', async () => {
    dnr.available = false;
    await expect(reconcile('start')).resolves.toBe(false);
    await expect(handleMessage({ type: 'saveTeacherSettings', settings: { retentionDays: 30 } }, options())).resolves.toEqual({ ok: true });
    await expect(handleMessage({ type: 'getStatus' }, options())).resolves.toMatchObject({ blockingUnavailable: true, rulesInForce: false });
    expect(dnr.replaced).toBe(0);
  });
});
