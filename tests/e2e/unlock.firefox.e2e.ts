import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK, TEST_HOSTS } from './support/blocking-cases';
import { launchFirefox, navigate, waitForRulesInForceIn, type FirefoxSession } from './support/firefox';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

const SCHOOL = '临时放行测试学校';
const POLICY = { schoolName: SCHOOL, schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' }, unlock: { enabled: true, minutes: 1, maxPerDay: 1 } };

describe('Firefox: temporary access with a written reason, bounded by the policy', () => {
  const server = new TestServer();
  let session: FirefoxSession;
  let blockPage: string;

  beforeAll(async () => {
    await server.start();
    session = await launchFirefox({ hosts: TEST_HOSTS, managedPolicy: POLICY });
    blockPage = session.extensionUrl('blocked.html');
    const extensionPage = await session.openExtensionPage('options.html');
    await waitForRulesInForceIn(extensionPage, SCHOOL);
    await extensionPage.close();
  });

  afterAll(() => cleanUp(() => session?.close(), () => server.stop()));

  test('a web page has no messaging to the extension', async () => {
    const page = await session.browser.newPage();
    await navigate(page, server.url('nottaobao.com'), (h) => h.startsWith('http'));
    expect(await page.evaluate(() => typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime)).toBe('undefined');
    await page.close();
  });

  test('unlock with a reason: the site loads, is blocked again after expiry, and the quota refuses the next', async () => {
    const tab = await session.browser.newPage();
    const target = server.url('item.taobao.com', '/teaching-materials');
    await navigate(tab, target, (h) => h.startsWith(`${blockPage}#`));
    await waitFor('the unlock form', () => tab.evaluate(() => (document.querySelector('#unlock-reason') ? true : undefined)));

    await tab.type('#unlock-reason', '为班级采购教学用品');
    await tab.select('#unlock-minutes', '1');
    const grantedAt = Date.now();
    await tab.click('[data-testid=unlock-form] button[type=submit]');
    await waitFor('the unlocked site', async () => {
      const href = await tab.evaluate(() => location.href).catch(() => undefined);
      return href === target ? true : undefined;
    });
    expect(server.requestsTo('item.taobao.com').map((r) => r.url)).toContain('/teaching-materials');

    // Firefox: after a minute the open tab goes back to the block page.
    await waitFor(
      'the tab to return to the block page',
      async () => ((await tab.evaluate(() => location.href).catch(() => ''))?.startsWith(blockPage) ? true : undefined),
      90_000,
      500,
    );
    expect(Date.now() - grantedAt).toBeGreaterThanOrEqual(59_000);

    // The quota (1 a day) is spent: a new attempt shows the refusal and no form.
    const again = await session.browser.newPage();
    await navigate(again, server.url('taobao.com', '/again'), (h) => h.startsWith(`${blockPage}#`));
    await waitFor('the quota refusal', () => again.evaluate(() => document.querySelector('[data-testid=unlock-refusal]')?.textContent ?? undefined));
    expect(await again.evaluate(() => document.querySelector('[data-testid=unlock-form]'))).toBeNull();
    expect(server.requestsTo('taobao.com').filter((r) => r.url === '/again')).toEqual([]);
  });
});
