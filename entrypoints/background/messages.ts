import { browser, type Browser } from 'wxt/browser';
import { parseRequest, type ErrorResponse, type Request, type Responses } from '@/utils/messages/protocol';
import { describeBlock, reportBlocked, requestUnlock } from './block-page';
import { getStatus } from './controller';
import { report, reportRows, today, week } from './queries';
import { deleteAllData, getSettings, saveTeacherSettings, testUrl } from './settings';

/** Only the extension's own pages may call the background (not web pages, not content). */
function isOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

/** Routes a request to its handler; the handlers do the work, including any reconcile. */
async function dispatch(request: Request): Promise<Responses[Request['type']]> {
  const now = Date.now();
  switch (request.type) {
    case 'getStatus':
      return getStatus();
    case 'describeBlock':
      return describeBlock(request.url, now);
    case 'reportBlocked':
      return reportBlocked(request.url, now);
    case 'requestUnlock':
      return requestUnlock(request.url, request.reason, request.minutes, now);
    case 'getToday':
      return today(now);
    case 'getWeek':
      return week(now);
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
  return dispatch(request).catch((error: unknown): ErrorResponse => ({ error: String(error) }));
}
