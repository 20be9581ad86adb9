import { browser } from 'wxt/browser';
import { nextBoundary, type Schedule } from '@/utils/schedule';

export const BOUNDARY_ALARM = 'qingfeng:boundary';

/** One alarm at the next instant work time starts or ends; re-armed by every reconcile. */
export async function armBoundaryAlarm(schedule: Schedule, now: number): Promise<number | null> {
  const boundary = nextBoundary(schedule, now);
  if (boundary === null) await browser.alarms.clear(BOUNDARY_ALARM);
  else browser.alarms.create(BOUNDARY_ALARM, { when: boundary });
  return boundary;
}
