import { afterEach, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Dexie, type DBCoreKeyRange, type DBCoreQuery } from 'dexie';
import {
  addUsage,
  countEvents,
  deleteAll,
  eventsOfDay,
  getDay,
  getDayTotals,
  getRange,
  openQingfengDb,
  pruneBefore,
  recordEvent,
  type QingfengDb,
} from '../../../utils/tallies/db';
import { blockedDelta, timeDelta, unlockDelta, visitDelta } from '../../../utils/tallies/deltas';
import { OTHER, type DayTotalRow, type UsageRow } from '../../../utils/tallies/types';
import { dailyByCategory, dailyFromTotals, topHostsOf } from '../../../utils/report/report';

// fake-indexeddb (tests/unit/support/setup.ts) gives each test a real IndexedDB; each test opens its
// own database name so none sees another's rows.

let opened: Dexie[] = [];
let counter = 0;

/** Row counts per table (IndexedDB counts from the store's key count, not by reading rows). */
async function rowCounts(db: QingfengDb): Promise<{ usage: number; events: number; dayTotals: number }> {
  return { usage: await db.usage.count(), events: await db.events.count(), dayTotals: await db.dayTotals.count() };
}

/**
 * What the popup's chart would draw from the day totals, and what it drew from the rows before
 * them (dailyByCategory over getRange): per day, category → counts, leaving out all-zero
 * categories; seconds to the microsecond (the two sum fractional seconds in different orders).
 */
async function chartBoth(db: QingfengDb, from: string, to: string): Promise<{ fromTotals: unknown; fromRows: unknown }> {
  const shape = (days: { day: string; byCategory: Omit<DayTotalRow, 'day'>[] }[]) =>
    days.map(({ day, byCategory }) => ({
      day,
      byCategory: Object.fromEntries(
        byCategory
          .map((c) => ({ ...c, workSeconds: Math.round(c.workSeconds * 1e6) / 1e6 }))
          .filter((c) => c.workSeconds !== 0 || c.visits !== 0 || c.blocked !== 0 || c.unlocks !== 0)
          .sort((a, b) => (a.category < b.category ? -1 : 1))
          .map(({ category, ...counts }) => [category, counts]),
      ),
    }));
  return {
    fromTotals: shape(dailyFromTotals(await getDayTotals(db, from, to), from, to)),
    fromRows: shape(dailyByCategory(await getRange(db, from, to), from, to)),
  };
}

function freshName(): string {
  counter += 1;
  return `qingfeng-test-${counter}`;
}

function track<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened) await db.delete();
  opened = [];
});

/** 'YYYY-MM-DD HH:MM' local (TZ=Asia/Shanghai in tests) → epoch ms. */
function local(text: string): number {
  const [date = '', time = '00:00'] = text.split(' ');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(y!, mo! - 1, d!, h!, mi!).getTime();
}

const row = (day: string, host: string, category: string, counts: Partial<UsageRow> = {}): UsageRow => ({
  day, host, category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0, ...counts,
});

/** Three days × three hosts, plus the (other) bucket. */
async function seed(db: QingfengDb): Promise<void> {
  await addUsage(db, [
    timeDelta('2026-03-01', 'taobao.com', 'shopping', 100),
    timeDelta('2026-03-01', 'douyin.com', 'video', 50),
    timeDelta('2026-03-01', OTHER, OTHER, 9000),
    timeDelta('2026-03-02', 'taobao.com', 'shopping', 30),
    timeDelta('2026-03-02', 'jd.com', 'shopping', 200),
    blockedDelta('2026-03-02', 'jd.com', 'shopping'),
    blockedDelta('2026-03-02', '4399.com', 'games'),
    blockedDelta('2026-03-02', '4399.com', 'games'),
    timeDelta('2026-03-03', 'douyin.com', 'video', 400),
    visitDelta('2026-03-03', 'douyin.com', 'video'),
  ]);
}

