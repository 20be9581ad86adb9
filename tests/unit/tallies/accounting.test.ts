import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { MAX_SLICE_MS, initialAccountingState, isCreditable, step, type AccountingEvent, type AccountingState, type Classifier } from '../../../utils/tallies/accounting';
import { type Clock } from '../../../utils/tallies/types';
import { blockedDelta, unlockDelta, visitDelta } from '../../../utils/tallies/deltas';
import { isWorkTime, nextBoundary } from '../../../utils/schedule/work-time';
import { type Schedule } from '../../../utils/schedule/types';
import { localDayKey } from '../../../utils/time/day-key';
import { OTHER, type UsageDelta } from '../../../utils/tallies/types';

// Tests run with TZ=Asia/Shanghai (vitest.config.ts), so local time is Beijing time.
// 2026-03-02 is a Monday; officialCalendar 'none' keeps the official calendar out of these cases.

/** 'YYYY-MM-DD HH:MM[:SS]' local → epoch ms. */
function local(text: string): number {
  const [date = '', time = '00:00'] = text.split(' ');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  return new Date(y!, mo! - 1, d!, h!, mi!, s).getTime();
}

function scheduleOf(weekly: Partial<Schedule['weekly']>): Schedule {
  return {
    officialCalendar: 'none',
    holidays: [],
    workdays: [],
    weekly: {
      mon: weekly.mon ?? [], tue: weekly.tue ?? [], wed: weekly.wed ?? [], thu: weekly.thu ?? [],
      fri: weekly.fri ?? [], sat: weekly.sat ?? [], sun: weekly.sun ?? [],
    },
  };
}

function clockOf(schedule: Schedule): Clock {
  return { isWorkTime: (at) => isWorkTime(schedule, at), nextBoundary: (at) => nextBoundary(schedule, at) };
}

const SCHOOL_DAY = ['07:30-11:30', '13:30-17:30'];
const SCHOOL = clockOf(scheduleOf({ mon: SCHOOL_DAY, tue: SCHOOL_DAY, wed: SCHOOL_DAY, thu: SCHOOL_DAY, fri: SCHOOL_DAY }));
const AROUND_MIDNIGHT = ['00:00-01:00', '23:00-24:00'];
const NIGHT_SHIFT = clockOf(
  scheduleOf({
    mon: AROUND_MIDNIGHT, tue: AROUND_MIDNIGHT, wed: AROUND_MIDNIGHT, thu: AROUND_MIDNIGHT,
    fri: AROUND_MIDNIGHT, sat: AROUND_MIDNIGHT, sun: AROUND_MIDNIGHT,
  }),
);

/** Shopping sites are their own category; everything else is tallied as OTHER, as with recordOtherHosts false. */
const classify: Classifier = (host) =>
  host === 'taobao.com' || host === 'jd.com' ? { host, category: 'shopping' } : { host: OTHER, category: OTHER };

// Event shorthands; times are 'YYYY-MM-DD HH:MM:SS' local, or 'HH:MM:SS' on Monday 2026-03-02.
const when = (time: string) => local(time.includes('-') ? time : `2026-03-02 ${time}`);
const tab = (time: string, host: string | null): AccountingEvent => ({ type: 'activeTab', at: when(time), host });
const windowFocus = (time: string, focused: boolean): AccountingEvent => ({ type: 'windowFocus', at: when(time), focused });
const idle = (time: string, isIdle: boolean): AccountingEvent => ({ type: 'idle', at: when(time), idle: isIdle });
const tick = (time: string): AccountingEvent => ({ type: 'tick', at: when(time) });

/** A focused window showing `host` from `time` on. */
const browsing = (time: string, host: string | null): AccountingEvent[] => [windowFocus(time, true), tab(time, host)];

function run(events: readonly AccountingEvent[], clock: Clock, state = initialAccountingState()) {
  const credits: UsageDelta[] = [];
  for (const event of events) {
    const result = step(state, event, clock, classify);
    credits.push(...result.credits);
    state = result.state;
  }
  return { state, credits };
}

