// The value-level checks of the policy, as zod schemas. Each failure is a zod "custom"
// issue whose params carry the message key and its arguments, so that parsePolicy can
// report it in the admin's language (see errors.ts). zod/mini: the same schemas in zod's
// tree-shakeable form, so the background carries only the parts it uses (issue 16).
import * as z from 'zod/mini';
import { normalizeHostEntry, type HostErrorReason } from '../matching/host';
import type { PolicyErrorKey } from './types';

/** What a refinement or a transform is given: the value and the parse's issue list. */
type Ctx = Pick<z.core.ParsePayload, 'value' | 'issues'>;

/**
 * Adds a policy error at the current node, or at `path` below it. A refinement's errors let
 * the parse go on (`continue`), so one round finds every error; a transform's stop its branch.
 */
export function reportPolicyError(ctx: Ctx, key: PolicyErrorKey, args: string[], path?: (string | number)[], stop = false): void {
  ctx.issues.push({ code: 'custom', message: key, params: { key, args }, input: ctx.value, ...(stop ? {} : { continue: true }), ...(path ? { path } : {}) });
}

/** Admin input quoted back in a message: long values are cut so one error stays one line. */
export function quotePolicyValue(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

// ---- Work periods: "HH:MM-HH:MM", local time ----

const PERIOD = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/;

/** Minutes since midnight of "HH:MM", or undefined; 24:00 only when it may be an end. */
function minutesOf(h: string, m: string, isEnd: boolean): number | undefined {
  const hours = Number(h);
  const minutes = Number(m);
  if (minutes > 59) return undefined;
  if (hours === 24 && minutes === 0 && isEnd) return 24 * 60;
  return hours <= 23 ? hours * 60 + minutes : undefined;
}

/** [start, end) in minutes of a valid period string. */
export function periodBounds(period: string): [number, number] | undefined {
  const m = PERIOD.exec(period);
  if (!m) return undefined;
  const start = minutesOf(m[1] ?? '', m[2] ?? '', false);
  const end = minutesOf(m[3] ?? '', m[4] ?? '', true);
  return start === undefined || end === undefined ? undefined : [start, end];
}

/** Bounds of a well-formed period with start < end; others have their own error already. */
function validBounds(period: unknown): [number, number] | undefined {
  const b = typeof period === 'string' ? periodBounds(period) : undefined;
  return b && b[0] < b[1] ? b : undefined;
}

// ---- Dates: "YYYY-MM-DD", local calendar days ----

const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

function isCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Checks one date; returns whether it was valid (errors are reported on ctx). */
function checkDate(value: string, ctx: Ctx): boolean {
  const m = DATE.exec(value);
  if (!m) {
    reportPolicyError(ctx, 'policyErrDateFormat', [quotePolicyValue(value)]);
    return false;
  }
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    reportPolicyError(ctx, 'policyErrDateInvalid', [value]);
    return false;
  }
  return true;
}

/** Whether `day` falls in a valid holiday entry. */
export function inDateOrRange(entry: string, day: string): boolean {
  const [from = '', to = from] = entry.split('..');
  return from <= day && day <= to;
}

// ---- Hosts ----

const HOST_ERROR_KEY: Record<HostErrorReason, PolicyErrorKey> = {
  empty: 'policyErrHostEmpty',
  url: 'policyErrHostUrl',
  wildcard: 'policyErrHostWildcard',
  path: 'policyErrHostPath',
  port: 'policyErrHostPort',
  ipv6: 'policyErrHostIpv6',
  noDot: 'policyErrHostNoDot',
  publicSuffix: 'policyErrHostPublicSuffix',
  tooLong: 'policyErrHostTooLong',
  invalid: 'policyErrHostNotHost',
};

// ---- URL keywords ----

/**
 * DNR urlFilter accepts printable ASCII only, and gives "*", "|" and "^" a meaning; a
 * keyword outside that would make Chrome refuse the whole rule set, so it is refused here
 * (Chinese keywords never appear in URLs anyway: they are percent-encoded; use pinyin).
 */
const KEYWORD_CHARS = /^[\x21-\x7e]+$/;

// ---- The schemas, built on first use ----

/**
 * The field schemas, built on first use rather than when the module loads: a service-worker
 * wake that finds the policy unchanged never parses it, and building zod schemas was ~3 ms of
 * every cold wake (issue 16).
 */
