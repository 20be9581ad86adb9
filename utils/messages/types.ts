// The shapes of the background's answers (the Responses map in protocol.ts), without zod:
// the pure core and the pages import them as types.
import type { Mode } from '../policy/constants';
import type { EffectiveConfig, TeacherSettings } from '../policy/resolve';
import type { PolicyStatus } from '../policy/status';
import type { Counts, EventRow, HostTotal, UsageRow } from '../tallies/types';

/** A category as the pages show it: built-in names come from _locales (`category_<id>`). */
export interface CategoryInfo {
  id: string;
  builtin: boolean;
  /** Custom categories' own names from the policy. */
  name?: { zh_CN: string; en?: string };
  mode: Mode;
}

export interface StatusResponse {
  now: number;
  workTime: boolean;
  /** The next instant the work-time answer changes; null when none within a year. */
  nextBoundary: number | null;
  schoolName: string;
  policy: PolicyStatus;
  /** Years near now for which the official calendar has no data (weekly timetable used). */
  calendarMissingYears: number[];
  /** The block rules are installed now. */
  rulesInForce: boolean;
  /** Why the newest configuration could not be installed (English detail), if so. */
  ruleErrors: string[];
  /**
   * The browser has no blocking API (Firefox with `extensions.dnr.enabled = false`, #17):
   * nothing is blocked before the network; the pages say so and why.
   */
  blockingUnavailable: boolean;
  blockedToday: number;
  /** The last failed write to the tallies (e.g. a full disk), or null. */
  storageError: string | null;
}

export type UnlockRefusal = 'disabled' | 'quota' | 'notWorkTime' | 'notBlocked' | 'reasonTooShort' | 'tooLong' | 'notInstalled' | 'framed';

export interface BlockInfo {
  url: string;
  host: string;
  category: CategoryInfo | null;
  /** The list entry that matched ("taobao.com"), or the URL keyword. */
  entry: string;
  schoolName: string;
  message: string;
  /** When the site opens again (the end of work time), or null if not within a year. */
  reopensAt: number | null;
  now: number;
  attemptsToday: number;
  unlock: { enabled: boolean; maxMinutes: number; remainingToday: number; maxPerDay: number; refusal: UnlockRefusal | null };
}

export type UnlockResult = { ok: true; until: number; url: string } | { ok: false; refusal: UnlockRefusal };

export interface CategoryTotal {
  category: string;
  workSeconds: number;
  visits: number;
  blocked: number;
  unlocks: number;
}

export interface TodayResponse {
  day: string;
  categories: CategoryInfo[];
  byCategory: CategoryTotal[];
  blocked: number;
  unlocks: number;
  topHosts: Omit<UsageRow, 'day'>[];
  unlockEvents: Pick<EventRow, 'at' | 'host' | 'category' | 'detail'>[];
}

export interface WeekResponse {
  /** Seven local days, oldest first, today last. */
  days: { day: string; byCategory: CategoryTotal[] }[];
  categories: CategoryInfo[];
}

/**
 * Everything the popup shows, in one answer: one round trip and one render per opening (#16).
 * The tallies may fail on their own (a database that cannot be read); the status still shows.
 */
export interface PopupResponse {
  status: StatusResponse;
  tallies: { today: TodayResponse; week: WeekResponse } | { error: string };
}

/**
 * The options report, totalled in the background: a 90-day range holds 18,000 rows, and a
 * page needs only the per-day chart, the per-host table and the total.
 */
export interface ReportResponse {
  from: string;
  to: string;
  categories: CategoryInfo[];
  /** Every day of the range, oldest first, a day with no rows included as empty. */
  days: { day: string; byCategory: CategoryTotal[] }[];
  /** One line per (host, category), most work time first. */
  hosts: HostTotal[];
  total: Counts;
}

/** The rows themselves, for the CSV and JSON export only. */
export interface ReportExport {
  from: string;
  to: string;
  rows: UsageRow[];
  categories: CategoryInfo[];
}

export interface SettingsResponse {
  config: EffectiveConfig;
  teacher: TeacherSettings | null;
  policy: PolicyStatus;
  categories: CategoryInfo[];
}

export type SaveSettingsResult = { ok: true } | { ok: false; errors: { path: string; key: string; args: string[] }[] };

export interface UrlDecision {
  url: string;
  /** Not an http(s) URL: nothing to decide. */
  valid: boolean;
  host: string;
  category: CategoryInfo | null;
  /** The list entry, allow entry or keyword that decided. */
  entry: string | null;
  allowedBy: 'allowList' | 'unlock' | null;
  workTimeNow: boolean;
  blockedNow: boolean;
  /** Would be blocked in work time. */
  blockedInWorkTime: boolean;
  nextBoundary: number | null;
}

export type DeleteResult = { ok: true } | { ok: false; refusal: 'locked' };
