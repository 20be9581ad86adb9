// The policy: the admin contract of docs/design.md ("The policy") as one zod schema that types
// it, parses it at run time and generates Chrome's managed_schema.json; the built-in
// defaults; and the parse that never throws.
//
// Every key is optional and no default is filled in by the parse: the options page must
// know which keys the policy sets (they are shown as managed), so DEFAULTS are merged
// later, by policy resolution. Objects are strict, so a misspelt key is an error rather
// than a setting that silently does nothing. No unions, nullables or mixed-type literals:
// Chrome's managed schema cannot express them (see managed-schema.ts).
import * as z from 'zod/mini';
import { formatMessage, type ChromeMessages } from '../i18n/format-message';
import { CATEGORY_IDS, MODES, WEEKDAYS, type CategoryId, type Weekday } from './constants';
import type { PolicyError } from './types';
import { fieldSchemas, inDateOrRange, reportPolicyError } from './fields';
import { toPolicyErrors } from './errors';
import { NoPublicSuffixListError } from '../matching/public-suffix';


// ---- The schema ----

/** A schema with a description (zod/mini's `.describe()`): the managed schema and the admin docs show it. */
function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  return schema.check(z.describe(description));
}

/**
 * The policy schema, built on first use rather than when the module loads: a service-worker
 * wake that finds the policy unchanged never parses it, and building the zod objects was ~3 ms
 * of every cold wake (issue 16).
 */
function buildPolicySchema() {
  const { dateOrRangeSchema, dateSchema, dayPeriodsSchema, hostListSchema, keywordListSchema } = fieldSchemas();
  const modeSchema = described(z.enum(MODES), '"block": blocked in work time; "log": allowed and counted; "off": ignored.');

  const weekly = described(
    z.strictObject(
      Object.fromEntries(WEEKDAYS.map((d) => [d, z.optional(dayPeriodsSchema)])) as Record<Weekday, z.ZodMiniOptional<typeof dayPeriodsSchema>>,
    ),
    'Work periods per weekday, e.g. "mon": ["07:30-11:30", "13:30-17:30"]; [] is a day off.',
  );

  const workday = z.strictObject({
    date: dateSchema,
    as: described(z.enum(WEEKDAYS), 'The weekday whose periods apply that day.'),
  });

  const schedule = z
    .strictObject({
      weekly: z.optional(weekly),
      officialCalendar: described(
        z.optional(z.enum(['cn', 'none'])),
        '"cn": State Council public holidays are off and make-up days (调休) are on; "none": ignore them.',
      ),
      holidays: described(z.optional(z.array(dateOrRangeSchema)), 'Extra days off: "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD".'),
      workdays: described(z.optional(z.array(workday)), 'Extra working days, each with the periods of the named weekday.'),
    })
    .check(
      z.superRefine(
        (s: { workdays?: unknown; holidays?: unknown }, ctx) => {
          // A day cannot be both an extra working day and a day off, nor listed twice: either
          // would leave the admin guessing which entry wins. Runs even when other entries are
          // malformed (`when`), so these come in the same round as every other error (#14).
          const workdays: unknown[] = Array.isArray(s.workdays) ? s.workdays : [];
          const holidays = Array.isArray(s.holidays) ? s.holidays.filter((h): h is string => typeof h === 'string') : [];
          const seen = new Set<string>();
          workdays.forEach((w, i) => {
            const date = w && typeof w === 'object' && typeof (w as { date?: unknown }).date === 'string' ? (w as { date: string }).date : undefined;
            if (date === undefined) return;
            if (seen.has(date)) reportPolicyError(ctx, 'policyErrWorkdayDuplicate', [date], ['workdays', i, 'date']);
            else if (holidays.some((h) => inDateOrRange(h, date))) reportPolicyError(ctx, 'policyErrWorkdayIsHoliday', [date], ['workdays', i, 'date']);
            seen.add(date);
          });
        },
        { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
      ),
    );

  const categoryOverride = z.strictObject({
    mode: z.optional(modeSchema),
    add: described(z.optional(hostListSchema), 'Hosts added to this built-in category.'),
    remove: described(z.optional(hostListSchema), 'Hosts taken out of this built-in category.'),
  });

  const categories = described(
    z.strictObject(
      Object.fromEntries(CATEGORY_IDS.map((id) => [id, z.optional(categoryOverride)])) as Record<
        CategoryId,
        z.ZodMiniOptional<typeof categoryOverride>
      >,
    ),
    'Built-in categories: shopping, games, redPacket, webChat, video, social, lottery.',
  );

  const CUSTOM_ID = /^[a-z][a-zA-Z0-9]{1,31}$/;

  const customCategoryId = described(
    z.string().check(
      z.superRefine((id: string, ctx) => {
        if (!CUSTOM_ID.test(id)) reportPolicyError(ctx, 'policyErrCategoryIdFormat', [id.slice(0, 80)]);
        else if ((CATEGORY_IDS as readonly string[]).includes(id)) reportPolicyError(ctx, 'policyErrCategoryIdBuiltin', [id]);
      }),
    ),
    '2–32 letters or digits, starting with a lower-case letter; not a built-in id.',
  );

  /** Text cut of surrounding spaces, at most `max` characters. */
  const textUpTo = (max: number) => z.string().check(z.trim(), z.maxLength(max));
  /** A whole number from `min` to `max`. */
  const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

  const displayName = z.string().check(z.trim(), z.minLength(1), z.maxLength(40));

  const customCategory = z.strictObject({
    id: customCategoryId,
    name: described(z.strictObject({ zh_CN: displayName, en: z.optional(displayName) }), 'Shown to teachers; en falls back to zh_CN.'),
    mode: modeSchema,
    domains: z._default(hostListSchema, []),
    urlKeywords: z._default(keywordListSchema, []),
  });

  const customCategories = z.array(customCategory).check(
    z.superRefine(
      (list: unknown[], ctx) => {
        // As above: reported with the other errors, even when another category is malformed.
        const seen = new Set<string>();
        list.forEach((c, i) => {
          const id = c && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string' ? (c as { id: string }).id : undefined;
          if (id === undefined) return;
          if (seen.has(id)) reportPolicyError(ctx, 'policyErrCategoryIdDuplicate', [id], [i, 'id']);
          seen.add(id);
        });
      },
      { when: (payload) => Array.isArray(payload.value) },
    ),
  );

  const unlock = described(
    z.strictObject({
      enabled: z.optional(z.boolean()),
      minutes: described(z.optional(intIn(1, 120)), 'Minutes of temporary access, 1–120.'),
      maxPerDay: described(z.optional(intIn(0, 20)), 'Unlocks a teacher may use per day, 0–20.'),
    }),
    'Temporary access from the block page; the teacher must write a reason.',
  );

  return z.strictObject({
    schoolName: described(z.optional(textUpTo(100)), 'Shown on the block page and in the popup.'),
    schedule: z.optional(schedule),
    categories: z.optional(categories),
    customCategories: z.optional(customCategories),
    allow: described(z.optional(hostListSchema), 'Hosts never blocked; wins over every category.'),
    unlock: z.optional(unlock),
    recordOtherHosts: described(z.optional(z.boolean()), 'Also tally uncategorised hosts, under their registrable domain (ICANN public suffixes).'),
    retentionDays: described(z.optional(intIn(1, 3650)), 'Days of local records kept, 1–3650.'),
    lockSettings: described(z.optional(z.boolean()), 'Teachers cannot change what the policy sets.'),
    message: described(z.optional(textUpTo(500)), 'An extra line on the block page.'),
  });
}

let built: ReturnType<typeof buildPolicySchema> | null = null;

/** The policy schema (one per context, built at the first call). */
export function policySchema(): ReturnType<typeof buildPolicySchema> {
  return (built ??= buildPolicySchema());
}

/** A parsed, normalised policy: only the keys the admin set. */
export type Policy = z.output<ReturnType<typeof buildPolicySchema>>;

/**
 * Every key present: the built-in defaults, and what resolution produces. Arrays keep
 * their element types (a custom category's `name.en` stays optional).
 */
type Resolved<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]-?: Resolved<Exclude<T[K], undefined>> }
    : T;
