/** Every key the background keeps in extension storage, declared once with its fallback. */
import { storage } from 'wxt/utils/storage';
import type { Policy } from '@/utils/policy';
import { INITIAL_POLICY_STATUS, type PolicyStatus } from '@/utils/policy-status';

/** The last valid managed policy: it stays in force when a newer one is invalid or unreadable. */
export const lastGoodPolicy = storage.defineItem<Policy | null>('local:lastGoodPolicy', { fallback: null, version: 1 });

export const policyStatus = storage.defineItem<PolicyStatus>('local:policyStatus', {
  fallback: INITIAL_POLICY_STATUS,
  version: 1,
});