/** Credited seconds per 'day host' (category checked separately where it matters). */
function secondsByDayHost(credits: readonly UsageDelta[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const credit of credits) {
    const key = `${credit.day} ${credit.host}`;
    totals[key] = (totals[key] ?? 0) + credit.workSeconds;
  }
  return totals;
}

describe('step: scripted sequences', () => {
  test.each<[string, Clock, AccountingEvent[], Record<string, number>]>([
    ['tab switch between two hosts', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), tab('10:01:00', 'jd.com'), tick('10:01:30')],
      { '2026-03-02 taobao.com': 60, '2026-03-02 jd.com': 30 }],
    ['an uncategorised host is tallied as (other)', SCHOOL,
      [...browsing('10:00:00', 'smartedu.cn'), tick('10:00:45')],
      { '2026-03-02 (other)': 45 }],
    ['window blur, then focus again', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), windowFocus('10:00:40', false), tick('10:01:40'),
        windowFocus('10:02:00', true), tick('10:02:30')],
      { '2026-03-02 taobao.com': 70 }],
    ['idle, then active again', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), idle('10:00:20', true), tick('10:01:20'), tick('10:02:20'),
        idle('10:02:50', false), tick('10:03:00')],
      { '2026-03-02 taobao.com': 30 }],
    ['a gap over 2 minutes (sleep) is dropped whole', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), tick('10:01:00'), tick('10:03:01'), tick('10:04:01')],
      { '2026-03-02 taobao.com': 120 }],
    ['a gap of exactly 2 minutes is kept', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), tick('10:02:00')],
      { '2026-03-02 taobao.com': 120 }],
    ['a clock that goes back drops that slice, then counts from the new time', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), tick('10:01:00'), tick('09:59:00'), tick('09:59:30')],
      { '2026-03-02 taobao.com': 90 }],
    ['a work period ending at 11:30 cuts the slice', SCHOOL,
      [...browsing('11:29:00', 'taobao.com'), tick('11:30:40'), tick('11:31:40')],
      { '2026-03-02 taobao.com': 60 }],
    ['a work period starting at 13:30 cuts the slice', SCHOOL,
      [...browsing('13:29:30', 'taobao.com'), tick('13:30:30')],
      { '2026-03-02 taobao.com': 30 }],
    ['midnight splits a continuous stretch between the two days', NIGHT_SHIFT,
      [...browsing('2026-03-02 23:59:00', 'taobao.com'), tick('2026-03-03 00:01:00')],
      { '2026-03-02 taobao.com': 60, '2026-03-03 taobao.com': 60 }],
    ['focus moves to another window, whose active tab the background reports', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), windowFocus('10:01:00', false), windowFocus('10:01:00', true),
        tab('10:01:00', 'jd.com'), tick('10:02:00')],
      { '2026-03-02 taobao.com': 60, '2026-03-02 jd.com': 60 }],
    ['an extension page (host null) is never credited', SCHOOL,
      [...browsing('10:00:00', null), tick('10:01:00'), tick('10:02:00')],
      {}],
    ['the block page replacing a site stops its credit', SCHOOL,
      [...browsing('10:00:00', 'taobao.com'), tab('10:00:05', null), tick('10:01:05')],
      { '2026-03-02 taobao.com': 5 }],
    ['nothing outside work time (lunch)', SCHOOL,
      [...browsing('12:00:00', 'taobao.com'), tick('12:01:00'), tick('12:02:00')],
      {}],
    ['nothing on a day without periods (Saturday)', SCHOOL,
      [...browsing('2026-03-07 10:00:00', 'taobao.com'), tick('2026-03-07 10:01:00')],
      {}],
    ['no window focused at start: nothing until the background reports focus', SCHOOL,
      [tab('10:00:00', 'taobao.com'), tick('10:01:00'), windowFocus('10:01:00', true), tick('10:01:10')],
      { '2026-03-02 taobao.com': 10 }],
  ])('%s', (_name, clock, events, expected) => {
    expect(secondsByDayHost(run(events, clock).credits)).toEqual(expected);
  });

  test('credits carry the classified category, one per day', () => {
    const { credits } = run([...browsing('10:00:00', 'jd.com'), tick('10:00:30')], SCHOOL);
    expect(credits).toEqual([
      { day: '2026-03-02', host: 'jd.com', category: 'shopping', workSeconds: 30, visits: 0, blocked: 0, unlocks: 0 },
    ]);
  });

  test('fractional seconds are kept, not rounded', () => {
    const start = when('10:00:00');
    const { credits } = run(
      [{ type: 'windowFocus', at: start, focused: true }, { type: 'activeTab', at: start, host: 'jd.com' },
        { type: 'tick', at: start + 1_234 }],
      SCHOOL,
    );
    expect(credits.map((credit) => credit.workSeconds)).toEqual([1.234]);
  });

  test('a state restored from JSON mid-segment loses nothing', () => {
    const events = [...browsing('10:00:00', 'taobao.com'), tick('10:01:00'), tick('10:01:45'), tab('10:02:00', 'jd.com'),
      tick('10:03:00')];
    const straight = run(events, SCHOOL);
    const first = run(events.slice(0, 3), SCHOOL);
    const restored = JSON.parse(JSON.stringify(first.state)) as AccountingState;
    const second = run(events.slice(3), SCHOOL, restored);
    expect(secondsByDayHost([...first.credits, ...second.credits])).toEqual(secondsByDayHost(straight.credits));
    expect(second.state).toEqual(straight.state);
  });

  test('step never mutates the state it is given', () => {
    const { state } = run(browsing('10:00:00', 'taobao.com'), SCHOOL);
    const before = structuredClone(state);
    step(state, tab('10:00:30', 'jd.com'), SCHOOL, classify);
    expect(state).toEqual(before);
  });
});