describe('addUsage', () => {
  test('creates a row, then increments it; deltas for the same row in one call are summed', async () => {
    const db = track(openQingfengDb(freshName()));
    await addUsage(db, [timeDelta('2026-03-02', 'jd.com', 'shopping', 1.5), visitDelta('2026-03-02', 'jd.com', 'shopping')]);
    await addUsage(db, [
      timeDelta('2026-03-02', 'jd.com', 'shopping', 60),
      blockedDelta('2026-03-02', 'jd.com', 'shopping'),
      unlockDelta('2026-03-02', 'jd.com', 'shopping'),
      visitDelta('2026-03-02', 'jd.com', 'shopping'),
    ]);
    expect(await getDay(db, '2026-03-02')).toEqual([
      row('2026-03-02', 'jd.com', 'shopping', { workSeconds: 61.5, visits: 2, blocked: 1, unlocks: 1 }),
    ]);
  });

  test('the latest category wins when a policy change moves a host', async () => {
    const db = track(openQingfengDb(freshName()));
    await addUsage(db, [timeDelta('2026-03-02', 'bilibili.com', 'video', 10)]);
    await addUsage(db, [timeDelta('2026-03-02', 'bilibili.com', 'games', 5)]);
    expect(await getDay(db, '2026-03-02')).toEqual([row('2026-03-02', 'bilibili.com', 'games', { workSeconds: 15 })]);
    // The day totals move with it: nothing is left under video.
    expect(await getDayTotals(db, '2026-03-02', '2026-03-02')).toEqual([{ day: '2026-03-02', category: 'games', workSeconds: 15, visits: 0, blocked: 0, unlocks: 0 }]);
  });

  test('the day totals are the sums of the rows, per day and category', async () => {
    const db = track(openQingfengDb(freshName()));
    await seed(db);
    expect(await getDayTotals(db, '2026-03-02', '2026-03-02')).toEqual([
      { day: '2026-03-02', category: 'games', workSeconds: 0, visits: 0, blocked: 2, unlocks: 0 },
      { day: '2026-03-02', category: 'shopping', workSeconds: 230, visits: 0, blocked: 1, unlocks: 0 },
    ]);
    const { fromTotals, fromRows } = await chartBoth(db, '2026-02-28', '2026-03-04');
    expect(fromTotals).toEqual(fromRows);
  });

  test('property: after any batches of deltas, hosts moving between categories among them, the day totals chart what the rows chart', async () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-03'];
    const delta = fc.record({
      day: fc.constantFrom(...days),
      host: fc.constantFrom('jd.com', 'taobao.com', 'bilibili.com', OTHER),
      category: fc.constantFrom('shopping', 'video', 'games', OTHER),
      workSeconds: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5000, noNaN: true })),
      visits: fc.nat(3),
      blocked: fc.nat(2),
      unlocks: fc.nat(1),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(delta, { maxLength: 6 }), { minLength: 1, maxLength: 6 }), async (batches) => {
        const db = track(openQingfengDb(freshName()));
        for (const batch of batches) {
          await addUsage(db, batch);
          const { fromTotals, fromRows } = await chartBoth(db, days[0]!, days[2]!);
          expect(fromTotals).toEqual(fromRows);
        }
        // No total is kept for a category with nothing left in it.
        for (const total of await getDayTotals(db, days[0]!, days[2]!)) {
          expect(total.workSeconds + total.visits + total.blocked + total.unlocks).toBeGreaterThan(0);
        }
        await db.delete();
      }),
      { numRuns: 60 },
    );
  });

  test.each([
    ['negative', -1],
    ['NaN', Number.NaN],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('a %s count is refused and nothing of the batch is written', async (_name, workSeconds) => {
    const db = track(openQingfengDb(freshName()));
    await expect(
      addUsage(db, [timeDelta('2026-03-02', 'jd.com', 'shopping', 5), timeDelta('2026-03-02', 'taobao.com', 'shopping', workSeconds)]),
    ).rejects.toThrow(RangeError);
    expect(await getDay(db, '2026-03-02')).toEqual([]);
  });

  test('a failure while writing rolls back every delta of the batch', async () => {
    const db = track(openQingfengDb(freshName()));
    await addUsage(db, [timeDelta('2026-03-02', 'jd.com', 'shopping', 5)]);
    // The write of a new row fails after jd.com's row is already updated in the same bulkPut: the
    // error must leave the transaction, which then aborts. A swallowed error would commit jd.com's +5.
    db.usage.hook('creating', (_key, created) => {
      if (created.host === 'fails.example') throw new Error('write failed');
    });
    await expect(
      addUsage(db, [timeDelta('2026-03-02', 'jd.com', 'shopping', 5), timeDelta('2026-03-02', 'fails.example', 'games', 1)]),
    ).rejects.toThrow();
    expect(await getDay(db, '2026-03-02')).toEqual([row('2026-03-02', 'jd.com', 'shopping', { workSeconds: 5 })]);
    expect(await getDayTotals(db, '2026-03-02', '2026-03-02')).toEqual([{ day: '2026-03-02', category: 'shopping', workSeconds: 5, visits: 0, blocked: 0, unlocks: 0 }]);
  });
});

