// Usage deltas for one tallied host on one day: time from accounting, and the counts the
// background records itself (a visit on navigation, a blocked attempt, an unlock granted).
import type { UsageDelta } from './types';

function emptyDelta(day: string, host: string, category: string): UsageDelta {
  return { day, host, category, workSeconds: 0, visits: 0, blocked: 0, unlocks: 0 };
}

export function timeDelta(day: string, host: string, category: string, workSeconds: number): UsageDelta {
  return { ...emptyDelta(day, host, category), workSeconds };
}

export function visitDelta(day: string, host: string, category: string): UsageDelta {
  return { ...emptyDelta(day, host, category), visits: 1 };
}

export function blockedDelta(day: string, host: string, category: string): UsageDelta {
  return { ...emptyDelta(day, host, category), blocked: 1 };
}

export function unlockDelta(day: string, host: string, category: string): UsageDelta {
  return { ...emptyDelta(day, host, category), unlocks: 1 };
}
