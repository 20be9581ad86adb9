/**
 * Brings the rules, alarms and badge in line with the time and the configuration: the one
 * place that orders the background's single-purpose modules.
 */
import { calendarStatus } from '@/utils/schedule/work-time';
import type { StatusResponse } from '@/utils/messages/types';
import { localDayKey } from '@/utils/time/day-key';
import { armBoundaryAlarm, armCheckpoint, armUnlockExpiry } from './alarms';
import { updateBadge } from './badge';
import { applyBlocking, installedRulesUnchanged } from './blocking';
import { configurationChanged, currentContext, keepWithDerived, wakeConfig, workSpan } from './context';
import { dnrAvailable, dnrLimits } from './dnr';
import { keepLiveUnlocks } from './live-unlocks';
import { listenToNavigation } from './navigation-listeners';
import { countBlocked } from './records';
import { refreshPolicy } from './policy-manager';
import { blockedCount, blockingState, policyStatus, storageProblem } from './storage';
import { sendOpenTabsToBlockPage } from './tab-sweep';
import { prune } from './tally-db';

/**
 * Applies the configuration in force at this instant; true when the browser holds exactly its
 * rules. When the rules were compiled from the same configuration, work time and unlocks, there
 * is nothing to compile: a checkpoint wake reads no policy and builds no index (issue 16).
 */
async function applyConfig(): Promise<boolean> {
  const now = Date.now();
  const wake = await wakeConfig();
  const span = await workSpan(now);
  const inWorkTime = span.workTime;
  // Off work the browser need not tell the worker of every page load (issue 16).
  listenToNavigation(inWorkTime);
  // #17: a stored unlock is honoured only within the policy's minutes, the work period and a
  // matching unlock event; the configuration is read only when an unlock is stored.
  const unlockMinutes = async () => (await currentContext()).config.values.unlock.minutes;
  const live = await keepLiveUnlocks(now, inWorkTime, unlockMinutes, inWorkTime ? span.boundary : null);
  // #17: Firefox with extensions.dnr.enabled=false has no blocking API; applyBlocking says so.
  const hasDnr = dnrAvailable();
  const rulesKey = [wake.digest, inWorkTime, JSON.stringify(live), hasDnr ? JSON.stringify(dnrLimits()) : 'no dnr'].join('|');
  const previous = await blockingState.getValue();
  // Nothing to compile when the inputs are unchanged; but the rules the browser holds are the
  // truth (#17), so even then they are read back, and this minute's slice of them hashed.
  const unchanged = hasDnr && previous.rulesKey === rulesKey && previous.fingerprint !== null && (await installedRulesUnchanged(previous, now));
  const outcome = unchanged
    ? { applied: previous.errors.length === 0, rulesStartedOrChanged: false }
    : await applyBlocking(await currentContext(), now, inWorkTime, live, rulesKey);
  await armCheckpoint(inWorkTime);
  await armUnlockExpiry(live.length === 0 ? null : Math.min(...live.map((u) => u.until)));
  if (outcome.rulesStartedOrChanged) await sendOpenTabsToBlockPage(await currentContext(), now, live);
  const boundary = await armBoundaryAlarm(span.boundary);
  // The badge is a view: a failure there must not stop the reconcile.
  await refreshBadge(now, boundary).catch((error: unknown) => console.warn('[qingfeng] badge not updated', error));
  // Pruning is housekeeping, once a day and after each configuration change (a new retention
  // prunes at once): a database problem must not stop the reconcile (tallyDb() resets a broken one).
  const today = localDayKey(now);
  if (wake.prunedDay !== today) {
    await prune(now, wake.retentionDays)
      .then(() => keepWithDerived(wake.digest, { prunedDay: today }))
      .catch((error: unknown) => console.warn('[qingfeng] prune failed', error));
  }
  return outcome.applied;
}

/** The badge after anything that changes rules-in-force or today's blocked count. */
export async function refreshBadge(now = Date.now(), boundary?: number | null): Promise<void> {
  const day = localDayKey(now);
  const kept = await blockedCount.getValue();
  const blockedToday = kept?.day === day ? kept.count : await countBlocked(day).catch(() => 0);
  await updateBadge({
    inForce: (await blockingState.getValue()).inForce,
    blockedToday,
    nextBoundary: boundary === undefined ? (await workSpan(now)).boundary : boundary,
    now,
  });
}

