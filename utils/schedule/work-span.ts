/**
 * A stretch of time with one work-time answer: isWorkTime is `workTime` on [from, until) and
 * nextBoundary is `boundary` there. Kept between worker starts so that a wake inside it
 * computes no schedule (issue 16: a timetable of work around the clock made nextBoundary walk
 * its whole one-year horizon at every wake).
 */
import { isWorkTime, nextBoundary } from './work-time';
import type { Schedule } from './types';

export interface WorkSpan {
  from: number;
  /** The boundary, or a day after `from` when none is within the horizon (then it is recomputed daily). */
  until: number;
  workTime: boolean;
  boundary: number | null;
}

const DAY_MS = 24 * 60 * 60_000;

export function workSpanAt(schedule: Schedule, at: number): WorkSpan {
  const boundary = nextBoundary(schedule, at);
  return { from: at, until: boundary ?? at + DAY_MS, workTime: isWorkTime(schedule, at), boundary };
}

export function spanCovers(span: WorkSpan | null | undefined, at: number): span is WorkSpan {
  return span != null && span.from <= at && at < span.until;
}

/** isWorkTime and nextBoundary for the accounting, answered from `span` where it covers `at`. */
export function spanClock(schedule: Schedule, span: WorkSpan | null | undefined): { isWorkTime: (at: number) => boolean; nextBoundary: (at: number) => number | null } {
  return {
    isWorkTime: (at) => (spanCovers(span, at) ? span.workTime : isWorkTime(schedule, at)),
    nextBoundary: (at) => (spanCovers(span, at) ? span.boundary : nextBoundary(schedule, at)),
  };
}
