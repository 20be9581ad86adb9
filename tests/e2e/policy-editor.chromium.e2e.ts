// #14: the policy editor as an administrator with only a browser uses it — in real Chromium,
// in Chinese: open a policy full of mistakes (saved by Notepad as UTF-16), see each error
// beside its field, fix them in the form and the JSON box, download the zip, and find in it
// exactly the files the CLI writes for the same policy. The standalone offline file is
// opened too.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminCalendarGaps } from '../../utils/schedule/calendar-gaps';
import { formatMessage } from '../../utils/i18n/format-message';
import { DEFAULTS, parsePolicy } from '../../utils/policy/schema';
import { useTldtsPublicSuffixes } from '../../utils/matching/public-suffix-tldts';
import zhCN from '../../public/_locales/zh_CN/messages.json';
import { cleanUp } from './support/cleanup';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { REPO } from './support/constants';

// The expected errors are parsePolicy's in this process: as the editor page does, with tldts-icann.
useTldtsPublicSuffixes();

const MISTAKES = {
  schoolName: 7,
  schedule: {
    weekly: { mon: ['07:30-11:30', '25:00-26:00'], tue: ['07:30-11:30'] },
    holidays: ['2026-13-01'],
    workdays: [
      { date: '2026-12-26', as: 'mon' },
      { date: '2026-12-26', as: 'tue' },
    ],
  },
  categories: { video: { mode: 'Block' } },
  customCategories: [
    { id: 'stocks', name: { zh_CN: '炒股' }, mode: 'log', domains: ['https://eastmoney.com/x'] },
    { id: 'stocks', name: { zh_CN: '基金' }, mode: 'log' },
  ],
  allow: ['*.smartedu.cn'],
  unlock: { minutes: 500 },
  retentionDays: 0,
  lockSetting: true,
};

/** Where each mistake must be shown: beside its own field. */
const PLACES: [path: string, container: string][] = [
  ['schoolName', '[data-field="schoolName"]'],
  ['schedule.weekly.mon[1]', 'tr[data-day="mon"]'],
  ['schedule.holidays[0]', '[data-field="schedule.holidays"]'],
  ['schedule.workdays[1].date', 'tr[data-workday="1"]'],
  ['categories.video.mode', '[data-field="categories.video.mode"]'],
  ['customCategories[0].domains[0]', '[data-field="customCategories[0].domains"]'],
  ['customCategories[1].id', '[data-field="customCategories[1].id"]'],
  ['allow[0]', '[data-field="allow"]'],
  ['unlock.minutes', '[data-field="unlock.minutes"]'],
  ['retentionDays', '[data-field="retentionDays"]'],
  ['lockSetting', '[data-testid="other-errors"]'],
];

function utf16leWithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);
}

