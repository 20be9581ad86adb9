// Time accounting (docs/design.md, "Time accounting"): which host the teacher had in front of them
// during work time, from timestamped browser events. A pure state machine: no clock, no
// browser. The background feeds it events, writes the credits with addUsage, and keeps the
// state (plain JSON) in extension storage between service-worker runs, so a restart loses
// nothing; its tick each minute bounds what a crash can lose.
//
// Each event settles the slice since the previous event (lastAt → at) against the focus that
// held during it, then applies the event. A slice is credited only when
//   - the focus was creditable: a real tab host (not null: not http(s), or the block page),
//     a focused browser window, and a user who is not idle;
//   - it lasted at most MAX_SLICE_MS and did not run backwards. The background ticks every
//     minute of work time, so a longer gap means the PC slept or the clock jumped forward, and
//     a negative one that the clock went back: the whole slice is dropped, never a guessed
//     part of it;
// and only its work-time parts count, each on the local day it falls in (accountingSlice.ts).
//
// Seconds are fractional, ms precision (slice ms / 1000). Nothing is rounded here, so the
// stored sums match the true totals; the UI rounds when it displays.
import type { Clock, UsageDelta } from './types';
import { workParts } from './work-parts';
import { timeDelta } from './deltas';

/** The longest slice between two events that is still credited (inclusive). */
export const MAX_SLICE_MS = 2 * 60_000;

export interface Focus {
  /** The tallyable host of the focused window's active tab; null when it is not a web page. */
  tabHost: string | null;
  windowFocused: boolean;
  idle: boolean;
}

export interface AccountingState {
  focus: Focus;
  /** When the current creditable focus began, continuously on the same host; null when not creditable. */
  segmentStart: number | null;
  /** The instant up to which time has been settled (the previous event); null before the first event. */
  lastAt: number | null;
}

export type AccountingEvent =
  /** host null: not an http(s) page, or an extension page (the block page); never credited. */
  | { type: 'activeTab'; at: number; host: string | null }
  | { type: 'windowFocus'; at: number; focused: boolean }
  | { type: 'idle'; at: number; idle: boolean }
  /** The alarm checkpoint each minute of work time, and at each work-period boundary. */
  | { type: 'tick'; at: number };

/**
 * Maps a real host to the host and category it is tallied under (OTHER for uncategorised
 * hosts unless recordOtherHosts; the caller decides). Called once per credited slice.
 */
export type Classifier = (host: string) => { host: string; category: string };

export interface StepResult {
  state: AccountingState;
  /** Work seconds to add to usage, at most one per local day; empty when nothing is credited. */
  credits: UsageDelta[];
}

/**
 * The state before any event: nothing is credited until the background has reported the
 * focused window and its active tab (it does so at start-up).
 */
export function initialAccountingState(): AccountingState {
  return { focus: { tabHost: null, windowFocused: false, idle: false }, segmentStart: null, lastAt: null };
}

export function isCreditable(focus: Focus): boolean {
  return focus.tabHost !== null && focus.windowFocused && !focus.idle;
}

/** Settles the time since the previous event, then applies `event`. Never mutates `state`. */
export function step(state: AccountingState, event: AccountingEvent, clock: Clock, classify: Classifier): StepResult {
  const sliceKept = state.lastAt !== null && isSliceKept(state.lastAt, event.at);
  const credits =
    sliceKept && state.lastAt !== null && state.focus.tabHost !== null && isCreditable(state.focus)
      ? creditSlice(state.lastAt, event.at, classify(state.focus.tabHost), clock)
      : [];
  const focus = applyEvent(state.focus, event);
  return {
    state: { focus, segmentStart: nextSegmentStart(state, focus, event.at, sliceKept), lastAt: event.at },
    credits,
  };
}

function isSliceKept(from: number, to: number): boolean {
  const length = to - from;
  return length >= 0 && length <= MAX_SLICE_MS;
}

function creditSlice(from: number, to: number, tallied: { host: string; category: string }, clock: Clock): UsageDelta[] {
  const msByDay = new Map<string, number>();
  for (const part of workParts(from, to, clock)) {
    msByDay.set(part.day, (msByDay.get(part.day) ?? 0) + (part.end - part.start));
  }
  return [...msByDay]
    .filter(([, ms]) => ms > 0)
    .map(([day, ms]) => timeDelta(day, tallied.host, tallied.category, ms / 1000));
}

function applyEvent(focus: Focus, event: AccountingEvent): Focus {
  switch (event.type) {
    case 'activeTab':
      return { ...focus, tabHost: event.host };
    case 'windowFocus':
      return { ...focus, windowFocused: event.focused };
    case 'idle':
      return { ...focus, idle: event.idle };
    case 'tick':
      return focus;
  }
}

/** The segment goes on while the same host stays creditable with no dropped slice; otherwise it starts now. */
function nextSegmentStart(previous: AccountingState, focus: Focus, at: number, sliceKept: boolean): number | null {
  if (!isCreditable(focus)) return null;
  const continues =
    sliceKept && isCreditable(previous.focus) && previous.focus.tabHost === focus.tabHost && previous.segmentStart !== null;
  return continues ? previous.segmentStart : at;
}
