// The one Dexie database: per-day usage tallies and the event log (docs/design.md, "Data").
//
// Every read below is a where() on a declared index or the primary key, so it is an index range
// read: no query walks the whole table, and none filters the whole table in JavaScript (topHosts
// sums in memory only the rows of its day range). Tables grow by days × hosts; a full scan would
// grow with retentionDays. tests/unit/tallies/db.test.ts checks each query's index at Dexie's DBCore
// layer. The walks over every row are the upgrades (v1 → v2, v2 → v3), once per PC.
//
// dayTotals (v3) holds each day's per-category sums of the usage rows, written in the same
// transaction as the rows (addUsage), pruned and cleared with them: the popup's week chart
// reads it instead of every host's row of seven days (issue 16).
//
// The one module of utils/ that touches a browser API, IndexedDB, and nothing else: no
// browser.*, no Date.now(); it runs in Node on fake-indexeddb. The functions take the database
// as their first argument so tests open a fresh one by name.
import type { Dexie, EntityTable, Table, Transaction } from 'dexie';
// Evaluated at the first open, not when the worker starts (scripts/lazy-dexie.ts, issue 16).
import loadDexie from 'virtual:qingfeng-dexie';
import { localDayKey } from '../time/day-key';
import { type Counts, type DayTotalKey, type DayTotalRow, type EventRow, type EventType, type NewEvent, type UsageDelta, type UsageKey, type UsageRow } from './types';

export type QingfengDb = Dexie & {
  // A compound primary key names no single property, so EntityTable cannot express it.
  usage: Table<UsageRow, UsageKey>;
  events: EntityTable<EventRow, 'id'>;
  dayTotals: Table<DayTotalRow, DayTotalKey>;
};

/** A usage row as version 1 stored it: no unlock count. */
type UsageRowV1 = Omit<UsageRow, 'unlocks'> & { unlocks?: number };

export function openQingfengDb(name = 'qingfeng'): QingfengDb {
  const DexieClass = loadDexie();
  const db = new DexieClass(name) as QingfengDb;
  // Never edit a version once written: a browser that has it will not run it again. Append one.
  //
  // Version 1 is a deliberately smaller first schema (no unlock count, no category index). It
  // exists so that the upgrade path is written and tested now, before any teacher has data,
  // rather than for the first time on real PCs.
  db.version(1).stores({
    usage: '[day+host], day',
    events: '++id, at, day',
  });
  db.version(2)
    .stores({
      usage: '[day+host], day, [category+day]',
      events: '++id, at, day, [type+day]',
    })
    .upgrade(fillUnlockCounts);
  db.version(3).stores({ dayTotals: '[day+category]' }).upgrade(fillDayTotals);
  return db;
}

/** v1 → v2: rows written before unlocks were counted had none. */
async function fillUnlockCounts(tx: Transaction): Promise<void> {
  await tx
    .table<UsageRowV1, UsageKey>('usage')
    .toCollection()
    .modify((row) => {
      row.unlocks ??= 0;
    });
}

/** v2 → v3: each day's per-category sums of the rows already stored. */
async function fillDayTotals(tx: Transaction): Promise<void> {
  const totals = new TotalsChange();
  await tx.table<UsageRow, UsageKey>('usage').each((row) => totals.add(row.day, row.category, row, 1));
  await tx.table<DayTotalRow, DayTotalKey>('dayTotals').bulkPut(totals.applyTo([]));
}

const COUNTS = ['workSeconds', 'visits', 'blocked', 'unlocks'] as const;

/**
 * A sum's residue below this is zero: moving a row to another category subtracts its
 * fractional seconds from a sum that added them in another order. The rounding error of such
 * sums is ~1e-11 s at a day's seconds, so anything from 1e-9 up is a real value, kept as the
 * row keeps it (at 1e-6 a row of 5e-7 s had no total: fast-check found it).
 */
const RESIDUE = 1e-9;

/** Signed changes to dayTotals rows, gathered per [day+category], then applied to the stored rows. */
class TotalsChange {
  private readonly changes = new Map<string, DayTotalRow>();

  add(day: string, category: string, counts: Counts, sign: 1 | -1): void {
    const key = JSON.stringify([day, category]);
    const change = this.changes.get(key) ?? { day, category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 };
    for (const field of COUNTS) change[field] += sign * counts[field];
    this.changes.set(key, change);
  }

