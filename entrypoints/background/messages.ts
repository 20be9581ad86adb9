import { browser, type Browser } from 'wxt/browser';
import { parseRequest, type ErrorResponse, type Request, type Responses } from '@/utils/messages';
import { getStatus } from './controller';

/** Only the extension's own pages may call the background (not web pages, not content). */
function isOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

async function dispatch(request: Request): Promise<Responses[Request['type']]> {
  switch (request.type) {
    case 'getStatus':
      return getStatus();
    default:
      throw new Error(`${request.type}: not wired yet`);
  }
}

export function handleMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  if (!isOwnPage(sender)) return undefined;
  const request = parseRequest(message);
  if (!request) return Promise.resolve<ErrorResponse>({ error: 'invalid message' });
  return dispatch(request).catch((error: unknown): ErrorResponse => ({ error: String(error) }));
}
