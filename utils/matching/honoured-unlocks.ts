/**
 * Which stored unlocks are honoured (#17): `storage.local` can be written from the extension's
 * own console (Firefox opens it even for a force-installed add-on), so a stored unlock counts
 * only if it could have been granted: it ends within the policy's minutes of an unlock event
 * the tallies recorded for that host, that event is in the past, and it ends with the work period.
 */
export interface StoredUnlock {
  host: string;
  until: number;
}

export interface UnlockGrant {
  at: number;
  host: string;
}

export interface HonourContext {
  now: number;
  /** False outside work time: then no unlock is live. */
  workTime: boolean;
  /** The policy's longest unlock, in minutes. */
  maxMinutes: number;
  /** When the current work period ends; null when it does not end (an all-week schedule). */
  periodEnd: number | null;
  /** Today's unlock events from the tallies database. */
  grants: readonly UnlockGrant[];
  /** An unlock being granted right now, before its event is written (the rule comes first). */
  pending?: StoredUnlock | null;
}

export function honouredUnlocks(stored: readonly StoredUnlock[], ctx: HonourContext): StoredUnlock[] {
  if (!ctx.workTime) return [];
  const span = ctx.maxMinutes * 60_000;
  return stored.filter((u) => {
    if (u.until <= ctx.now) return false;
    if (ctx.periodEnd !== null && u.until > ctx.periodEnd) return false;
    if (ctx.pending && ctx.pending.host === u.host && ctx.pending.until === u.until) return u.until - ctx.now <= span;
    return ctx.grants.some((g) => g.host === u.host && g.at <= ctx.now && u.until > g.at && u.until - g.at <= span);
  });
}
