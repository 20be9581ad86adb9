/**
 * The one message protocol between the extension's pages and the background.
 * Requests are validated with zod on receipt (the background trusts no sender's shape);
 * responses are typed by the map below, so no `any` crosses the boundary.
 */
import { z } from 'zod';
import type { PolicyStatus } from './policy-status';

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('getStatus') }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

export interface StatusResponse {
  now: number;
  workTime: boolean;
  /** The next instant the work-time answer changes; null when none within a year. */
  nextBoundary: number | null;
  schoolName: string;
  policy: PolicyStatus;
  /** Years near now for which the official calendar has no data (weekly timetable used). */
  calendarMissingYears: number[];
}

export interface Responses {
  getStatus: StatusResponse;
}

export type ErrorResponse = { error: string };

export function parseRequest(message: unknown): Request | null {
  const parsed = requestSchema.safeParse(message);
  return parsed.success ? parsed.data : null;
}
