import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ALLOWED_NAVIGATIONS,
  BLOCKING_POLICY,
  BLOCKED_NAVIGATIONS,
  embedded,
  fragmentOf,
  installEmbeddingRoutes,
  isBlockedHost,
} from './support/blocking-cases';
import { ChromiumPolicyFile, launchChromium, waitForRulesInForce, type ChromiumSession } from './support/chromium';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

describe('Chromium: a blocked site receives no request, whatever the URL', () => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession;
  let page: Page;
  let blockPage: string;
  const browserRequests: string[] = [];

  beforeAll(async () => {
    await server.start();
    installEmbeddingRoutes(server);
    policyFile.write(BLOCKING_POLICY);
    session = await launchChromium({ hosts: ['*'] });
    // Every request the browser makes for a page or a worker, the extension's own included.
    session.context.on('request', (request) => browserRequests.push(request.url()));
    blockPage = session.extensionUrl('blocked.html');
    await waitForRulesInForce(session.worker, BLOCKING_POLICY.schoolName);
    page = await session.context.newPage();
  });

  afterAll(() => cleanUp(() => session?.close(), () => policyFile.remove(), () => server.stop()));

  const goto = async (url: string) => {
    // A navigation that ends on the block page may report an aborted load: where it landed is what counts.
    await page.goto(url).catch(() => undefined);
    return page.url();
  };

  test.each(BLOCKED_NAVIGATIONS)('blocked: $name', async (c) => {
    const url = c.url(server);
    const before = server.requests.length;
    const landed = await goto(url);
    expect(landed.startsWith(`${blockPage}#`), landed).toBe(true);
    expect(isBlockedHost(new URL(fragmentOf(landed)).hostname)).toBe(true);
    expect(server.requests.slice(before)).toEqual([]);
  });

  test.each(ALLOWED_NAVIGATIONS)('not blocked: $name', async (c) => {
    const url = c.url(server);
    const host = new URL(url).hostname;
    const landed = await goto(url);
    expect(landed.startsWith('http'), landed).toBe(true);
    expect(await page.locator('#served').textContent()).toContain(host.replace(/\.$/, ''));
    expect(server.requestsTo(host).length).toBeGreaterThan(0);
  });

  test('a blocked site in an iframe of an allowed page', async () => {
    await goto(embedded(server, 'frame', server.url('item.taobao.com', '/in-frame')));
    await expect.poll(() => page.frames().map((f) => f.url())).toContainEqual(expect.stringMatching(`^${blockPage}#http://item.taobao.com`));
  });

  test('a link click to a blocked site', async () => {
    await goto(embedded(server, 'link', server.url('taobao.com', '/clicked')));
    await page.click('#go');
    await page.waitForURL((u) => u.href.startsWith(blockPage));
    expect(fragmentOf(page.url())).toBe(server.url('taobao.com', '/clicked'));
  });

  test('a server redirect from an allowed URL to a blocked one', async () => {
    const landed = await goto(embedded(server, 'redirect', server.url('taobao.com', '/redirected')));
    expect(landed).toBe(`${blockPage}#${server.url('taobao.com', '/redirected')}`);
  });

  test('window.open of a blocked site', async () => {
    await goto(embedded(server, 'open', server.url('taobao.com', '/popup')));
    const [popup] = await Promise.all([session.context.waitForEvent('page'), page.click('#go')]);
    // An assertion on where the window landed, with the address it carries, not a wait that only times out.
    await expect.poll(() => popup.url(), { timeout: 15_000 }).toBe(`${blockPage}#${server.url('taobao.com', '/popup')}`);
    expect(server.requests.filter((r) => r.url.includes('/popup'))).toEqual([]);
    await popup.close();
  });

  test('the extension made no network request of its own during the whole run', () => {
    // Every host resolves to the test server here, so a request of the extension's own to any
    // http host would be in its log: the log holds only the hosts the cases visited.
    const visited = new Set(['taobao.com.example.org', 'nottaobao.com', 'nottaobao.com.', 'qq.com', 'help.taobao.com', 'allowed.example.org']);
    expect(server.requests.filter((r) => !visited.has(r.host))).toEqual([]);
    // And the browser's own request events show nothing but the test's pages and the extension's files.
    const foreign = browserRequests.filter((u) => !/^(chrome-extension:|data:|about:)/.test(u) && !visited.has(new URL(u).hostname) && !new URL(u).hostname.includes('taobao') && !/qq\.com|xn--/.test(new URL(u).hostname));
    expect(foreign).toEqual([]);
  });

  test('across every case above, no blocked host received a single request', () => {
    expect(server.requests.filter((r) => isBlockedHost(r.host))).toEqual([]);
    // …while the allowed hosts did: the mapping works, so the zero above means something.
    expect(server.requests.some((r) => r.host === 'nottaobao.com.' || r.host === 'nottaobao.com')).toBe(true);
  });
});
