// Issue 13: the whole rollout the way a school does it. A throwaway school key; the packages
// made by `npm run package`'s function, served by the local test server as the school's
// intranet; the admin kit's Linux file (force-install entry + the extension's policy) in
// Chromium's real managed-policy folder; a fresh profile started WITHOUT --load-extension
// installs Qingfeng from updates.xml by itself and enforces the policy. Then a newer version is
// published and Chromium updates itself, keeping the tallies: it looks at updates.xml when it
// starts (and every five hours), downloads the newer CRX, and puts it in place once the
// extension is idle or, at the latest, at its next start (docs/deploy.en.md, "Publishing an
// update"). --extensions-update-frequency=30 brought no check within 90 s here (Chromium 156),
// so the test restarts the browser, as a teacher's PC does every day.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TodayResponse } from '@/utils/messages/types';
import { ALWAYS_WORK } from './support/blocking-cases';
import { ChromiumPolicyFile, assertChromiumInstalled, chromiumArgs } from './support/chromium';
import { CHROMIUM_BIN } from './support/constants';
import { cleanUp } from './support/cleanup';
import { storedValue, waitFor } from './support/poll';
import { BUILD_VERSION, SchoolRollout, nextVersion } from './support/rollout';
import { TestServer } from './support/server';

const SCHOOL = '清风部署测试学校';
const POLICY = { schoolName: SCHOOL, schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' }, categories: { shopping: { mode: 'block' } } };

describe('Chromium: force-installed from the school’s server, enforced, and updated in place', () => {
  const server = new TestServer();
  const policyFile = new ChromiumPolicyFile('qingfeng-rollout-e2e.json');
  // Test-only, in a file of its own beside the kit's: Chrome's default DeveloperToolsAvailability
  // (0) forbids DevTools, and so the test's CDP connection, on the pages of extensions installed
  // by policy (seen here: Playwright lost every such page); 1 allows it.
  const devtoolsFile = new ChromiumPolicyFile('qingfeng-rollout-e2e-devtools.json');
  const work = mkdtempSync(join(tmpdir(), 'qingfeng-rollout-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'qingfeng-rollout-profile-'));
  let school: SchoolRollout;
  let chromeId: string;
  let context: BrowserContext;

  beforeAll(async () => {
    assertChromiumInstalled();
    await server.start();
    school = new SchoolRollout(work, server);
    const first = await school.pack(BUILD_VERSION);
    chromeId = first.ids.chromeId;
    school.publish(first);

    const kitOut = school.kit(POLICY, first.outDir);
    const linux = JSON.parse(readFileSync(join(kitOut, 'linux', 'chromium', 'qingfeng.json'), 'utf8')) as Record<string, unknown>;
    // The kit addressed everything to the id that follows from the school's key.
    expect(linux.ExtensionInstallForcelist).toEqual([`${chromeId};${school.baseUrl}updates.xml`]);
    expect(Object.keys((linux['3rdparty'] as { extensions: object }).extensions)).toEqual([chromeId]);
    policyFile.writeRaw(JSON.stringify(linux));
    devtoolsFile.writeRaw(JSON.stringify({ DeveloperToolsAvailability: 1 }));

    context = await launch();
  });

  /** Chromium on the test profile. No --load-extension: the extension comes only from policy.
   * Playwright's defaults that stop extensions and background fetches are removed, or nothing
   * is ever downloaded. */
  function launch(): Promise<BrowserContext> {
    return chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_BIN,
      headless: true,
      args: chromiumArgs({ extensionDir: null, hosts: ['*'] }).filter((a) => a !== '--disable-background-networking'),
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages', '--disable-background-networking'],
      env: { ...process.env, LANGUAGE: 'zh_CN' },
    });
  }

  afterAll(() =>
    cleanUp(
      () => context?.close(),
      () => policyFile.remove(),
      () => devtoolsFile.remove(),
      () => rmSync(profileDir, { recursive: true, force: true }),
      () => rmSync(work, { recursive: true, force: true }),
      () => server.stop(),
    ),
  );

  /**
   * Runs `fn` in a document of the extension's origin (chrome.* as in the background): by
   * default its manifest.json, not a page of the UI, so that probing sends the background no
   * messages; a message to the background must come from one of its pages (options.html).
   */
  async function inExtension<T>(fn: () => Promise<T>, path = 'manifest.json'): Promise<T | undefined> {
    const page = await context.newPage();
    try {
      const response = await page.goto(`chrome-extension://${chromeId}/${path}`).catch(() => null);
      if (!response?.ok() && !page.url().startsWith(`chrome-extension://${chromeId}/`)) return undefined;
      return await page.evaluate(fn).catch(() => undefined);
    } finally {
      await page.close();
    }
  }
  const manifestVersion = () => inExtension(async () => chrome.runtime.getManifest().version);
  const today = () => inExtension(async () => (await chrome.runtime.sendMessage({ type: 'getToday' })) as TodayResponse, 'options.html');
  const opensBlocked = async (url: string) => {
    const page = await context.newPage();
    try {
      await page.goto(url).catch(() => undefined);
      const blocked = page.url().startsWith(`chrome-extension://${chromeId}/blocked.html`);
      // The block page records the attempt once it has loaded: let it, before the tab goes.
      if (blocked) await page.waitForLoadState('networkidle').catch(() => undefined);
      return blocked;
    } finally {
      await page.close();
    }
  };

  test('a fresh profile installs Qingfeng from updates.xml by itself, reads the policy and blocks before the network', { timeout: 150_000 }, async () => {
    const installedAt = Date.now();
    expect(await waitFor('Qingfeng to be installed by policy', manifestVersion, 60_000, 500)).toBe(BUILD_VERSION);
    console.info(`force-installed ${Date.now() - installedAt} ms after launch`);
    expect(school.fetches('updates.xml')).toBeGreaterThan(0);
    let state: Record<string, unknown> | undefined;
    const policyInForce = async () => {
      state = await inExtension(async () => chrome.storage.local.get(['lastGoodPolicy', 'blockingState', 'policyStatus']));
      const policy = storedValue<{ schoolName?: string }>('lastGoodPolicy', state?.lastGoodPolicy);
      return policy?.schoolName === SCHOOL && (state?.blockingState as { inForce?: boolean } | undefined)?.inForce ? true : undefined;
    };
    const explain = (e: unknown) => {
      throw new Error(`${String(e)}; storage: ${JSON.stringify(state)}`);
    };
    // Seen here (Chromium 156): in some runs the just force-installed extension had no policy in
    // storage.managed at all, even a minute later (its schema arrived after Chromium had read the
    // policy folder). Chromium gives it the policy when it starts again, as a PC's browser does
    // the next morning; the test allows that one restart and says when it was needed
    // (docs/deploy.en.md, "Checking a PC").
    const atOnce = await waitFor('the policy to be read and the rules installed', policyInForce, 15_000, 1_000).catch(() => false);
    if (!atOnce) {
      console.info('the new extension had no policy 15 s after its install: restarting Chromium');
      await context.close();
      context = await launch();
      await waitFor('the policy to be read after a restart', policyInForce, 30_000, 1_000).catch(explain);
    }
    console.info(`policy in force ${Date.now() - installedAt} ms after launch`);
    server.clear();
    expect(await opensBlocked(server.url('www.taobao.com', '/item/1'))).toBe(true);
    expect(await opensBlocked(server.url('taobao.com'))).toBe(true);
    expect(server.requestsTo('taobao.com')).toEqual([]);
  });

  test('a newer version published on the server reaches the PC by itself, and the tallies stay', async () => {
    let seen: TodayResponse | undefined;
    const before = await waitFor('the blocked attempts to be tallied', async () => {
      seen = await today();
      return seen && seen.blocked >= 2 ? seen : undefined;
    }).catch((e: unknown) => {
      throw new Error(`${String(e)}; getToday: ${JSON.stringify(seen)?.slice(0, 300)}`);
    });

    const newer = nextVersion(BUILD_VERSION);
    const second = await school.pack(newer);
    expect(second.ids.chromeId).toBe(chromeId); // same key, same id
    school.publish(second);

    // The next morning: Chromium starts, finds the newer version in updates.xml and downloads it.
    await context.close();
    context = await launch();
    await waitFor(`Chromium to download ${second.ids.crx}`, () => (school.fetches(second.ids.crx) > 0 ? true : undefined), 30_000, 200);
    // Chromium unpacks it into the profile, and puts it in place once Qingfeng is idle, or at
    // the next start at the latest.
    const unpacked = join(profileDir, 'Default', 'Extensions', chromeId, `${newer}_0`, 'manifest.json');
    await waitFor(`Chromium to unpack ${newer}`, () => (existsSync(unpacked) ? true : undefined), 30_000, 200);
    await context.close();
    context = await launch();
    expect(await waitFor(`Qingfeng ${newer} to be in place`, async () => ((await manifestVersion()) === newer ? newer : undefined), 30_000, 500)).toBe(newer);

    const after = await waitFor('the tallies after the update', today);
    expect(after.blocked).toBe(before.blocked);
    expect(after.day).toBe(before.day);
    server.clear();
    expect(await opensBlocked(server.url('taobao.com', '/after-update'))).toBe(true);
    expect(server.requestsTo('taobao.com')).toEqual([]);
  }, 180_000);
});
