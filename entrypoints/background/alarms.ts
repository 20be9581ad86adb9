import { browser } from 'wxt/browser';

export const BOUNDARY_ALARM = 'qingfeng:boundary';
export const CHECKPOINT_ALARM = 'qingfeng:checkpoint';
export const UNLOCK_ALARM = 'qingfeng:unlock-expiry';

/** One alarm at the next instant work time starts or ends; checked by every reconcile. */
export async function armBoundaryAlarm(boundary: number | null): Promise<number | null> {
  const existing = await browser.alarms.get(BOUNDARY_ALARM);
  if (boundary === null) {
    if (existing) await browser.alarms.clear(BOUNDARY_ALARM);
  } else if (existing?.scheduledTime !== boundary) {
    await browser.alarms.create(BOUNDARY_ALARM, { when: boundary });
  }
  return boundary;
}

/**
 * A checkpoint each minute, only in work time: it bounds what a crash can lose to a minute
 * and wakes the worker at most 60 times an hour; outside work time nothing wakes it.
 */
export async function armCheckpoint(workTime: boolean): Promise<void> {
  const existing = await browser.alarms.get(CHECKPOINT_ALARM);
  if (workTime && !existing) await browser.alarms.create(CHECKPOINT_ALARM, { periodInMinutes: 1 });
  if (!workTime && existing) await browser.alarms.clear(CHECKPOINT_ALARM);
}

export async function armUnlockExpiry(when: number | null): Promise<void> {
  if (when === null) await browser.alarms.clear(UNLOCK_ALARM);
  else await browser.alarms.create(UNLOCK_ALARM, { when });
}
