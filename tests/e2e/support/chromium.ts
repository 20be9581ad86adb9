import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROME_BUILD, CHROME_ID, CHROMIUM_BIN } from './constants';
import { storedValue, waitFor, waitForPolicyRules } from './poll';

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_BIN)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_BIN}. Install it with: apt-get update && apt-get install -y chromium (or run npm run setup)`);
  }
  // Debian ships Chromium's UI languages apart; without them the extension's pages are
  // always English, whatever --lang says.
  if (!existsSync('/usr/lib/chromium/locales/zh-CN.pak')) {
    throw new Error('Chromium has no Chinese UI language. Install it with: apt-get install -y chromium-l10n (or run npm run setup)');
  }
  if (!existsSync(`${CHROME_BUILD}/manifest.json`)) {
    throw new Error(`No Chrome build at ${CHROME_BUILD}: run npm run build first.`);
  }
}

/**
 * A policy file in Chromium's real managed-policy folder, addressed to Qingfeng's id.
 * `remove()` must be called in `finally`: a file left there changes every later browser run.
 */
export class ChromiumPolicyFile {
  readonly path: string;
  constructor(name = `qingfeng-e2e-${process.pid}.json`) {
    this.path = join(CHROMIUM_POLICY_DIR, name);
  }
  /** Writes the extension's policy (third-party extension policy), plus any browser policies. */
  write(extensionPolicy: unknown, browserPolicies: Record<string, unknown> = {}): void {
    mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
    writeFileSync(this.path, JSON.stringify({ ...browserPolicies, '3rdparty': { extensions: { [CHROME_ID]: extensionPolicy } } }));
  }
  writeRaw(text: string): void {
    mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
    writeFileSync(this.path, text);
  }
  remove(): void {
    rmSync(this.path, { force: true });
  }
}

export interface ChromiumSession {
  context: BrowserContext;
  profileDir: string;
  worker: Worker;
  extensionUrl: (path: string) => string;
  openExtensionPage: (path: string) => Promise<Page>;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** Hostnames sent to 127.0.0.1 (each also with all its subdomains); ['*'] sends every name. */
  hosts?: string[];
  lang?: string;
  profileDir?: string;
  keepProfile?: boolean;
  /**
   * Playwright's default flags to leave out. `--disable-back-forward-cache` is one of them: a
   * test of what Back does must remove it, or it passes where a teacher's browser would not.
   */
  ignoreDefaultArgs?: string[];
  /** The unpacked extension to load (the production build by default); it keeps the build's key, so the same id. */
  extensionDir?: string;
}

/**
 * The command-line flags every Chromium here starts with (the tests', the bench's): the
 * extension in `extensionDir` (null: none), no background traffic, the given hostnames sent to
 * 127.0.0.1 (each also with its subdomains; ['*'] sends every name).
 */
export function chromiumArgs(options: { extensionDir: string | null; hosts?: string[]; lang?: string }): string[] {
  const rules = (options.hosts ?? []).flatMap((h) => (h === '*' ? ['MAP * 127.0.0.1'] : [`MAP ${h} 127.0.0.1`, `MAP *.${h} 127.0.0.1`]));
  const args = [
    ...(options.extensionDir === null ? [] : [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`]),
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // The test server's https listener has a throwaway self-signed certificate.
    '--ignore-certificate-errors',
    `--lang=${options.lang ?? 'zh-CN'}`,
  ];
  if (rules.length) args.push(`--host-resolver-rules=${rules.join(', ')}`);
  return args;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  assertChromiumInstalled();
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'qingfeng-chromium-'));
  const args = chromiumArgs({ extensionDir: options.extensionDir ?? CHROME_BUILD, hosts: options.hosts, lang: options.lang });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    args,
    ...(options.ignoreDefaultArgs ? { ignoreDefaultArgs: options.ignoreDefaultArgs } : {}),
    locale: options.lang ?? 'zh-CN',
    env: { ...process.env, LANGUAGE: (options.lang ?? 'zh-CN').replace('-', '_') },
  });
  const worker = await waitFor('the extension service worker', () =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${CHROME_ID}/`)),
  );
  const extensionUrl = (path: string) => `chrome-extension://${CHROME_ID}/${path.replace(/^\//, '')}`;
  return {
    context,
    profileDir,
    worker,
    extensionUrl,
    openExtensionPage: async (path) => {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return page;
    },
    close: async () => {
      await context.close().catch(() => undefined);
      if (!options.keepProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the background has read the policy and installed its work-time rules (waitForPolicyRules). */
export async function waitForRulesInForce(worker: Worker, schoolName: string): Promise<void> {
  await waitForPolicyRules((key) => readLocal(worker, key), schoolName);
}

/** Reads a key from the extension's storage.local through the service worker. */
export async function readLocal<T>(worker: Worker, key: string): Promise<T | undefined> {
  return storedValue<T>(key, await worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key));
}
