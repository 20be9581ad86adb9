/** Every key the background keeps in extension storage, declared once with its fallback. */
import { storage } from 'wxt/utils/storage';
import type { TeacherSettings } from '@/utils/policy/resolve';
import type { Policy } from '@/utils/policy/schema';
import { INITIAL_POLICY_STATUS, type PolicyStatus } from '@/utils/policy/status';
import type { RuleLimitError } from '@/utils/dnr/rules';
import { initialAccountingState, type AccountingState } from '@/utils/tallies/accounting';

/** The last valid managed policy: it stays in force when a newer one is invalid or unreadable. */
export const lastGoodPolicy = storage.defineItem<Policy | null>('local:lastGoodPolicy', { fallback: null, version: 1 });

export const policyStatus = storage.defineItem<PolicyStatus>('local:policyStatus', {
  fallback: INITIAL_POLICY_STATUS,
  version: 1,
});

/** The teacher's own settings (options page); used only where the policy leaves room. */
export const teacherSettings = storage.defineItem<TeacherSettings | null>('local:teacherSettings', { fallback: null, version: 1 });

export interface BlockingState {
  /** The work-time rules are installed. */
  inForce: boolean;
  /** Fingerprint of the installed rule set; null before the first install. */
  fingerprint: string | null;
  /** Why the newest configuration could not be installed (the last good rules stayed). */
  errors: RuleLimitError[];
  checkedAt: number | null;
  /** When inForce last changed. */
  since: number | null;
}

export const blockingState = storage.defineItem<BlockingState>('local:blockingState', {
  fallback: { inForce: false, fingerprint: null, errors: [], checkedAt: null, since: null },
  version: 1,
});

/** Live temporary unlocks (issue #6); expired ones are dropped at every reconcile. */
export interface StoredUnlock {
  host: string;
  until: number;
}
export const unlocks = storage.defineItem<StoredUnlock[]>('local:unlocks', { fallback: [], version: 1 });

/** The accounting state machine's state, persisted so a service-worker restart loses nothing. */
export const accountingState = storage.defineItem<AccountingState>('local:accountingState', {
  fallback: initialAccountingState(),
  version: 1,
});

/** The last failed write to the tallies (a full disk), shown to the teacher; null when writes work. */
export const storageProblem = storage.defineItem<{ at: number; error: string } | null>('local:storageProblem', { fallback: null, version: 1 });
