/**
 * Watches what the browser really does in each tab (#17), with webNavigation:
 * - a blocked attempt is a top-level navigation that began elsewhere and that the browser's
 *   own rules turned into the block page: counted once, here, whatever the page then reports
 *   (a web page that opens or frames `blocked.html` itself counts nothing);
 * - a visit is a new document committed in a tab's top frame (pushState and hash changes are
 *   not new documents, and do not fire onCommitted);
 * - the second line behind DNR: a document of a site blocked now that commits anyway (the
 *   back/forward cache, the site's own service worker, history) is sent to the block page,
 *   and a frame on a blocked host inside an allowed page makes its tab reload (then DNR blocks
 *   the frame) or, if it comes back, go to the block page.
 */
import { browser } from 'wxt/browser';
import { webHost } from '@/utils/matching/web-host';
import { blockPageAddress, parseBlockPageAddress } from '@/utils/navigation/block-page-address';
import { blockPageUrl } from './blocking';
import { currentContext, decideNow } from './context';
import { recordBlocked, recordVisit } from './records';

/** The URL each tab's current top-level navigation began with (cleared at commit). */
const startedWith = new Map<number, string>();
/** The count of the last blocked navigation per tab, for the block page's report to wait on. */
const counted = new Map<number, Promise<number>>();
/** When the second line last reloaded a tab for a blocked frame. */
const reloadedAt = new Map<number, number>();
/** The last address the second line sent each tab to, so two signals for one commit send once. */
const sentTo = new Map<number, { url: string; at: number }>();

const REPEAT_MS = 10_000;
const SAME_COMMIT_MS = 300;
const SAME_NAVIGATION_MS = 2_000;

/** What both browsers report with each webNavigation event (Firefox has no documentLifecycle). */
export interface NavigationDetails {
  tabId: number;
  frameId: number;
  url: string;
  documentLifecycle?: string;
  /** onCommitted's; 'forward_back' marks a page that may come whole from the back/forward cache. */
  transitionQualifiers?: string[];
}

/** Chrome prerenders in a hidden page with the tab's id: not something the teacher sees yet. */
const isPrerender = (details: { documentLifecycle?: string }) => details.documentLifecycle === 'prerender';

/** The last top-level navigation that failed in each tab (Firefox: see onBeforeNavigate). */
const failedWith = new Map<number, { url: string; at: number }>();

export function onBeforeNavigate(details: NavigationDetails): void {
  if (details.frameId !== 0 || isPrerender(details)) return;
  // Firefox 153 turns a DNR redirect to an extension page into a failed navigation to the
  // blocked URL followed by a new one to the block page (measured): that second one began,
  // for counting, where the failed one did.
  const failed = failedWith.get(details.tabId);
  failedWith.delete(details.tabId);
  const target = parseBlockPageAddress(blockPageUrl(), details.url);
  const redirected = failed !== undefined && target !== null && target.blockedUrl === failed.url && Date.now() - failed.at < SAME_NAVIGATION_MS;
  startedWith.set(details.tabId, redirected ? failed.url : details.url);
}

export function onErrorOccurred(details: NavigationDetails): void {
  if (details.frameId === 0) failedWith.set(details.tabId, { url: details.url, at: Date.now() });
}

export async function onCommitted(details: NavigationDetails): Promise<void> {
  if (isPrerender(details)) return;
  const at = Date.now();
  const { tabId, url, frameId } = details;
  if (frameId !== 0) {
    if (webHost(url) !== null && (await blockedNow(url, at))) await handleBlockedFrame(tabId, url, at);
    return;
  }
  const began = startedWith.get(tabId);
  startedWith.delete(tabId);
  const blockPage = parseBlockPageAddress(blockPageUrl(), url);
  if (blockPage) {
    // Redirected by the rules: the navigation began on another address. A page that went to
    // the block page itself began there.
    if (began !== undefined && parseBlockPageAddress(blockPageUrl(), began) === null && blockPage.blockedUrl !== '') {
      const count = recordBlocked(blockPage.blockedUrl, at);
      counted.set(tabId, count);
      await count;
    }
    return;
  }
  if (webHost(url) === null) return;
  if (await blockedNow(url, at)) {
    await sendToBlockPage(tabId, url, at);
    return;
  }
  await recordVisit(url, at);
  // A new document has no frames yet at its commit (each will report its own); only a page
  // restored whole from the back/forward cache can bring some. Firefox's cache restores are
  // not all marked, so it looks every time.
  const fromHistory = details.transitionQualifiers === undefined || details.transitionQualifiers.includes('forward_back');
  if (import.meta.env.FIREFOX || fromHistory) await checkFrames(tabId, at);
}

