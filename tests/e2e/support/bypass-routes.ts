/**
 * Pages of issue #17's cases, served by the test server on any host mapped to it: a site
 * service worker (registered before the period starts), a page that remembers whether it came
 * back from the back/forward cache, embeds of a blocked host in an allowed page, a page that
 * frames or opens the block page itself, and a single-page site that changes its URL in place.
 */
import type { IncomingMessage } from 'node:http';
import { htmlAttr as attr } from './blocking-cases';
import type { TestServer } from './server';

const js = { 'content-type': 'text/javascript; charset=utf-8' };
const param = (req: IncomingMessage, name: string) => new URL(req.url ?? '/', 'http://x').searchParams.get(name) ?? '';

/** The worker answers /cached from its cache (no request) and passes /passthrough on to the network. */
const SERVICE_WORKER = `
const PAGE = '<!doctype html><title>cached</title><h1 id="served">served by the worker from its cache</h1>';
self.addEventListener('install', (e) => {
  self.skipWaiting();
  e.waitUntil(caches.open('v1').then((c) => c.put(new Request('/cached'), new Response(PAGE, { headers: { 'content-type': 'text/html' } }))));
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const path = new URL(e.request.url).pathname;
  if (path === '/cached') e.respondWith(caches.match(new Request('/cached')));
  else if (path === '/passthrough') e.respondWith(fetch(e.request));
});
`;

export function installBypassRoutes(s: TestServer): void {
  s.routes.set('/sw.js', () => [200, js, SERVICE_WORKER]);
  s.routes.set('/sw-register', () => [
    200,
    {},
    `<!doctype html><h1 id="served">registering</h1><script>
      navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => { document.title = 'worker ready'; }, (e) => { document.title = 'worker failed: ' + e; });
    </script>`,
  ]);
  // window.mark survives only a restore from the back/forward cache.
  s.routes.set('/bf', () => [
    200,
    {},
    `<!doctype html><h1 id="served">bf page</h1><script>
      addEventListener('pageshow', (e) => { window.restored = e.persisted; if (e.persisted) fetch('/bf-alive?restored').catch(() => {}); });
      window.mark = 'set before leaving';
    </script>`,
  ]);
  s.routes.set('/embeds', (req) => {
    const to = attr(param(req, 'to'));
    return [
      200,
      {},
      `<!doctype html><h1 id="served">embeds</h1>
      <object data="${to}/object" type="text/html" width="100" height="100"></object>
      <embed src="${to}/embed" type="text/html" width="100" height="100">
      <img src="${to}/image.png"><script src="${to}/script.js"></script><link rel="stylesheet" href="${to}/style.css">
      <script>
        fetch('${to}/fetch').catch(() => {});
        try { const ws = new WebSocket('${to.replace(/^http/, 'ws')}/socket'); ws.onerror = () => {}; } catch {}
        navigator.sendBeacon && navigator.sendBeacon('${to}/beacon', 'x');
      </script>`,
    ];
  });
  // An allowed page whose own sub-resources load: nothing here may be blocked.
  s.routes.set('/own', () => [200, {}, `<!doctype html><h1 id="served">own</h1><img id="own-image" src="/own.png" onload="document.title='image loaded'">`]);
  s.routes.set('/own.png', () => [200, { 'content-type': 'image/svg+xml' }, '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>']);
  s.routes.set('/frame-block-page', (req) => {
    const src = attr(param(req, 'src'));
    const frames = Array.from({ length: Number(param(req, 'n') || '1') }, (_, i) => `<iframe src="${src}&n=${i}"></iframe>`).join('');
    return [200, {}, `<!doctype html><h1 id="served">framing</h1>${frames}`];
  });
  s.routes.set('/open-block-page', (req) => [200, {}, `<!doctype html><button id="go" onclick="window.open('${attr(param(req, 'src'))}')">open</button>`]);
  s.routes.set('/spa', () => [
    200,
    {},
    `<!doctype html><h1 id="served">spa</h1><script>
      window.churn = () => { for (let i = 0; i < 30; i++) { history.pushState({}, '', '/spa/page' + i); location.hash = 'h' + i; } return location.href; };
    </script>`,
  ]);
}

/** An allowed page that embeds `target` (a blocked origin) every way a page can. */
export const embedsOf = (s: TestServer, host: string, target: string) => s.url(host, `/embeds?to=${encodeURIComponent(target)}`);

/** A red-packet keyword (pinyin: the policy takes ASCII keywords) that blocks a URL on any host. */
export const KEYWORD = 'qianghongbao';
/** `policy` with a custom category that blocks URLs containing KEYWORD. */
export const withKeywordCategory = <P extends object>(policy: P) => ({
  ...policy,
  customCategories: [{ id: 'redPackets', name: { zh_CN: '红包' }, mode: 'block', urlKeywords: [KEYWORD] }],
});
/** Requests whose URL carries KEYWORD: none may reach the server in work time. */
export const keywordRequests = (s: TestServer) => s.requests.filter((r) => r.url.toLowerCase().includes(KEYWORD));
