// Local calendar days as 'YYYY-MM-DD' keys. Keys compare correctly as strings.
// Days are stepped with local Date arithmetic, never by adding 86 400 000 ms, so the code
// stays right in a zone with daylight saving time even though China has none.
import type { Weekday } from '../policy/constants';
import { pad } from './pad';

const WEEKDAY_BY_JS_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function keyOfDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

/** Local Date for `minutes` after the local midnight that starts `dayKey` (minutes may overflow into later days). */
function localDate(dayKey: string, minutes = 0): Date {
  const year = Number(dayKey.slice(0, 4));
  const month = Number(dayKey.slice(5, 7));
  const day = Number(dayKey.slice(8, 10));
  const date = new Date(2000, 0, 1, 0, 0, 0, 0);
  // setFullYear, not the constructor: the constructor maps years 0-99 to 1900-1999.
  date.setFullYear(year, month - 1, day);
  date.setHours(0, minutes, 0, 0);
  return date;
}

/** The local day ('YYYY-MM-DD') that contains the instant `at` (epoch ms). */
export function localDayKey(at: number): string {
  return keyOfDate(new Date(at));
}

/** Epoch ms of the local midnight that starts `dayKey`. */
export function localMidnight(dayKey: string): number {
  return localDate(dayKey).getTime();
}

/** Epoch ms of `minutes` after the local midnight of `dayKey`; 1440 is the next day's midnight. */
export function instantOnDay(dayKey: string, minutes: number): number {
  return localDate(dayKey, minutes).getTime();
}

/** The day key `days` calendar days after `dayKey` (negative goes back). */
export function addDaysToKey(dayKey: string, days: number): string {
  const date = localDate(dayKey);
  date.setDate(date.getDate() + days);
  return keyOfDate(date);
}

export function weekdayOfKey(dayKey: string): Weekday {
  return WEEKDAY_BY_JS_DAY[localDate(dayKey).getDay()] ?? 'mon';
}

export function yearOfKey(dayKey: string): number {
  return Number(dayKey.slice(0, 4));
}
