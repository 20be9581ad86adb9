/**
 * The one message protocol between the extension's pages and the background.
 * Requests are validated with zod on receipt (the background trusts no sender's shape);
 * objects are strict, so a request with a key the protocol does not name (`__proto__`,
 * `constructor`, a misspelt field) is refused whole rather than silently stripped;
 * responses are typed by the `Responses` map, so no `any` crosses the boundary.
 */
import * as z from 'zod/mini';
import type {
  BlockInfo,
  DeleteResult,
  ReportExport,
  ReportResponse,
  SaveSettingsResult,
  PopupResponse,
  SettingsResponse,
  StatusResponse,
  TodayResponse,
  UnlockResult,
  UrlDecision,
} from './types';

/**
 * The request schema, built at the first message rather than when the module loads: most
 * service-worker wakes receive none (issue 16: building zod objects at every wake).
 */
function buildRequestSchema() {
  const DAY = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
  /** URLs arrive from the block page's fragment: bounded, never trusted further than a string. */
  const URL_TEXT = z.string().check(z.minLength(1), z.maxLength(100_000));

  return z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('getStatus') }),
    z.strictObject({ type: z.literal('describeBlock'), url: URL_TEXT }),
    /**
     * Sent once per navigation to the block page (not on reload), for the tallies. No URL: the
     * background counts the navigation its rules redirected in the sender's tab (#17).
     */
    z.strictObject({ type: z.literal('reportBlocked') }),
    z.strictObject({ type: z.literal('requestUnlock'), url: URL_TEXT, reason: z.string().check(z.maxLength(500)), minutes: z.int().check(z.minimum(1), z.maximum(120)) }),
    z.strictObject({ type: z.literal('getToday') }),
    /** The popup's one request: the status, today and the 7-day chart together. */
    z.strictObject({ type: z.literal('getPopup') }),
    z.strictObject({ type: z.literal('getReport'), from: DAY, to: DAY }),
    z.strictObject({ type: z.literal('exportReport'), from: DAY, to: DAY }),
    z.strictObject({ type: z.literal('getSettings') }),
    z.strictObject({ type: z.literal('saveTeacherSettings'), settings: z.unknown() }),
    z.strictObject({ type: z.literal('testUrl'), url: z.string().check(z.maxLength(100_000)) }),
    z.strictObject({ type: z.literal('deleteAllData') }),
  ]);
}

let requests: ReturnType<typeof buildRequestSchema> | null = null;

export type Request = z.infer<ReturnType<typeof buildRequestSchema>>;
export type RequestType = Request['type'];

export interface Responses {
  getStatus: StatusResponse;
  describeBlock: BlockInfo;
  reportBlocked: { attemptsToday: number };
  requestUnlock: UnlockResult;
  getToday: TodayResponse;
  getPopup: PopupResponse;
  getReport: ReportResponse;
  exportReport: ReportExport;
  getSettings: SettingsResponse;
  saveTeacherSettings: SaveSettingsResult;
  testUrl: UrlDecision;
  deleteAllData: DeleteResult;
}

export type ErrorResponse = { error: string };

export function parseRequest(message: unknown): Request | null {
  const parsed = (requests ??= buildRequestSchema()).safeParse(message);
  return parsed.success ? parsed.data : null;
}
