/** What the block page asks: why a URL was blocked, record the attempt, temporary access. */
import { countEvents } from '@/utils/tallies/db';
import type { BlockInfo, UnlockResult } from '@/utils/messages/types';
import { localDayKey } from '@/utils/time/day-key';
import { unlockEnd, unlockRefusal } from '@/utils/matching/unlock';
import { currentContext, decideNow } from './context';
import { unlocks } from './storage';
import { reconcile, refreshBadge } from './controller';
import { recordBlocked, recordUnlock } from './records';
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
  if (!(await reconcile('unlock', false))) {
    await unlocks.setValue(before);
    return { ok: false, refusal: 'notInstalled' };
  }
  await recordUnlock(host, d.category?.id ?? OTHER, reason.trim(), now);
  return { ok: true, until, url };
}

/** The block page reports the navigation it stopped; the badge shows the new count. */
export async function reportBlocked(url: string, now: number): Promise<{ attemptsToday: number }> {
  const attemptsToday = await recordBlocked(url, now);
  await refreshBadge(now).catch(() => undefined);
  return { attemptsToday };
}
