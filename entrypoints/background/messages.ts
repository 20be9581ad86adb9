import { browser, type Browser } from 'wxt/browser';
import { parseRequest, type ErrorResponse, type Request, type Responses } from '@/utils/messages/protocol';
import { describeBlock, reportBlocked, requestUnlock } from './block-page';
import { getStatus } from './controller';
import { popup, report, reportRows, today } from './queries';
import { deleteAllData, getSettings, saveTeacherSettings, testUrl } from './settings';

/** Only the extension's own pages may call the background (not web pages, not content). */
function isOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

/**
 * The block page in a tab's own top frame (#17): a web page can frame or open the block page,
 * so what counts or grants anything must come from a top-level extension page in a tab.
 */
function topLevelTab(sender: Browser.runtime.MessageSender): number | null {
  return sender.frameId === 0 && sender.tab?.id !== undefined ? sender.tab.id : null;
}

/** Routes a request to its handler; the handlers do the work, including any reconcile. */
async function dispatch(request: Request, sender: Browser.runtime.MessageSender): Promise<Responses[Request['type']]> {
  const now = Date.now();
  switch (request.type) {
    case 'getStatus':
      return getStatus();
    case 'describeBlock':
      return describeBlock(request.url, now);
    case 'reportBlocked':
      return reportBlocked(topLevelTab(sender), now);
    case 'requestUnlock':
      if (topLevelTab(sender) === null) return { ok: false, refusal: 'framed' };
      return requestUnlock(request.url, request.reason, request.minutes, now);
    case 'getToday':
      return today(now);
    case 'getPopup':
      return popup(now);
    case 'getReport':
      return report(request.from, request.to);
    case 'exportReport':
      return reportRows(request.from, request.to);
    case 'getSettings':
      return getSettings();
    case 'saveTeacherSettings':
      return saveTeacherSettings(request.settings);
    case 'testUrl':
      return testUrl(request.url, now);
    case 'deleteAllData':
      return deleteAllData(now);
  }
}

export function handleMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  if (!isOwnPage(sender)) return undefined;
  const request = parseRequest(message);
  if (!request) return Promise.resolve<ErrorResponse>({ error: 'invalid message' });
  return dispatch(request, sender).catch((error: unknown): ErrorResponse => ({ error: String(error) }));
}
