// When is it work time? The school's timetable, its holidays and the official calendar,
// turned into answers for one instant; the rules of precedence for a day are in
// docs/design.md ("Blocking", Schedule) and applied by day-rules.ts. A period is [start, end),
// and touching periods ("…-11:30", "11:30-…", or "…-24:00" then "00:00-…") are one stretch of
// work with no boundary where they meet. This file is schedule/'s public surface.
import { teacherCalendarGaps } from './calendar-gaps';
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

/** What the teacher's popup says about missing official-calendar data (see calendar-gaps.ts). */
export function calendarStatus(schedule: Schedule, at: number): CalendarStatus {
  return { missingYears: teacherCalendarGaps(schedule, at) };
}
