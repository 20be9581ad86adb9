// Properties that the per-module tests do not already state (issue #9, "Property tests").
// Already covered elsewhere and not repeated here: parsePolicy never throws on
// fc.anything/fc.jsonValue and generated valid policies round-trip (policy.test.ts);
// normalizeHostEntry is idempotent (host.test.ts); isWorkTime/nextBoundary over random
// schedules (schedule.test.ts); accounting against a second-by-second oracle with a dense
// fixed timetable (accounting.test.ts).
//
// What is added: the SHAPE of parsePolicy's answer on arbitrary JSON (every error has a
// string path and a known key) and the round-trip for whatever arbitrary JSON happens to be
// valid; request-host normalisation; subdomains of listed entries staying in their
// category whatever the letter case, trailing dots or Unicode; and accounting bounded by
// wall time step by step, over random timetables and over a clock that lies.
//
// Seeds are fixed so a failure reproduces; the whole file runs in a few seconds.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_SLICE_MS, initialAccountingState, step, type AccountingEvent } from '@/utils/tallies/accounting';
import { type Clock } from '@/utils/tallies/types';
import { buildHostIndex, categorizeHost, normalizeLookupHost, type CategoryRuleSet } from '@/utils/matching/host-index';
import { normalizeHostEntry } from '@/utils/matching/host';
import { POLICY_ERROR_KEYS } from '@/utils/policy/error-keys';
import { parsePolicy, policySchema } from '@/utils/policy/schema';
import { CATEGORY_IDS, WEEKDAYS } from '@/utils/policy/constants';
import { isWorkTime, nextBoundary } from '@/utils/schedule/work-time';
import { type Schedule } from '@/utils/schedule/types';

const SEED = 20260309;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

// ---- parsePolicy ----

describe('parsePolicy on arbitrary JSON', () => {
  const KNOWN_KEYS = new Set<string>(POLICY_ERROR_KEYS);
  const TOP_KEYS = Object.keys(policySchema().shape);

  /** Either a policy the schema itself accepts, or a non-empty list of well-formed errors. */
  function checkAnswer(input: unknown): void {
    const r = parsePolicy(input);
    if (r.ok) {
      expect(policySchema().safeParse(r.policy).success).toBe(true);
      // The policy is plain JSON (it is cached in extension storage) and parses to itself.
      const again = parsePolicy(JSON.parse(JSON.stringify(r.policy)));
      expect(again).toEqual({ ok: true, policy: r.policy });
      return;
    }
    expect(r.errors.length).toBeGreaterThan(0);
    for (const error of r.errors) {
      expect(typeof error.path).toBe('string');
      expect(KNOWN_KEYS.has(error.key)).toBe(true);
      expect(Array.isArray(error.args)).toBe(true);
      for (const arg of error.args) expect(typeof arg).toBe('string');
    }
  }

  test('fc.jsonValue(): a valid policy or well-formed errors, never a throw', () => {
    fc.assert(fc.property(fc.jsonValue(), checkAnswer), runs(400));
  });

  test('fc.anything() (with null prototypes, -0, undefined, symbols as values): the same', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }), checkAnswer), runs(400));
  });

  test('policy-shaped JSON, where some inputs are valid: valid ones round-trip, others get errors', () => {
    // Known top-level keys (plus a misspelt one) with arbitrary JSON values, and known keys
    // one level down, so that a fair share of inputs is valid and round-trips.
    const leaf = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.boolean(),
      fc.integer({ min: -5, max: 4000 }),
      fc.constantFrom('block', 'log', 'off', 'cn', 'none', 'taobao.com', 'TAOBAO.com.', 'https://x.cn/', '*.jd.com', ''),
    );
    const nested = fc.dictionary(fc.constantFrom(...WEEKDAYS, ...CATEGORY_IDS, 'mode', 'add', 'enabled', 'minutes', 'weekly', 'holidays'), leaf, {
      maxKeys: 4,
    });
    const shaped = fc.dictionary(fc.constantFrom(...TOP_KEYS, 'scheduel', '__proto__', 'constructor'), fc.oneof(leaf, nested, fc.array(leaf, { maxLength: 3 })), {
      maxKeys: 5,
    });
    let valid = 0;
    fc.assert(
      fc.property(shaped, (input) => {
        if (parsePolicy(input).ok) valid += 1;
        checkAnswer(input);
      }),
      runs(600),
    );
    expect(valid).toBeGreaterThan(10); // the round-trip branch really ran
  });

  test('a prototype-pollution key is an error, and pollutes nothing', () => {
    const r = parsePolicy(JSON.parse('{"__proto__":{"lockSettings":false},"unlock":{"__proto__":{"enabled":true}}}'));
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).lockSettings).toBeUndefined();
    expect(({} as Record<string, unknown>).enabled).toBeUndefined();
  });
});

