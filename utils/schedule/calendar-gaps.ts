// When the built-in State Council calendar has no data for a year (#14). The data comes
// with the `chinese-days` package and ends with the last published notice (2026 today);
// each year's arrangement is published in the autumn or winter before it.
//
// Two audiences, two rules:
// - the administrator (options Policy tab, policy editor) hears about this year and the
//   next as soon as either is missing, with the policy lines that fill the gap;
// - the teacher hears only about the year they are in, and not once the policy lists days
//   of that year: weeks ahead of a year there is nothing a teacher can do about it.
import { hasOfficialData } from './official-calendar';

export type CalendarGapSchedule = {
  officialCalendar?: 'cn' | 'none' | undefined;
  holidays?: readonly string[] | undefined;
  workdays?: readonly { date: string }[] | undefined;
};

function localYear(at: number): number {
  return new Date(at).getFullYear();
}

/** This year and the next, those without built-in data; empty unless the schedule follows the official calendar. */
export function adminCalendarGaps(schedule: CalendarGapSchedule, at: number): number[] {
  if ((schedule.officialCalendar ?? 'cn') !== 'cn') return [];
  const year = localYear(at);
  return [year, year + 1].filter((y) => !hasOfficialData(y));
}

/** Whether the policy lists any day off or working day in `year` (the admin has filled it in). */
export function policyListsYear(schedule: CalendarGapSchedule, year: number): boolean {
  const prefix = `${year}-`;
  const holidays = schedule.holidays ?? [];
  const inRange = (entry: string) => {
    const [from = '', to = from] = entry.split('..');
    return from.slice(0, 4) <= String(year) && String(year) <= to.slice(0, 4);
  };
  return holidays.some(inRange) || (schedule.workdays ?? []).some((w) => w.date.startsWith(prefix));
}

/** The year the teacher is in, if it has no built-in data and the policy lists none of its days. */
export function teacherCalendarGaps(schedule: CalendarGapSchedule, at: number): number[] {
  const year = localYear(at);
  return adminCalendarGaps(schedule, at).filter((y) => y === year && !policyListsYear(schedule, y));
}

/**
 * The lines to add to the policy's `schedule` for `year`. MM-DD is left for the admin to
 * fill in from the notice: if it is pasted unchanged, validation says so.
 */
export function calendarGapPolicyLines(year: number): string {
  return [
    '"schedule": {',
    `  "holidays": ["${year}-01-01", "${year}-MM-DD..${year}-MM-DD"],`,
    `  "workdays": [{ "date": "${year}-MM-DD", "as": "mon" }]`,
    '}',
  ].join('\n');
}
