// Issue #17 in Firefox ESR: the cases that exist there. Firefox reads managed storage only at
// start-up, so the period cannot begin mid-run as in the Chromium suite: the policy is in
// force from the start, and the cases are those a page or the teacher can try within it. A
// second, short launch turns the blocking API off (extensions.dnr.enabled=false, case 5).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK, BLOCKING_POLICY, embedded, installEmbeddingRoutes, isBlockedHost, TEST_HOSTS } from './support/blocking-cases';
import { embedsOf, installBypassRoutes, KEYWORD, keywordRequests, withKeywordCategory } from './support/bypass-routes';
import { launchFirefox, navigate, readLocalIn, waitForRulesInForceIn, type FirefoxSession } from './support/firefox';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

const HOSTS = [...TEST_HOSTS, 'www.bilibili.com', 'www.iqiyi.com'];

describe('Firefox: bypass round 2 (#17)', () => {
  const server = new TestServer();
  let session: FirefoxSession;
  let page: Page;
  let ext: Page;
  let blockPage: string;

  beforeAll(async () => {
    await server.start();
    installBypassRoutes(server);
    session = await launchFirefox({ hosts: HOSTS, managedPolicy: withKeywordCategory(BLOCKING_POLICY) });
    blockPage = session.extensionUrl('blocked.html');
    ext = await session.openExtensionPage('options.html');
    await waitForRulesInForceIn(ext, BLOCKING_POLICY.schoolName);
    page = await session.browser.newPage();
  });

  afterAll(() => cleanUp(() => session?.close(), () => server.stop()));

  const send = <T,>(message: unknown) => ext.evaluate(async (m) => browser.runtime.sendMessage(m), message) as Promise<T>;
  const blockedToday = async () => (await send<{ blockedToday: number }>({ type: 'getStatus' })).blockedToday;
  const visitsOf = async (host: string) => (await send<{ topHosts: { host: string; visits: number }[] }>({ type: 'getToday' })).topHosts.find((h) => h.host === host)?.visits ?? 0;

  test('object, embed, image, script, style, fetch, WebSocket and beacon to a blocked host: no request (cases 3, 4)', async () => {
    await navigate(page, embedsOf(server, 'allowed.example.org', server.url('taobao.com')), (h) => h.startsWith('http'));
    // Wait until the allowed page's own later requests have arrived: the embeds went out first.
    await page.evaluate(() => fetch('/after-embeds').catch(() => undefined));
    await waitFor('the page to finish', () => (server.requests.some((r) => r.url === '/after-embeds') ? true : undefined));
    expect(server.requestsTo('taobao.com')).toEqual([]);
    // The same with the blocked host written with a trailing dot (Firefox's requestDomains does not match it).
    await navigate(page, embedsOf(server, 'allowed.example.org', server.url('taobao.com.')), (h) => h.startsWith('http'));
    await page.evaluate(() => fetch('/after-dotted-embeds').catch(() => undefined));
    await waitFor('the page to finish', () => (server.requests.some((r) => r.url === '/after-dotted-embeds') ? true : undefined));
    expect(server.requestsTo('taobao.com')).toEqual([]);
  });

  test('framing or opening the block page moves no tally, and a framed block page offers nothing; a real blocked navigation counts once (cases 7, 8)', async () => {
    const before = await blockedToday();
    const target = `${blockPage}#${server.url('taobao.com', '/forged?x=1')}`;
    await navigate(page, server.url('allowed.example.org', `/frame-block-page?n=10&src=${encodeURIComponent(target)}`), (h) => h.startsWith('http'));
    await waitFor('the frames to load', () => page.evaluate(() => (document.readyState === 'complete' ? true : undefined)));
    // Case 8: under a fake form, an invisible framed block page has no form or button to click.
    // Puppeteer's BiDi frames keep the URL 'about:blank' for an extension page in a web page's
    // frame: each frame says where it is itself.
    const framed = await waitFor('10 framed block pages', async () => {
      const where = await Promise.all(page.frames().map(async (f) => ({ f, href: await f.evaluate(() => location.href).catch(() => '') })));
      const frames = where.filter((w) => w.href.startsWith(blockPage)).map((w) => w.f);
      return frames.length === 10 ? frames : undefined;
    });
    await waitFor('the framed note', () => framed[0]!.evaluate(() => document.querySelector('[data-testid=blocked-framed]')?.textContent ?? undefined));
    expect(await framed[0]!.evaluate(() => document.querySelectorAll('form, #unlock-reason, button').length)).toBe(0);
    await navigate(page, target, (h) => h.startsWith(blockPage));
    await waitFor('the block page to show', () => page.evaluate(() => document.querySelector('[data-testid=blocked-attempts]')?.textContent ?? undefined));
    expect(await blockedToday()).toBe(before);

    await navigate(page, server.url('allowed.example.org', '/own'), (h) => h.startsWith('http'));
    await navigate(page, server.url('taobao.com', '/a-real-attempt'), (h) => h.startsWith(blockPage));
    await waitFor('the count', async () => ((await blockedToday()) === before + 1 ? true : undefined));
    await page.evaluate(() => location.reload());
    await waitFor('the reloaded block page', () => page.evaluate(() => document.querySelector('[data-testid=blocked-attempts]')?.textContent ?? undefined));
    expect(await blockedToday()).toBe(before + 1);
  });

  test('a visit is a new document: 30 pushState and 30 hash changes are not 60 visits (case 9)', async () => {
    await navigate(page, server.url('www.bilibili.com', '/spa'), (h) => h.startsWith('http'));
    await waitFor('the visit', async () => ((await visitsOf('bilibili.com')) === 1 ? true : undefined));
    expect(await page.evaluate(() => (window as unknown as { churn: () => string }).churn())).toContain('/spa/page29#h29');
    await navigate(page, server.url('www.iqiyi.com', '/'), (h) => h.startsWith('http'));
    await waitFor('the later visit', async () => ((await visitsOf('iqiyi.com')) === 1 ? true : undefined));
    expect(await visitsOf('bilibili.com')).toBe(1);
  });

  test('a blocked keyword: in a typed URL it gets no request; written into an allowed page\'s URL by pushState or a hash change, the tab goes to the block page', async () => {
    await navigate(page, server.url('allowed.example.org', `/search?q=${KEYWORD}`), (h) => h.startsWith(blockPage));
    // No request is made by these: only the background's second line (tabs.onUpdated) sees them.
    for (const write of ['pushState', 'hash'] as const) {
      await navigate(page, server.url('allowed.example.org', '/spa'), (h) => h.includes('/spa'));
      await page.evaluate(
        ([how, k]) => (how === 'pushState' ? history.pushState({}, '', `/search?q=${k}`) : (location.hash = `q=${k}`)),
        [write, KEYWORD] as const,
      );
      await waitFor(`the ${write} to end on the block page`, async () => ((await page.evaluate(() => location.href).catch(() => '')).startsWith(blockPage) ? true : undefined));
    }
    expect(keywordRequests(server)).toEqual([]);
  });

  test('allowed sites load whole, the built-in allow list too', async () => {
    for (const host of ['nottaobao.com', 'help.taobao.com']) {
      await navigate(page, server.url(host, '/own'), (h) => h.startsWith('http'));
      await waitFor(`${host}'s own image`, () => page.evaluate(() => (document.title === 'image loaded' ? true : undefined)));
    }
  });

  test('across every case above, no blocked host received a request', () => {
    expect(server.requests.filter((r) => isBlockedHost(r.host))).toEqual([]);
    expect(server.requests.some((r) => r.host === 'nottaobao.com')).toBe(true);
  });
});