// ---- Hosts ----

describe('host normalisation and category membership', () => {
  /** A valid, normalised entry (what parsePolicy stores). */
  const entry = fc
    .domain()
    .map((d) => normalizeHostEntry(d))
    .filter((r): r is { ok: true; host: string } => r.ok)
    .map((r) => r.host);
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
  const subdomain = fc.array(label, { minLength: 1, maxLength: 3 }).map((labels) => labels.join('.'));
  const categoryId = fc.constantFrom(...CATEGORY_IDS, 'stocks');
  const listed = fc.uniqueArray(fc.tuple(entry, categoryId), { minLength: 1, maxLength: 25, selector: ([e]) => e });

  /** Upper-cases a random selection of letters and adds 0–2 trailing dots: what a URL bar or a script may hand over. */
  const disguise = (host: string) =>
    fc.tuple(fc.array(fc.boolean(), { minLength: host.length, maxLength: host.length }), fc.integer({ min: 0, max: 2 })).map(
      ([upper, dots]) => [...host].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('') + '.'.repeat(dots),
    );

  function indexOf(entries: readonly (readonly [string, string])[]) {
    const categories: CategoryRuleSet[] = [];
    for (const [host, id] of entries) {
      let cat = categories.find((c) => c.id === id);
      if (!cat) categories.push((cat = { id, mode: 'block', domains: [], urlKeywords: [] }));
      cat.domains.push(host);
    }
    return buildHostIndex({ categories, allow: [] });
  }

  /** The oracle: the longest listed entry the host equals or ends with at a label boundary. */
  function mostSpecific(entries: readonly (readonly [string, string])[], host: string) {
    let best: readonly [string, string] | null = null;
    for (const candidate of entries) {
      const [e] = candidate;
      if ((host === e || host.endsWith(`.${e}`)) && (best === null || e.length > best[0].length)) best = candidate;
    }
    return best;
  }

  test('normalizeLookupHost is idempotent, and on ASCII hosts only lowers case and drops trailing dots', () => {
    fc.assert(
      fc.property(fc.domain().chain(disguise), (h) => {
        const lookup = normalizeLookupHost(h);
        expect(normalizeLookupHost(lookup)).toBe(lookup);
        expect(lookup).toBe(h.toLowerCase().replace(/\.+$/, ''));
      }),
      runs(500),
    );
  });

  test('a subdomain of a listed entry stays in that entry’s category, in any letter case and with trailing dots', () => {
    fc.assert(
      fc.property(
        listed.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.nat({ max: entries.length - 1 }), subdomain).chain(([es, pick, sub]) => {
            const host = `${sub}.${es[pick]![0]}`;
            return fc.tuple(fc.constant(es), fc.constant(pick), fc.constant(host), disguise(host));
          }),
        ),
        ([entries, pick, host, disguised]) => {
          const index = indexOf(entries);
          const [listedEntry, listedCategory] = entries[pick]!;
          const expected = mostSpecific(entries, host)!;
          // The oracle can only find the picked entry or a more specific one below it.
          expect(expected[0] === listedEntry || expected[0].endsWith(`.${listedEntry}`)).toBe(true);
          for (const form of [host, disguised, normalizeLookupHost(disguised)]) {
            const match = categorizeHost(index, form);
            expect(match).toMatchObject({ allowed: false, entry: expected[0], category: expected[1] });
          }
          if (expected[0] === listedEntry) expect(categorizeHost(index, disguised)).toMatchObject({ category: listedCategory });
          // The entry itself is in its category too, and a look-alike without the dot is not ("nottaobao.com").
          expect(categorizeHost(index, listedEntry)).toMatchObject({ entry: listedEntry, category: listedCategory });
          const lookalike = `x${listedEntry}`;
          expect(categorizeHost(index, lookalike)?.entry ?? null).toBe(mostSpecific(entries, lookalike)?.[0] ?? null);
        },
      ),
      runs(400),
    );
  });

  test('the fast path for plain lower-case names decides as the full normaliser does', () => {
    // A leading space keeps an input off the fast path (the full path trims it first), so the
    // two answers for the same name must be the same: public suffixes, IPv4 forms, "www.",
    // bad hyphens, all-digit last labels and over-long names included.
    const label = fc.oneof(
      fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      fc.constantFrom('www', 'com', 'cn', 'edu', 'gov', 'co', 'uk', '0', '255', '256', '010', 'a'.repeat(63), 'a'.repeat(64)),
    );
    const name = fc.array(label, { minLength: 1, maxLength: 6 }).map((labels) => labels.join('.'));
    const long = fc.array(fc.constant('a'.repeat(50)), { minLength: 5, maxLength: 6 }).map((labels) => labels.join('.'));
    fc.assert(
      fc.property(fc.oneof(name, long), (host) => {
        expect(normalizeHostEntry(host)).toEqual(normalizeHostEntry(` ${host}`));
      }),
      runs(2000),
    );
  });

  test('Unicode entries and hosts meet in punycode', () => {
    const unicodeLabel = fc.constantFrom('淘宝', '游戏', '红包', '抢红包', 'tést', 'ＦＵＬＬ', 'bücher');
    const tld = fc.constantFrom('cn', 'com', 'net');
    fc.assert(
      fc.property(unicodeLabel, tld, subdomain, fc.boolean(), (name, top, sub, upper) => {
        const r = normalizeHostEntry(`${name}.${top}`);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const index = buildHostIndex({ categories: [{ id: 'games', mode: 'block', domains: [r.host], urlKeywords: [] }], allow: [] });
        const asTyped = `${sub}.${name}.${upper ? top.toUpperCase() : top}.`;
        expect(categorizeHost(index, asTyped)).toMatchObject({ category: 'games', entry: r.host });
        expect(categorizeHost(index, normalizeLookupHost(asTyped))).toMatchObject({ category: 'games', entry: r.host });
      }),
      runs(200),
    );
  });

  test('an allowed entry above a listed one wins for every subdomain', () => {
    fc.assert(
      fc.property(entry, subdomain, subdomain, (allowed, mid, sub) => {
        const listedBelow = `${mid}.${allowed}`;
        const index = buildHostIndex({
          categories: [{ id: 'shopping', mode: 'block', domains: [listedBelow], urlKeywords: [] }],
          allow: [allowed],
        });
        expect(categorizeHost(index, `${sub}.${listedBelow}`.toUpperCase())).toMatchObject({ allowed: true, entry: allowed });
      }),
      runs(200),
    );
  });
});

