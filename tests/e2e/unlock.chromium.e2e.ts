import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK, embedded, installEmbeddingRoutes } from './support/blocking-cases';
import { ChromiumPolicyFile, launchChromium, waitForRulesInForce, type ChromiumSession } from './support/chromium';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

const SCHOOL = '临时放行测试学校';
const POLICY = { schoolName: SCHOOL, schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' }, unlock: { enabled: true, minutes: 1, maxPerDay: 1 } };

describe('Chromium: temporary access with a written reason, bounded by the policy', () => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession;
  let blockPage: string;

  beforeAll(async () => {
    await server.start();
    installEmbeddingRoutes(server);
    policyFile.write(POLICY);
    session = await launchChromium({ hosts: ['*'] });
    blockPage = session.extensionUrl('blocked.html');
    await waitForRulesInForce(session.worker, SCHOOL);
  });

  afterAll(() => cleanUp(() => session?.close(), () => policyFile.remove(), () => server.stop()));

  const unlockRules = () =>
    session.worker.evaluate(async () => (await chrome.declarativeNetRequest.getDynamicRules()).filter((r) => r.action.type === 'allow' && r.id >= 20000).length);

  test('a web page cannot reach the background: no forged unlock', async () => {
    const page = await session.context.newPage();
    await page.goto(embedded(server, 'link', server.url('taobao.com')));
    const outcome = await page.evaluate(async (id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime messaging for web pages';
      try {
        return JSON.stringify(await runtime.sendMessage(id, { type: 'requestUnlock', url: 'http://taobao.com/', reason: '伪造的理由', minutes: 1 }));
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, session.extensionUrl('').split('/')[2]);
    expect(outcome).toMatch(/no runtime messaging|refused/);
    expect(await unlockRules()).toBe(0);
    await page.close();
  });

  test('unlock with a reason: the site loads, is blocked again after expiry, and the quota refuses the next', async () => {
    const tab = await session.context.newPage();
    const target = server.url('item.taobao.com', '/teaching-materials');
    await tab.goto(target).catch(() => undefined);
    expect(tab.url()).toBe(`${blockPage}#${target}`);

    // Three characters are refused by the page; the background would refuse them too.
    await tab.fill('#unlock-reason', '买书架');
    await tab.click('[data-testid=unlock-form] button[type=submit]');
    await expect.poll(() => tab.getByTestId('unlock-error').isVisible()).toBe(true);
    expect(await unlockRules()).toBe(0);

    await tab.fill('#unlock-reason', '为班级采购教学用品');
    await tab.selectOption('#unlock-minutes', '1');
    const grantedAt = Date.now();
    await tab.click('[data-testid=unlock-form] button[type=submit]');
    await tab.waitForURL(target);
    expect(await tab.locator('#served').textContent()).toContain('item.taobao.com');
    expect(server.requestsTo('item.taobao.com').map((r) => r.url)).toContain('/teaching-materials');
    expect(await unlockRules()).toBe(1);

    // Other pages of the unlocked site open too, while the unlock lasts.
    const other = await session.context.newPage();
    await other.goto(server.url('taobao.com', '/cart'));
    expect(other.url()).toBe(server.url('taobao.com', '/cart'));
    await other.close();

    // After a minute the open tab goes back to the block page and the allow rule is gone.
    await waitFor('the tab to return to the block page', () => (tab.url().startsWith(blockPage) ? true : undefined), 90_000, 250);
    expect(Date.now() - grantedAt).toBeGreaterThanOrEqual(59_000);
    expect(await unlockRules()).toBe(0);

    // maxPerDay is 1: the block page says the quota is spent, with no form.
    await tab.goto(server.url('taobao.com', '/again')).catch(() => undefined);
    await tab.reload();
    await expect.poll(() => tab.getByTestId('unlock-refusal').textContent()).toMatch(/次数|quota|used/i);
    expect(await tab.getByTestId('unlock-form').count()).toBe(0);

    // The unlock is in the tallies with its reason.
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('unlock-events').textContent()).toContain('为班级采购教学用品');
  });
});
