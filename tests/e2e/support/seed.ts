import type { Worker } from 'playwright-core';
import type { EventRow, UsageRow } from '@/utils/tallies/types';

/** Rows as the database stores them (events without their auto-increment id). */
export type SeedUsage = UsageRow;
export type SeedEvent = Omit<EventRow, 'id'>;

/**
 * Writes tallies straight into the extension's IndexedDB from its service worker, as if the
 * background had recorded them (the database must already be open: ask getStatus first).
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
        const tx = db.transaction(['usage', 'events'], 'readwrite');
        for (const row of usage) tx.objectStore('usage').put(row);
        for (const event of events) tx.objectStore('events').add(event);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { usage, events },
  );
}
