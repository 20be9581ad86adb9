// The shapes of what Qingfeng tallies on the PC (docs/design.md, "Data"). Shared by the pure
// accounting core, which produces deltas, and the database module, which stores them, so
// neither imports the other.

/** The tallied host and category of everything the policy does not name (unless recordOtherHosts). */
export const OTHER = '(other)';

/** One row of the `usage` table: the totals of one host on one local day. */
export interface UsageRow {
  /** Local day, 'YYYY-MM-DD'. */
  day: string;
  /** Registrable domain or listed host, or OTHER. */
  host: string;
  /** Category id, or OTHER. The latest delta's category wins when a policy change moves a host mid-day. */
  category: string;
  /**
   * Work-time seconds, fractional (ms precision). Kept unrounded so that many small slices sum
   * to the true total; the UI rounds when it displays.
   */
  workSeconds: number;
  /** Navigations to the host in work time. */
  visits: number;
  /** Attempts the block page stopped. */
  blocked: number;
  /** Temporary unlocks granted. */
  unlocks: number;
}

/** The counts of a row, a total, or a category. */
export type Counts = Pick<UsageRow, 'workSeconds' | 'visits' | 'blocked' | 'unlocks'>;
export const ZERO_COUNTS: Readonly<Counts> = Object.freeze({ workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 });

/**
 * One row of the `dayTotals` table (schema version 3): a category's counts on one local day,
 * the sum of that day's usage rows of the category, kept in the same transaction as they are
 * (issue 16: the popup's week chart reads ~7 rows a day instead of one per host).
 */
export type DayTotalRow = { day: string; category: string } & Counts;

/** The dayTotals table's compound primary key, [day+category]. */
export type DayTotalKey = [day: string, category: string];

/** A host's totals over a range of days. */
export type HostTotal = Omit<UsageRow, 'day'>;

/** An increment to one usage row; addUsage adds every count to the stored row. */
export type UsageDelta = UsageRow;

/** The usage table's compound primary key, [day+host]. */
export type UsageKey = [day: string, host: string];

/** Known event types; other strings are allowed so a later feature needs no schema change. */
export type EventType = 'blocked' | 'unlock' | 'policy' | 'dbReset' | (string & {});

/** One row of the `events` table. */
export interface EventRow {
  id: number;
  /** Epoch ms. */
  at: number;
  /** Local day of `at`, 'YYYY-MM-DD', stored so pruning and daily queries are index reads. */
  day: string;
  type: EventType;
  host: string | null;
  category: string | null;
  /** Free text, e.g. the reason the teacher gave for an unlock. */
  detail: string | null;
}

/** What a caller records; the database assigns id and derives day from at. */
export interface NewEvent {
  at: number;
  type: EventType;
  host?: string | null;
  category?: string | null;
  detail?: string | null;
}

/** Work time as the caller's schedule says; bind it with isWorkTime/nextBoundary from schedule.ts. */
export interface Clock {
  isWorkTime(at: number): boolean;
  /** First instant strictly after `at` where isWorkTime changes; null when none is near. */
  nextBoundary(at: number): number | null;
}