describe('Firefox without the blocking API: extensions.dnr.enabled = false (case 5)', () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    session = await launchFirefox({ managedPolicy: BLOCKING_POLICY, extraPrefs: { 'extensions.dnr.enabled': false } });
  });
  afterAll(() => cleanUp(() => session?.close()));

  test('the options page and the popup say blocking is off and why; saving settings works', async () => {
    const options = await session.openExtensionPage('options.html');
    await waitFor('the warning', () => options.evaluate(() => document.querySelector('[data-testid=blocking-unavailable]')?.textContent ?? undefined));
    expect(await options.evaluate(() => document.querySelector('[data-testid=blocking-unavailable]')!.textContent)).toContain('extensions.dnr.enabled');
    const saved = await options.evaluate(async () => browser.runtime.sendMessage({ type: 'saveTeacherSettings', settings: { retentionDays: 30 } }));
    // The policy locks settings: a refusal by the lock, not a TypeError, is the answer.
    expect(JSON.stringify(saved)).not.toMatch(/TypeError|error":/);
    const popup = await session.browser.newPage();
    await navigate(popup, session.extensionUrl('blocked.html'));
    await navigate(popup, session.extensionUrl('popup.html'));
    await waitFor('the popup warning', () => popup.evaluate(() => document.querySelector('[data-testid=blocking-unavailable]')?.textContent ?? undefined));
  });
});

