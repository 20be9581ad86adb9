import { calendarStatus, isWorkTime, nextBoundary } from '@/utils/schedule/work-time';
import type { StatusResponse } from '@/utils/messages/types';
import { countEvents } from '@/utils/tallies/db';
import { localDayKey } from '@/utils/time/day-key';
import { armBoundaryAlarm } from './alarms';
import { updateBadge } from './badge';
import { applyBlocking } from './blocking';
import { currentContext, invalidateContext } from './context';
import { refreshPolicy } from './policy-manager';
import { blockingState, lastGoodPolicy, policyStatus, storageProblem } from './storage';
import { prune, tallyDb } from './tallies';

async function applyConfig(): Promise<void> {
  const now = Date.now();
  invalidateContext();
  const ctx = await currentContext();
  await applyBlocking(ctx, now);
  const boundary = await armBoundaryAlarm(ctx.config.values.schedule, now);
  // The badge is a view: a failure there must not stop the reconcile.
  await refreshBadge(now, boundary).catch((error: unknown) => console.warn('[qingfeng] badge not updated', error));
  // Pruning is housekeeping: a database problem must not stop the reconcile (tallyDb() resets a broken one).
  await prune(now, ctx.config.values.retentionDays).catch((error: unknown) => console.warn('[qingfeng] prune failed', error));
}

/** The badge after anything that changes rules-in-force or today's blocked count. */
export async function refreshBadge(now = Date.now(), boundary?: number | null): Promise<void> {
  const { values } = (await currentContext()).config;
  const blockedToday = await countEvents(await tallyDb(), 'blocked', localDayKey(now)).catch(() => 0);
  await updateBadge({
    inForce: (await blockingState.getValue()).inForce,
    blockedToday,
    nextBoundary: boundary === undefined ? nextBoundary(values.schedule, now) : boundary,
    now,
  });
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
    // Protection first: the rules do not wait on the database or the policy read.
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
  const { values } = (await currentContext()).config;
  const blocking = await blockingState.getValue();
  return {
    now,
    workTime: isWorkTime(values.schedule, now),
    nextBoundary: nextBoundary(values.schedule, now),
    schoolName: values.schoolName,
    policy: await policyStatus.getValue(),
    calendarMissingYears: calendarStatus(values.schedule, now).missingYears,
    rulesInForce: blocking.inForce,
    ruleErrors: blocking.errors.map((e) => e.message),
    blockedToday: await countEvents(await tallyDb(), 'blocked', localDayKey(now)).catch(() => 0),
    storageError: (await storageProblem.getValue())?.error ?? null,
  };
}
