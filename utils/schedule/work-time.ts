// When is it work time? The school's timetable, its holidays and the official calendar,
// turned into answers for one instant. Pure: every input is an argument, times are the
// JS runtime's local time (the school's PC clock).
//
// Rules of precedence for one local day, first match wins:
//   1. An extra workday (`workdays`) → work, with the periods of weekday `as`.
//   2. An extra holiday (`holidays`, a day or an inclusive range) → off.
//   3. officialCalendar 'cn' and an official public holiday → off (weekends inside the
//      holiday are listed by the State Council too, so a Saturday-school is off as well).
//   4. officialCalendar 'cn' and an official make-up working day (调休) → work. The notices do
//      not say which weekday a make-up day stands for, so it takes the timetable of the first
//      weekday Monday–Friday that has periods (most schools use one timetable Mon–Fri). A school
//      that needs another weekday says so with a `workdays` entry, which rule 1 applies first.
//   5. Otherwise the weekly timetable of the day's weekday.
// With officialCalendar 'cn' and a year the package has no data for yet, rules 3 and 4 find
// nothing and rule 5 applies; calendarStatus reports the year so the UI can warn.
//
// A period is [start, end): at its start it is work time, at its end it is not. Touching
// periods ("07:30-11:30","11:30-12:00", or "…-24:00" then "00:00-…" the next day) are one
// continuous stretch of work, with no boundary where they meet.
//
// This file is the public API of schedule/; day-rules.ts applies the rules to one day and
// compile.ts parses a Schedule once. Local day keys are time/day-key.ts.
import { hasOfficialData } from './official-calendar';
import { dayEntry } from './day-rules';
import { addDaysToKey, instantOnDay, localDayKey } from '../time/day-key';
import type { CalendarStatus, Schedule } from './types';

/** How far nextBoundary looks ahead, in days; a year covers any holiday or vacation. */
export const BOUNDARY_HORIZON_DAYS = 366;

/** Whether `at` (epoch ms) falls in a work period. */
export function isWorkTime(schedule: Schedule, at: number): boolean {
  return dayEntry(schedule, localDayKey(at)).spans.some(([start, end]) => start <= at && at < end);
}

/**
 * The first instant strictly after `at` where isWorkTime's answer changes: isWorkTime is the
 * same on [at, boundary) and different at boundary. Null when nothing changes within
 * BOUNDARY_HORIZON_DAYS days (an empty timetable, or work around the clock).
 */
export function nextBoundary(schedule: Schedule, at: number): number | null {
  const working = isWorkTime(schedule, at);
  // While working: the end of the stretch containing `at`, followed across touching spans and midnights.
  let stretchEnd: number | null = null;
  let dayKey = localDayKey(at);
  for (let day = 0; day <= BOUNDARY_HORIZON_DAYS; day += 1) {
    for (const [start, end] of dayEntry(schedule, dayKey).spans) {
      if (end <= at) continue;
      // Not working: the first span still ahead of `at` starts after it.
      if (!working) return start;
      if (stretchEnd === null || start <= stretchEnd) stretchEnd = Math.max(stretchEnd ?? end, end);
      else return stretchEnd;
    }
    // A stretch that stops before midnight cannot be continued by the next day.
    if (stretchEnd !== null && stretchEnd < instantOnDay(dayKey, 24 * 60)) return stretchEnd;
    dayKey = addDaysToKey(dayKey, 1);
  }
  return null;
}

/**
 * Which years near `at` (its local year and the next) the official calendar has no data for,
 * when the schedule follows it. Empty with officialCalendar 'none'.
 */
export function calendarStatus(schedule: Schedule, at: number): CalendarStatus {
  if (schedule.officialCalendar !== 'cn') return { missingYears: [] };
  const year = new Date(at).getFullYear();
  return { missingYears: [year, year + 1].filter((candidate) => !hasOfficialData(candidate)) };
}
