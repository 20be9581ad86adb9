import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PolicyStatus } from '@/utils/policy/status';
import { ALWAYS_WORK } from './support/blocking-cases';
import { ChromiumPolicyFile, launchChromium, readLocal, waitForRulesInForce, type ChromiumSession } from './support/chromium';
import { CHROME_ID, REPO } from './support/constants';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

/**
 * Runs the admin kit as an administrator would, and returns its Linux Chromium file less the
 * force-install entry: this machine has no store to install from, and a force-install of
 * Qingfeng's id makes Chromium refuse the unpacked build under test (seen here).
 */
function kitLinuxChromium(policy: unknown, work: string): string {
  const input = join(work, 'policy.json');
  const out = join(work, `out-${Date.now()}`);
  writeFileSync(input, JSON.stringify(policy));
  execFileSync('npx', ['tsx', 'scripts/policy-kit.ts', input, '--out', out, '--lang', 'en'], { cwd: REPO, stdio: 'pipe' });
  const file = JSON.parse(readFileSync(join(out, 'linux', 'chromium', 'qingfeng.json'), 'utf8')) as Record<string, unknown>;
  expect(file.ExtensionInstallForcelist).toEqual([`${CHROME_ID};https://clients2.google.com/service/update2/crx`]);
  delete file.ExtensionInstallForcelist;
  return JSON.stringify(file);
}

const base = { schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' } };

describe('Chromium: the kit’s Linux policy file takes effect, changes apply live, a broken file keeps protection', () => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile('qingfeng.json');
  const work = mkdtempSync(join(tmpdir(), 'qingfeng-kit-'));
  let session: ChromiumSession;

  beforeAll(async () => {
    await server.start();
    policyFile.writeRaw(kitLinuxChromium({ ...base, schoolName: '策略甲', categories: { video: { mode: 'block' } } }, work));
    session = await launchChromium({ hosts: ['*'] });
  });

  afterAll(() => cleanUp(() => session?.close(), () => policyFile.remove(), () => rmSync(work, { recursive: true, force: true }), () => server.stop()));

  const status = () => readLocal<PolicyStatus>(session.worker, 'policyStatus');
  const school = async () => (await readLocal<{ schoolName?: string }>(session.worker, 'lastGoodPolicy'))?.schoolName;
  const opens = async (host: string) => {
    const page = await session.context.newPage();
    try {
      await page.goto(server.url(host)).catch(() => undefined);
      return page.url().startsWith('http');
    } finally {
      await page.close();
    }
  };

  test('the kit’s file is read: video is blocked as it says', async () => {
    await waitForRulesInForce(session.worker, '策略甲');
    expect(await opens('www.bilibili.com')).toBe(false);
    expect(await opens('nottaobao.com')).toBe(true);
  });

  test('a changed file takes effect while the browser runs, within 10 s', async () => {
    policyFile.writeRaw(kitLinuxChromium({ ...base, schoolName: '策略乙', categories: { video: { mode: 'log' } } }, work));
    const changedAt = Date.now();
    await waitFor('policy 乙', async () => ((await school()) === '策略乙' ? true : undefined), 10_000, 200);
    console.info(`policy change applied after ${Date.now() - changedAt} ms`);
    await waitFor('video to open', async () => ((await opens('www.bilibili.com')) ? true : undefined), 5_000);
    expect(await opens('taobao.com')).toBe(false);
  });

  test('an invalid value keeps the last good policy and shows the error with its path', async () => {
    // Right JSON types (Chrome's schema lets them through), wrong for Qingfeng.
    policyFile.write({ ...base, schoolName: '策略丙', schedule: { weekly: { mon: ['17:30-07:30'] } }, categories: { shopping: { mode: 'off' } } });
    const s = await waitFor('the invalid policy to be reported', async () => {
      const st = await status();
      return st && !st.valid ? st : undefined;
    }, 10_000, 200);
    expect(s.errors.map((e) => e.path)).toContain('schedule.weekly.mon[0]');
    expect(await school()).toBe('策略乙');
    expect(await opens('taobao.com')).toBe(false);
    const options = await session.openExtensionPage('options.html#policy');
    await expect.poll(() => options.getByTestId('policy-errors').textContent()).toContain('schedule.weekly.mon[0]');
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('policy-warning').isVisible()).toBe(true);
  });

  test('an unparsable file (Chrome drops it silently) keeps the last good policy', async () => {
    policyFile.writeRaw('{ "3rdparty": { "extensions": { oops ');
    await waitFor('the policy to be seen missing', async () => ((await status())?.lastGoodKept && !(await status())?.present ? true : undefined), 10_000, 200);
    expect(await school()).toBe('策略乙');
    expect(await opens('taobao.com')).toBe(false);
    const popup = await session.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('policy-missing').isVisible()).toBe(true);
  });
});
