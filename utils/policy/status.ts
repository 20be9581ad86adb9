import type { PolicyError } from './types';

/** What the options page and popup show about the managed policy on this PC. */
export interface PolicyStatus {
  /** A managed policy was found in the browser's managed storage. */
  present: boolean;
  /** The policy found was valid (absent counts as valid: the defaults apply). */
  valid: boolean;
  errors: PolicyError[];
  /** When managed storage was last read (epoch ms); null before the first read. */
  readAt: number | null;
  /** When the policy in force was read; it may be older than readAt if the newest was invalid. */
  inForceSince: number | null;
  /** A note when managed storage could not be read at all (a fork without it, an error). */
  readError: string | null;
  /**
   * The managed policy has disappeared (a deleted or unparsable policy file, which the browser
   * drops silently) and the last good one stays in force.
   */
  lastGoodKept: boolean;
}

export const INITIAL_POLICY_STATUS: PolicyStatus = {
  present: false,
  valid: true,
  errors: [],
  readAt: null,
  inForceSince: null,
  readError: null,
  lastGoodKept: false,
};
