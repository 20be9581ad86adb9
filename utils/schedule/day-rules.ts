// Which periods one local day has, and why. The rules of precedence are documented in
// docs/design.md and schedule/work-time.ts; this file applies them.
import { hasOfficialData, officialDay } from './official-calendar';
import { compiledSchedule, isExtraHoliday, MAX_CACHED_DAYS } from './compile';
import type { CompiledSchedule, DayEntry } from './compile';
import { instantOnDay, weekdayOfKey, yearOfKey } from '../time/day-key';
import type { Weekday } from '../policy/constants';
import type { DayDescription, Period, Schedule } from './types';

const MONDAY_TO_FRIDAY: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/**
 * Rule 4: the notices do not say which weekday a make-up day stands for. Most schools use one
 * timetable Monday to Friday, so the first weekday with periods is the best guess; with no
 * weekday periods at all the make-up day has none either (Monday's, which is empty).
 */
function timetableForMakeupDay(schedule: CompiledSchedule): Weekday {
  return MONDAY_TO_FRIDAY.find((weekday) => schedule.weekly[weekday].length > 0) ?? 'mon';
}

function decide(schedule: CompiledSchedule, dayKey: string): DayDescription {
  const periodsOf = (weekday: Weekday): readonly Period[] => schedule.weekly[weekday];

  if (schedule.extraWorkdays.has(dayKey)) {
    const timetableOf = schedule.extraWorkdays.get(dayKey)!;
    return { dayKey, kind: 'extraWorkday', periods: periodsOf(timetableOf), timetableOf };
  }
  if (isExtraHoliday(schedule, dayKey)) {
    return { dayKey, kind: 'extraHoliday', periods: [], timetableOf: null };
  }
  // A year the package has no data for falls through to the weekly timetable;
  // calendarStatus reports it. officialDay() would return null there anyway, the
  // explicit check documents the intent.
  const official =
    schedule.officialCalendar === 'cn' && hasOfficialData(yearOfKey(dayKey)) ? officialDay(dayKey) : null;
  if (official?.kind === 'holiday') {
    return {
      dayKey, kind: 'officialHoliday', periods: [], timetableOf: null,
      holidayName: official.name, holidayNameEn: official.nameEn,
    };
  }
  if (official?.kind === 'makeup') {
    const timetableOf = timetableForMakeupDay(schedule);
    return {
      dayKey, kind: 'officialMakeup', periods: periodsOf(timetableOf), timetableOf,
      holidayName: official.name, holidayNameEn: official.nameEn,
    };
  }
  const timetableOf = weekdayOfKey(dayKey);
  return { dayKey, kind: 'weekly', periods: periodsOf(timetableOf), timetableOf };
}

/** Periods as instants, with touching or overlapping ones joined ("07:30-11:30","11:30-12:00" is one span). */
function spansOf(dayKey: string, periods: readonly Period[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const period of periods) {
    const start = instantOnDay(dayKey, period.start);
    const end = instantOnDay(dayKey, period.end);
    const last = spans[spans.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else if (start < end) spans.push([start, end]);
  }
  return spans;
}

/** The cached answer for one day; shared between callers, hence frozen. */
export function dayEntry(schedule: Schedule, dayKey: string): DayEntry {
  const compiled = compiledSchedule(schedule);
  let entry = compiled.days.get(dayKey);
  if (entry === undefined) {
    const description = decide(compiled, dayKey);
    entry = Object.freeze({
      description: Object.freeze(description),
      spans: Object.freeze(spansOf(dayKey, description.periods).map((span) => Object.freeze(span))),
    });
    if (compiled.days.size >= MAX_CACHED_DAYS) compiled.days.clear();
    compiled.days.set(dayKey, entry);
  }
  return entry;
}
