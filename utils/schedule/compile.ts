// Parses a Schedule once into the form the day rules need, cached per schedule object:
// isWorkTime runs on every navigation, so strings are not re-parsed each time.
// The policy hands over a new object whenever it changes, so a WeakMap keyed by the
// object is a correct cache and lets old policies be collected.
import { WEEKDAYS, type Weekday } from '../policy/constants';
import type { DayDescription, Period, Schedule } from './types';

/** A day's answer plus its work spans as instants, adjacent periods already joined. */
export interface DayEntry {
  description: DayDescription;
  /** [start, end) epoch ms, sorted, non-touching. */
  spans: readonly (readonly [number, number])[];
}

export interface CompiledSchedule {
  weekly: Readonly<Record<Weekday, readonly Period[]>>;
  officialCalendar: Schedule['officialCalendar'];
  /** Inclusive day-key ranges; a single day is a range of one. */
  holidayRanges: readonly { first: string; last: string }[];
  /** Date → the weekday named by `as`. */
  extraWorkdays: ReadonlyMap<string, Weekday>;
  /** Day key → its entry. Days are cheap but nextBoundary walks up to a year of them. */
  days: Map<string, DayEntry>;
}

/** Bound on cached days per schedule; a year of look-ahead plus some history fits. */
export const MAX_CACHED_DAYS = 1500;

function parseClock(clock: string): number {
  const [hours = '0', minutes = '0'] = clock.trim().split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** "07:30-11:30" → { start: 450, end: 690 }. */
function parsePeriod(text: string): Period {
  const [start = '', end = ''] = text.split('-');
  return { start: parseClock(start), end: parseClock(end) };
}

function parseHolidayRange(text: string): { first: string; last: string } {
  const [first = '', last = first] = text.split('..').map((part) => part.trim());
  return first <= last ? { first, last } : { first: last, last: first };
}

function compile(schedule: Schedule): CompiledSchedule {
  const weekly = {} as Record<Weekday, readonly Period[]>;
  for (const weekday of WEEKDAYS) {
    const periods = (schedule.weekly[weekday] ?? []).map(parsePeriod);
    weekly[weekday] = Object.freeze(periods.sort((a, b) => a.start - b.start).map((p) => Object.freeze(p)));
  }
  const extraWorkdays = new Map<string, Weekday>();
  for (const entry of schedule.workdays) {
    // The first entry for a date wins; the validated policy should not repeat dates anyway.
    if (!extraWorkdays.has(entry.date.trim())) extraWorkdays.set(entry.date.trim(), entry.as);
  }
  return {
    weekly,
    officialCalendar: schedule.officialCalendar,
    holidayRanges: schedule.holidays.map(parseHolidayRange),
    extraWorkdays,
    days: new Map(),
  };
}

const compiled = new WeakMap<Schedule, CompiledSchedule>();

export function compiledSchedule(schedule: Schedule): CompiledSchedule {
  let result = compiled.get(schedule);
  if (result === undefined) {
    result = compile(schedule);
    compiled.set(schedule, result);
  }
  return result;
}

export function isExtraHoliday(schedule: CompiledSchedule, dayKey: string): boolean {
  return schedule.holidayRanges.some((range) => range.first <= dayKey && dayKey <= range.last);
}
