import { DEFAULTS, type Policy } from '@/utils/policy';
import { calendarStatus, isWorkTime, nextBoundary } from '@/utils/schedule';
import type { StatusResponse } from '@/utils/messages';
import { refreshPolicy } from './policy-manager';
import { lastGoodPolicy, policyStatus } from './storage';

/** The schedule in force: the policy's, or the built-in one. */
function scheduleOf(policy: Policy | null) {
  return (policy?.schedule as typeof DEFAULTS.schedule | undefined) ?? DEFAULTS.schedule;
}

/** Re-reads the policy and brings everything that depends on it up to date. */
export async function reconcile(reason: string): Promise<void> {
  const now = Date.now();
  const { policy, status } = await refreshPolicy(now);
  console.info(`[qingfeng] reconcile (${reason}): policy ${status.present ? (status.valid ? 'valid' : 'invalid') : 'absent'}`, policy);
}

export async function getStatus(): Promise<StatusResponse> {
  const now = Date.now();
  const policy = await lastGoodPolicy.getValue();
  const schedule = scheduleOf(policy);
  return {
    now,
    workTime: isWorkTime(schedule, now),
    nextBoundary: nextBoundary(schedule, now),
    schoolName: (policy?.schoolName as string | undefined) ?? DEFAULTS.schoolName,
    policy: await policyStatus.getValue(),
    calendarMissingYears: calendarStatus(schedule, now).missingYears,
  };
}
