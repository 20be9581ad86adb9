import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { storedValue, waitFor, waitForPolicyRules } from './poll';
import { FIREFOX_BIN, FIREFOX_BUILD, FIREFOX_UUID, GECKO_ID } from './constants';

/**
 * Navigates from inside the page and polls until it arrived: a navigation that an extension
 * redirects to a moz-extension:// page makes page.goto time out in Firefox (docs/browsers.md).
 */
export async function navigate(page: Page, url: string, expectUrl: (href: string) => boolean = (h) => h === url): Promise<string> {
  const before = await page.evaluate(() => location.href).catch(() => '');
  await page.evaluate((u) => {
    location.href = u;
  }, url);
  // The old document answers until the new one commits: only a different address counts
  // (a stale block page would otherwise pass for the next blocked case).
  return waitFor(`navigation to ${url}`, async () => {
    const [href, ready] = await page.evaluate(() => [location.href, document.readyState] as const);
    return href !== before && expectUrl(href) && ready === 'complete' ? href : undefined;
  });
}

/** Reads a key of the extension's storage.local from one of its pages. */
export async function readLocalIn<T>(extensionPage: Page, key: string): Promise<T | undefined> {
  return storedValue<T>(key, await extensionPage.evaluate(async (k) => (await browser.storage.local.get(k))[k], key));
}

/** Waits until the background has read the policy and installed its work-time rules (waitForPolicyRules). */
export async function waitForRulesInForceIn(extensionPage: Page, schoolName: string): Promise<void> {
  await waitForPolicyRules((key) => readLocalIn(extensionPage, key), schoolName);
}

export function assertFirefoxInstalled(): void {
  if (!existsSync(FIREFOX_BIN)) {
    throw new Error(`Firefox ESR is not installed at ${FIREFOX_BIN}. Install it with: apt-get update && apt-get install -y firefox-esr (or run npm run setup)`);
  }
  if (!existsSync(`${FIREFOX_BUILD}/manifest.json`)) {
    throw new Error(`No Firefox build at ${FIREFOX_BUILD}: run npm run build first.`);
  }
}

export interface FirefoxSession {
  browser: Browser;
  home: string;
  extensionUrl: (path: string) => string;
  openExtensionPage: (path: string) => Promise<Page>;
  close: () => Promise<void>;
}

export interface FirefoxLaunchOptions {
  hosts?: string[];
  /** The extension's policy, given through Firefox's real managed-storage manifest. */
  managedPolicy?: unknown;
  /** A whole managed-storage manifest as written by the admin kit (instead of managedPolicy). */
  managedStorageFile?: string;
  lang?: string;
  /** More preferences in the profile, as a user.js would set them. */
  extraPrefs?: Record<string, string | number | boolean>;
}

/**
 * Firefox with the build installed as a temporary add-on. HOME is a fresh folder, so the
 * managed-storage file lives under it and goes with it in close().
 */
export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  assertFirefoxInstalled();
  const home = mkdtempSync(join(tmpdir(), 'qingfeng-firefox-'));
  try {
    if (options.managedPolicy !== undefined || options.managedStorageFile !== undefined) {
      const dir = join(home, '.mozilla', 'managed-storage');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${GECKO_ID}.json`),
        options.managedStorageFile ??
          JSON.stringify({ name: GECKO_ID, description: 'Qingfeng e2e policy', type: 'storage', data: options.managedPolicy }),
      );
    }
    const hosts = (options.hosts ?? []).flatMap((h) => [h]);
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_BIN,
      headless: true,
      // The test server's https listener has a throwaway self-signed certificate.
      acceptInsecureCerts: true,
      env: { ...process.env, HOME: home },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        'network.dns.localDomains': hosts.join(','),
        'intl.locale.requested': options.lang ?? 'zh-CN',
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        ...options.extraPrefs,
      },
    });
    await browser.installExtension(FIREFOX_BUILD);
    const extensionUrl = (path: string) => `moz-extension://${FIREFOX_UUID}/${path.replace(/^\//, '')}`;
    return {
      browser,
      home,
      extensionUrl,
      openExtensionPage: async (path) => {
        // WebDriver BiDi may not navigate a tab to moz-extension:// directly. A page may go to
        // the web-accessible block page, and from there the extension's own pages are reachable.
        const page = await browser.newPage();
        await navigate(page, extensionUrl('blocked.html'));
        await navigate(page, extensionUrl(path));
        return page;
      },
      close: async () => {
        await browser.close().catch(() => undefined);
        rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
}