describe('usage queries', () => {
  test('getDay: one day, by host', async () => {
    const db = track(openQingfengDb(freshName()));
    await seed(db);
    expect((await getDay(db, '2026-03-02')).map((r) => r.host)).toEqual(['4399.com', 'jd.com', 'taobao.com']);
    expect(await getDay(db, '2026-03-09')).toEqual([]);
  });

  test.each<[string, string, string[]]>([
    ['2026-03-01', '2026-03-03', ['2026-03-01 (other)', '2026-03-01 douyin.com', '2026-03-01 taobao.com',
      '2026-03-02 4399.com', '2026-03-02 jd.com', '2026-03-02 taobao.com', '2026-03-03 douyin.com']],
    ['2026-03-02', '2026-03-02', ['2026-03-02 4399.com', '2026-03-02 jd.com', '2026-03-02 taobao.com']],
    ['2026-02-24', '2026-03-01', ['2026-03-01 (other)', '2026-03-01 douyin.com', '2026-03-01 taobao.com']],
    ['2026-03-03', '2026-03-01', []],
  ])('getRange %s..%s: inclusive, by day then host', async (from, to, expected) => {
    const db = track(openQingfengDb(freshName()));
    await seed(db);
    expect((await getRange(db, from, to)).map((r) => `${r.day} ${r.host}`)).toEqual(expected);
  });

  test('topHostsOf a range: by work time, then blocked attempts; sums over days; leaves out (other); honours the limit', async () => {
    const db = track(openQingfengDb(freshName()));
    await seed(db);
    expect(topHostsOf(await getRange(db, '2026-03-01', '2026-03-03'), 10)).toEqual([
      { host: 'douyin.com', category: 'video', workSeconds: 450, visits: 1, blocked: 0, unlocks: 0 },
      { host: 'jd.com', category: 'shopping', workSeconds: 200, visits: 0, blocked: 1, unlocks: 0 },
      { host: 'taobao.com', category: 'shopping', workSeconds: 130, visits: 0, blocked: 0, unlocks: 0 },
      { host: '4399.com', category: 'games', workSeconds: 0, visits: 0, blocked: 2, unlocks: 0 },
    ]);
    expect((topHostsOf(await getRange(db, '2026-03-02', '2026-03-02'), 2)).map((h) => h.host)).toEqual(['jd.com', 'taobao.com']);
    expect(topHostsOf(await getRange(db, '2026-03-01', '2026-03-03'), 0)).toEqual([]);
  });
});

describe('events', () => {
  test('recordEvent derives the local day; countEvents and eventsOfDay read by day and type', async () => {
    const db = track(openQingfengDb(freshName()));
    // 23:59 and 00:01 Beijing time fall on different local days even though UTC says otherwise.
    await recordEvent(db, { at: local('2026-03-02 10:05'), type: 'blocked', host: 'jd.com', category: 'shopping' });
    await recordEvent(db, { at: local('2026-03-02 09:00'), type: 'blocked', host: 'taobao.com', category: 'shopping' });
    await recordEvent(db, { at: local('2026-03-02 23:59'), type: 'unlock', host: 'jd.com', category: 'shopping', detail: '查采购价格' });
    await recordEvent(db, { at: local('2026-03-03 00:01'), type: 'blocked', host: 'jd.com', category: 'shopping' });
    await recordEvent(db, { at: local('2026-03-02 08:00'), type: 'policy', detail: 'valid' });

    expect(await countEvents(db, 'blocked', '2026-03-02')).toBe(2);
    expect(await countEvents(db, 'blocked', '2026-03-03')).toBe(1);
    expect(await countEvents(db, 'unlock', '2026-03-02')).toBe(1);
    expect(await countEvents(db, 'dbReset', '2026-03-02')).toBe(0);

    const day = await eventsOfDay(db, '2026-03-02');
    expect(day.map((e) => `${e.type} ${e.host}`)).toEqual(['policy null', 'blocked taobao.com', 'blocked jd.com', 'unlock jd.com']);
    expect(day[3]).toMatchObject({ day: '2026-03-02', category: 'shopping', detail: '查采购价格' });
    expect((await eventsOfDay(db, '2026-03-02', 'blocked')).map((e) => e.host)).toEqual(['taobao.com', 'jd.com']);
  });
});

