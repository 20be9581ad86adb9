/** Every key the background keeps in extension storage, declared once with its fallback. */
import { browser } from 'wxt/browser';
import type { TeacherSettings } from '@/utils/policy/resolve';
import type { Policy } from '@/utils/policy/schema';
import { INITIAL_POLICY_STATUS, type PolicyStatus } from '@/utils/policy/status';
import type { RuleLimitError } from '@/utils/dnr/rules';
import type { Schedule } from '@/utils/schedule/types';
import { initialAccountingState, type AccountingState } from '@/utils/tallies/accounting';
import type { StoredUnlock } from '@/utils/matching/honoured-unlocks';
import type { WorkSpan } from '@/utils/schedule/work-span';

/** One key of extension storage, read as its fallback when absent. */
export interface StoredItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/**
 * A key of extension storage. Written here rather than with @wxt-dev/storage's defineItem,
 * which reads every item it defines from storage as the module loads: thirteen reads at every
 * worker start, most for items a wake never needs (issue 16). The same keys and values as
 * before: a value is stored as it is under its key, and null removes the key.
 */
function defineItem<T>(area: 'local' | 'session', key: string, fallback: T): StoredItem<T> {
  return {
    async getValue() {
      const stored = (await browser.storage[area].get(key))[key] as T | null | undefined;
      return stored ?? fallback;
    },
    async setValue(value) {
      if (value === null || value === undefined) await browser.storage[area].remove(key);
      else await browser.storage[area].set({ [key]: value });
    },
  };
}

/** An item kept as its JSON text, which can also be read and written as that text. */
export interface JsonTextItem<T> {
  /** The value kept, parsed once per text held, or null. */
  getValue(): Promise<T | null>;
  /** The text kept (an older version's object as JSON.stringify writes it), or null. */
  getText(): Promise<string | null>;
  /** Writes `text`; `value`, when given, is what it parses to, and a read here returns it unparsed. */
  setText(text: string, value?: T): Promise<void>;
  /** Whether storage.onChanged's newValue is the text this worker wrote last: its own write, already applied. */
  isOwnWrite(stored: unknown): boolean;
  /** Drops the copy in memory: the next read goes to storage (another writer changed it; a new worker in tests). */
  forget(): void;
}

/**
 * A large value kept in storage.local as its JSON text (issue 16): the browser copies one
 * string where it would convert every item of a 113k-domain list, in both directions and
 * again for every storage.onChanged listener. Measured in Chromium 156 with a 113k-domain
 * policy: set ~320 → ~130 ms, get ~110 → ~50 ms (1 December 2026). A value an older version
 * kept as an object is read as it is; the next write stores the text. A text that does not
 * parse throws: the read fails as a failed storage read does, and the rules already
 * installed stay. Only the background writes it, so what the worker last read or wrote stays
 * in its memory, parsed once: the configuration built right after a policy change neither
 * reads the text back nor parses it (at 113k domains: a ~50 ms wait, ~7–10 ms of the
 * worker's script), and the storage.onChanged of its own write is known as such
 * (isOwnWrite) and rebuilds nothing.
 */
function jsonTextItem<T>(key: string): JsonTextItem<T> {
  /** What storage holds, as this worker last read or wrote it; `value` is parsed on first use. */
  type Held = { text: string | null; value?: T | null };
  let held: Promise<Held> | null = null;
  let written: string | null = null;
  const read = async (): Promise<Held> => {
    const stored = (await browser.storage.local.get(key))[key] as unknown;
    if (stored === null || stored === undefined) return { text: null, value: null };
    return typeof stored === 'string' ? { text: stored } : { text: JSON.stringify(stored), value: stored as T };
  };
  const current = () =>
    (held ??= read().catch((error: unknown) => {
      held = null;
      throw error;
    }));
  return {
    async getText() {
      return (await current()).text;
    },
    async getValue() {
      const kept = await current();
      if (kept.value === undefined) kept.value = JSON.parse(kept.text as string) as T;
      return kept.value;
    },
    async setText(text, value) {
      held = null;
      written = text;
      await browser.storage.local.set({ [key]: text });
      held = Promise.resolve({ text, value });
    },
    isOwnWrite: (stored) => typeof stored === 'string' && stored === written,
    forget() {
      held = null;
      written = null;
    },
  };
}

const forgetters: (() => void)[] = [];

/**
 * An item that only the background writes, read from storage once per worker life and then
 * from memory (#16: every read is a round trip to the browser, and a page load made four).
 * Writes go to storage first; the copy in memory is the value last written, never mutated.
 */