function readTree(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

async function expectErrorsBesideFields(page: Page, policy: unknown): Promise<void> {
  const r = parsePolicy(policy);
  if (r.ok) throw new Error('the fixture has no mistakes');
  // Every error is shown once, in Chinese, as _locales says it.
  await expect.poll(() => page.locator('li[data-error-path]').count()).toBe(r.errors.length);
  for (const e of r.errors) {
    const item = page.locator(`li[data-error-path="${e.path}"][data-error-key="${e.key}"]`);
    expect(await item.count(), `${e.path} ${e.key}`).toBe(1);
    expect(await item.textContent()).toContain(formatMessage(zhCN, e.key, e.args));
  }
  for (const [path, container] of PLACES) {
    expect(await page.locator(`${container} li[data-error-path="${path}"]`).count(), `${path} in ${container}`).toBeGreaterThan(0);
  }
  expect(await page.getByTestId('editor-status').textContent()).toBe(formatMessage(zhCN, 'editorErrorCount', [String(r.errors.length)]));
  expect(await page.getByTestId('download').isDisabled()).toBe(true);
}

describe('Chromium: the policy editor, in Chinese', () => {
  const work = mkdtempSync(join(tmpdir(), 'qingfeng-editor-'));
  let session: ChromiumSession;

  beforeAll(async () => {
    writeFileSync(join(work, 'mistakes.json'), utf16leWithBom(JSON.stringify(MISTAKES, null, 2)));
    // 清风学校 in GBK, what Chinese Windows Notepad saves as "ANSI".
    writeFileSync(join(work, 'gbk.json'), Buffer.from([...Buffer.from('{"schoolName":"'), 0xc7, 0xe5, 0xb7, 0xe7, 0xd1, 0xa7, 0xd0, 0xa3, ...Buffer.from('"}')]));
    session = await launchChromium();
  });

  afterAll(() => cleanUp(() => session?.close(), () => rmSync(work, { recursive: true, force: true })));

  test('the options Policy tab links to the editor and names the years without holiday data', async () => {
    const options = await session.openExtensionPage('options.html#policy');
    const link = options.getByTestId('open-editor');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('admin.html');
    const gaps = adminCalendarGaps(DEFAULTS.schedule, Date.now());
    expect(await options.getByTestId('calendar-gap').count()).toBe(gaps.length > 0 ? 1 : 0);
    if (gaps.length > 0) expect(await options.getByTestId('calendar-gap').textContent()).toContain(`"${gaps[0]}-01-01"`);
    const [editor] = await Promise.all([session.context.waitForEvent('page'), link.click()]);
    await editor.waitForLoadState();
    expect(editor.url()).toBe(session.extensionUrl('admin.html'));
    expect(await editor.locator('h1').textContent()).toBe(formatMessage(zhCN, 'editorTitle', []));
    await options.close();
    await editor.close();
  });

  test('load, see each mistake beside its field, fix them, download the CLI\'s files', async () => {
    const page = await session.openExtensionPage('admin.html');
    const input = page.getByTestId('file-input');

    // Notepad's GBK is refused with how to save as UTF-8, and the form is untouched.
    await input.setInputFiles(join(work, 'gbk.json'));
    await expect.poll(() => page.getByTestId('load-note').textContent()).toBe(formatMessage(zhCN, 'kitErrNotUnicode', ['gbk.json']));
    expect(await page.getByTestId('editor-status').textContent()).toBe(formatMessage(zhCN, 'editorValid', []));

    // Notepad's UTF-16 is read.
    await input.setInputFiles(join(work, 'mistakes.json'));
    await expect.poll(() => page.getByTestId('load-note').textContent()).toBe(formatMessage(zhCN, 'editorOpened', ['mistakes.json']));
    await expectErrorsBesideFields(page, MISTAKES);

    // Fix each in the form, as an administrator would.
    await page.locator('[data-field="schoolName"] input').fill('北票市第七初级中学');
    await page.locator('tr[data-day="mon"] input').nth(1).fill('13:30-17:30');
    await page.locator('[data-field="schedule.holidays"] textarea').fill('2026-12-31\n\n2027-01-20..2027-02-24\n');
    await page.locator('tr[data-workday="1"] input').fill('2026-12-27');
    await page.locator('[data-field="categories.video.mode"] select').selectOption({ label: formatMessage(zhCN, 'mode_block', []) });
    await page.locator('[data-field="customCategories[0].domains"] textarea').fill('eastmoney.com');
    await page.locator('[data-field="customCategories[1].id"] input').fill('funds');
    await page.locator('[data-field="allow"] textarea').fill('smartedu.cn');
    await page.locator('[data-field="unlock.minutes"] input').fill('15');
    await page.locator('[data-field="retentionDays"] input').fill('180');
    await expect.poll(() => page.locator('li[data-error-path]').count()).toBe(1); // only the misspelt key is left
    // …and the misspelt key in the JSON box.
    const box = page.getByTestId('policy-json');
    await box.fill(((await box.inputValue()) ?? '').replace('"lockSetting"', '"lockSettings"'));
    await expect.poll(() => page.getByTestId('editor-status').textContent()).toBe(formatMessage(zhCN, 'editorValid', []));
    expect(await page.locator('li[data-error-path]').count()).toBe(0);

    const fixed = JSON.parse(await box.inputValue()) as unknown;
    const parsed = parsePolicy(fixed);
    expect(parsed.ok).toBe(true);
    expect(fixed).toMatchObject({ schoolName: '北票市第七初级中学', lockSettings: true, schedule: { holidays: ['2026-12-31', '2027-01-20..2027-02-24'] } });

    // Download with --harden and an XPI address, and compare with the CLI's run.
    const xpi = 'https://it.school.cn/qingfeng.xpi';
    await page.locator('#opt-harden').check();
    await page.locator('#opt-xpi').fill(xpi);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toBe('qingfeng-policy-out.zip');
    const zipPath = join(work, 'page.zip');
    await download.saveAs(zipPath);
    const zip = unzipSync(new Uint8Array(readFileSync(zipPath)));

    writeFileSync(join(work, 'fixed.json'), JSON.stringify(fixed));
    execFileSync('npx', ['tsx', 'scripts/policy-kit.ts', join(work, 'fixed.json'), '--out', join(work, 'cli'), '--harden', '--xpi-url', xpi, '--lang', 'en'], { cwd: REPO, stdio: 'pipe' });
    const cli = readTree(join(work, 'cli'));
    const pageFiles = Object.fromEntries(Object.entries(zip).map(([p, b]) => [p.replace(/^qingfeng-policy-out\//, ''), Buffer.from(b)]));
    expect(Object.keys(pageFiles).sort()).toEqual(Object.keys(cli).sort());
    for (const [path, bytes] of Object.entries(cli)) expect(pageFiles[path]?.equals(bytes), path).toBe(true);
    await page.close();
  });

  test('the standalone offline file works the same, with nothing installed', async () => {
    const page = await session.context.newPage();
    await page.goto(`file://${join(REPO, '.output/qingfeng-policy-editor.html')}`);
    expect(await page.locator('h1').textContent()).toBe(formatMessage(zhCN, 'editorTitle', []));
    await page.getByTestId('file-input').setInputFiles(join(work, 'mistakes.json'));
    await expectErrorsBesideFields(page, MISTAKES);
    await page.close();
  });
});
