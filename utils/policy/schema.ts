// The policy: the admin contract of docs/design.md ("The policy") as one zod schema that types
// it, parses it at run time and generates Chrome's managed_schema.json; the built-in
// defaults; and the parse that never throws.
//
// Every key is optional and no default is filled in by the parse: the options page must
// know which keys the policy sets (they are shown as managed), so DEFAULTS are merged
// later, by policy resolution. Objects are strict, so a misspelt key is an error rather
// than a setting that silently does nothing. No unions, nullables or mixed-type literals:
// Chrome's managed schema cannot express them (see managed-schema.ts).
import * as z from 'zod';
import { formatMessage, type ChromeMessages } from '../i18n/format-message';
import { CATEGORY_IDS, MODES, WEEKDAYS, type CategoryId, type Weekday } from './constants';
import type { PolicyError } from './types';
import {
  dateOrRangeSchema,
  dateSchema,
  dayPeriodsSchema,
  hostListSchema,
  inDateOrRange,
  keywordListSchema,
  reportPolicyError,
} from './fields';
import { toPolicyErrors } from './errors';


// ---- The schema ----

export const modeSchema = z
  .enum(MODES)
  .describe('"block": blocked in work time; "log": allowed and counted; "off": ignored.');

const weekly = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((d) => [d, dayPeriodsSchema.optional()])) as Record<Weekday, z.ZodOptional<typeof dayPeriodsSchema>>,
  )
  .describe('Work periods per weekday, e.g. "mon": ["07:30-11:30", "13:30-17:30"]; [] is a day off.');

const workday = z.strictObject({
  date: dateSchema,
  as: z.enum(WEEKDAYS).describe('The weekday whose periods apply that day.'),
});

const schedule = z
  .strictObject({
    weekly: weekly.optional(),
    officialCalendar: z
      .enum(['cn', 'none'])
      .optional()
      .describe('"cn": State Council public holidays are off and make-up days (调休) are on; "none": ignore them.'),
    holidays: z.array(dateOrRangeSchema).optional().describe('Extra days off: "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD".'),
    workdays: z
      .array(workday)
      .optional()
      .describe('Extra working days, each with the periods of the named weekday.'),
  })
  .superRefine(
    (s, ctx) => {
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
  );

const categoryOverride = z.strictObject({
  mode: modeSchema.optional(),
  add: hostListSchema.optional().describe('Hosts added to this built-in category.'),
  remove: hostListSchema.optional().describe('Hosts taken out of this built-in category.'),
});

const categories = z
  .strictObject(
    Object.fromEntries(CATEGORY_IDS.map((id) => [id, categoryOverride.optional()])) as Record<
      CategoryId,
      z.ZodOptional<typeof categoryOverride>
    >,
  )
  .describe('Built-in categories: shopping, games, redPacket, webChat, video, social, lottery.');

const CUSTOM_ID = /^[a-z][a-zA-Z0-9]{1,31}$/;

const customCategoryId = z
  .string()
  .superRefine((id, ctx) => {
    if (!CUSTOM_ID.test(id)) reportPolicyError(ctx, 'policyErrCategoryIdFormat', [id.slice(0, 80)]);
    else if ((CATEGORY_IDS as readonly string[]).includes(id)) reportPolicyError(ctx, 'policyErrCategoryIdBuiltin', [id]);
  })
  .describe('2–32 letters or digits, starting with a lower-case letter; not a built-in id.');

const displayName = z.string().trim().min(1).max(40);

const customCategory = z.strictObject({
  id: customCategoryId,
  name: z.strictObject({ zh_CN: displayName, en: displayName.optional() }).describe('Shown to teachers; en falls back to zh_CN.'),
  mode: modeSchema,
  domains: hostListSchema.default([]),
  urlKeywords: keywordListSchema.default([]),
});

const customCategories = z.array(customCategory).superRefine(
  (list, ctx) => {
    // As above: reported with the other errors, even when another category is malformed.
    const seen = new Set<string>();
    (list as unknown[]).forEach((c, i) => {
      const id = c && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string' ? (c as { id: string }).id : undefined;
      if (id === undefined) return;
      if (seen.has(id)) reportPolicyError(ctx, 'policyErrCategoryIdDuplicate', [id], [i, 'id']);
      seen.add(id);
    });
  },
  { when: (payload) => Array.isArray(payload.value) },
);

const unlock = z
  .strictObject({
    enabled: z.boolean().optional(),
    minutes: z.int().min(1).max(120).optional().describe('Minutes of temporary access, 1–120.'),
    maxPerDay: z.int().min(0).max(20).optional().describe('Unlocks a teacher may use per day, 0–20.'),
  })
  .describe('Temporary access from the block page; the teacher must write a reason.');

export const policySchema = z.strictObject({
  schoolName: z.string().trim().max(100).optional().describe('Shown on the block page and in the popup.'),
  schedule: schedule.optional(),
  categories: categories.optional(),
  customCategories: customCategories.optional(),
  allow: hostListSchema.optional().describe('Hosts never blocked; wins over every category.'),
  unlock: unlock.optional(),
  recordOtherHosts: z.boolean().optional().describe('Also tally uncategorised hosts, under their registrable domain (ICANN public suffixes).'),
  retentionDays: z.int().min(1).max(3650).optional().describe('Days of local records kept, 1–3650.'),
  lockSettings: z.boolean().optional().describe('Teachers cannot change what the policy sets.'),
  message: z.string().trim().max(500).optional().describe('An extra line on the block page.'),
});

/** A parsed, normalised policy: only the keys the admin set. */
export type Policy = z.output<typeof policySchema>;

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
    const r = policySchema.safeParse(input, { reportInput: true });
    if (r.success) return { ok: true, policy: r.data };
    return { ok: false, errors: toPolicyErrors(r.error.issues, policySchema) };
  } catch {
    // Only reachable through exotic input (a throwing getter or Proxy); still no throw.
    return { ok: false, errors: [{ path: '', key: 'policyErrInvalid', args: [] }] };
  }
}

/** "path: message" in the language of `messages` (a messages.json object); key and args if the message is missing. */
export function formatPolicyError(err: PolicyError, messages: ChromeMessages): string {
  const text = formatMessage(messages, err.key, err.args) || [err.key, ...err.args].join(' ');
  return err.path === '' ? text : `${err.path}: ${text}`;
}
