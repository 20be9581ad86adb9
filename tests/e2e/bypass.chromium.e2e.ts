// Issue #17, "bypass round 2", in Chromium with the back/forward cache ON (Playwright turns it
// off by default) and a site service worker registered before the work period starts. One
// browser launch: the period starts when the policy changes (Chromium re-reads policy files
// while it runs), with pages left open from before it.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK, BLOCKING_POLICY, embedded, installEmbeddingRoutes, isBlockedHost } from './support/blocking-cases';
import { embedsOf, installBypassRoutes, KEYWORD, keywordRequests, withKeywordCategory } from './support/bypass-routes';
import { ChromiumPolicyFile, launchChromium, readLocal, waitForRulesInForce, type ChromiumSession } from './support/chromium';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';
import { CHECK_SLICES } from '../../utils/dnr/rules';
import { WORD_LIST_MIN } from '../../utils/digest';

const NO_WORK = Object.fromEntries(Object.keys(ALWAYS_WORK).map((d) => [d, []]));
const BEFORE = { ...BLOCKING_POLICY, schoolName: '下班时间', schedule: { weekly: NO_WORK, officialCalendar: 'none' } };
const DURING = withKeywordCategory(BLOCKING_POLICY);

describe('Chromium: bypass round 2 (#17)', () => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession;
  let blockPage: string;
  let ext: Page;
  /** Index into the server's log when the period began: no blocked host may appear after it. */
  let periodStart = 0;
  const tabs: Record<'sw' | 'bf' | 'frame' | 'swept', Page> = {} as never;

  beforeAll(async () => {
    await server.start();
    installEmbeddingRoutes(server);
    installBypassRoutes(server);
    policyFile.write(BEFORE);
    session = await launchChromium({ hosts: ['*'], ignoreDefaultArgs: ['--disable-back-forward-cache'] });
    blockPage = session.extensionUrl('blocked.html');
    await waitFor('the before-work policy', async () => ((await readLocal<{ schoolName?: string }>(session.worker, 'lastGoodPolicy'))?.schoolName === BEFORE.schoolName ? true : undefined), 20_000);
    ext = await session.openExtensionPage('options.html');
  });

  afterAll(() => cleanUp(() => session?.close(), () => policyFile.remove(), () => server.stop()));

  const send = <T,>(message: unknown) => ext.evaluate(async (m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
  const blockedToday = async () => (await send<{ blockedToday: number }>({ type: 'getStatus' })).blockedToday;
  const visitsOf = async (host: string) => (await send<{ topHosts: { host: string; visits: number }[] }>({ type: 'getToday' })).topHosts.find((h) => h.host === host)?.visits ?? 0;
  const go = async (page: Page, url: string) => {
    await page.goto(url).catch(() => undefined);
    return page.url();
  };
  const onBlockPage = (page: Page) => waitFor(`${page.url()} to reach the block page`, () => (page.url().startsWith(blockPage) ? page.url() : undefined), 15_000);
  /**
   * Requests to blocked hosts since the period began, the browser's own included: the favicon
   * Chromium fetches for a page it restores from the back/forward cache, and a site worker's
   * update check of its script, are closed by emptying the cache and removing the worker.
   */
  const servedAfterStart = () => server.requests.slice(periodStart).filter((r) => isBlockedHost(r.host));

  test('before the period: the site worker answers, and Back restores pages from the cache', async () => {
    tabs.sw = await session.context.newPage();
    await go(tabs.sw, server.httpsUrl('taobao.com', '/sw-register'));
    await waitFor('the site worker', async () => ((await tabs.sw.title()) === 'worker ready' ? true : undefined));
    await go(tabs.sw, server.httpsUrl('taobao.com', '/cached'));
    expect(await tabs.sw.locator('#served').textContent()).toContain('from its cache');
    expect(server.requestsTo('taobao.com').some((r) => r.url === '/cached')).toBe(false); // no request at all
    await go(tabs.sw, server.httpsUrl('taobao.com', '/passthrough'));
    expect(server.requestsTo('taobao.com').some((r) => r.url === '/passthrough')).toBe(true);

    // The cache is on: a page left and come back to still holds its script state.
    tabs.bf = await session.context.newPage();
    await go(tabs.bf, server.url('taobao.com', '/bf'));
    await go(tabs.bf, server.url('allowed.example.org', '/own'));
    await tabs.bf.goBack({ waitUntil: 'commit' });
    expect(await tabs.bf.evaluate(() => (window as unknown as { mark?: string }).mark)).toBe('set before leaving');
    await tabs.bf.goForward({ waitUntil: 'commit' });
    expect(tabs.bf.url()).toBe(server.url('allowed.example.org', '/own'));

    tabs.frame = await session.context.newPage();
    await go(tabs.frame, embedded(server, 'frame', server.url('item.taobao.com', '/framed-before')));
    expect(await tabs.frame.frameLocator('#f').locator('#served').textContent()).toContain('item.taobao.com');

    tabs.swept = await session.context.newPage();
    await go(tabs.swept, server.url('taobao.com', '/bf'));
    // What the browser asks for after a page itself comes before the period too: the last
    // page's favicon, and the site worker's update check (Chromium schedules it a second after
    // a navigation the worker answered). Measured: both within 0.5 s of the last navigation.
    await server.quiet(2_000);
  });

  test('the period starts: open tabs go to the block page, whose back button does not return', async () => {
    periodStart = server.requests.length;
    policyFile.write(DURING);
    await waitForRulesInForce(session.worker, DURING.schoolName);
    const landed = await onBlockPage(tabs.swept);
    expect(landed).toBe(`${blockPage}?behind=blocked#${server.url('taobao.com', '/bf')}`);
    await expect.poll(() => tabs.swept.getByTestId('blocked-behind').isVisible()).toBe(true);
    expect(await tabs.swept.getByRole('button', { name: '返回上一页' }).count()).toBe(0);
  });

  test("the browser's Back to a cached shop page ends on the block page (case 1)", async () => {
    await tabs.swept.goBack({ waitUntil: 'commit' }).catch(() => undefined);
    await onBlockPage(tabs.swept);
    await tabs.bf.goBack({ waitUntil: 'commit' }).catch(() => undefined);
    await onBlockPage(tabs.bf);
    expect(servedAfterStart()).toEqual([]);
  });

  test("the site's own service worker: from its cache or passed on, the page ends on the block page (case 2)", async () => {
    for (const path of ['/cached', '/passthrough']) {
      await go(tabs.sw, server.httpsUrl('taobao.com', path));
      await onBlockPage(tabs.sw);
    }
    expect(servedAfterStart()).toEqual([]);
  });

  test('a frame left open from before the period is reloaded into the block page, which offers nothing in a frame (cases 4, 8)', async () => {
    const frame = await waitFor('the frame on the block page', () => tabs.frame.frames().find((f: Frame) => f.url().startsWith(`${blockPage}#`)));
    expect(frame.url()).toContain('item.taobao.com');
    await expect.poll(() => frame.locator('[data-testid=blocked-framed]').count()).toBe(1);
    expect(await frame.locator('form, #unlock-reason, button').count()).toBe(0);
  });

  test('object, embed, image, script, style, fetch, WebSocket and beacon to a blocked host: no request (cases 3, 4)', async () => {
    const page = await session.context.newPage();
    await go(page, embedsOf(server, 'allowed.example.org', server.url('taobao.com')));
    await page.waitForLoadState('networkidle');
    expect(server.requestsTo('allowed.example.org').some((r) => r.url.startsWith('/embeds'))).toBe(true);
    expect(servedAfterStart()).toEqual([]);
    await page.close();
  });

  test('allowed sites load whole, the built-in allow list too', async () => {
    const page = await session.context.newPage();
    for (const host of ['nottaobao.com', 'help.taobao.com', 'allowed.example.org']) {
      await go(page, server.url(host, '/own'));
      await expect.poll(() => page.title()).toBe('image loaded');
    }
    await page.close();
  });

  test('framing or opening the block page moves no tally; a real blocked navigation counts once (case 7)', async () => {
    const before = await blockedToday();
    const page = await session.context.newPage();
    const target = `${blockPage}#${server.url('taobao.com', '/forged?x=1')}`;
    await go(page, server.url('allowed.example.org', `/frame-block-page?n=20&src=${encodeURIComponent(target)}`));
    await waitFor('20 framed block pages showing', async () => {
      const shown = await Promise.all(page.frames().filter((f) => f.url().startsWith(blockPage)).map((f) => f.locator('[data-testid=blocked-framed]').count()));
      return shown.filter((n) => n === 1).length === 20 ? true : undefined;
    });
    await go(page, server.url('allowed.example.org', `/open-block-page?src=${encodeURIComponent(target)}`));
    const [opened] = await Promise.all([session.context.waitForEvent('page'), page.click('#go')]);
    await expect.poll(() => opened.getByTestId('blocked-attempts').isVisible(), { timeout: 10_000 }).toBe(true);
    await opened.close();
    expect(await blockedToday()).toBe(before);

    await go(page, server.url('taobao.com', '/a-real-attempt'));
    await onBlockPage(page);
    await expect.poll(() => page.getByTestId('blocked-attempts').textContent()).toBe(`${before + 1} 次`);
    await page.reload();
    await expect.poll(() => page.getByTestId('blocked-attempts').isVisible()).toBe(true);
    expect(await blockedToday()).toBe(before + 1);
    await page.close();
  });

  test('a visit is a new document: 30 pushState and 30 hash changes are not 60 visits (case 9)', async () => {
    const page = await session.context.newPage();
    await go(page, server.url('www.bilibili.com', '/spa'));
    await waitFor('the visit', async () => ((await visitsOf('bilibili.com')) === 1 ? true : undefined));
    expect(await page.evaluate(() => (window as unknown as { churn: () => string }).churn())).toContain('/spa/page29#h29');
    // Writes are kept in order: once a later visit is in, any visit the churn made would be too.
    await go(page, server.url('www.iqiyi.com', '/'));
    await waitFor('the later visit', async () => ((await visitsOf('iqiyi.com')) === 1 ? true : undefined));
    expect(await visitsOf('bilibili.com')).toBe(1);
    await page.close();
  });

  test('a blocked keyword: in a typed URL it gets no request; written into an allowed page\'s URL by pushState or a hash change, the tab goes to the block page', async () => {
    const page = await session.context.newPage();
    await go(page, server.url('allowed.example.org', `/search?q=${KEYWORD}`));
    await onBlockPage(page);
    expect(keywordRequests(server)).toEqual([]);
    // No request is made by these: only the background's second line sees them.
    for (const write of ['pushState', 'hash'] as const) {
      await go(page, server.url('allowed.example.org', '/spa'));
      expect(page.url()).toContain('/spa');
      await page.evaluate(
        ([how, k]) => (how === 'pushState' ? history.pushState({}, '', `/search?q=${k}`) : (location.hash = `q=${k}`)),
        [write, KEYWORD] as const,
      );
      await onBlockPage(page);
    }
    expect(keywordRequests(server)).toEqual([]);
    await page.close();
  });

  test("the extension's own console: a rule rewritten in place, a forged unlock and a forged allow rule are undone when the worker starts again (case 6)", async () => {
    // What someone with the extension's DevTools could do: same rule ids, same count.
    const tamperedId = await ext.evaluate(async () => {
      const rules = await chrome.declarativeNetRequest.getDynamicRules();
      const rule = rules.find((r) => r.action.type === 'redirect' && r.condition.requestDomains?.includes('taobao.com'));
      if (!rule) return null;
      const edited = { ...rule, condition: { ...rule.condition, requestDomains: rule.condition.requestDomains!.filter((d) => d !== 'taobao.com') } };
      await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [rule.id], addRules: [edited] });
      await chrome.storage.local.set({ unlocks: [{ host: 'taobao.com', until: Date.now() + 8 * 3_600_000 }] });
      // Unlocks are session rules (issue 16): a forged one there is read back and removed too.
      await chrome.declarativeNetRequest.updateSessionRules({
        addRules: [{ id: 20000, priority: 100, action: { type: chrome.declarativeNetRequest.RuleActionType.ALLOW_ALL_REQUESTS }, condition: { requestDomains: ['taobao.com'], resourceTypes: [chrome.declarativeNetRequest.ResourceType.MAIN_FRAME] } }],
      });
      return rule.id;
    });
    expect(tamperedId).not.toBeNull();
    const holdsTaobao = () =>
      ext.evaluate(async (id) => (await chrome.declarativeNetRequest.getDynamicRules()).some((r) => r.id === id && r.condition.requestDomains?.includes('taobao.com')), tamperedId!);
    expect(await holdsTaobao()).toBe(false);
    const allowsTaobao = () =>
      ext.evaluate(async () =>
        [...(await chrome.declarativeNetRequest.getDynamicRules()), ...(await chrome.declarativeNetRequest.getSessionRules())].filter(
          (r) => r.action.type.startsWith('allow') && r.condition.requestDomains?.includes('taobao.com'),
        ).length,
      );
    expect(await allowsTaobao()).toBe(1);

    const cdp = await session.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await blockedToday(); // a message starts the worker again
    await waitFor('the rule repaired', async () => ((await holdsTaobao()) ? true : undefined));
    expect(await ext.evaluate(async () => (await chrome.storage.local.get('unlocks')).unlocks)).toEqual([]);
    // The same reconcile updates the session rules just after the dynamic ones.
    await waitFor('the forged allow rule removed', async () => ((await allowsTaobao()) === 0 ? true : undefined));

    const page = await session.context.newPage();
    await go(page, server.url('taobao.com', '/after-tampering'));
    await onBlockPage(page);
    await page.close();
  });

  test('a domain swapped in place for one as long is repaired by the wake whose minute checks it (case 6b; issue 16: a wake with nothing to compile hashes a tenth of each long list)', async () => {
    // A wake checks the slice of its minute (utils/dnr/rules.ts checkSlice): one domain of this
    // minute's slice and one of the next minute's are swapped, so the wake below finds one,
    // whichever side of a minute it lands on; the repair puts back the whole rule.
    const tampered = await ext.evaluate(
      async ({ slices, minLength }) => {
        const rules = await chrome.declarativeNetRequest.getDynamicRules();
        const rule = rules.find((r) => r.action.type === 'redirect' && r.condition.requestDomains?.includes('taobao.com'));
        const original = rule?.condition.requestDomains;
        if (!rule || !original || original.length < minLength) return null;
        const domains = [...original];
        const minute = Math.floor(Date.now() / 60_000);
        for (const k of [0, 1]) {
          const index = (minute + k) % slices;
          const domain = domains[index]!;
          domains[index] = (domain.startsWith('x') ? 'y' : 'x') + domain.slice(1);
        }
        await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [rule.id], addRules: [{ ...rule, condition: { ...rule.condition, requestDomains: domains } }] });
        return { id: rule.id, original };
      },
      { slices: CHECK_SLICES, minLength: WORD_LIST_MIN },
    );
    expect(tampered).not.toBeNull();
    const domainsHeld = () => ext.evaluate(async (id) => (await chrome.declarativeNetRequest.getDynamicRules()).find((r) => r.id === id)?.condition.requestDomains, tampered!.id);
    expect(await domainsHeld()).not.toEqual(tampered!.original);

    const cdp = await session.context.newCDPSession(ext);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await blockedToday(); // a message starts the worker again
    await waitFor('the swapped domains put back', async () => (JSON.stringify(await domainsHeld()) === JSON.stringify(tampered!.original) ? true : undefined));
  });

  test('across every case above, no blocked host received a request once the period began', () => {
    expect(servedAfterStart()).toEqual([]);
    // …while the allowed hosts did: the mapping works, so the empty list means something.
    expect(server.requests.slice(periodStart).some((r) => r.host === 'nottaobao.com')).toBe(true);
  });
});