  keys(): DayTotalKey[] {
    return [...this.changes.values()].map((c): DayTotalKey => [c.day, c.category]);
  }

  /** The rows to put, given the stored ones in keys() order (undefined: none yet); all-zero rows go to `emptied`. */
  applyTo(stored: readonly (DayTotalRow | undefined)[], emptied: DayTotalKey[] = []): DayTotalRow[] {
    const rows: DayTotalRow[] = [];
    [...this.changes.values()].forEach((change, index) => {
      const row = { ...(stored[index] ?? { day: change.day, category: change.category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 }) };
      for (const field of COUNTS) {
        const sum = row[field] + change[field];
        row[field] = Math.abs(sum) < RESIDUE ? 0 : sum;
      }
      if (COUNTS.every((field) => row[field] === 0)) emptied.push([row.day, row.category]);
      else rows.push(row);
    });
    return rows;
  }
}

/** Throws before any write: a NaN or negative count would corrupt every later sum. */
export function assertValidDelta(delta: UsageDelta): void {
  for (const field of COUNTS) {
    const value = delta[field];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`usage delta ${delta.day} ${delta.host}: ${field} is ${value}`);
    }
  }
}

/** Sums deltas per [day+host], so each row is read and written once. The last category wins. */
function mergeDeltas(deltas: readonly UsageDelta[]): Map<string, UsageDelta> {
  const merged = new Map<string, UsageDelta>();
  for (const delta of deltas) {
    assertValidDelta(delta);
    const key = JSON.stringify([delta.day, delta.host]);
    const sum = merged.get(key);
    merged.set(key, sum ? addCounts(sum, delta) : { ...delta });
  }
  return merged;
}

function addCounts(row: UsageRow, delta: UsageDelta): UsageRow {
  return {
    day: row.day,
    host: row.host,
    category: delta.category,
    workSeconds: row.workSeconds + delta.workSeconds,
    visits: row.visits + delta.visits,
    blocked: row.blocked + delta.blocked,
    unlocks: row.unlocks + delta.unlocks,
  };
}

/**
 * Adds each delta to its [day+host] row, creating the row when absent, and to its day's
 * category total, in one transaction: either every delta lands or none does. A row whose
 * category changed (a policy moved the host) moves its whole counts to the new category's
 * total. Errors propagate (a caught error would commit a part).
 */
export async function addUsage(db: QingfengDb, deltas: readonly UsageDelta[]): Promise<void> {
  const merged = [...mergeDeltas(deltas).values()];
  if (merged.length === 0) return;
  await db.transaction('rw', db.usage, db.dayTotals, async () => {
    const stored = await db.usage.bulkGet(merged.map((delta): UsageKey => [delta.day, delta.host]));
    const totals = new TotalsChange();
    const rows = merged.map((delta, index) => {
      const row = stored[index];
      const next = row ? addCounts(row, delta) : { ...delta };
      if (row && row.category !== next.category) {
        totals.add(row.day, row.category, row, -1);
        totals.add(next.day, next.category, next, 1);
      } else totals.add(delta.day, delta.category, delta, 1);
      return next;
    });
    const keys = totals.keys();
    const emptied: DayTotalKey[] = [];
    const dayRows = totals.applyTo(await db.dayTotals.bulkGet(keys), emptied);
    await db.usage.bulkPut(rows);
    await db.dayTotals.bulkPut(dayRows);
    if (emptied.length > 0) await db.dayTotals.bulkDelete(emptied);
  });
}

/** Appends an event; its day is the local day of `at`. Returns the new id. */
export async function recordEvent(db: QingfengDb, event: NewEvent): Promise<number> {
  return db.events.add({
    at: event.at,
    day: localDayKey(event.at),
    type: event.type,
    host: event.host ?? null,
    category: event.category ?? null,
    detail: event.detail ?? null,
  });
}

/** The usage rows of one day, by host. */
export async function getDay(db: QingfengDb, day: string): Promise<UsageRow[]> {
  return getRange(db, day, day);
}

