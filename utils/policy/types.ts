import type { POLICY_ERROR_KEYS } from './error-keys';

export type PolicyErrorKey = (typeof POLICY_ERROR_KEYS)[number];

/** One problem in a policy: where (`schedule.weekly.mon[1]`; '' for the whole policy), and a _locales message key with its substitutions. */
export type PolicyError = { path: string; key: PolicyErrorKey; args: string[] };
