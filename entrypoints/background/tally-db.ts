/**
 * The tallies database for this worker: opened once, written through one queue, pruned to
 * the retention the configuration asks for.
 */
import { openOrReset, pruneBefore, type QingfengDb } from '@/utils/tallies/db';
import { addDaysToKey, localDayKey } from '@/utils/time/day-key';
import { storageProblem } from './storage';

let opening: Promise<QingfengDb> | null = null;

/**
 * Every user waits for the same open, which replaces a database that does not fit the schema
 * (a downgrade, a damaged store) and records a dbReset event: a broken database is never
 * fatal, and no query races the reset.
 */
export function tallyDb(): Promise<QingfengDb> {
  opening ??= openOrReset('qingfeng', Date.now()).then(
    ({ db, resetReason }) => {
      if (resetReason) console.warn(`[qingfeng] tallies database reset: ${resetReason}`);
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
