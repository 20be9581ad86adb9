/** The temporary unlocks still running: each ends with its time, and all end with the work period. */
import type { LiveUnlock } from '@/utils/matching/host-index';
import { unlocks } from './storage';

/** The unlocks live at `now`; the stored list is trimmed to them. */
export async function keepLiveUnlocks(now: number, inWorkTime: boolean): Promise<LiveUnlock[]> {
  const stored = await unlocks.getValue();
  const live = inWorkTime ? stored.filter((u) => u.until > now) : [];
  if (live.length !== stored.length) await unlocks.setValue(live);
  return live;
}
