import { browser, type Browser } from 'wxt/browser';
import { parseRequest, type ErrorResponse, type Request, type Responses } from '@/utils/messages/protocol';
import { describeBlock, requestUnlock } from './block-page';
import { getStatus, reconcile, refreshBadge } from './controller';
import { deleteAllData, getSettings, saveTeacherSettings, testUrl } from './settings';
import { recordBlocked, report, reportRows, today, week } from './tallies';

/** Only the extension's own pages may call the background (not web pages, not content). */
function isOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

async function dispatch(request: Request): Promise<Responses[Request['type']]> {
  const now = Date.now();
  switch (request.type) {
    case 'getStatus':
      return getStatus();
    case 'describeBlock':
      return describeBlock(request.url, now);
    case 'reportBlocked': {
      const attemptsToday = await recordBlocked(request.url, now);
      await refreshBadge(now).catch(() => undefined);
      return { attemptsToday };
    }
    case 'requestUnlock': {
      const result = await requestUnlock(request.url, request.reason, request.minutes, now);
      // The new allow rule must be installed before the page returns to the site.
      if (result.ok) await reconcile('unlock', false);
      return result;
    }
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
    case 'saveTeacherSettings': {
      const result = await saveTeacherSettings(request.settings);
      if (result.ok) await reconcile('settings change', false);
      return result;
    }
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
