/** Temporary access from the block page: the background decides, never the page (issue #6). */
import type { UnlockRefusal } from '../messages/types';

/** At least this many characters of reason, counted as characters so Chinese works. */
export const MIN_REASON_CHARS = 4;

export const reasonLength = (reason: string) => [...reason.trim()].length;

export interface UnlockPolicy {
  enabled: boolean;
  minutes: number;
  maxPerDay: number;
}

export interface UnlockCheck {
  policy: UnlockPolicy;
  workTime: boolean;
  /** The URL is blocked at this instant: work time, a blocking rule, no live unlock over it. */
  blockedNow: boolean;
  usedToday: number;
  /** Omitted when only asking whether the form may be shown. */
  reason?: string;
  minutes?: number;
}

/** Null when an unlock may be granted (or, without reason and minutes, the form shown). */
export function unlockRefusal(check: UnlockCheck): UnlockRefusal | null {
  if (!check.policy.enabled) return 'disabled';
  if (!check.workTime) return 'notWorkTime';
  if (!check.blockedNow) return 'notBlocked';
  if (check.usedToday >= check.policy.maxPerDay) return 'quota';
  if (check.reason !== undefined && reasonLength(check.reason) < MIN_REASON_CHARS) return 'reasonTooShort';
  if (check.minutes !== undefined && (check.minutes < 1 || check.minutes > check.policy.minutes)) return 'tooLong';
  return null;
}

/** An unlock ends after its minutes, and with the work period at the latest. */
export function unlockEnd(now: number, minutes: number, periodEnd: number | null): number {
  const end = now + minutes * 60_000;
  return periodEnd === null ? end : Math.min(end, periodEnd);
}
