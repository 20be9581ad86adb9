/** Polls `probe` until it returns a value that is not undefined, or fails with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

/** Keys the background keeps as JSON text (entrypoints/background/storage.ts, jsonTextItem). */
const JSON_TEXT_KEYS = new Set(['lastGoodPolicy']);

/** A value read from the extension's storage.local, as the background means it. */
export function storedValue<T>(key: string, value: unknown): T | undefined {
  return (JSON_TEXT_KEYS.has(key) && typeof value === 'string' ? JSON.parse(value) : value) as T | undefined;
}

/**
 * Waits until the background has read the policy named `schoolName` and installed its
 * work-time rules, reading the extension's storage.local through `read` (each browser's own
 * way in). The policy is kept before its rules are compiled, and the rules of the start-up
 * reconcile (the built-in defaults) are already in force then: the rules count only once
 * checked at or after the moment the policy came into force.
 */
export async function waitForPolicyRules(read: (key: string) => Promise<unknown>, schoolName: string): Promise<void> {
  await waitFor('the policy to be read and the rules installed', async () => {
    const [policy, state, status] = (await Promise.all([read('lastGoodPolicy'), read('blockingState'), read('policyStatus')])) as [
      { schoolName?: string } | undefined,
      { inForce: boolean; checkedAt: number | null } | undefined,
      { inForceSince: number | null } | undefined,
    ];
    const since = status?.inForceSince ?? null;
    const checkedAfter = state?.checkedAt != null && since !== null && state.checkedAt >= since;
    return policy?.schoolName === schoolName && state?.inForce && checkedAfter ? true : undefined;
  }, 20_000);
}