describe('retention and deletion', () => {
  test('pruneBefore deletes usage and events of earlier days only, and counts them', async () => {
    const db = track(openQingfengDb(freshName()));
    await seed(db);
    await recordEvent(db, { at: local('2026-03-01 10:00'), type: 'blocked', host: 'jd.com' });
    await recordEvent(db, { at: local('2026-03-02 10:00'), type: 'blocked', host: 'jd.com' });
    expect(await pruneBefore(db, '2026-03-02')).toEqual({ usage: 3, events: 1 });
    expect((await getRange(db, '2000-01-01', '2099-12-31')).map((r) => r.day)).not.toContain('2026-03-01');
    expect((await getDayTotals(db, '2000-01-01', '2099-12-31')).map((r) => r.day)).toEqual(['2026-03-02', '2026-03-02', '2026-03-03']);
    expect(await rowCounts(db)).toEqual({ usage: 4, events: 1, dayTotals: 3 });
    expect(await pruneBefore(db, '2026-03-02')).toEqual({ usage: 0, events: 0 });
  });

  test('deleteAll empties both tables', async () => {
    const db = track(openQingfengDb(freshName()));
    await seed(db);
    await recordEvent(db, { at: local('2026-03-02 10:00'), type: 'blocked' });
    expect(await rowCounts(db)).toEqual({ usage: 7, events: 1, dayTotals: 6 });
    await deleteAll(db);
    expect(await rowCounts(db)).toEqual({ usage: 0, events: 0, dayTotals: 0 });
  });
});

describe('schema upgrade', () => {
  test('a version 1 database opens as version 3 with unlocks 0, its day totals and working queries', async () => {
    const name = freshName();
    // The v1 schema exactly as utils/tallies/db.ts declares it, opened with raw Dexie as an older build would.
    const v1 = new Dexie(name);
    v1.version(1).stores({ usage: '[day+host], day', events: '++id, at, day' });
    await v1.table('usage').bulkAdd([
      { day: '2026-03-01', host: 'jd.com', category: 'shopping', workSeconds: 120, visits: 2, blocked: 1 },
      { day: '2026-03-02', host: 'jd.com', category: 'shopping', workSeconds: 60, visits: 1, blocked: 0 },
    ]);
    await v1.table('events').add({ at: local('2026-03-02 10:00'), day: '2026-03-02', type: 'blocked', host: 'jd.com', category: 'shopping', detail: null });
    v1.close();

    const db = track(openQingfengDb(name));
    await db.open();
    expect(db.verno).toBe(3);
    expect(await getRange(db, '2026-03-01', '2026-03-02')).toEqual([
      row('2026-03-01', 'jd.com', 'shopping', { workSeconds: 120, visits: 2, blocked: 1, unlocks: 0 }),
      row('2026-03-02', 'jd.com', 'shopping', { workSeconds: 60, visits: 1 }),
    ]);
    // The indexes version 2 adds were built over the old rows.
    expect(await db.usage.where('[category+day]').between(['shopping', '2026-03-01'], ['shopping', '2026-03-02'], true, true).count()).toBe(2);
    expect(await countEvents(db, 'blocked', '2026-03-02')).toBe(1);
    expect(await getDayTotals(db, '2026-03-01', '2026-03-02')).toEqual([
      { day: '2026-03-01', category: 'shopping', workSeconds: 120, visits: 2, blocked: 1, unlocks: 0 },
      { day: '2026-03-02', category: 'shopping', workSeconds: 60, visits: 1, blocked: 0, unlocks: 0 },
    ]);
    await addUsage(db, [unlockDelta('2026-03-02', 'jd.com', 'shopping')]);
    expect((await getDay(db, '2026-03-02'))[0]?.unlocks).toBe(1);
    expect((await getDayTotals(db, '2026-03-02', '2026-03-02'))[0]?.unlocks).toBe(1);
  });

  test('a version 2 database opens as version 3 with the day totals of every stored row', async () => {
    const name = freshName();
    // The v2 schema exactly as utils/tallies/db.ts declares it, as the previous release left it.
    const v2 = new Dexie(name);
    v2.version(2).stores({ usage: '[day+host], day, [category+day]', events: '++id, at, day, [type+day]' });
    await v2.table('usage').bulkAdd([
      row('2026-03-01', 'jd.com', 'shopping', { workSeconds: 120.25, visits: 2, blocked: 1 }),
      row('2026-03-01', 'taobao.com', 'shopping', { workSeconds: 30, unlocks: 1 }),
      row('2026-03-01', OTHER, OTHER, { workSeconds: 900 }),
      row('2026-03-02', 'douyin.com', 'video', { visits: 4 }),
    ]);
    v2.close();

    const db = track(openQingfengDb(name));
    await db.open();
    expect(db.verno).toBe(3);
    expect(await getDayTotals(db, '2026-03-01', '2026-03-02')).toEqual([
      { day: '2026-03-01', category: OTHER, workSeconds: 900, visits: 0, blocked: 0, unlocks: 0 },
      { day: '2026-03-01', category: 'shopping', workSeconds: 150.25, visits: 2, blocked: 1, unlocks: 1 },
      { day: '2026-03-02', category: 'video', workSeconds: 0, visits: 4, blocked: 0, unlocks: 0 },
    ]);
    const { fromTotals, fromRows } = await chartBoth(db, '2026-03-01', '2026-03-02');
    expect(fromTotals).toEqual(fromRows);
  });
});

