import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK } from './support/blocking-cases';
import { ChromiumPolicyFile, launchChromium, waitForRulesInForce, type ChromiumSession } from './support/chromium';
import { REPO } from './support/constants';
import { seedTallies, type SeedEvent, type SeedUsage } from './support/seed';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';
import { daysAgo } from './support/days';

const SHOTS = `${REPO}test-results/screenshots`;
const SCHOOL = '北票市第七初级中学';

const today = daysAgo(0);
const USAGE: SeedUsage[] = [
  { day: today, host: 'taobao.com', category: 'shopping', workSeconds: 0, visits: 0, blocked: 3, unlocks: 1 },
  { day: today, host: 'bilibili.com', category: 'video', workSeconds: 25 * 60, visits: 4, blocked: 0, unlocks: 0 },
  { day: today, host: 'weibo.com', category: 'social', workSeconds: 12 * 60 + 20, visits: 2, blocked: 0, unlocks: 0 },
  { day: today, host: '(other)', category: '(other)', workSeconds: 95 * 60, visits: 30, blocked: 0, unlocks: 0 },
  { day: daysAgo(1), host: 'bilibili.com', category: 'video', workSeconds: 40 * 60, visits: 6, blocked: 0, unlocks: 0 },
  { day: daysAgo(2), host: 'jd.com', category: 'shopping', workSeconds: 0, visits: 0, blocked: 5, unlocks: 0 },
  { day: daysAgo(3), host: 'douyu.com', category: 'video', workSeconds: 18 * 60, visits: 1, blocked: 0, unlocks: 0 },
];
const UNLOCK_AT = new Date();
UNLOCK_AT.setHours(9, 42, 0, 0);
const EVENTS: SeedEvent[] = [
  ...[1, 2, 3].map((i): SeedEvent => ({ at: UNLOCK_AT.getTime() - i * 60_000, day: today, type: 'blocked', host: 'taobao.com', category: 'shopping', detail: null })),
  { at: UNLOCK_AT.getTime(), day: today, type: 'unlock', host: 'taobao.com', category: 'shopping', detail: '采购班级图书角的书架' },
];

describe.each([
  ['zh-CN', { minutes: '分钟', csvHeader: '日期,网站,类别', video: '视频直播' }],
  ['en', { minutes: 'min', csvHeader: 'Date,Site,Category', video: 'Video' }],
] as const)('Chromium in %s: the teacher sees the figures that were recorded', (lang, words) => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await server.start();
    policyFile.write({ schoolName: SCHOOL, schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' }, message: '工作时间请勿浏览与工作无关的网页。' });
    session = await launchChromium({ lang, hosts: ['taobao.com'] });
    await waitForRulesInForce(session.worker, SCHOOL);
    const opener = await session.openExtensionPage('popup.html'); // opens the database
    await opener.close();
    await seedTallies(session.worker, USAGE, EVENTS);
  });

  afterAll(() => cleanUp(() => session?.close(), () => policyFile.remove(), () => server.stop()));

  test('popup: status, today by category, blocked and unlocks, the unlock reason, top hosts, the week', async () => {
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 360, height: 900 });
    await popup.goto(session.extensionUrl('popup.html'));
    await expect.poll(() => popup.getByTestId('blocked-today').textContent()).toBe('3');
    expect(await popup.getByTestId('unlocks-today').textContent()).toBe('1');
    expect(await popup.locator('[data-testid=minutes-by-category] li[data-category=video]').textContent()).toContain(`25 ${words.minutes}`);
    expect(await popup.locator('[data-testid=minutes-by-category] li[data-category=social]').textContent()).toContain(`12 ${words.minutes}`);
    expect(await popup.getByTestId('unlock-events').textContent()).toContain('采购班级图书角的书架');
    expect(await popup.getByTestId('top-hosts').textContent()).toContain('bilibili.com');
    expect(await popup.locator('.status__school').textContent()).toBe(SCHOOL);
    // The popup holds at its width: nothing wider than the page.
    expect(await popup.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const chartTable = await popup.getByTestId('chart-table').textContent();
    expect(chartTable).toContain('40'); // yesterday's video minutes
    await popup.screenshot({ path: `${SHOTS}/popup.${lang}.png`, fullPage: true });
    await popup.close();
  });

  test('options: the report table equals the seeded rows, and the CSV export carries them', async () => {
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html#report'));
    await options.fill('#report-from', daysAgo(6));
    await options.fill('#report-to', today);
    const table = options.getByTestId('report-table');
    await expect.poll(() => table.textContent()).toContain('douyu.com');
    const total = await options.getByTestId('report-total').textContent();
    // 25 + 12 + 95 + 40 + 18 minutes of work time, 43 visits, 8 blocked, 1 unlock.
    expect(total).toContain('190');
    expect(total).toContain('8');
    await options.screenshot({ path: `${SHOTS}/options-report.${lang}.png`, fullPage: true });

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: /CSV/ }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).startsWith(words.csvHeader)).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).toContain(`${daysAgo(1)},bilibili.com,${words.video}`);
    expect(csv.trim().split('\r\n')).toHaveLength(1 + USAGE.length);

    for (const tab of ['settings', 'policy', 'test', 'data']) {
      await options.goto(session.extensionUrl(`options.html#${tab}`));
      await options.waitForTimeout(300);
      await options.screenshot({ path: `${SHOTS}/options-${tab}.${lang}.png`, fullPage: true });
    }
    // 200% zoom of a 1280 px window is a 640 px layout: every section reflows without a
    // horizontal scroll bar, and every control has a name a screen reader can say.
    await options.setViewportSize({ width: 640, height: 900 });
    for (const tab of ['report', 'settings', 'policy', 'test', 'data']) {
      await options.goto(session.extensionUrl(`options.html#${tab}`));
      await options.waitForTimeout(300);
      expect(await options.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(640);
      const unnamed = await options.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea, button')]
          .filter((el) => {
            const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
            return !labelled && !(el.tagName === 'BUTTON' && el.textContent?.trim());
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unnamed, tab).toEqual([]);
    }
    await options.setViewportSize({ width: 1280, height: 900 });
    // Under a policy every setting is locked and marked as managed.
    await options.goto(session.extensionUrl('options.html#settings'));
    await expect.poll(() => options.getByTestId('fieldset-schedule').getAttribute('disabled')).not.toBeNull();
    await options.close();
  });

  test('block page: the screenshot a teacher sees', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('taobao.com', '/item.htm?id=42')).catch(() => undefined);
    await expect.poll(() => page.url()).toContain('blocked.html#');
    await page.waitForTimeout(500);
    expect(await page.textContent('body')).toContain(SCHOOL);
    await page.screenshot({ path: `${SHOTS}/blocked.${lang}.png`, fullPage: true });
    await page.close();
    // The badge: rules in force, today's blocked count (3 seeded + this one), until when.
    const badge = () => session.worker.evaluate(async () => [await chrome.action.getBadgeText({}), await chrome.action.getTitle({})] as const);
    await expect.poll(async () => (await badge())[0]).toBe('4');
    expect((await badge())[1]).toMatch(lang === 'en' ? /work time.*Blocked today: 4/ : /工作时间.*今天已拦截 4 次/);
  });
});
