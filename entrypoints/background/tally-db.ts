/**
 * The tallies database for this worker: opened once, written through one queue, pruned to
 * the retention the configuration asks for.
 */
import { addUsage, assertValidDelta, openOrReset, pruneBefore, type QingfengDb } from '@/utils/tallies/db';
import type { UsageDelta } from '@/utils/tallies/types';
import { addDaysToKey, localDayKey } from '@/utils/time/day-key';
import { blockedCount, storageProblem } from './storage';

let opening: Promise<QingfengDb> | null = null;

/**
 * Every user waits for the same open, which replaces a database that does not fit the schema
 * (a downgrade, a damaged store) and records a dbReset event: a broken database is never
 * fatal, and no query races the reset.
 */
export function tallyDb(): Promise<QingfengDb> {
  opening ??= openOrReset('qingfeng', Date.now()).then(
    ({ db, resetReason }) => {
      if (resetReason) {
        console.warn(`[qingfeng] tallies database reset: ${resetReason}`);
        void blockedCount.setValue(null); // the count kept for the badge was of the old one
      }
      return db;
    },
    (error: unknown) => {
      opening = null; // not even a fresh database opened (a full disk?): try again next time
      throw error;
    },
  );
  return opening;
}

let queue: Promise<unknown> = Promise.resolve();
/** Unknown at worker start (a problem may be stored from before), so the first success clears. */
let problemMayBeRecorded = true;

/**
 * Writes run one at a time, in the order the events arrived. A failed write (a full disk:
 * QuotaExceededError) is recorded for the popup and the options page instead of surfacing as
 * an unhandled error; blocking does not depend on the database and goes on.
 */
export function writeTallies<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run
    .then(
      async () => {
        if (problemMayBeRecorded) await storageProblem.setValue(null);
        problemMayBeRecorded = false;
      },
      async (error: unknown) => {
        problemMayBeRecorded = true;
        await storageProblem.setValue({ at: Date.now(), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      },
    )
    .catch(() => undefined);
  return run;
}

/** Drops rows older than retentionDays (daily, and after a retention change). */
export async function prune(now: number, retentionDays: number): Promise<void> {
  await pruneBefore(await tallyDb(), addDaysToKey(localDayKey(now), -retentionDays + 1));
}

/** Usage counted but not yet written: merged and written together (see addUsageSoon). */
let pendingUsage: UsageDelta[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
const FLUSH_MS = 1_000;

/**
 * Adds to the usage tallies within a second, in one transaction with whatever else came
 * meanwhile (#16: a page load in work time made two, a visit and the time credited, and each
 * cost more of the worker than the rest of the navigation). Readers flush first. What a browser
 * killed within that second had not written is lost; a failed write keeps its deltas for the
 * next one. Throws at once on an invalid delta, as addUsage would.
 */
export function addUsageSoon(deltas: readonly UsageDelta[]): void {
  if (deltas.length === 0) return;
  for (const delta of deltas) assertValidDelta(delta);
  pendingUsage.push(...deltas);
  flushTimer ??= setTimeout(() => void flushUsage().catch(() => undefined), FLUSH_MS);
}

/** Writes the pending usage now, after the writes queued before it. */
export function flushUsage(): Promise<void> {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  return writeTallies(async () => {
    const batch = pendingUsage;
    pendingUsage = [];
    try {
      await addUsage(await tallyDb(), batch);
    } catch (error) {
      pendingUsage = [...batch, ...pendingUsage];
      throw error;
    }
  });
}

/** Forgets the pending usage (the teacher deleted every record); call within writeTallies. */
export function discardPendingUsage(): void {
  if (flushTimer !== null) clearTimeout(flushTimer);
  flushTimer = null;
  pendingUsage = [];
}
