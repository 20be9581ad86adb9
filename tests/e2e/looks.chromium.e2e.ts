// #18: every page looks finished, in light and dark, narrow and wide. Each page (the table
// PAGES; the policy editor joins it with one line) is rendered in the built extension in real
// Chromium, in both colour schemes at 360 px (the popup's width; also a 720 px window at
// 200 % zoom) and 1280 px, and fails on: horizontal overflow, a text block taller than a
// screen (a 100,000-character host once made a 60,000 px block), a form control taller than
// its rows need or a list box narrower than its column, and text below WCAG AA contrast,
// measured from the rendered colours. Screenshots of each go to test-results/looks/ (and,
// with QINGFENG_DOC_SCREENSHOTS=1, the README's few to docs/screenshots/).
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ChromiumPolicyFile, launchChromium, waitForRulesInForce, type ChromiumSession } from './support/chromium';
import { cleanUp } from './support/cleanup';
import { REPO } from './support/constants';
import { daysAgo } from './support/days';
import { auditPage } from './support/looks-audit';
import { actionIconPaths } from '../../utils/ui/icons';
import { seedTallies, type SeedEvent, type SeedUsage } from './support/seed';

const SHOTS = `${REPO}test-results/looks`;
const DOC_SHOTS = `${REPO}docs/screenshots`;
const SCHOOL = '北票市第七初级中学';

/** A crafted link's host: the whole URL at the protocol's 100,000-character limit. */
const LONG_URL = (() => {
  const head = 'https://';
  const tail = '.taobao.com/item.htm?id=1';
  return `${head}${'a'.repeat(100_000 - head.length - tail.length)}${tail}`;
})();
/** The longest host a tally can hold (253 characters), in the popup and the report. */
const LONG_TALLY_HOST = `${Array.from({ length: 4 }, () => 'x'.repeat(60)).join('.')}.example.cn`.slice(-253);

interface PageCase {
  name: string;
  path: string;
  /** A selector that exists once the page has its data. */
  ready: string;
  /** Puts the page in the state worth looking at (e.g. a tested URL). */
  prepare?: (page: Page) => Promise<void>;
}

const PAGES: PageCase[] = [
  { name: 'popup', path: 'popup.html', ready: '[data-testid=top-hosts]' },
  { name: 'options-report', path: 'options.html#report', ready: '[data-testid=report-table] tbody tr' },
  { name: 'options-settings', path: 'options.html#settings', ready: '#allow' },
  { name: 'options-policy', path: 'options.html#policy', ready: '[data-testid=effective-table]' },
  {
    name: 'options-test',
    path: 'options.html#test',
    ready: '#test-url',
    prepare: async (page) => {
      await page.fill('#test-url', LONG_URL);
      await page.click('form:has(#test-url) button[type=submit]');
      await page.waitForSelector('[data-testid=test-result]');
    },
  },
  { name: 'options-data', path: 'options.html#data', ready: '[data-testid=retention]' },
  { name: 'blocked', path: `blocked.html#${LONG_URL}`, ready: '[data-testid=blocked-category]' },
  { name: 'admin', path: 'admin.html', ready: '[data-testid=download-section]' },
];

const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [360, 1280] as const;
/** The few the README shows: [page, language, scheme, width]. */
const DOC_SET: [string, string, string, number][] = [
  ['popup', 'zh-CN', 'light', 360],
  ['popup', 'zh-CN', 'dark', 360],
  ['blocked', 'zh-CN', 'light', 1280],
  ['blocked', 'en', 'dark', 360],
  ['options-settings', 'zh-CN', 'light', 1280],
  ['options-report', 'en', 'dark', 1280],
];

/**
 * Every day, one work period from the last hour to three hours on (24:00 at the latest): the
 * pages show what a teacher sees on a school day ("work time ends today 17:00"), where an
 * all-day schedule would say "work time does not end within a year".
 */
function workAroundNow(): Record<string, string[]> {
  const hour = new Date().getHours();
  const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const period = `${pad(Math.max(0, hour - 1))}-${pad(Math.min(24, hour + 3))}`;
  return Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [period]]));
}

const today = daysAgo(0);
const USAGE: SeedUsage[] = [
  { day: today, host: 'taobao.com', category: 'shopping', workSeconds: 0, visits: 0, blocked: 3, unlocks: 1 },
  { day: today, host: 'bilibili.com', category: 'video', workSeconds: 25 * 60, visits: 4, blocked: 0, unlocks: 0 },
  { day: today, host: LONG_TALLY_HOST, category: 'social', workSeconds: 12 * 60, visits: 2, blocked: 0, unlocks: 0 },
  { day: daysAgo(1), host: 'bilibili.com', category: 'video', workSeconds: 40 * 60, visits: 6, blocked: 0, unlocks: 0 },
  { day: daysAgo(2), host: 'jd.com', category: 'shopping', workSeconds: 0, visits: 0, blocked: 5, unlocks: 0 },
];
const EVENTS: SeedEvent[] = [
  { at: Date.now() - 60_000, day: today, type: 'unlock', host: LONG_TALLY_HOST, category: 'social', detail: '查看教研组发布的公开课通知' },
];

describe.each(['zh-CN', 'en'])('Chromium in %s: every page in light and dark, at 360 and 1280 px', (lang) => {
  const policyFile = new ChromiumPolicyFile();
  let session: ChromiumSession;

  beforeAll(async () => {
    mkdirSync(`${SHOTS}/${lang}`, { recursive: true });
    policyFile.write({ schoolName: SCHOOL, schedule: { weekly: workAroundNow(), officialCalendar: 'none' }, message: '工作时间请勿浏览与工作无关的网页。', lockSettings: false });
    session = await launchChromium({ lang });
    await waitForRulesInForce(session.worker, SCHOOL);
    const opener = await session.openExtensionPage('popup.html'); // opens the database
    await opener.close();
    await seedTallies(session.worker, USAGE, EVENTS);
  });

  afterAll(() => cleanUp(() => session?.close(), () => policyFile.remove()));

  test('the toolbar icons the badge switches between load in the service worker (Chromium fetches the paths)', async () => {
    for (const variant of ['off', 'on'] as const) {
      // Rejects with "Failed to set icon" when a path does not load.
      await session.worker.evaluate((path) => chrome.action.setIcon({ path }), actionIconPaths(variant));
    }
    // The check can fail: a path that does not load is refused.
    await expect(session.worker.evaluate(() => chrome.action.setIcon({ path: { 16: '/icon/missing-16.png' } }))).rejects.toThrow();
  });

  test.each(PAGES)('$name', async ({ name, path, ready, prepare }) => {
    const page = await session.context.newPage();
    const problems: string[] = [];
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(session.extensionUrl(path));
      await page.waitForSelector(ready);
      await prepare?.(page);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          // Two frames: the new width and scheme are laid out and painted.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const found = await page.evaluate(auditPage);
          problems.push(...found.map((p) => `${scheme} ${width}px: ${p}`));
          const shot = `${SHOTS}/${lang}/${name}.${scheme}.${width}.png`;
          await page.screenshot({ path: shot, fullPage: true });
          if (process.env.QINGFENG_DOC_SCREENSHOTS === '1' && DOC_SET.some(([n, l, s, w]) => n === name && l === lang && s === scheme && w === width)) {
            mkdirSync(DOC_SHOTS, { recursive: true });
            copyFileSync(shot, `${DOC_SHOTS}/${name}.${lang}.${scheme}.${width}.png`);
          }
        }
      }
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  });
});
