import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK, TEST_HOSTS } from './support/blocking-cases';
import { GECKO_ID, REPO } from './support/constants';
import { launchFirefox, navigate, readLocalIn, waitForRulesInForceIn, type FirefoxSession } from './support/firefox';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

describe('Firefox: the kit’s managed-storage file takes effect at start-up', () => {
  const server = new TestServer();
  const work = mkdtempSync(join(tmpdir(), 'qingfeng-kit-'));
  let session: FirefoxSession;
  const SCHOOL = '火狐策略测试';

  beforeAll(async () => {
    await server.start();
    const input = join(work, 'policy.json');
    writeFileSync(input, JSON.stringify({ schoolName: SCHOOL, schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' }, categories: { video: { mode: 'block' } } }));
    execFileSync('npx', ['tsx', 'scripts/policy-kit.ts', input, '--out', join(work, 'out'), '--lang', 'en'], { cwd: REPO, stdio: 'pipe' });
    const file = readFileSync(join(work, 'out', 'firefox', 'managed-storage', `${GECKO_ID}.json`), 'utf8');
    expect(JSON.parse(file)).toMatchObject({ name: GECKO_ID, type: 'storage', data: { schoolName: SCHOOL } });
    session = await launchFirefox({ hosts: TEST_HOSTS.concat('www.bilibili.com'), managedStorageFile: file });
  });

  afterAll(() => cleanUp(() => session?.close(), () => rmSync(work, { recursive: true, force: true }), () => server.stop()));

  test('the policy is read and its video block is in force', async () => {
    const extensionPage = await session.openExtensionPage('options.html');
    await waitForRulesInForceIn(extensionPage, SCHOOL);
    expect(await readLocalIn(extensionPage, 'policyStatus')).toMatchObject({ present: true, valid: true });
    const page = await session.browser.newPage();
    await navigate(page, server.url('www.bilibili.com'), (h) => h.startsWith(session.extensionUrl('blocked.html')));
    expect(server.requestsTo('bilibili.com')).toEqual([]);
  });
});
