/** The temporary unlocks still running: each ends with its time, and all end with the work period. */
import type { LiveUnlock } from '@/utils/matching/host-index';
import { honouredUnlocks, type StoredUnlock } from '@/utils/matching/honoured-unlocks';
import { eventsOfDay } from '@/utils/tallies/db';
import { localDayKey } from '@/utils/time/day-key';
import { storedUnlocks, unlocks } from './storage';
import { tallyDb } from './tally-db';

/** The unlock requestUnlock is installing, whose event is written once its rule is in. */
let pending: StoredUnlock | null = null;
export function setPendingUnlock(unlock: StoredUnlock | null): void {
  pending = unlock;
}

/**
 * The unlocks honoured at `now` (#17: within the policy's minutes, the work period and a
 * matching unlock event); the stored list is trimmed to them, so a forged entry goes at once.
 */
export async function keepLiveUnlocks(now: number, workTime: boolean, unlockMinutes: () => Promise<number>, periodEnd: number | null): Promise<LiveUnlock[]> {
  // Storage itself, not the worker's copy: an entry written behind its back is seen and dropped.
  const stored = await storedUnlocks.getValue();
  if (stored.length === 0) {
    if ((await unlocks.getValue()).length > 0) await unlocks.setValue([]);
    return [];
  }
  const maxMinutes = await unlockMinutes();
  const events = workTime ? await eventsOfDay(await tallyDb(), localDayKey(now), 'unlock').catch(() => []) : [];
  const grants = events.flatMap((e) => (typeof e.host === 'string' ? [{ at: e.at, host: e.host }] : []));
  const live = honouredUnlocks(stored, { now, workTime, maxMinutes, periodEnd, grants, pending });
  if (live.length !== stored.length || (await unlocks.getValue()).length !== live.length) await unlocks.setValue(live);
  return live;
}
