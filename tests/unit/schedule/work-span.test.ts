// Issue 16: a wake inside a stored span answers work time and the next boundary without
// computing the schedule; the answers must be exactly the schedule's.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { spanClock, spanCovers, workSpanAt } from '@/utils/schedule/work-span';
import { isWorkTime, nextBoundary } from '@/utils/schedule/work-time';
import type { Schedule } from '@/utils/schedule/types';
import { resolveConfig } from '@/utils/policy/resolve';

const builtIn: Schedule = resolveConfig(null, null).values.schedule;
const allDay = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]));
const aroundTheClock: Schedule = resolveConfig({ schedule: { weekly: allDay, officialCalendar: 'none' } } as never, null).values.schedule;
const START = new Date('2026-11-23T00:00:00+08:00').getTime();
const WEEK = 7 * 24 * 3_600_000;

describe.each([
  ['the built-in timetable', builtIn],
  ['work around the clock', aroundTheClock],
])('%s', (_name, schedule) => {
  test('inside a span, its clock answers as the schedule does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: WEEK }), fc.integer({ min: 0, max: 2 * WEEK }), (start, offset) => {
        const span = workSpanAt(schedule, START + start);
        const at = START + start + offset;
        const clock = spanClock(schedule, span);
        expect(clock.isWorkTime(at)).toBe(isWorkTime(schedule, at));
        if (spanCovers(span, at)) expect(clock.nextBoundary(at)).toBe(nextBoundary(schedule, at));
      }),
      { numRuns: 200 },
    );
  });
});

test('a span covers [from, until) only', () => {
  const span = workSpanAt(builtIn, new Date('2026-11-26T09:00:00+08:00').getTime());
  expect(span.workTime).toBe(true);
  expect(spanCovers(span, span.from)).toBe(true);
  expect(spanCovers(span, span.until - 1)).toBe(true);
  expect(spanCovers(span, span.until)).toBe(false);
  expect(spanCovers(span, span.from - 1)).toBe(false);
  expect(spanCovers(null, span.from)).toBe(false);
});
