/** What the block page asks: why a URL was blocked, record the attempt, temporary access. */
import { countEvents } from '@/utils/tallies/db';
import type { BlockInfo, UnlockResult } from '@/utils/messages/types';
import { localDayKey } from '@/utils/time/day-key';
import { unlockEnd, unlockRefusal } from '@/utils/matching/unlock';
import { currentContext, decideNow } from './context';
import { unlocks } from './storage';
import { setPendingUnlock } from './live-unlocks';
import { reconcile, refreshBadge } from './controller';
import { recordUnlock } from './records';
import { countedFor } from './navigation';
import { tallyDb } from './tally-db';
import { isUnder } from '@/utils/matching/labels';
import { OTHER } from '@/utils/tallies/types';

export async function describeBlock(url: string, now: number): Promise<BlockInfo> {
  const ctx = await currentContext();
  const values = ctx.config.values;
  const d = await decideNow(ctx, url, now);
  const day = localDayKey(now);
  const used = await countEvents(await tallyDb(), 'unlock', day);
  return {
    url,
    host: d.host,
    category: d.category,
    entry: d.entry ?? '',
    schoolName: values.schoolName,
    message: values.message,
    reopensAt: d.workTimeNow ? d.nextBoundary : null,
    now,
    attemptsToday: await countEvents(await tallyDb(), 'blocked', day),
    unlock: {
      enabled: values.unlock.enabled,
      maxMinutes: values.unlock.minutes,
      maxPerDay: values.unlock.maxPerDay,
      remainingToday: Math.max(0, values.unlock.maxPerDay - used),
      refusal: unlockRefusal({ policy: values.unlock, workTime: d.workTimeNow, blockedNow: d.blockedNow, usedToday: used }),
    },
  };
}

/**
 * Grants temporary access when the policy allows it: the background checks work time, the
 * day's quota and that the host is really blocked now; the page's word is not taken.
 */
export async function requestUnlock(url: string, reason: string, minutes: number, now: number): Promise<UnlockResult> {
  const ctx = await currentContext();
  const values = ctx.config.values;
  const d = await decideNow(ctx, url, now);
  const used = await countEvents(await tallyDb(), 'unlock', localDayKey(now));
  const refusal = unlockRefusal({ policy: values.unlock, workTime: d.workTimeNow, blockedNow: d.blockedNow, usedToday: used, reason, minutes });
  if (refusal) return { ok: false, refusal };
  // The unlock covers the list entry that blocked (taobao.com for item.taobao.com), so the
  // site's other pages open too; a keyword block unlocks the host itself.
  const host = d.entry !== null && isUnder(d.host, d.entry) ? d.entry : d.host;
  const until = unlockEnd(now, minutes, d.nextBoundary);
  const before = await unlocks.getValue();
  await unlocks.setValue([...before.filter((u) => u.until > now && u.host !== host), { host, until }]);
  // The allow rule must be installed before the page returns to the site, and the day's
  // quota is spent only when it is: rules that cannot be compiled keep the site blocked.
  // Until its event is written, the new unlock is honoured as the one being granted (#17).
  setPendingUnlock({ host, until });
  try {
    if (!(await reconcile('unlock', false))) {
      await unlocks.setValue(before);
      return { ok: false, refusal: 'notInstalled' };
    }
    await recordUnlock(host, d.category?.id ?? OTHER, reason.trim(), now);
  } finally {
    setPendingUnlock(null);
  }
  return { ok: true, until, url };
}

/**
 * The block page asks for today's count once it shows. It counts nothing itself (#17): the
 * background counted the navigation when the browser committed it (navigation.ts), so a page
 * that frames or opens the block page, or reloads it, moves no tally. A top-level block page
 * waits for its own navigation's count; the badge shows the new count.
 */
export async function reportBlocked(tabId: number | null, now: number): Promise<{ attemptsToday: number }> {
  if (tabId !== null) await countedFor(tabId);
  await refreshBadge(now).catch(() => undefined);
  return { attemptsToday: await countEvents(await tallyDb(), 'blocked', localDayKey(now)) };
}
