// Cuts a time slice into its work-time parts, one per local day. Internal to accounting.ts.
import type { Clock } from './types';
import { addDaysToKey, localDayKey, localMidnight } from '../time/day-key';

export interface WorkPart {
  /** Local day of the part, 'YYYY-MM-DD'. */
  day: string;
  start: number;
  end: number;
}

/**
 * The parts of [from, to) that are work time, cut at every work-period boundary and at every
 * local midnight: nextBoundary alone does not stop at midnight, because a period ending 24:00
 * and one starting 00:00 the next day are one stretch of work, yet each day gets its own share.
 */
export function workParts(from: number, to: number, clock: Clock): WorkPart[] {
  const parts: WorkPart[] = [];
  let at = from;
  while (at < to) {
    const day = localDayKey(at);
    const midnight = localMidnight(addDaysToKey(day, 1));
    const boundary = clock.nextBoundary(at);
    // A boundary that does not move forward (a faulty clock) is ignored; midnight always does, so the loop ends.
    const end = Math.min(to, midnight, boundary !== null && boundary > at ? boundary : Infinity);
    if (clock.isWorkTime(at)) parts.push({ day, start: at, end });
    at = end;
  }
  return parts;
}
