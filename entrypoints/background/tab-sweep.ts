/** At the start of a work period (or when the rules change within one), open tabs on sites blocked now go to the block page. */
import { browser } from 'wxt/browser';
import { decideUrl } from '@/utils/matching/decide';
import type { LiveUnlock } from '@/utils/matching/host-index';
import { nextBoundary } from '@/utils/schedule/work-time';
import { blockPageUrl } from './blocking';
import type { Context } from './context';

export async function sendOpenTabsToBlockPage(ctx: Context, now: number, live: readonly LiveUnlock[]): Promise<void> {
  const boundary = nextBoundary(ctx.config.values.schedule, now);
  const blockedNow = (url: string) =>
    decideUrl({ url, index: ctx.index, categories: ctx.categories, workTime: true, nextBoundary: boundary, unlocks: live, now }).blockedNow;
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && tab.url !== undefined && blockedNow(tab.url))
      .map((tab) => browser.tabs.update(tab.id!, { url: `${blockPageUrl()}#${tab.url}` }).catch(() => undefined)),
  );
}
