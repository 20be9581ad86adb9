/**
 * The popup's one request, sent from a small classic script in the popup's <head> (issue 16):
 * the browser runs it as soon as it is fetched, before the popup's modules (five chunks) are
 * fetched and evaluated and before Preact's first render, so the background works on the
 * answer while the page is still loading. popup/main.tsx hands the pending answer to the
 * first render (page-runtime's `received` reads it as every answer is read). Built by WXT as
 * an unlisted script (popup-request.js): no module graph, no polyfill; the browser's own
 * promise-returning runtime.sendMessage (Firefox's `browser`, Chromium's `chrome` in MV3).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { Request } from '@/utils/messages/protocol';
import { EARLY_POPUP_REQUEST, type EarlyPopupRequest } from '@/utils/ui/early-request';

export default defineUnlistedScript(() => {
  const request: Extract<Request, { type: 'getPopup' }> = { type: 'getPopup' };
  const runtime = ((globalThis as { browser?: typeof chrome }).browser ?? chrome).runtime;
  const sent: Promise<unknown> = runtime.sendMessage(request);
  // Handled where it is used; meanwhile a failure is not reported as unhandled.
  sent.catch(() => undefined);
  (globalThis as EarlyPopupRequest)[EARLY_POPUP_REQUEST] = sent;
});