describe('no full-table scans', () => {
  // Every query in utils/tallies/db.ts is written as where() on an index or the primary key. This
  // checks it at Dexie's lowest layer: a DBCore middleware records the key range of every
  // read, and no read may ask for the whole range (DBCoreRangeType.Any = 3). Counting a whole
  // table (a count) is not a read of its rows and is allowed.
  const ANY_RANGE = 3;

  interface Read {
    table: string;
    op: 'query' | 'openCursor' | 'count';
    index: string | null;
    whole: boolean;
  }

  function recordingDb(): { db: QingfengDb; reads: Read[] } {
    const db = track(openQingfengDb(freshName()));
    const reads: Read[] = [];
    const note = (table: string, op: Read['op'], query: DBCoreQuery) => {
      const range: DBCoreKeyRange = query.range;
      reads.push({ table, op, index: query.index.isPrimaryKey ? 'primary key' : query.index.name, whole: range.type === ANY_RANGE });
    };
    db.use({
      stack: 'dbcore',
      name: 'record-reads',
      create: (down) => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          return {
            ...table,
            query: (req) => (note(tableName, 'query', req.query), table.query(req)),
            openCursor: (req) => (note(tableName, 'openCursor', req.query), table.openCursor(req)),
            count: (req) => (note(tableName, 'count', req.query), table.count(req)),
          };
        },
      }),
    });
    return { db, reads };
  }

  test.each<[string, (db: QingfengDb) => Promise<unknown>, string[]]>([
    // addUsage reads its rows by primary key (getMany), which is no range read at all.
    ['addUsage', (db) => addUsage(db, [timeDelta('2026-03-02', 'jd.com', 'shopping', 1)]), []],
    // Ranges of days read the primary key [day+host] itself, in key order (no index hop per row).
    ['getDay', (db) => getDay(db, '2026-03-02'), ['usage.primary key']],
    ['getRange', (db) => getRange(db, '2026-03-01', '2026-03-07'), ['usage.primary key']],
    ['getDayTotals', (db) => getDayTotals(db, '2026-03-01', '2026-03-07'), ['dayTotals.primary key']],
    ['countEvents', (db) => countEvents(db, 'blocked', '2026-03-02'), ['events.[type+day]']],
    ['eventsOfDay', (db) => eventsOfDay(db, '2026-03-02'), ['events.day']],
    ['eventsOfDay with a type', (db) => eventsOfDay(db, '2026-03-02', 'unlock'), ['events.[type+day]']],
    ['pruneBefore', (db) => pruneBefore(db, '2026-03-02'), ['dayTotals.primary key', 'usage.day', 'events.day']],
  ])('%s reads only an index range', async (_name, run, indexes) => {
    const { db, reads } = recordingDb();
    await seed(db);
    await recordEvent(db, { at: local('2026-03-01 10:00'), type: 'blocked' });
    reads.length = 0;
    await run(db);
    expect(reads.filter((read) => read.whole)).toEqual([]);
    expect(reads.map((read) => `${read.table}.${read.index}`)).toEqual(indexes);
  });

  test('the recorder does see a whole-table read', async () => {
    const { db, reads } = recordingDb();
    await db.usage.toArray();
    expect(reads.some((read) => read.whole)).toBe(true);
  });
});
