import type { Weekday } from '../policy/constants';

// The shape of the policy's `schedule` object after validation (docs/design.md, "The policy").
// The policy module hands it over normalised and valid; this code only parses it.

export interface Schedule {
  /** Work periods per weekday, "HH:MM-HH:MM" local time, start < end, "24:00" allowed as an end. */
  weekly: Record<Weekday, string[]>;
  /** 'cn': State Council public holidays are off and make-up days (调休) are on. */
  officialCalendar: 'cn' | 'none';
  /** Extra days off: "YYYY-MM-DD" or an inclusive range "YYYY-MM-DD..YYYY-MM-DD". */
  holidays: string[];
  /** Extra working days, with the periods of weekday `as`. */
  workdays: { date: string; as: Weekday }[];
}

/** A work period in minutes since local midnight, [start, end); end may be 1440. */
export interface Period {
  readonly start: number;
  readonly end: number;
}

/** Why a day has the periods it has; the block page and the URL tester explain it. */
export type DayKind = 'weekly' | 'officialHoliday' | 'officialMakeup' | 'extraHoliday' | 'extraWorkday';

export interface DayDescription {
  readonly dayKey: string;
  readonly kind: DayKind;
  /** Work periods of the day, sorted by start; empty on a day off. */
  readonly periods: readonly Period[];
  /** The weekday whose timetable applies; null when the day is off by a holiday. */
  readonly timetableOf: Weekday | null;
  /** Official holiday name (中文, e.g. '国庆节') for officialHoliday and officialMakeup days. */
  readonly holidayName?: string;
  /** The same name in English, e.g. 'National Day'. */
  readonly holidayNameEn?: string;
}

export interface CalendarStatus {
  /** Years near the instant asked about that the official calendar has no data for yet. */
  missingYears: number[];
}
