import type { Worker } from 'playwright-core';
import type { DayTotalRow, EventRow, UsageRow } from '@/utils/tallies/types';

/** Rows as the database stores them (events without their auto-increment id). */
export type SeedUsage = UsageRow;
export type SeedEvent = Omit<EventRow, 'id'>;

/**
 * Writes tallies straight into the extension's IndexedDB from its service worker, as if the
 * background had recorded them (the database must already be open: ask getStatus first). As
 * the background's addUsage does, the day totals of every day it touched are then the sums
 * of that day's rows: summed again here, in the same transaction, from what the store holds.
 */
export async function seedTallies(worker: Worker, usage: SeedUsage[], events: SeedEvent[]): Promise<void> {
  await worker.evaluate(
    async ({ usage, events }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('qingfeng');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['usage', 'events', 'dayTotals'], 'readwrite');
        for (const row of usage) tx.objectStore('usage').put(row);
        for (const event of events) tx.objectStore('events').add(event);
        for (const day of new Set(usage.map((row) => row.day))) {
          const rows = tx.objectStore('usage').getAll(IDBKeyRange.bound([day, ''], [day, '\uffff']));
          rows.onsuccess = () => {
            const totals = new Map<string, DayTotalRow>();
            for (const row of rows.result as typeof usage) {
              const total = totals.get(row.category) ?? { day, category: row.category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 };
              total.workSeconds += row.workSeconds;
              total.visits += row.visits;
              total.blocked += row.blocked;
              total.unlocks += row.unlocks;
              totals.set(row.category, total);
            }
            const store = tx.objectStore('dayTotals');
            store.delete(IDBKeyRange.bound([day, ''], [day, '\uffff']));
            for (const total of totals.values()) store.put(total);
          };
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { usage, events },
  );
}