/**
 * A tab's URL changed without onCommitted: in Firefox (tabs.onUpdated) a page restored from
 * its back/forward cache; in Chromium a pushState or hash change, which may add a blocked
 * keyword to an allowed host's URL.
 */
export async function onTabUrl(tabId: number, url: string): Promise<void> {
  const at = Date.now();
  if (webHost(url) !== null && (await blockedNow(url, at))) await sendToBlockPage(tabId, url, at);
}

/**
 * The block page asks for the count after its navigation: it waits for this tab's count
 * (the commit event and the page's message race), and never counts anything itself.
 */
export async function countedFor(tabId: number): Promise<void> {
  for (let waited = 0; !counted.has(tabId) && waited < 1_500; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const count = counted.get(tabId);
  counted.delete(tabId);
  await count?.catch(() => undefined);
}

async function blockedNow(url: string, at: number): Promise<boolean> {
  const ctx = await currentContext();
  // Nothing is blocked off work: no need of the host index (at 100k domains, building it is
  // a few hundred ms of every worker start that a navigation wakes, #16).
  if (!ctx.spanAt(at).workTime) return false;
  return (await decideNow(ctx, url, at)).blockedNow;
}

/** Sends a tab to the block page; the entry it leaves behind is the blocked page itself. */
export async function sendToBlockPage(tabId: number, url: string, at: number): Promise<void> {
  const last = sentTo.get(tabId);
  // The same commit reported twice (onCommitted, tabs.onUpdated) arrives within milliseconds;
  // a later commit of the same URL (Back to it again) is a new one and must be sent again.
  if (last && last.url === url && at - last.at < SAME_COMMIT_MS) return;
  sentTo.set(tabId, { url, at });
  await browser.tabs.update(tabId, { url: blockPageAddress(blockPageUrl(), url, true) }).catch(() => undefined);
}

/**
 * A frame on a blocked host committed in an allowed page (left open from before the period,
 * restored from the back/forward cache, or answered by a service worker): reloading the tab
 * lets DNR meet the frame's request; if the frame commits again soon, the tab goes to the
 * block page, so a frame the rules cannot reach never runs on.
 */
export async function handleBlockedFrame(tabId: number, frameUrl: string, at: number): Promise<void> {
  const last = reloadedAt.get(tabId);
  if (last !== undefined && at - last < REPEAT_MS) {
    await sendToBlockPage(tabId, frameUrl, at);
    return;
  }
  reloadedAt.set(tabId, at);
  await browser.tabs.reload(tabId).catch(() => undefined);
}

/** In work time, an allowed page's frames on blocked hosts (a page restored whole from the cache). */
export async function checkFrames(tabId: number, at: number): Promise<void> {
  const ctx = await currentContext();
  if (!ctx.spanAt(at).workTime) return;
  const frames = (await browser.webNavigation.getAllFrames({ tabId }).catch(() => null)) ?? [];
  for (const frame of frames) {
    if (frame.frameId !== 0 && webHost(frame.url) !== null && (await blockedNow(frame.url, at))) {
      await handleBlockedFrame(tabId, frame.url, at);
      return;
    }
  }
}

export function forgetTab(tabId: number): void {
  for (const map of [startedWith, counted, reloadedAt, sentTo, failedWith]) map.delete(tabId);
}
