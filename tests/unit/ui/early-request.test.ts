// The popup's early request (issue 16): popup-request.js sends getPopup before the page's
// modules run; the popup's first render takes it once, and reads it as every answer is read.
import { describe, expect, test } from 'vitest';
import { EARLY_POPUP_REQUEST, takeEarlyRequest, type EarlyPopupRequest } from '@/utils/ui/early-request';
import { received } from '@/utils/ui/page-runtime';

describe('the early popup request', () => {
  test('is taken once: a later render (or a page without it) sends its own', async () => {
    const answer = { status: 'ok' };
    const scope: EarlyPopupRequest = { [EARLY_POPUP_REQUEST]: Promise.resolve(answer) };
    const early = takeEarlyRequest(scope);
    expect(await early).toBe(answer);
    expect(takeEarlyRequest(scope)).toBeUndefined();
    expect(takeEarlyRequest({})).toBeUndefined();
  });

  test('its answer is read as every answer is: the background’s error is thrown', async () => {
    await expect(received<'getPopup'>(Promise.resolve({ error: 'database closed' }))).rejects.toThrow('database closed');
    await expect(received<'getPopup'>(Promise.reject(new Error('no receiver')))).rejects.toThrow('no receiver');
    const value = { status: {}, tallies: {} };
    expect(await received<'getPopup'>(Promise.resolve(value))).toBe(value);
  });
});
