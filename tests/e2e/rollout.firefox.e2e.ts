// Issue 13, Firefox: the admin kit's policies.json (ExtensionSettings force-installing the XPI
// from the school's server, the extension's policy under 3rdparty) at the system-wide place
// Debian's Firefox ESR reads, /etc/firefox/policies/policies.json. A fresh profile installs
// Qingfeng by itself, with no temporary add-on, and enforces the policy.
//
// Unsigned: no Mozilla signing is possible here, so the kit's --unsigned-xpi adds the Preferences
// policy xpinstall.signatures.required=false (locked), which Firefox's Policies.sys.mjs accepts
// only in builds without MOZ_REQUIRE_SIGNING, such as ESR (docs/deploy.en.md, Firefox). The
// profile's own value is set to true, so the install proves the policy is what allowed it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ALWAYS_WORK } from './support/blocking-cases';
import { FIREFOX_BIN, FIREFOX_UUID, GECKO_ID } from './support/constants';
import { cleanUp } from './support/cleanup';
import { assertFirefoxInstalled, navigate, readLocalIn } from './support/firefox';
import { waitFor } from './support/poll';
import { BUILD_VERSION, SCHOOL_SERVER, SchoolRollout } from './support/rollout';
import { TestServer } from './support/server';

const POLICIES_DIR = '/etc/firefox/policies';
const POLICIES_FILE = join(POLICIES_DIR, 'policies.json');
const SCHOOL = '火狐部署测试学校';
const POLICY = { schoolName: SCHOOL, schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' }, categories: { shopping: { mode: 'block' } } };

describe('Firefox ESR: force-installed from the school’s server by policies.json, and enforced', () => {
  const server = new TestServer();
  const work = mkdtempSync(join(tmpdir(), 'qingfeng-rollout-ff-'));
  const home = mkdtempSync(join(tmpdir(), 'qingfeng-rollout-ff-home-'));
  const backup = `${POLICIES_FILE}.qingfeng-e2e-backup`;
  let hadPolicies = false;
  /** The highest folder this test created, removed with everything in it at the end. */
  let createdDir: string | undefined;
  let browser: Browser | undefined;
  let school: SchoolRollout;
  let xpi = '';

  beforeAll(async () => {
    assertFirefoxInstalled();
    await server.start();
    school = new SchoolRollout(work, server);
    const pkg = await school.pack(BUILD_VERSION);
    xpi = pkg.ids.xpi;
    school.publish(pkg);
    const kitOut = school.kit(POLICY, pkg.outDir, ['--unsigned-xpi']);
    const policies = JSON.parse(readFileSync(join(kitOut, 'firefox', 'policies.json'), 'utf8')) as { policies: Record<string, unknown> };
    expect(policies.policies.ExtensionSettings).toEqual({ [GECKO_ID]: { installation_mode: 'force_installed', install_url: pkg.ids.xpiUrl, private_browsing: true } });

    // A policies.json already on the machine is kept aside and put back in afterAll.
    createdDir = [dirname(POLICIES_DIR), POLICIES_DIR].find((dir) => !existsSync(dir));
    mkdirSync(POLICIES_DIR, { recursive: true });
    hadPolicies = existsSync(POLICIES_FILE);
    if (hadPolicies) renameSync(POLICIES_FILE, backup);
    writeFileSync(POLICIES_FILE, JSON.stringify(policies));

    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_BIN,
      headless: true,
      env: { ...process.env, HOME: home },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'network.dns.localDomains': [SCHOOL_SERVER, 'taobao.com', 'www.taobao.com', 'nottaobao.com'].join(','),
        'xpinstall.signatures.required': true,
        'browser.shell.checkDefaultBrowser': false,
      },
    });
  });

  afterAll(() =>
    cleanUp(
      () => browser?.close(),
      () => {
        rmSync(POLICIES_FILE, { force: true });
        if (hadPolicies) renameSync(backup, POLICIES_FILE);
        else if (createdDir) rmSync(createdDir, { recursive: true, force: true });
      },
      () => rmSync(home, { recursive: true, force: true }),
      () => rmSync(work, { recursive: true, force: true }),
      () => server.stop(),
    ),
  );

  test('a fresh profile installs the XPI by itself, reads the policy and blocks before the network', async () => {
    const extensionUrl = (path: string) => `moz-extension://${FIREFOX_UUID}/${path}`;
    await waitFor('Firefox to download the XPI from the school’s server', () => (school.fetches(xpi) > 0 ? true : undefined), 30_000, 200);
    // The web-accessible block page opens from a web page once the add-on is installed. Where a
    // navigation lands is read inside the page: page.url() goes stale on moz-extension:// pages.
    const page = await browser!.newPage();
    await waitFor('Firefox to install Qingfeng', async () => {
      await page.goto(server.url(SCHOOL_SERVER, '/start'));
      await page.evaluate((u) => {
        location.href = u;
      }, extensionUrl('blocked.html'));
      await new Promise((r) => setTimeout(r, 1_000));
      const href = await page.evaluate(() => location.href).catch(() => '');
      return href.startsWith(extensionUrl('')) ? true : undefined;
    }, 60_000, 1_000);
    await navigate(page, extensionUrl('options.html'));
    await waitFor('the policy to be read and the rules installed', async () => {
      const policy = await readLocalIn<{ schoolName?: string }>(page, 'lastGoodPolicy');
      const state = await readLocalIn<{ inForce: boolean }>(page, 'blockingState');
      return policy?.schoolName === SCHOOL && state?.inForce ? true : undefined;
    }, 30_000);
    server.clear();
    const shop = await browser!.newPage();
    await navigate(shop, server.url('www.taobao.com', '/item/1'), (h) => h.startsWith(extensionUrl('blocked.html')));
    expect(server.requestsTo('taobao.com')).toEqual([]);
  });
});