// ---- Accounting ----

describe('accounting never credits more than wall time, nor negative time', () => {
  const FIRST = new Date(2024, 0, 1).getTime();
  const LAST = new Date(2028, 11, 31).getTime();
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const dayPeriods = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }).map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const periods: string[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) periods.push(`${hhmm(sorted[i]!)}-${hhmm(sorted[i + 1]!)}`);
    return periods;
  });
  const schedule: fc.Arbitrary<Schedule> = fc.record({
    weekly: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, dayPeriods])) as Record<(typeof WEEKDAYS)[number], fc.Arbitrary<string[]>>),
    officialCalendar: fc.constantFrom('cn' as const, 'none' as const),
    holidays: fc.constant([]),
    workdays: fc.constant([]),
  });
  const scheduleClock = (s: Schedule): Clock => ({ isWorkTime: (at) => isWorkTime(s, at), nextBoundary: (at) => nextBoundary(s, at) });

  /** A clock that lies: random answers, boundaries in the past, at `at`, NaN or far ahead. */
  const lyingClock = fc.tuple(fc.integer(), fc.integer()).map(([a, b]): Clock => {
    const mix = (x: number) => Math.abs(Math.imul(x ^ a, 0x9e3779b1) ^ b);
    return {
      isWorkTime: (at) => mix(at) % 3 !== 0,
      nextBoundary: (at) => [null, at, at - 1000, Number.NaN, at + 1 + (mix(at) % 200_000), at + 7 * 86_400_000][mix(at + 1) % 6]!,
    };
  });

  // Gaps: mostly short, some over MAX_SLICE_MS, some backwards, some absurd (a clock reset, sleep for a week).
  const gap = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: MAX_SLICE_MS }) },
    { weight: 1, arbitrary: fc.integer({ min: MAX_SLICE_MS + 1, max: 10 * 86_400_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: -86_400_000, max: -1 }) },
  );
  const kind = fc.oneof(
    fc.record({ type: fc.constant('activeTab' as const), host: fc.constantFrom('taobao.com', 'jd.com', null) }),
    fc.record({ type: fc.constant('windowFocus' as const), focused: fc.boolean() }),
    fc.record({ type: fc.constant('idle' as const), idle: fc.boolean() }),
    fc.record({ type: fc.constant('tick' as const) }),
  );
  const events = fc.tuple(fc.integer({ min: FIRST, max: LAST }), fc.array(fc.tuple(gap, kind), { maxLength: 60 })).map(([start, steps]) => {
    let at = start;
    return steps.map(([ms, k]): AccountingEvent => ({ ...k, at: (at += ms) }));
  });
  const classify = (host: string) => ({ host, category: 'shopping' });

  function checkEveryStep(clock: Clock, sequence: readonly AccountingEvent[]): void {
    let state = initialAccountingState();
    for (const event of sequence) {
      const wall = state.lastAt === null ? 0 : event.at - state.lastAt;
      const { state: next, credits } = step(state, event, clock, classify);
      const credited = credits.reduce((sum, c) => sum + c.workSeconds, 0);
      for (const c of credits) {
        expect(Number.isFinite(c.workSeconds)).toBe(true);
        expect(c.workSeconds).toBeGreaterThan(0);
        expect(c.visits + c.blocked + c.unlocks).toBe(0);
      }
      // Never more than the slice, never anything for a slice that ran backwards or too long.
      expect(credited).toBeLessThanOrEqual(Math.max(0, wall) / 1000 + 1e-9);
      if (wall < 0 || wall > MAX_SLICE_MS) expect(credits).toEqual([]);
      state = next;
    }
  }

  test('step by step, over random timetables and instants in 2024–2028', () => {
    fc.assert(fc.property(schedule, events, (s, seq) => checkEveryStep(scheduleClock(s), seq)), runs(200));
  });

  test('step by step, with a clock that gives random and impossible answers', () => {
    fc.assert(fc.property(lyingClock, events, (clock, seq) => checkEveryStep(clock, seq)), runs(300));
  });

  test('a NaN or infinite timestamp is never credited', () => {
    const always: Clock = { isWorkTime: () => true, nextBoundary: () => null };
    let state = initialAccountingState();
    const at = new Date(2026, 2, 2, 9).getTime();
    for (const event of [
      { type: 'windowFocus', at, focused: true },
      { type: 'activeTab', at, host: 'taobao.com' },
      { type: 'tick', at: Number.NaN },
      { type: 'tick', at: Number.POSITIVE_INFINITY },
      { type: 'tick', at: at + 1000 },
    ] as AccountingEvent[]) {
      const r = step(state, event, always, classify);
      for (const c of r.credits) expect(Number.isFinite(c.workSeconds) && c.workSeconds > 0 && c.workSeconds <= 1).toBe(true);
      state = r.state;
    }
  });
});
