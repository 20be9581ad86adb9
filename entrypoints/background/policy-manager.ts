import { parsePolicy } from '@/utils/policy/schema';
import type { PolicyStatus } from '@/utils/policy/status';
import { readManagedStorage } from './managed-storage';
import { publicSuffixesReady } from './public-suffixes';
import { digestJson } from '@/utils/digest';
import { lastGoodPolicy, managedDigest, policyStatus } from './storage';

/**
 * Reads managed storage, and keeps the policy in force:
 * - valid policy → it is in force and cached as the last good one;
 * - invalid or unreadable → the last good policy stays in force, and the errors are
 *   recorded for the options page and the popup (docs/design.md principle 5);
 * - no policy, never one before → the built-in defaults;
 * - no policy after a good one → the last good one stays. Chrome drops an unparsable policy
 *   file without a word, and a teacher with administrator rights could delete it: neither
 *   may lower the school's protection. A school that wants the defaults back pushes a
 *   policy that sets nothing but the defaults (docs/deploy.*.md).
 */
export async function refreshPolicy(now: number): Promise<{ status: PolicyStatus; changed: boolean }> {
  const read = await readManagedStorage();
  const previous = await policyStatus.getValue();
  let status: PolicyStatus;
  let changed = false;

  if (read.kind === 'absent') {
    status =
      (await lastGoodPolicy.getText()) === null
        ? { present: false, valid: true, errors: [], readAt: now, inForceSince: now, readError: null, lastGoodKept: false }
        : { ...previous, present: false, valid: true, errors: [], readAt: now, readError: null, lastGoodKept: true };
  } else if (read.kind === 'unreadable') {
    status = { ...previous, readAt: now, readError: read.error };
  } else {
    // The same policy text as at the last parse: nothing to parse, nothing changed (issue 16).
    const digest = digestJson(read.raw);
    if (digest === (await managedDigest.getValue()) && previous.present && previous.readError === null) {
      status = { ...previous, readAt: now };
    } else {
      await publicSuffixesReady();
      await managedDigest.setValue(digest);
      const parsed = parsePolicy(read.raw);
      // Compared and kept as text: the last good policy is not parsed to learn it changed.
      const lastGood = await lastGoodPolicy.getText();
      if (parsed.ok) {
        const text = JSON.stringify(parsed.policy);
        changed = text !== lastGood;
        if (changed) await lastGoodPolicy.setText(text, parsed.policy);
        status = {
          present: true,
          valid: true,
          errors: [],
          readAt: now,
          inForceSince: changed || previous.inForceSince === null ? now : previous.inForceSince,
          readError: null,
          lastGoodKept: false,
        };
      } else {
        status = { present: true, valid: false, errors: parsed.errors, readAt: now, inForceSince: previous.inForceSince, readError: null, lastGoodKept: lastGood !== null };
      }
    }
  }
  await policyStatus.setValue(status);
  return { status, changed };
}