function buildFieldSchemas() {
  const period = z.string().check(
    z.superRefine((value: string, ctx) => {
      const bounds = periodBounds(value);
      if (!bounds) return reportPolicyError(ctx, 'policyErrPeriodFormat', [quotePolicyValue(value)]);
      if (bounds[0] >= bounds[1]) reportPolicyError(ctx, 'policyErrPeriodOrder', [value]);
    }),
    z.describe('A work period "HH:MM-HH:MM" in local time; start before end; 24:00 only as an end.'),
  );

  /**
   * One day's periods. Overlaps are an error at the later period of the pair, as that is the
   * one the admin most likely added by mistake. Output is sorted by start time, so later
   * code can walk a day in order.
   */
  const dayPeriodsSchema = z.pipe(
    z.array(period).check(
      z.superRefine(
        (periods: string[], ctx) => {
          // Runs even when some periods are malformed (`when`), so that one round of fixes
          // finds the overlaps too; the malformed ones are skipped.
          const bounds = (periods as unknown[]).map(validBounds);
          bounds.forEach((b, j) => {
            if (!b) return;
            const i = bounds.findIndex((a, k) => k < j && a !== undefined && a[0] < b[1] && b[0] < a[1]);
            if (i >= 0) reportPolicyError(ctx, 'policyErrPeriodOverlap', [periods[j] ?? '', periods[i] ?? ''], [j]);
          });
        },
        { when: (payload) => Array.isArray(payload.value) },
      ),
    ),
    z.transform((periods: string[]) => [...periods].sort((a, b) => (periodBounds(a)?.[0] ?? 0) - (periodBounds(b)?.[0] ?? 0))),
  );

  const dateSchema = z.string().check(
    z.superRefine((value: string, ctx) => void checkDate(value, ctx)),
    z.describe('A date "YYYY-MM-DD".'),
  );

  /** A single day or an inclusive range "A..B" with A ≤ B (ISO dates compare as strings). */
  const dateOrRangeSchema = z.string().check(
    z.superRefine((value: string, ctx) => {
      const parts = value.split('..');
      // The whole value is quoted when its shape is wrong; a single impossible date by itself.
      if (parts.length > 2 || !parts.every((p) => DATE.test(p))) {
        return reportPolicyError(ctx, 'policyErrDateFormat', [quotePolicyValue(value)]);
      }
      if (!parts.every((p) => checkDate(p, ctx))) return;
      if (parts.length === 2 && (parts[0] ?? '') > (parts[1] ?? '')) reportPolicyError(ctx, 'policyErrDateRangeOrder', [value]);
    }),
    z.describe('A day off "YYYY-MM-DD", or an inclusive range "YYYY-MM-DD..YYYY-MM-DD".'),
  );

  /** A host entry, normalised (see normalizeHostEntry); an error says what the admin probably meant. */
  const hostEntrySchema = z
    .pipe(
      z.string(),
      z.transform((value: string, ctx) => {
        const r = normalizeHostEntry(value);
        if (r.ok) return r.host;
        // The URL/wildcard/path/port messages quote a suggestion; without one, say it plainly.
        const withSuggestion = r.reason === 'url' || r.reason === 'wildcard' || r.reason === 'path' || r.reason === 'port';
        const stop = true;
        if (withSuggestion && r.suggestion === undefined) reportPolicyError(ctx, 'policyErrHostNotHost', [quotePolicyValue(value)], undefined, stop);
        else if (r.reason === 'empty') reportPolicyError(ctx, 'policyErrHostEmpty', [], undefined, stop);
        else {
          const args = r.suggestion === undefined ? [quotePolicyValue(value)] : [quotePolicyValue(value), r.suggestion];
          reportPolicyError(ctx, HOST_ERROR_KEY[r.reason], args, undefined, stop);
        }
        return z.NEVER;
      }),
    )
    .check(z.describe('A host name such as "taobao.com"; it also covers every subdomain.'));

  /** A list of host entries; duplicates after normalisation ("www.jd.com", "JD.com") collapse. */
  const hostListSchema = z.pipe(
    z.array(hostEntrySchema),
    z.transform((hosts: string[]) => [...new Set(hosts)]),
  );

  const urlKeywordSchema = z.string().check(
    z.trim(),
    z.toLowerCase(),
    z.superRefine((value: string, ctx) => {
      if (value !== '' && (!KEYWORD_CHARS.test(value) || /[*|^]/.test(value))) {
        return reportPolicyError(ctx, 'policyErrKeywordChars', [quotePolicyValue(value)]);
      }
      // Shorter keywords match inside unrelated URLs ("hb" is in "github").
      if (value.length < 3) reportPolicyError(ctx, 'policyErrKeywordTooShort', [value]);
    }),
    z.describe('A lower-case word of at least 3 ASCII characters that, found in a URL, puts it in the category.'),
  );

  const keywordListSchema = z.pipe(
    z.array(urlKeywordSchema),
    z.transform((words: string[]) => [...new Set(words)]),
  );
  return { dayPeriodsSchema, dateSchema, dateOrRangeSchema, hostEntrySchema, hostListSchema, urlKeywordSchema, keywordListSchema };
}

let built: ReturnType<typeof buildFieldSchemas> | null = null;

/** The field schemas (one set per context, built at the first call). */
export function fieldSchemas(): ReturnType<typeof buildFieldSchemas> {
  return (built ??= buildFieldSchemas());
}
