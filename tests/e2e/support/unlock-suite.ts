/**
 * Temporary access, one test body for both browsers (unlock.chromium.e2e.ts and
 * unlock.firefox.e2e.ts differ only in how the browser is launched with the policy).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK, embedded, installEmbeddingRoutes } from './blocking-cases';
import { cleanUp } from './cleanup';
import type { E2EBrowser } from './e2e-browser';
import { waitFor } from './poll';
import { TestServer } from './server';

export const UNLOCK_SCHOOL = '临时放行测试学校';
export const UNLOCK_POLICY = {
  schoolName: UNLOCK_SCHOOL,
  schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' },
  unlock: { enabled: true, minutes: 1, maxPerDay: 1 },
};

/** Unlock rules (the allow rules of live unlocks have ids from 20000, utils/dnr/rules.ts RULE_ID). */
/** The unlock's allow rules, which are session rules (issue 16): never one among the dynamic rules. */
const unlockRuleCount = async (b: E2EBrowser) => {
  const { dynamic, session } = await b.rules();
  expect(dynamic.filter((r) => r.id >= 20000)).toEqual([]);
  return session.filter((r) => r.action.type === 'allow' && r.id >= 20000).length;
};

export function describeUnlock(name: string, launch: (server: TestServer) => Promise<E2EBrowser>): void {
  describe(`${name}: temporary access with a written reason, bounded by the policy`, () => {
    const server = new TestServer();
    let b: E2EBrowser;
    let blockPage: string;
    // A tab the background moves there itself is marked `?behind=blocked` (#17: no "back").
    const onBlockPage = (href: string) => href.startsWith(`${blockPage}#`) || href.startsWith(`${blockPage}?behind=blocked#`);

    beforeAll(async () => {
      await server.start();
      installEmbeddingRoutes(server);
      b = await launch(server);
      blockPage = b.extensionUrl('blocked.html');
    });

    afterAll(() => cleanUp(() => b?.close(), () => server.stop()));

    test('a web page cannot reach the background: no forged unlock', async () => {
      const page = await b.newTab();
      await page.go(embedded(server, 'link', server.url('taobao.com')), (h) => h.startsWith('http'));
      const outcome = await page.evaluate(async (id) => {
        const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
        const webExt = (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime;
        if (!runtime?.sendMessage && !webExt) return 'no runtime messaging for web pages';
        try {
          return JSON.stringify(await runtime!.sendMessage!(id, { type: 'requestUnlock', url: 'http://taobao.com/', reason: '伪造的理由', minutes: 1 }));
        } catch (error) {
          return `refused: ${String(error)}`;
        }
      }, b.extensionUrl('').split('/')[2]);
      expect(outcome).toMatch(/no runtime messaging|refused/);
      expect(await unlockRuleCount(b)).toBe(0);
      await page.close();
    });

    test('unlock with a reason: the site loads, is blocked again after expiry, and the quota refuses the next', async () => {
      const tab = await b.newTab();
      const target = server.url('item.taobao.com', '/teaching-materials');
      expect(await tab.go(target, onBlockPage)).toBe(`${blockPage}#${target}`);
      await waitFor('the unlock form', async () => ((await tab.text('[data-testid=unlock-form]')) !== null ? true : undefined));

      // Three characters are refused by the page; the background would refuse them too.
      await tab.fill('#unlock-reason', '买书架');
      await tab.click('[data-testid=unlock-form] button[type=submit]');
      await waitFor('the reason to be refused', async () => ((await tab.text('[data-testid=unlock-error]')) ? true : undefined));
      expect(await unlockRuleCount(b)).toBe(0);

      await tab.fill('#unlock-reason', '为班级采购教学用品');
      await tab.select('#unlock-minutes', '1');
      const grantedAt = Date.now();
      await tab.click('[data-testid=unlock-form] button[type=submit]');
      await waitFor('the unlocked site', async () => ((await tab.href()) === target ? true : undefined));
      await waitFor('the served page', async () => ((await tab.text('#served'))?.includes('item.taobao.com') ? true : undefined));
      expect(server.requestsTo('item.taobao.com').map((r) => r.url)).toContain('/teaching-materials');
      expect(await unlockRuleCount(b)).toBe(1);

      // Other pages of the unlocked site open too, while the unlock lasts.
      const other = await b.newTab();
      expect(await other.go(server.url('taobao.com', '/cart'), (h) => h.startsWith('http'))).toBe(server.url('taobao.com', '/cart'));
      await other.close();

      // After a minute the open tab goes back to the block page and the allow rule is gone.
      await waitFor('the tab to return to the block page', async () => (onBlockPage(await tab.href()) ? true : undefined), 90_000, 250);
      expect(Date.now() - grantedAt).toBeGreaterThanOrEqual(59_000);
      expect(await unlockRuleCount(b)).toBe(0);

      // maxPerDay is 1: a new attempt shows the refusal and no form, and the site got nothing.
      const again = await b.newTab();
      await again.go(server.url('taobao.com', '/again'), onBlockPage);
      const refusal = await waitFor('the quota refusal', () => again.text('[data-testid=unlock-refusal]').then((t) => t ?? undefined));
      expect(refusal).toMatch(/次数|quota|used/i);
      expect(await again.text('[data-testid=unlock-form]')).toBeNull();
      expect(server.requestsTo('taobao.com').filter((r) => r.url === '/again')).toEqual([]);

      // The unlock is in the tallies with its reason.
      const popup = await b.openExtensionPage('popup.html');
      await waitFor('the unlock in the popup', async () => ((await popup.text('[data-testid=unlock-events]'))?.includes('为班级采购教学用品') ? true : undefined));
      await popup.close();
    });
  });
}