let queue: Promise<unknown> = Promise.resolve();
/** The reconcile queued behind the running one and not started yet, which later requests join. */
type Waiting = { reasons: string[]; readPolicy: boolean | 'if-stale'; run: Promise<boolean> };
let waiting: Waiting | null = null;

/** How old a policy read may be before a worker start reads managed storage again. */
const POLICY_READ_MAX_AGE_MS = 15 * 60_000;

/**
 * Brings the rules and alarms in line with the time and the configuration in force; the
 * configuration is rebuilt only when it changed (a boundary, a wake or an unlock's end
 * changes the time, not the configuration). With `readPolicy`, first applies the cached last
 * good policy (Chromium answers storage.managed only ~3 s after start-up: no unprotected
 * window), then reads managed storage and applies again if the policy changed. 'if-stale'
 * reads only when the last read is older than POLICY_READ_MAX_AGE_MS: a worker woken by the
 * checkpoint alarm has nothing new to read, since Chromium wakes it with storage.onChanged
 * when the policy changes and Firefox reads managed storage only at start-up. Resolves to
 * whether the browser holds exactly the rules of the configuration.
 */
export function reconcile(reason: string, readPolicy: boolean | 'if-stale' = true): Promise<boolean> {
  // Reconciles run one at a time (start-up, install, a policy change and a wake often arrive
  // together); requests that arrive while one waits its turn join it, since one run after the
  // running one sees everything they would (issue 16: at a 100k-domain policy each run reads
  // the browser's rules back and hashes them, ~60 ms, and a first start queued three).
  if (waiting) {
    waiting.reasons.push(reason);
    waiting.readPolicy = strongerRead(waiting.readPolicy, readPolicy);
    return waiting.run;
  }
  const entry: Waiting = { reasons: [reason], readPolicy, run: Promise.resolve(false) };
  const task = async () => {
    if (waiting === entry) waiting = null;
    // Protection first: the rules do not wait on the database or the policy read.
    let applied = await applyConfig();
    const now = Date.now();
    const read = entry.readPolicy === 'if-stale' ? now - ((await policyStatus.getValue()).readAt ?? 0) > POLICY_READ_MAX_AGE_MS : entry.readPolicy;
    if (read && (await refreshPolicy(now)).changed) {
      await configurationChanged({ policyWrittenHere: true });
      applied = await applyConfig();
    }
    console.info(`[qingfeng] reconciled (${entry.reasons.join(', ')})`);
    return applied;
  };
  entry.run = queue.then(task, task);
  waiting = entry;
  queue = entry.run.catch(() => undefined);
  return entry.run;
}

/** Whether a joined run reads managed storage: always if one request says so, if stale if one asks that. */
function strongerRead(a: boolean | 'if-stale', b: boolean | 'if-stale'): boolean | 'if-stale' {
  if (a === true || b === true) return true;
  return a === 'if-stale' || b === 'if-stale' ? 'if-stale' : false;
}

/** After the teacher's settings changed: rebuild the configuration, then reconcile. */
export async function reconcileNewSettings(): Promise<boolean> {
  await configurationChanged();
  return reconcile('settings change', false);
}

export async function getStatus(): Promise<StatusResponse> {
  const now = Date.now();
  // Asked together: the popup waits for this answer (#16), and each read is a round trip.
  const [ctx, blocking, policy, blockedToday, problem] = await Promise.all([
    currentContext(),
    blockingState.getValue(),
    policyStatus.getValue(),
    countBlocked(localDayKey(now)).catch(() => 0),
    storageProblem.getValue(),
  ]);
  const { values } = ctx.config;
  const span = ctx.spanAt(now);
  return {
    now,
    workTime: span.workTime,
    nextBoundary: span.boundary,
    schoolName: values.schoolName,
    policy,
    calendarMissingYears: calendarStatus(values.schedule, now).missingYears,
    rulesInForce: blocking.inForce,
    ruleErrors: blocking.errors.map((e) => e.message),
    blockingUnavailable: !dnrAvailable(),
    blockedToday,
    storageError: problem?.error ?? null,
  };
}
