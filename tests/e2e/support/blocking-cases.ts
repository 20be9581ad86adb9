/**
 * The "no way around it" cases of issue #3, shared by the Chromium and Firefox suites so both
 * browsers are held to the same table. Every host here resolves to the local test server,
 * which records each request: a blocked host must receive none.
 */
import type { IncomingMessage } from 'node:http';
import { WEEKDAYS } from '../../../utils/policy/constants';
import type { TestServer } from './server';

export const IDN_ENTRY = '测试购物.com';
export const IDN_PUNYCODE = 'xn--0zw22i26zlhb.com';

/** All day, every day, whatever the calendar: the tests run at any hour. */
export const ALWAYS_WORK = Object.fromEntries(WEEKDAYS.map((d) => [d, ['00:00-24:00']]));

export const BLOCKING_POLICY = {
  schoolName: '清风测试学校',
  schedule: { weekly: ALWAYS_WORK, officialCalendar: 'none' },
  categories: { shopping: { mode: 'block', add: [IDN_ENTRY] } },
  allow: ['help.taobao.com'],
};

/** Hosts that must never receive a request while the policy is in force. */
export const BLOCKED_HOSTS = ['taobao.com', 'game.qq.com', IDN_PUNYCODE];

export const isBlockedHost = (host: string) => {
  const h = host.replace(/\.+$/, '');
  return BLOCKED_HOSTS.some((b) => h === b || h.endsWith(`.${b}`)) && h !== 'help.taobao.com';
};

/** Every host the browsers must resolve to 127.0.0.1 (Firefox needs them one by one). */
export const TEST_HOSTS = [
  'taobao.com', 'taobao.com.', 'item.taobao.com', 'item.taobao.com.', 'a.b.c.item.taobao.com', 'help.taobao.com',
  'nottaobao.com', 'nottaobao.com.', 'taobao.com.example.org', 'allowed.example.org', 'qq.com', 'game.qq.com', IDN_PUNYCODE,
];

/** A case names its URL lazily: the server's ports are known only once it has started. */
export interface Case {
  name: string;
  url: (s: TestServer) => string;
}

/** Each case has its own path, so no two land on the same block-page address. */
export const BLOCKED_NAVIGATIONS: Case[] = [
  { name: 'the listed host', url: (s) => s.url('taobao.com', '/item.htm?id=1') },
  { name: 'any case of the host', url: (s) => s.url('TaoBao.COM', '/case') },
  { name: 'a trailing dot', url: (s) => s.url('taobao.com.', '/dot') },
  { name: 'a subdomain with a trailing dot', url: (s) => s.url('item.taobao.com.', '/x') },
  { name: 'userinfo', url: (s) => `http://a@taobao.com:${s.port}/userinfo` },
  { name: 'any subdomain depth', url: (s) => s.url('a.b.c.item.taobao.com', '/deep?q=1') },
  { name: 'https', url: (s) => s.httpsUrl('taobao.com', '/secure') },
  { name: 'an IDN entry given in Unicode', url: (s) => s.url(IDN_ENTRY, '/idn') },
  { name: 'a host under a shared domain (game.qq.com)', url: (s) => s.url('game.qq.com', '/shared') },
];

export const ALLOWED_NAVIGATIONS: Case[] = [
  { name: 'a name that only ends like a listed one', url: (s) => s.url('nottaobao.com') },
  { name: 'a listed name as a left label of another domain', url: (s) => s.url('taobao.com.example.org') },
  { name: 'the shared parent of a listed host', url: (s) => s.url('qq.com') },
  { name: 'an allow-list host under a blocked domain', url: (s) => s.url('help.taobao.com') },
    // Proves the test can fail: a dotted host does reach the server when nothing blocks it.
  { name: 'an unlisted host with a trailing dot', url: (s) => s.url('nottaobao.com.') },
];

/** Pages on an allowed host that reach a blocked one by other means. */
/** Text made safe inside a double-quoted HTML attribute or a page's text. */
export const htmlAttr = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function installEmbeddingRoutes(s: TestServer): void {
  const to = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? '';
  s.routes.set('/frame', (req) => [200, {}, `<!doctype html><h1 id="served">frame host</h1><iframe id="f" src="${htmlAttr(to(req))}"></iframe>`]);
  s.routes.set('/link', (req) => [200, {}, `<!doctype html><a id="go" href="${htmlAttr(to(req))}">go</a>`]);
  s.routes.set('/open', (req) => [200, {}, `<!doctype html><button id="go" onclick="window.open('${htmlAttr(to(req))}')">open</button>`]);
  s.routes.set('/redirect', (req) => [302, { location: to(req) }, '']);
}

export const embedded = (s: TestServer, route: string, target: string) =>
  s.url('allowed.example.org', `/${route}?to=${encodeURIComponent(target)}`);

/** The original URL a block page carries in its fragment. */
export const fragmentOf = (blockedUrl: string) => blockedUrl.slice(blockedUrl.indexOf('#') + 1);
