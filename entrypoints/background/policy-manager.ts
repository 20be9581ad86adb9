import { parsePolicy, type Policy } from '@/utils/policy';
import type { PolicyStatus } from '@/utils/policy-status';
import { readManagedStorage } from './managed-storage';
import { lastGoodPolicy, policyStatus } from './storage';

/**
 * Reads managed storage, and keeps the policy in force:
 * - valid policy → it is in force and cached as the last good one;
 * - no policy → the built-in defaults (null);
 * - invalid or unreadable → the last good policy stays in force, and the errors are
 *   recorded for the options page and the popup (DESIGN principle 5).
 */
export async function refreshPolicy(now: number): Promise<{ policy: Policy | null; status: PolicyStatus }> {
  const read = await readManagedStorage();
  const previous = await policyStatus.getValue();
  let policy = await lastGoodPolicy.getValue();
  let status: PolicyStatus;

  if (read.kind === 'absent') {
    policy = null;
    status = { present: false, valid: true, errors: [], readAt: now, inForceSince: now, readError: null };
  } else if (read.kind === 'unreadable') {
    status = { ...previous, readAt: now, readError: read.error };
  } else {
    const parsed = parsePolicy(read.raw);
    if (parsed.ok) {
      const changed = JSON.stringify(parsed.policy) !== JSON.stringify(policy);
      policy = parsed.policy;
      status = {
        present: true,
        valid: true,
        errors: [],
        readAt: now,
        inForceSince: changed || previous.inForceSince === null ? now : previous.inForceSince,
        readError: null,
      };
    } else {
      status = { present: true, valid: false, errors: parsed.errors, readAt: now, inForceSince: previous.inForceSince, readError: null };
    }
  }
  await lastGoodPolicy.setValue(policy);
  await policyStatus.setValue(status);
  return { policy, status };
}
