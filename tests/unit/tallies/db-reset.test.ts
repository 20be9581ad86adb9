import { describe, expect, test } from 'vitest';
import { eventsOfDay, openOrReset, recordEvent } from '@/utils/tallies/db';
import { localDayKey } from '@/utils/time/day-key';

const at = Date.parse('2026-11-26T09:00:00+08:00');

/**
 * A database left by a newer Qingfeng (a downgrade) whose usage store has another primary
 * key: IndexedDB cannot change a primary key in place, so it cannot be opened as ours.
 */
async function leaveNewerDatabase(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(name, 990);
    open.onupgradeneeded = () => open.result.createObjectStore('usage', { keyPath: 'rowId' });
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  });
}

describe('openOrReset: a database that cannot be opened is reset, never a dead extension', () => {
  test('a healthy database opens as it is', async () => {
    const first = await openOrReset('qingfeng-healthy', at);
    await recordEvent(first.db, { at, type: 'blocked', host: 'taobao.com' });
    first.db.close();
    const again = await openOrReset('qingfeng-healthy', at);
    expect(again.resetReason).toBeNull();
    expect(await eventsOfDay(again.db, localDayKey(at))).toHaveLength(1);
    again.db.close();
  });

  test('a newer version is deleted, a fresh one opened, and the reset recorded', async () => {
    await leaveNewerDatabase('qingfeng-newer');
    const { db, resetReason } = await openOrReset('qingfeng-newer', at);
    expect(resetReason).not.toBeNull();
    console.info('reset because', resetReason);
    const events = await eventsOfDay(db, localDayKey(at), 'dbReset');
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toBe(resetReason?.slice(0, 500));
    expect(db.tables.map((t) => t.name).sort()).toEqual(['dayTotals', 'events', 'usage']);
    db.close();
  });
});