/**
 * Cases 1, 2 and 4 in Firefox, where they need the period to begin with pages left open from
 * before it: with no policy the teacher's settings set the timetable, so the period can begin
 * mid-run (Firefox reads managed storage only at start-up).
 */
describe('Firefox: pages left open from before the period (cases 1, 2, 4)', () => {
  const server = new TestServer();
  let session: FirefoxSession;
  let ext: Page;
  let blockPage: string;
  let periodStart = 0;
  const tabs: Record<'bf' | 'sw' | 'frame', Page> = {} as never;
  const save = (schedule: Record<string, string[]>) =>
    ext.evaluate(async (settings) => browser.runtime.sendMessage({ type: 'saveTeacherSettings', settings }), { ...BLOCKING_POLICY, schedule: { weekly: schedule, officialCalendar: 'none' } });
  const href = (page: Page) => page.evaluate(() => location.href).catch(() => '');
  const servedAfterStart = () => server.requests.slice(periodStart).filter((r) => isBlockedHost(r.host));

  beforeAll(async () => {
    await server.start();
    installBypassRoutes(server);
    installEmbeddingRoutes(server);
    session = await launchFirefox({ hosts: HOSTS });
    ext = await session.openExtensionPage('options.html');
    blockPage = session.extensionUrl('blocked.html');
  });
  afterAll(() => cleanUp(() => session?.close(), () => server.stop()));

  test('before the period: a shop page left behind, a site worker, a shop in a frame', async () => {
    expect(await save(Object.fromEntries(Object.keys(ALWAYS_WORK).map((d) => [d, []])))).toEqual({ ok: true });
    tabs.bf = await session.browser.newPage();
    await navigate(tabs.bf, server.url('taobao.com', '/bf'), (h) => h.startsWith('http'));
    await navigate(tabs.bf, server.url('allowed.example.org', '/own'), (h) => h.startsWith('http'));
    tabs.sw = await session.browser.newPage();
    await navigate(tabs.sw, server.httpsUrl('taobao.com', '/sw-register'), (h) => h.startsWith('https'));
    await waitFor('the site worker', async () => ((await tabs.sw.evaluate(() => document.title)) === 'worker ready' ? true : undefined));
    await navigate(tabs.sw, server.httpsUrl('taobao.com', '/cached'), (h) => h.endsWith('/cached'));
    expect(await tabs.sw.evaluate(() => document.querySelector('#served')?.textContent)).toContain('from its cache');
    await navigate(tabs.sw, server.url('allowed.example.org', '/own'), (h) => h.startsWith('http'));
    tabs.frame = await session.browser.newPage();
    await navigate(tabs.frame, embedded(server, 'frame', server.url('item.taobao.com', '/framed-before')), (h) => h.startsWith('http'));
    await waitFor('the shop in the frame', () => (server.requests.some((r) => r.url === '/framed-before') ? true : undefined));
    await server.quiet(2_000);
    periodStart = server.requests.length;
    expect(await save(ALWAYS_WORK)).toEqual({ ok: true });
    await waitFor('the rules in force', async () => ((await readLocalIn<{ inForce: boolean }>(ext, 'blockingState'))?.inForce ? true : undefined));
  });

  test("Back to the shop page, from Firefox's cache, goes to the block page (case 1)", async () => {
    await tabs.bf.evaluate(() => history.back());
    await waitFor('the block page', async () => ((await href(tabs.bf)).startsWith('moz-extension:') ? true : undefined));
    // Marked: the background sent it (a DNR redirect has no marker), so it came from the cache.
    expect(await href(tabs.bf)).toBe(`${blockPage}?behind=blocked#${server.url('taobao.com', '/bf')}`);
  });

  test("the site's own worker, from its cache: the page ends on the block page (case 2)", async () => {
    await tabs.sw.evaluate((u) => (location.href = u), server.httpsUrl('taobao.com', '/cached'));
    await waitFor('the block page', async () => ((await href(tabs.sw)).startsWith('moz-extension:') ? true : undefined));
  });

  test('the frame left open is reloaded into the block page (case 4)', async () => {
    const framed = await waitFor('the frame on the block page', async () => {
      for (const f of tabs.frame.frames()) if ((await f.evaluate(() => location.href).catch(() => '')).startsWith(`${blockPage}#`)) return f;
      return undefined;
    });
    expect(await framed.evaluate(() => document.querySelectorAll('form, #unlock-reason, button').length)).toBe(0);
  });

  test('no blocked host received a request once the period began', async () => {
    await server.quiet(1_000);
    expect(servedAfterStart()).toEqual([]);
    expect(server.requests.slice(periodStart).length).toBeGreaterThan(0);
  });
});
