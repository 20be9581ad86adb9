/**
 * One browser interface for the suites that test the same thing in Chromium (Playwright) and
 * Firefox (puppeteer over WebDriver BiDi): a shared test body drives either through it, and
 * only the launch differs. Navigation always waits on where the page landed, since a
 * redirect to the block page aborts Chromium's load and hangs Firefox's (docs/browsers.md).
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { ChromiumSession } from './chromium';
import { navigate, type FirefoxSession } from './firefox';
import { waitFor } from './poll';

export interface E2ETab {
  /** Goes to `url` and resolves, with the address, once the address satisfies `landed`. */
  go(url: string, landed: (href: string) => boolean): Promise<string>;
  href(): Promise<string>;
  /** The text of the first element matching `selector`, or null when there is none. */
  text(selector: string): Promise<string | null>;
  /** Replaces an input's value as a person typing would. */
  fill(selector: string, text: string): Promise<void>;
  select(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Runs `fn` in the page (serialised: it may use only its argument). */
  evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  close(): Promise<void>;
}

export interface E2EBrowser {
  readonly name: 'Chromium' | 'Firefox';
  extensionUrl(path: string): string;
  newTab(): Promise<E2ETab>;
  openExtensionPage(path: string): Promise<E2ETab>;
  /** The dynamic and the session rules the browser holds, as the extension sees them. */
  rules(): Promise<{ dynamic: E2ERule[]; session: E2ERule[] }>;
  close(): Promise<void>;
}

export type E2ERule = { id: number; action: { type: string } };

const hrefOf = (read: () => Promise<string>) => read().catch(() => '');

function playwrightTab(page: PlaywrightPage): E2ETab {
  return {
    go: async (url, landed) => {
      // A navigation that ends on the block page may report an aborted load: where it landed is what counts.
      await page.goto(url).catch(() => undefined);
      return waitFor(`the page to land after ${url}`, () => (landed(page.url()) ? page.url() : undefined));
    },
    href: async () => page.url(),
    text: (selector) => page.locator(selector).first().textContent({ timeout: 1_000 }).catch(() => null),
    fill: (selector, text) => page.fill(selector, text),
    select: async (selector, value) => void (await page.selectOption(selector, value)),
    click: (selector) => page.click(selector),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    close: () => page.close(),
  };
}

function puppeteerTab(page: PuppeteerPage): E2ETab {
  const href = () => hrefOf(() => page.evaluate(() => location.href));
  return {
    go: (url, landed) => navigate(page, url, landed),
    href,
    text: (selector) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector).catch(() => null),
    fill: async (selector, text) => {
      await page.$eval(selector, (el) => (el as HTMLInputElement).select());
      await page.type(selector, text);
    },
    select: async (selector, value) => void (await page.select(selector, value)),
    click: (selector) => page.click(selector),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    close: () => page.close(),
  };
}

export function chromiumBrowser(session: ChromiumSession, cleanUpAfter: () => unknown = () => undefined): E2EBrowser {
  return {
    name: 'Chromium',
    extensionUrl: session.extensionUrl,
    newTab: async () => playwrightTab(await session.context.newPage()),
    openExtensionPage: async (path) => playwrightTab(await session.openExtensionPage(path)),
    rules: () =>
      session.worker.evaluate(async () => ({ dynamic: await chrome.declarativeNetRequest.getDynamicRules(), session: await chrome.declarativeNetRequest.getSessionRules() })),
    close: async () => {
      await session.close();
      await cleanUpAfter();
    },
  };
}

export function firefoxBrowser(session: FirefoxSession): E2EBrowser {
  return {
    name: 'Firefox',
    extensionUrl: session.extensionUrl,
    newTab: async () => puppeteerTab(await session.browser.newPage()),
    openExtensionPage: async (path) => puppeteerTab(await session.openExtensionPage(path)),
    rules: async () => {
      const page = await session.openExtensionPage('options.html');
      try {
        return await page.evaluate(async () => ({ dynamic: await browser.declarativeNetRequest.getDynamicRules(), session: await browser.declarativeNetRequest.getSessionRules() }));
      } finally {
        await page.close();
      }
    },
    close: () => session.close(),
  };
}
