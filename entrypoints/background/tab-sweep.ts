/**
 * At the start of a work period (or when the rules change within one), open tabs on sites
 * blocked now go to the block page, and tabs whose frames show one reload (#17: DNR then meets
 * the frame's request; navigation.ts sends the tab on if the frame comes back).
 */
import { browser } from 'wxt/browser';
import { decideUrl } from '@/utils/matching/decide';
import type { LiveUnlock } from '@/utils/matching/host-index';
import { webHost } from '@/utils/matching/web-host';
import type { Context } from './context';
import { handleBlockedFrame, sendToBlockPage } from './navigation';

export async function sendOpenTabsToBlockPage(ctx: Context, now: number, live: readonly LiveUnlock[]): Promise<void> {
  const boundary = ctx.spanAt(now).boundary;
  const blockedNow = (url: string) =>
    decideUrl({ url, index: ctx.index, categories: ctx.categories, workTime: true, nextBoundary: boundary, unlocks: live, now }).blockedNow;
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.url === undefined) return;
      if (blockedNow(tab.url)) return sendToBlockPage(tab.id, tab.url, now);
      const frames = (await browser.webNavigation.getAllFrames({ tabId: tab.id }).catch(() => null)) ?? [];
      const blockedFrame = frames.find((f) => f.frameId !== 0 && webHost(f.url) !== null && blockedNow(f.url));
      if (blockedFrame) await handleBlockedFrame(tab.id, blockedFrame.url, now);
    }),
  );
}
