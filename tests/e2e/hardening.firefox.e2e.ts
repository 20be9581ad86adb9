// #14: Firefox hardening proven in Firefox ESR. With the kit's hardened policies.json (in
// /etc/firefox/policies, where Firefox reads it on Linux) the locked extensions.dnr.enabled
// keeps Qingfeng blocking although the profile turns the preference off (as a user.js a
// teacher wrote, or about:config, would); a control run without the policy shows that this
// preference really does switch DNR off: an allowed page's image and fetch to a blocked host
// reach it (a top-level navigation is not the measure: the background's second line may still
// send it to the block page after its request, depending on timing — CI saw both). about:config itself (BlockAboutConfig) and
// Troubleshoot Mode cannot be reached from here: WebDriver BiDi refuses to navigate to
// about:config ("Navigation to about:config is not allowed"), so they are manual checks
// (docs/hardening.md).
//
// Two of the kit's Firefox values are left out of the file here, and why:
// - ExtensionSettings force-installs from a URL; the test installs the build itself;
// - DisableDeveloperTools also locks remote.policy.disabled, which turns off the Remote Agent
//   this test drives Firefox through (Policies.sys.mjs). It is checked in the file the kit
//   writes (unit tests); its effect on about:debugging is a manual check (docs/hardening.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK, htmlAttr, TEST_HOSTS } from './support/blocking-cases';
import { REPO } from './support/constants';
import { launchFirefox, navigate, readLocalIn, waitForRulesInForceIn, type FirefoxSession } from './support/firefox';
import { waitFor } from './support/poll';
import { TestServer } from './support/server';
import { cleanUp } from './support/cleanup';

const POLICY_DIR = '/etc/firefox/policies';
const POLICY_FILE = join(POLICY_DIR, 'policies.json');
const SCHOOL = '火狐加固测试';
const policy = { schoolName: SCHOOL, schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' } };
/** What a teacher's user.js in the profile would say. */
const DNR_OFF = { 'extensions.dnr.enabled': false };

function hardenedPoliciesJson(work: string): string {
  writeFileSync(join(work, 'policy.json'), JSON.stringify(policy));
  execFileSync('npx', ['tsx', 'scripts/policy-kit.ts', join(work, 'policy.json'), '--out', join(work, 'out'), '--harden', '--lang', 'en'], { cwd: REPO, stdio: 'pipe' });
  const file = JSON.parse(readFileSync(join(work, 'out', 'firefox', 'policies.json'), 'utf8')) as { policies: Record<string, unknown> };
  expect(file.policies).toMatchObject({ BlockAboutConfig: true, DisableSafeMode: true, DisableDeveloperTools: true });
  delete file.policies.ExtensionSettings;
  delete file.policies.DisableDeveloperTools;
  return JSON.stringify(file);
}

async function blocks(session: FirefoxSession, server: TestServer, path: string): Promise<boolean> {
  const page = await session.browser.newPage();
  try {
    const landed = await navigate(page, server.url('taobao.com', path), (h) => h.startsWith(session.extensionUrl('blocked.html')) || h.includes(path)).catch(() => '');
    return landed.startsWith(session.extensionUrl('blocked.html'));
  } finally {
    await page.close();
  }
}

/**
 * How many requests an allowed page's images and fetch to taobao.com get through. Only DNR
 * stops sub-resources (the background's second line handles navigations alone), so this is
 * what the preference switches off — a top-level navigation may still be caught after its
 * request by the second line, and whether it is depends on timing.
 */
async function subresourcesThrough(session: FirefoxSession, server: TestServer, mark: string): Promise<number> {
  const page = await session.browser.newPage();
  try {
    const before = server.requestsTo('taobao.com').length;
    await navigate(page, server.url('allowed.example.org', `/images?to=${encodeURIComponent(server.url('taobao.com'))}`), (h) => h.startsWith('http'));
    // The allowed page's own later request arrives after the image and fetch went out.
    await page.evaluate((m) => fetch(`/after-${m}`).catch(() => undefined), mark);
    await waitFor('the page to finish', () => (server.requests.some((r) => r.url === `/after-${mark}`) ? true : undefined));
    return server.requestsTo('taobao.com').length - before;
  } finally {
    await page.close();
  }
}

describe('Firefox: --harden keeps DNR on whatever the profile says', () => {
  const server = new TestServer();
  const work = mkdtempSync(join(tmpdir(), 'qingfeng-harden-'));
  const madeDir = !existsSync(POLICY_DIR);
  let session: FirefoxSession | undefined;

  beforeAll(async () => {
    if (existsSync(POLICY_FILE)) throw new Error(`${POLICY_FILE} exists already: not overwriting it`);
    server.routes.set('/images', (req) => {
      const to = htmlAttr(new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '');
      return [200, {}, `<!doctype html><img src="${to}/image.png"><script>fetch('${to}/fetch').catch(() => {});</script>`];
    });
    await server.start();
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, hardenedPoliciesJson(work));
  });

  afterAll(() =>
    cleanUp(
      () => session?.close(),
      () => rmSync(POLICY_FILE, { force: true }),
      () => madeDir && rmSync(POLICY_DIR.replace(/\/policies$/, ''), { recursive: true, force: true }),
      () => rmSync(work, { recursive: true, force: true }),
      () => server.stop(),
    ),
  );

  test('control: without the policy, extensions.dnr.enabled = false switches blocking off', async () => {
    const saved = readFileSync(POLICY_FILE, 'utf8');
    rmSync(POLICY_FILE);
    const control = await launchFirefox({ hosts: TEST_HOSTS, managedPolicy: policy, extraPrefs: DNR_OFF });
    try {
      // The policy is read; with DNR off the worker knows its rules are not in force.
      const options = await control.openExtensionPage('options.html');
      const state = await waitFor('the policy to be read', async () =>
        (await readLocalIn<{ schoolName?: string }>(options, 'lastGoodPolicy'))?.schoolName === SCHOOL ? readLocalIn<{ inForce: boolean }>(options, 'blockingState') : undefined,
      );
      expect(state?.inForce).toBe(false);
      expect(await subresourcesThrough(control, server, 'control')).toBeGreaterThan(0);
    } finally {
      await control.close();
      writeFileSync(POLICY_FILE, saved);
    }
  });

  test('with the hardened policies.json: the preference is locked on and blocking holds', async () => {
    session = await launchFirefox({ hosts: TEST_HOSTS, managedPolicy: policy, extraPrefs: DNR_OFF });
    const options = await session.openExtensionPage('options.html');
    await waitForRulesInForceIn(options, SCHOOL);
    const before = server.requestsTo('taobao.com').length;
    expect(await blocks(session, server, '/hardened')).toBe(true);
    expect(await subresourcesThrough(session, server, 'hardened')).toBe(0);
    expect(server.requestsTo('taobao.com').length).toBe(before);
  });
});
