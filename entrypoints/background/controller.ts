import { resolveConfig, type EffectiveConfig } from '@/utils/config';
import type { StatusResponse } from '@/utils/messages';
import { calendarStatus, isWorkTime, nextBoundary } from '@/utils/schedule';
import { armBoundaryAlarm } from './alarms';
import { applyBlocking } from './blocking';
import { refreshPolicy } from './policy-manager';
import { blockingState, lastGoodPolicy, policyStatus, teacherSettings } from './storage';

/** The configuration in force now: the cached last good policy over the teacher's settings. */
export async function currentConfig(): Promise<EffectiveConfig> {
  return resolveConfig(await lastGoodPolicy.getValue(), await teacherSettings.getValue());
}

async function applyConfig(): Promise<void> {
  const now = Date.now();
  const config = await currentConfig();
  await applyBlocking(config, now);
  await armBoundaryAlarm(config.values.schedule, now);
}

let queue: Promise<void> = Promise.resolve();
/** Reconciles run one at a time: start-up, install and wake often arrive together. */
function serialised(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

/**
 * Brings the rules and alarms in line with the time and the configuration. With
 * `readPolicy`, first applies the cached last good policy (Chromium answers storage.managed
 * only ~3 s after start-up: no unprotected window), then reads managed storage and applies
 * again if it changed.
 */
export function reconcile(reason: string, readPolicy = true): Promise<void> {
  return serialised(async () => {
    await applyConfig();
    if (!readPolicy) return;
    const before = JSON.stringify(await lastGoodPolicy.getValue());
    const { policy } = await refreshPolicy(Date.now());
    if (JSON.stringify(policy) !== before) await applyConfig();
    console.info(`[qingfeng] reconciled (${reason})`);
  });
}

export async function getStatus(): Promise<StatusResponse> {
  const now = Date.now();
  const { values } = await currentConfig();
  return {
    now,
    workTime: isWorkTime(values.schedule, now),
    nextBoundary: nextBoundary(values.schedule, now),
    schoolName: values.schoolName,
    policy: await policyStatus.getValue(),
    calendarMissingYears: calendarStatus(values.schedule, now).missingYears,
    rulesInForce: (await blockingState.getValue()).inForce,
    ruleErrors: (await blockingState.getValue()).errors.map((e) => e.message),
    blockedToday: 0,
  };
}