/** The usage rows of fromDay..toDay inclusive, by day then host (the report, the 7-day chart). */
export async function getRange(db: QingfengDb, fromDay: string, toDay: string): Promise<UsageRow[]> {
  if (fromDay > toDay) return [];
  // A range of the primary key [day+host], read from the store itself: through the `day` index
  // each entry would fetch its record again (slower in Chromium; bench/RESULTS.md, report).
  return db.usage.where('[day+host]').between([fromDay, loadDexie().minKey], [toDay, loadDexie().maxKey], true, true).toArray();
}

/** Each category's totals on each day of fromDay..toDay inclusive, by day then category (the popup's week chart). */
export async function getDayTotals(db: QingfengDb, fromDay: string, toDay: string): Promise<DayTotalRow[]> {
  if (fromDay > toDay) return [];
  return db.dayTotals.where('[day+category]').between([fromDay, loadDexie().minKey], [toDay, loadDexie().maxKey], true, true).toArray();
}

/** How many events of `type` happened on `day` (today's blocked attempts, unlocks used). */
export async function countEvents(db: QingfengDb, type: EventType, day: string): Promise<number> {
  return db.events.where('[type+day]').equals([type, day]).count();
}

/** The events of one day, optionally of one type, in time order. */
export async function eventsOfDay(db: QingfengDb, day: string, type?: EventType): Promise<EventRow[]> {
  const collection =
    type === undefined ? db.events.where('day').equals(day) : db.events.where('[type+day]').equals([type, day]);
  return collection.sortBy('at');
}

export interface PruneCounts {
  usage: number;
  events: number;
}

/** Deletes usage rows, their day totals and events of days before `day` (retention), in one transaction. */
export async function pruneBefore(db: QingfengDb, day: string): Promise<PruneCounts> {
  return db.transaction('rw', db.usage, db.events, db.dayTotals, async () => {
    await db.dayTotals.where('[day+category]').below([day, loadDexie().minKey]).delete();
    return {
      usage: await db.usage.where('day').below(day).delete(),
      events: await db.events.where('day').below(day).delete(),
    };
  });
}

/** Deletes everything recorded (the teacher's "delete my data"). The caller may then record a dbReset event. */
export async function deleteAll(db: QingfengDb): Promise<void> {
  await db.transaction('rw', db.usage, db.events, db.dayTotals, async () => {
    await db.usage.clear();
    await db.events.clear();
    await db.dayTotals.clear();
  });
}

/** What the stored database lacks of the current schema, or null when it has it all. */
function schemaMismatch(db: QingfengDb): string | null {
  const idb = db.backendDB();
  const expected: Record<string, { keyPath: string; indexes: string[] }> = {
    usage: { keyPath: 'day,host', indexes: ['day', '[category+day]'] },
    events: { keyPath: 'id', indexes: ['at', 'day', '[type+day]'] },
    dayTotals: { keyPath: 'day,category', indexes: [] },
  };
  for (const [name, want] of Object.entries(expected)) {
    if (!idb.objectStoreNames.contains(name)) return `no ${name} store`;
    const store = idb.transaction(name, 'readonly').objectStore(name);
    if (String(store.keyPath) !== want.keyPath) return `${name} keyed by ${String(store.keyPath)}`;
    const missing = want.indexes.filter((index) => !store.indexNames.contains(index));
    if (missing.length > 0) return `${name} lacks ${missing.join(', ')}`;
  }
  return null;
}

/**
 * Opens the database, or, when it cannot be opened at all (a newer version left by a
 * downgrade, a corrupt store), deletes it, opens a fresh one and records why: the teacher
 * loses the old tallies, but the extension keeps working and says what happened (#9).
 */
export async function openOrReset(name: string, at: number): Promise<{ db: QingfengDb; resetReason: string | null }> {
  const db = openQingfengDb(name);
  try {
    await db.open();
    // Dexie 4 opens a database of a higher version than it declares as it finds it (seen in
    // tests: a store with another primary key opened without a word), and every query would
    // fail later. Check the stores' shape now.
    const mismatch = schemaMismatch(db);
    if (mismatch) throw new Error(`SchemaMismatch: ${mismatch} (database version ${db.verno})`);
    return { db, resetReason: null };
  } catch (error) {
    db.close();
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await loadDexie().delete(name);
    const fresh = openQingfengDb(name);
    await fresh.open();
    await recordEvent(fresh, { at, type: 'dbReset', detail: reason.slice(0, 500) });
    return { db: fresh, resetReason: reason };
  }
}