function workerOwned<T>(item: StoredItem<T>): StoredItem<T> {
  let memo: Promise<T> | null = null;
  forgetters.push(() => (memo = null));
  return {
    getValue: () =>
      (memo ??= item.getValue().catch((error: unknown) => {
        memo = null;
        throw error;
      })),
    async setValue(value: T) {
      memo = null;
      await item.setValue(value);
      memo = Promise.resolve(value);
    },
  };
}

/** Drops the copies in memory: the next reads go to storage (a configuration change; tests). */
export function forgetWorkerOwned(): void {
  for (const forget of forgetters) forget();
}

/** The last valid managed policy: it stays in force when a newer one is invalid or unreadable. */
export const lastGoodPolicy = jsonTextItem<Policy>('lastGoodPolicy');

export const policyStatus = defineItem<PolicyStatus>('local', 'policyStatus', INITIAL_POLICY_STATUS);

/** The teacher's own settings (options page); used only where the policy leaves room. */
export const teacherSettings = defineItem<TeacherSettings | null>('local', 'teacherSettings', null);

export interface BlockingState {
  /** The work-time rules are installed. */
  inForce: boolean;
  /** Fingerprint of the installed rule set; null before the first install. */
  fingerprint: string | null;
  /**
   * The installed rule set's digest slice by slice (rulesSliceDigest, CHECK_SLICES of them),
   * what a wake with nothing to compile compares the browser's rules with (issue 16). Absent in
   * state stored by an older version, which then compiles once.
   */
  slices?: string[];
  /** Why the newest configuration could not be installed (the last good rules stayed). */
  errors: RuleLimitError[];
  checkedAt: number | null;
  /** When inForce last changed. */
  since: number | null;
  /**
   * What the installed rules were compiled from (configuration digest, work time, live
   * unlocks, limits): a reconcile with the same key has nothing to compile (issue 16).
   * Absent in state stored by an older version, which then compiles once.
   */
  rulesKey?: string | null;
}

export const blockingState = defineItem<BlockingState>('local', 'blockingState', { inForce: false, fingerprint: null, errors: [], checkedAt: null, since: null });

/**
 * What a wake needs of the configuration, derived once from the policy and the teacher's
 * settings, so that a wake that changes nothing reads no policy and builds no index (issue
 * 16). Cleared whenever either is written (index.ts listens), rebuilt from them on demand.
 */
export interface DerivedConfig {
  /** Digest of the policy and the teacher's settings this was derived from. */
  digest: string;
  schedule: Schedule;
  retentionDays: number;
  /** The last host the accounting classified, and what it is tallied under (the checkpoint tick's). */
  focus: { host: string; target: { host: string; category: string } } | null;
  /** The work-time answer and next boundary around the last wake (absent until computed). */
  span?: WorkSpan | null;
  /** The day the tallies were last pruned under this configuration (pruning is daily, #16). */
  prunedDay?: string;
}
export const derivedConfig = workerOwned(defineItem<DerivedConfig | null>('local', 'derivedConfig', null));

/** Digest of the managed policy as last read and parsed: an unchanged read is not parsed again. */
export const managedDigest = defineItem<string | null>('local', 'managedDigest', null);

/** Live temporary unlocks (issue #6); expired or unproven ones are dropped at every reconcile (#17). */
export const storedUnlocks = defineItem<StoredUnlock[]>('local', 'unlocks', []);
/**
 * The same, as the background reads it between reconciles (decideNow at every navigation).
 * A value written behind the worker's back (the extension's console, #17 case 6) is not
 * honoured from here: the reconcile reads storage itself (live-unlocks.ts) and drops it.
 */
export const unlocks = workerOwned(storedUnlocks);

/** The accounting state machine's state, persisted so a service-worker restart loses nothing. */
export const accountingState = workerOwned(
  defineItem<AccountingState>('local', 'accountingState', initialAccountingState()),
);

/**
 * Today's blocked attempts as last counted, for the badge: a wake reads this instead of
 * opening the tallies database (#16). Written where attempts are counted; null forces a count.
 */
export const blockedCount = workerOwned(defineItem<{ day: string; count: number } | null>('local', 'blockedCount', null));

/** What the badge was last set to, and from what: a wake that would set the same skips building its text (#16). */
export const badgeShown = workerOwned(defineItem<{ key: string; title: string; text: string } | null>('local', 'badgeShown', null));
/**
 * The badge's key again, in session storage, which the browser clears exactly when it resets
 * the badge (a restart, the extension reloaded or re-enabled): while it holds the key, the
 * badge is still shown, and a wake need not ask the action API (badge.ts). Chrome 101 has no
 * session storage; there the badge is read back instead.
 */
export const badgeSessionKey = defineItem<string | null>('session', 'badgeKey', null);

/** The last failed write to the tallies (a full disk), shown to the teacher; null when writes work. */
export const storageProblem = defineItem<{ at: number; error: string } | null>('local', 'storageProblem', null);
