import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import { calendarStatus, isWorkTime, nextBoundary } from '../../../utils/schedule/work-time';
import { dayEntry } from '../../../utils/schedule/day-rules';
import { WEEKDAYS, type Weekday } from '../../../utils/policy/constants';
import { type Schedule } from '../../../utils/schedule/types';
import { hasOfficialData, officialDay } from '../../../utils/schedule/official-calendar';
import { localDayKey, localMidnight } from '../../../utils/time/day-key';

/** Why a day has its periods (the rules of precedence, through the day rules' own answer). */
const describeDay = (schedule: Schedule, dayKey: string) => dayEntry(schedule, dayKey).description;

// Tests run with TZ=Asia/Shanghai (vitest.config.ts), so local time is Beijing time.

/** 'YYYY-MM-DD HH:MM[:SS]' local → epoch ms. */
function local(text: string): number {
  const [date = '', time = '00:00'] = text.split(' ');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  return new Date(y!, mo! - 1, d!, h!, mi!, s).getTime();
}

function show(at: number | null): string | null {
  if (at === null) return null;
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${localDayKey(at)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const SCHOOL_DAY = ['07:30-11:30', '13:30-17:30'];

function schedule(overrides: Partial<Omit<Schedule, 'weekly'>> & { weekly?: Partial<Schedule['weekly']> } = {}): Schedule {
  const weekly = overrides.weekly ?? {
    mon: SCHOOL_DAY, tue: SCHOOL_DAY, wed: SCHOOL_DAY, thu: SCHOOL_DAY, fri: SCHOOL_DAY,
  };
  return {
    officialCalendar: overrides.officialCalendar ?? 'cn',
    holidays: overrides.holidays ?? [],
    workdays: overrides.workdays ?? [],
    weekly: {
      mon: weekly.mon ?? [], tue: weekly.tue ?? [], wed: weekly.wed ?? [], thu: weekly.thu ?? [],
      fri: weekly.fri ?? [], sat: weekly.sat ?? [], sun: weekly.sun ?? [],
    },
  };
}

const SCHOOL = schedule();

describe('the official calendar data', () => {
  test.each([
    ['2026-10-01', 'holiday', '国庆节'],
    ['2026-10-07', 'holiday', '国庆节'],
    ['2026-09-20', 'makeup', '国庆节'],
    ['2026-10-10', 'makeup', '国庆节'],
    ['2026-02-15', 'holiday', '春节'],
    ['2026-02-23', 'holiday', '春节'],
    ['2026-02-14', 'makeup', '春节'],
    ['2026-02-28', 'makeup', '春节'],
  ] as const)('%s is an official %s of %s', (dayKey, kind, name) => {
    expect(officialDay(dayKey)).toMatchObject({ kind, name });
  });

  test('ordinary days are neither', () => {
    expect(officialDay('2026-10-08')).toBeNull();
    expect(officialDay('2026-10-11')).toBeNull(); // an ordinary Sunday
  });

  test('2026 has data, 2027 not yet', () => {
    expect(hasOfficialData(2026)).toBe(true);
    expect(hasOfficialData(2027)).toBe(false);
  });

  test('a Monday-to-Friday school works exactly on the days chinese-days calls workdays, all of 2026', () => {
    const mismatches: string[] = [];
    for (let day = new Date(2026, 0, 1); day.getFullYear() === 2026; day.setDate(day.getDate() + 1)) {
      const dayKey = localDayKey(day.getTime());
      const ours = describeDay(SCHOOL, dayKey).periods.length > 0;
      if (ours !== chineseDays.isWorkday(dayKey)) mismatches.push(dayKey);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('isWorkTime', () => {
  test.each([
    ['an ordinary Wednesday morning', SCHOOL, '2026-09-30 08:00', true],
    ['an ordinary Wednesday lunch break', SCHOOL, '2026-09-30 12:00', false],
    ['an ordinary Saturday', SCHOOL, '2026-11-28 08:00', false],
    ['National Day, Thursday Oct 1', SCHOOL, '2026-10-01 08:00', false],
    ['National Day, Monday Oct 5', SCHOOL, '2026-10-05 08:00', false],
    ['National Day, Wednesday Oct 7', SCHOOL, '2026-10-07 15:00', false],
    ['the day after National Day', SCHOOL, '2026-10-08 08:00', true],
    ['National Day make-up Sunday Sep 20', SCHOOL, '2026-09-20 08:00', true],
    ['National Day make-up Saturday Oct 10', SCHOOL, '2026-10-10 14:00', true],
    ['Spring Festival, Sunday Feb 15', SCHOOL, '2026-02-15 08:00', false],
    ['Spring Festival, Monday Feb 16', SCHOOL, '2026-02-16 08:00', false],
    ['Spring Festival, Monday Feb 23', SCHOOL, '2026-02-23 08:00', false],
    ['the day after Spring Festival', SCHOOL, '2026-02-24 08:00', true],
    ['Spring Festival make-up Saturday Feb 14', SCHOOL, '2026-02-14 08:00', true],
    ['Spring Festival make-up Saturday Feb 28', SCHOOL, '2026-02-28 08:00', true],
    ['officialCalendar none: Oct 1 is a plain Thursday', schedule({ officialCalendar: 'none' }), '2026-10-01 08:00', true],
    ['officialCalendar none: Oct 10 is a plain Saturday', schedule({ officialCalendar: 'none' }), '2026-10-10 08:00', false],
    ['2027 without data: Oct 1 Friday follows the weekly timetable', SCHOOL, '2027-10-01 08:00', true],
    ['2027 without data: Feb 6 Saturday follows the weekly timetable', SCHOOL, '2027-02-06 08:00', false],
  ])('%s', (_name, sched, at, expected) => {
    expect(isWorkTime(sched, local(at))).toBe(expected);
  });

  test.each([
    ['the instant a period starts is work', '2026-09-30 07:30', true],
    ['the last millisecond before it starts is not', '2026-09-30 07:29:59', false],
    ['the instant a period ends is not work', '2026-09-30 11:30', false],
    ['the last second of a period is work', '2026-09-30 11:29:59', true],
  ])('%s', (_name, at, expected) => {
    expect(isWorkTime(SCHOOL, local(at))).toBe(expected);
  });

  test('one millisecond around a period start', () => {
    expect(isWorkTime(SCHOOL, local('2026-09-30 07:30') - 1)).toBe(false);
    expect(isWorkTime(SCHOOL, local('2026-09-30 11:30') - 1)).toBe(true);
  });
});

describe('extra holidays and workdays', () => {
  const withExtras = schedule({
    holidays: ['2027-01-20..2027-02-24', '2026-12-31', '2026-10-10'],
    workdays: [
      { date: '2026-12-26', as: 'mon' },
      { date: '2026-10-02', as: 'fri' },
      { date: '2026-11-28', as: 'sat' },
      { date: '2027-01-25', as: 'mon' },
    ],
    weekly: { mon: ['08:00-12:00'], tue: SCHOOL_DAY, wed: SCHOOL_DAY, thu: SCHOOL_DAY, fri: ['09:00-10:00'], sat: ['08:00-09:00'] },
  });

  test.each([
    ['the day before a vacation works', '2027-01-19', 'weekly', true],
    ['the first day of a vacation range is off', '2027-01-20', 'extraHoliday', false],
    ['a day inside a vacation range is off', '2027-02-01', 'extraHoliday', false],
    ['the last day of a vacation range is off', '2027-02-24', 'extraHoliday', false],
    ['the day after a vacation works', '2027-02-25', 'weekly', true],
    ['a single extra holiday is off', '2026-12-31', 'extraHoliday', false],
    ['an extra holiday beats an official make-up day', '2026-10-10', 'extraHoliday', false],
    ['an extra workday beats an official holiday', '2026-10-02', 'extraWorkday', true],
    ['an extra workday beats an extra holiday', '2027-01-25', 'extraWorkday', true],
  ])('%s (%s)', (_name, dayKey, kind, works) => {
    const day = describeDay(withExtras, dayKey);
    expect(day.kind).toBe(kind);
    expect(day.periods.length > 0).toBe(works);
  });

  test('a weekend make-up day with `as` takes that weekday\'s periods', () => {
    expect(describeDay(withExtras, '2026-12-26')).toMatchObject({
      kind: 'extraWorkday', timetableOf: 'mon', periods: [{ start: 480, end: 720 }],
    });
    expect(isWorkTime(withExtras, local('2026-12-26 11:59'))).toBe(true);
    expect(isWorkTime(withExtras, local('2026-12-26 13:30'))).toBe(false);
  });

  test('an extra workday has the periods of its `as` weekday', () => {
    // 2026-11-28 is a Saturday, named as one, and this school has Saturday periods.
    expect(describeDay(withExtras, '2026-11-28')).toMatchObject({ timetableOf: 'sat', periods: [{ start: 480, end: 540 }] });
  });

  test('an explicit workday on an official make-up day wins with its `as`', () => {
    const sched = schedule({ workdays: [{ date: '2026-10-10', as: 'fri' }], weekly: { mon: SCHOOL_DAY, fri: ['09:00-10:00'] } });
    expect(describeDay(sched, '2026-10-10')).toMatchObject({ kind: 'extraWorkday', timetableOf: 'fri' });
  });
});

describe('describeDay explains official days', () => {
  test('closed because 国庆节', () => {
    expect(describeDay(SCHOOL, '2026-10-01')).toEqual({
      dayKey: '2026-10-01', kind: 'officialHoliday', periods: [], timetableOf: null,
      holidayName: '国庆节', holidayNameEn: 'National Day',
    });
  });

  test('an official make-up day takes the first Monday-to-Friday timetable with periods', () => {
    const sched = schedule({ weekly: { mon: [], tue: ['09:00-10:00'], wed: SCHOOL_DAY } });
    expect(describeDay(sched, '2026-09-20')).toMatchObject({
      kind: 'officialMakeup', timetableOf: 'tue', periods: [{ start: 540, end: 600 }], holidayName: '国庆节',
    });
  });

  test('an ordinary day names its weekday', () => {
    expect(describeDay(SCHOOL, '2026-11-26')).toMatchObject({ kind: 'weekly', timetableOf: 'thu' });
    expect(describeDay(SCHOOL, '2026-11-26').periods).toEqual([{ start: 450, end: 690 }, { start: 810, end: 1050 }]);
  });
});

describe('nextBoundary', () => {
  const nightShift = schedule({
    officialCalendar: 'none',
    weekly: {
      mon: ['20:00-24:00'], tue: ['00:00-06:00'], // continuous across midnight
      wed: ['22:00-24:00'], // ends at midnight, nothing on Thursday at 00:00
      fri: ['07:30-11:30', '11:30-12:00'], // adjacent periods
    },
  });
  const roundTheClock = schedule({
    officialCalendar: 'none',
    weekly: Object.fromEntries((['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Weekday[]).map((d) => [d, ['00:00-24:00']])),
  });

  test.each([
    ['in a morning period → its end', SCHOOL, '2026-09-30 08:00', '2026-09-30 11:30'],
    ['at the exact start of a period → its end', SCHOOL, '2026-09-30 07:30', '2026-09-30 11:30'],
    ['at the exact end of a period → the next start', SCHOOL, '2026-09-30 11:30', '2026-09-30 13:30'],
    ['before school → the first start', SCHOOL, '2026-09-30 06:00', '2026-09-30 07:30'],
    ['Friday evening → Monday morning across the weekend', SCHOOL, '2026-11-27 17:30', '2026-11-30 07:30'],
    ['Saturday → Monday morning', SCHOOL, '2026-11-28 10:00', '2026-11-30 07:30'],
    ['before Spring Festival → its make-up Saturday', SCHOOL, '2026-02-13 18:00', '2026-02-14 07:30'],
    ['the make-up Saturday evening → after Spring Festival', SCHOOL, '2026-02-14 17:30', '2026-02-24 07:30'],
    ['inside Spring Festival → after it', SCHOOL, '2026-02-18 09:00', '2026-02-24 07:30'],
    ['before National Day → after it', SCHOOL, '2026-09-30 17:30', '2026-10-08 07:30'],
    ['the Friday before the Sep 20 make-up → that Sunday', SCHOOL, '2026-09-18 17:30', '2026-09-20 07:30'],
    ['into a 24:00 period continued at 00:00 → no boundary at midnight', nightShift, '2026-11-30 21:00', '2026-12-01 06:00'],
    ['just after that midnight → the same end', nightShift, '2026-12-01 00:00', '2026-12-01 06:00'],
    ['a period ending 24:00 with nothing after → midnight', nightShift, '2026-12-02 23:00', '2026-12-03 00:00'],
    ['adjacent periods → no boundary where they touch', nightShift, '2026-12-04 08:00', '2026-12-04 12:00'],
    ['at the touching point of adjacent periods → the same end', nightShift, '2026-12-04 11:30', '2026-12-04 12:00'],
  ])('%s', (_name, sched, at, expected) => {
    expect(show(nextBoundary(sched, local(at)))).toBe(expected);
  });

  test('the instant where two adjacent periods touch is work', () => {
    expect(isWorkTime(nightShift, local('2026-12-04 11:30'))).toBe(true);
    expect(isWorkTime(nightShift, local('2026-12-01 00:00'))).toBe(true);
    expect(isWorkTime(nightShift, local('2026-12-03 00:00'))).toBe(false);
  });

  test('an empty timetable has no boundary', () => {
    expect(nextBoundary(schedule({ weekly: {} }), local('2026-11-26 10:00'))).toBeNull();
  });

  test('work around the clock has no boundary', () => {
    expect(isWorkTime(roundTheClock, local('2026-11-26 10:00'))).toBe(true);
    expect(nextBoundary(roundTheClock, local('2026-11-26 10:00'))).toBeNull();
  });

  test('a vacation range is crossed in one step', () => {
    const sched = schedule({ holidays: ['2027-01-20..2027-02-24'] });
    expect(show(nextBoundary(sched, local('2027-01-19 17:30')))).toBe('2027-02-25 07:30');
  });
});

describe('calendarStatus', () => {
  test.each([
    // #14: weeks ahead of a year without data the teacher hears nothing (the admin does).
    ['30 Nov 2026: 2027 is missing, but the teacher is not told yet', SCHOOL, '2026-11-30 10:00', []],
    ['mid 2025: both years have data', SCHOOL, '2025-06-01 10:00', []],
    ['in 2027: the teacher hears of 2027 only', SCHOOL, '2027-03-01 10:00', [2027]],
    ['in 2027, with 2027 days in the policy: nothing', schedule({ workdays: [{ date: '2027-02-07', as: 'mon' }] }), '2027-03-01 10:00', []],
    ['officialCalendar none never warns', schedule({ officialCalendar: 'none' }), '2026-11-26 10:00', []],
  ])('%s', (_name, sched, at, missingYears) => {
    expect(calendarStatus(sched, local(at))).toEqual({ missingYears });
  });
});

describe('local day keys', () => {
  test('a day key is the local date, not the UTC one', () => {
    expect(localDayKey(Date.UTC(2026, 8, 30, 16, 0))).toBe('2026-10-01'); // 00:00 in Beijing
    expect(localDayKey(Date.UTC(2026, 8, 30, 15, 59, 59, 999))).toBe('2026-09-30');
  });

  test('localMidnight parses back to the local midnight', () => {
    expect(localMidnight('2026-10-01')).toBe(Date.UTC(2026, 8, 30, 16, 0));
    expect(localDayKey(localMidnight('2028-02-29'))).toBe('2028-02-29');
  });
});

describe('property: isWorkTime is constant up to nextBoundary and flips there', () => {
  const FIRST = local('2024-01-01 00:00');
  const LAST = local('2028-12-31 23:59');
  const DAY_SPAN = Math.round((LAST - FIRST) / 86_400_000);

  const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const dayKeyAfter = (days: number) => {
    const date = new Date(FIRST);
    date.setDate(date.getDate() + days);
    return localDayKey(date.getTime());
  };

  // Cut points on a day; midnight, 24:00 and common school times come up often so that
  // periods touch each other and midnight.
  const cutPoint = fc.oneof(fc.constantFrom(0, 1440, 450, 690, 810, 1050), fc.integer({ min: 0, max: 1440 }));
  // Periods are consecutive cut points, either every other pair (gaps) or a chain (touching).
  const dayPeriods = fc
    .tuple(fc.uniqueArray(cutPoint, { maxLength: 6 }), fc.boolean())
    .map(([points, chained]) => {
      const sorted = [...points].sort((a, b) => a - b);
      const periods: string[] = [];
      for (let i = 0; i + 1 < sorted.length; i += chained ? 1 : 2) {
        periods.push(`${clock(sorted[i]!)}-${clock(sorted[i + 1]!)}`);
      }
      return periods;
    });
  const dayKey = fc.integer({ min: 0, max: DAY_SPAN }).map(dayKeyAfter);
  const holiday = fc
    .tuple(fc.integer({ min: 0, max: DAY_SPAN }), fc.option(fc.integer({ min: 0, max: 60 })))
    .map(([start, length]) => (length === null ? dayKeyAfter(start) : `${dayKeyAfter(start)}..${dayKeyAfter(start + length)}`));
  const arbitrarySchedule: fc.Arbitrary<Schedule> = fc.record({
    weekly: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, dayPeriods])) as Record<Weekday, fc.Arbitrary<string[]>>),
    officialCalendar: fc.constantFrom('cn' as const, 'none' as const),
    holidays: fc.array(holiday, { maxLength: 4 }),
    workdays: fc.array(
      fc.record({ date: dayKey, as: fc.constantFrom(...WEEKDAYS) }),
      { maxLength: 4 },
    ),
  });

  test('for random schedules and instants in 2024-2028', () => {
    fc.assert(
      fc.property(
        arbitrarySchedule,
        fc.integer({ min: FIRST, max: LAST }),
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (sched, at, fractions) => {
          const working = isWorkTime(sched, at);
          const boundary = nextBoundary(sched, at);
          const end = boundary ?? at + 365 * 86_400_000;
          if (boundary !== null) {
            expect(boundary).toBeGreaterThan(at);
            expect(isWorkTime(sched, boundary)).toBe(!working);
            expect(isWorkTime(sched, boundary - 1)).toBe(working);
          }
          for (const fraction of fractions) {
            const probe = at + Math.floor((end - at) * fraction);
            expect(isWorkTime(sched, probe)).toBe(working);
          }
          // Every local midnight in between too: that is where days could disagree.
          for (let day = localMidnight(localDayKey(at)); day < end; ) {
            if (day > at) expect(isWorkTime(sched, day)).toBe(working);
            const next = new Date(day);
            next.setDate(next.getDate() + 1);
            day = next.getTime();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
