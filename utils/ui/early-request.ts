/** Where popup-request.js leaves the popup's request it sent before the page's modules ran. */
export const EARLY_POPUP_REQUEST = 'qingfengPopupRequest';

export type EarlyPopupRequest = { [EARLY_POPUP_REQUEST]?: Promise<unknown> };

/** The request popup-request.js sent, once: a later call (or a page without it) gets undefined. */
export function takeEarlyRequest(scope: EarlyPopupRequest): Promise<unknown> | undefined {
  const sent = scope[EARLY_POPUP_REQUEST];
  delete scope[EARLY_POPUP_REQUEST];
  return sent;
}
