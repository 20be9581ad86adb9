/** Counts what the teacher did in work time: visits, blocked attempts, unlocks. */
import { blockedDelta, unlockDelta, visitDelta } from '@/utils/tallies/deltas';
import { addUsage, countEvents, recordEvent } from '@/utils/tallies/db';
import { webHost } from '@/utils/matching/web-host';
import { localDayKey } from '@/utils/time/day-key';
import { tallyTarget } from '@/utils/tallies/target';
import { currentContext, decideNow, type Context } from './context';
import { publicSuffixesReady } from './public-suffixes';
import { blockedCount } from './storage';
import { addUsageSoon, tallyDb, writeTallies } from './tally-db';

/** What a visit to `host` is tallied under; an uncategorised one may need the public suffixes. */
export async function targetIn(ctx: Context, host: string): Promise<{ host: string; category: string }> {
  if (ctx.config.values.recordOtherHosts) await publicSuffixesReady();
  return tallyTarget(ctx.index, host, ctx.config.values.recordOtherHosts);
}

/**
 * A new document in a tab's top frame, on a categorised host, in work time, is a visit
 * (navigation.ts calls this at webNavigation.onCommitted; a pushState or hash change is not one).
 */
export async function recordVisit(url: string, at: number): Promise<void> {
  const host = webHost(url);
  if (host === null) return;
  const ctx = await currentContext();
  if (!ctx.spanAt(at).workTime) return;
  const target = await targetIn(ctx, host);
  addUsageSoon([visitDelta(localDayKey(at), target.host, target.category)]);
}

/**
 * One navigation the browser's rules turned into the block page (navigation.ts decides which
 * did), counted if its URL is blocked at this instant. Returns today's attempts.
 */
export async function recordBlocked(url: string, at: number): Promise<number> {
  const host = webHost(url);
  const day = localDayKey(at);
  const ctx = await currentContext();
  if (host !== null && (await decideNow(ctx, url, at)).blockedNow) {
    const target = await targetIn(ctx, host);
    await writeTallies(async () => {
      await addUsage(await tallyDb(), [blockedDelta(day, target.host, target.category)]);
      await recordEvent(await tallyDb(), { at, type: 'blocked', host: target.host, category: target.category });
    });
  }
  return countBlocked(day);
}

/** Today's blocked attempts from the database, kept for the next wake's badge. */
export async function countBlocked(day: string): Promise<number> {
  const count = await countEvents(await tallyDb(), 'blocked', day);
  // Written only when it changed: every popup opening counts (getStatus).
  const kept = await blockedCount.getValue();
  if (kept?.day !== day || kept.count !== count) await blockedCount.setValue({ day, count });
  return count;
}

export async function recordUnlock(host: string, category: string, reason: string, at: number): Promise<void> {
  await writeTallies(async () => {
    await addUsage(await tallyDb(), [unlockDelta(localDayKey(at), host, category)]);
    await recordEvent(await tallyDb(), { at, type: 'unlock', host, category, detail: reason });
  });
}