describe('segmentStart', () => {
  test.each<[string, AccountingEvent[], string | null]>([
    ['ticks continue the segment', [...browsing('10:00:00', 'taobao.com'), tick('10:01:00'), tick('10:02:00')], '10:00:00'],
    ['another host starts a new one', [...browsing('10:00:00', 'taobao.com'), tab('10:01:00', 'jd.com')], '10:01:00'],
    ['a dropped slice starts a new one', [...browsing('10:00:00', 'taobao.com'), tick('10:05:00')], '10:05:00'],
    ['a clock gone back starts a new one', [...browsing('10:00:00', 'taobao.com'), tick('09:58:00')], '09:58:00'],
    ['not creditable: none', [...browsing('10:00:00', 'taobao.com'), idle('10:01:00', true)], null],
    ['creditable again: from then', [...browsing('10:00:00', 'taobao.com'), idle('10:01:00', true), idle('10:01:30', false)],
      '10:01:30'],
  ])('%s', (_name, events, expected) => {
    expect(run(events, SCHOOL).state.segmentStart).toBe(expected === null ? null : when(expected));
  });
});

describe('count deltas', () => {
  test.each([
    [visitDelta, { visits: 1, blocked: 0, unlocks: 0 }],
    [blockedDelta, { visits: 0, blocked: 1, unlocks: 0 }],
    [unlockDelta, { visits: 0, blocked: 0, unlocks: 1 }],
  ])('%o counts one', (make, counts) => {
    expect(make('2026-03-02', 'jd.com', 'shopping')).toEqual({
      day: '2026-03-02', host: 'jd.com', category: 'shopping', workSeconds: 0, ...counts,
    });
  });
});

