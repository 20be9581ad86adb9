import { browser } from 'wxt/browser';

export type ManagedRead =
  | { kind: 'present'; raw: Record<string, unknown> }
  | { kind: 'absent' }
  | { kind: 'unreadable'; error: string };

/**
 * Reads the browser's managed storage defensively: Chromium answers {} with no policy,
 * Firefox throws "Managed storage manifest not found", and some Chromium forks have no
 * storage.managed at all (docs/architecture.md, "Reading managed storage"). Only a real error is "unreadable".
 */
export async function readManagedStorage(): Promise<ManagedRead> {
  const area = (browser.storage as unknown as { managed?: typeof browser.storage.local }).managed;
  if (!area) return { kind: 'unreadable', error: 'storage.managed is not available in this browser' };
  try {
    const raw = (await area.get()) as Record<string, unknown>;
    return Object.keys(raw).length === 0 ? { kind: 'absent' } : { kind: 'present', raw };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/managed storage manifest not found/i.test(text)) return { kind: 'absent' };
    return { kind: 'unreadable', error: text };
  }
}