export type ResolvedPolicy = Resolved<Policy>;

// ---- Built-in defaults ----

const WORKDAY = ['07:30-11:30', '13:30-17:30'];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Frozen: callers copy before they merge, so one module cannot change another's defaults. */
export const DEFAULTS: ResolvedPolicy = deepFreeze({
  schoolName: '',
  schedule: {
    weekly: { mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [], sun: [] },
    officialCalendar: 'cn',
    holidays: [],
    workdays: [],
  },
  categories: {
    shopping: { mode: 'block', add: [], remove: [] },
    games: { mode: 'block', add: [], remove: [] },
    redPacket: { mode: 'block', add: [], remove: [] },
    webChat: { mode: 'log', add: [], remove: [] },
    video: { mode: 'log', add: [], remove: [] },
    social: { mode: 'log', add: [], remove: [] },
    lottery: { mode: 'log', add: [], remove: [] },
  },
  customCategories: [],
  allow: [],
  unlock: { enabled: true, minutes: 10, maxPerDay: 3 },
  recordOtherHosts: false,
  retentionDays: 180,
  lockSettings: true,
  message: '',
});

// ---- Parse and report ----

export type ParsePolicyResult = { ok: true; policy: Policy } | { ok: false; errors: PolicyError[] };

/**
 * Validates and normalises a policy as read from managed storage or a file. Never throws:
 * a bad policy must be reported while the last good one stays in force (docs/design.md,
 * principle 5). All errors are returned, not only the first, so one round of fixes does.
 */
export function parsePolicy(input: unknown): ParsePolicyResult {
  try {
    const schema = policySchema();
    const r = schema.safeParse(input, { reportInput: true });
    if (r.success) return { ok: true, policy: r.data };
    return { ok: false, errors: toPolicyErrors(r.error.issues, schema) };
  } catch (error) {
    // A context that forgot to install the public suffixes must fail loudly, not call every
    // policy invalid (#16).
    if (error instanceof NoPublicSuffixListError) throw error;
    // Otherwise only reachable through exotic input (a throwing getter or Proxy); still no throw.
    return { ok: false, errors: [{ path: '', key: 'policyErrInvalid', args: [] }] };
  }
}

/** "path: message" in the language of `messages` (a messages.json object); key and args if the message is missing. */
export function formatPolicyError(err: PolicyError, messages: ChromeMessages): string {
  const text = formatMessage(messages, err.key, err.args) || [err.key, ...err.args].join(' ');
  return err.path === '' ? text : `${err.path}: ${text}`;
}