describe('step: properties over random event sequences', () => {
  // Dense boundaries, and periods that touch at midnight, so random sequences cross both.
  const DENSE = ['00:00-00:03', '08:00-08:07', '08:09-08:20', '23:58-24:00'];
  const denseClock = clockOf(
    scheduleOf({ mon: DENSE, tue: DENSE, wed: DENSE, thu: DENSE, fri: DENSE, sat: DENSE, sun: DENSE }),
  );
  const HOSTS = ['taobao.com', 'jd.com', 'example.org', null] as const;
  const starts = [when('07:58:00'), when('2026-03-02 23:56:00')];

  /** Gaps in whole seconds, mostly short, some over MAX_SLICE_MS, a few backwards. */
  const gap = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 90 }) },
    { weight: 2, arbitrary: fc.integer({ min: 91, max: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: -120, max: -1 }) },
  );
  const eventKind = fc.oneof(
    fc.record({ type: fc.constant('activeTab' as const), host: fc.constantFrom(...HOSTS) }),
    fc.record({ type: fc.constant('windowFocus' as const), focused: fc.boolean() }),
    fc.record({ type: fc.constant('idle' as const), idle: fc.boolean() }),
    fc.record({ type: fc.constant('tick' as const) }),
  );
  const sequence = fc
    .tuple(fc.constantFrom(...starts), fc.array(fc.tuple(gap, eventKind), { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 40 }))
    .map(([start, steps, roundTrips]) => {
      let at = start;
      const events = steps.map(([seconds, kind]): AccountingEvent => {
        at += seconds * 1000;
        return { ...kind, at };
      });
      return { events, roundTrips };
    });

  /**
   * An independent oracle: walk each kept slice second by second. Boundaries fall on whole
   * minutes and events on whole seconds, so sampling each second is exact.
   */
  function oracle(events: readonly AccountingEvent[]): Record<string, number> {
    const totals: Record<string, number> = {};
    let state = initialAccountingState();
    for (const event of events) {
      const { lastAt, focus } = state;
      if (lastAt !== null && event.at >= lastAt && event.at - lastAt <= MAX_SLICE_MS && isCreditable(focus) && focus.tabHost) {
        for (let second = lastAt; second < event.at; second += 1000) {
          if (!denseClock.isWorkTime(second)) continue;
          const key = `${localDayKey(second)} ${classify(focus.tabHost).host}`;
          totals[key] = (totals[key] ?? 0) + 1;
        }
      }
      state = step(state, event, denseClock, () => ({ host: '', category: '' })).state;
    }
    return totals;
  }

  test('credits equal a second-by-second oracle, survive JSON round-trips, and are positive and bounded', () => {
    fc.assert(
      fc.property(sequence, ({ events, roundTrips }) => {
        let state = initialAccountingState();
        const credits: UsageDelta[] = [];
        let wallCovered = 0;
        events.forEach((event, index) => {
          if (state.lastAt !== null) wallCovered += Math.max(0, event.at - state.lastAt) / 1000;
          if (roundTrips[index]) state = JSON.parse(JSON.stringify(state)) as AccountingState;
          const result = step(state, event, denseClock, classify);
          credits.push(...result.credits);
          state = result.state;
        });
        for (const credit of credits) expect(credit.workSeconds).toBeGreaterThan(0);
        const total = credits.reduce((sum, credit) => sum + credit.workSeconds, 0);
        expect(total).toBeLessThanOrEqual(wallCovered);
        expect(secondsByDayHost(credits)).toEqual(oracle(events));
      }),
      { numRuns: 300 },
    );
  });

  test('an extra tick inside a kept slice changes no total', () => {
    fc.assert(
      fc.property(sequence, fc.nat(), ({ events }, pick) => {
        if (events.length < 2) return;
        const index = 1 + (pick % (events.length - 1));
        const before = events[index - 1]!.at;
        const after = events[index]!.at;
        fc.pre(after >= before && after - before <= MAX_SLICE_MS);
        const withTick = [...events.slice(0, index), { type: 'tick' as const, at: Math.floor((before + after) / 2) }, ...events.slice(index)];
        const rounded = (totals: Record<string, number>) =>
          Object.fromEntries(Object.entries(totals).map(([key, seconds]) => [key, Math.round(seconds * 1000)]));
        expect(rounded(secondsByDayHost(run(withTick, denseClock).credits))).toEqual(
          rounded(secondsByDayHost(run(events, denseClock).credits)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
