import { describe, expect, test } from 'vitest';
import { buildHostIndex } from '@/utils/matching/host-index';
import { categoryInfos } from '@/utils/ui/categories';
import { buildMatchConfig, resolveConfig } from '@/utils/policy/resolve';
import { decideUrl } from '@/utils/matching/decide';
import { webHost } from '@/utils/matching/web-host';
import { parsePolicy } from '@/utils/policy/schema';

const parsed = parsePolicy({
  allow: ['help.taobao.com'],
  customCategories: [{ id: 'stocks', name: { zh_CN: '炒股' }, mode: 'block', domains: ['eastmoney.com'], urlKeywords: ['gupiao'] }],
});
if (!parsed.ok) throw new Error('fixture');
const { values } = resolveConfig(parsed.policy, null);
const index = buildHostIndex(buildMatchConfig(values));
const categories = categoryInfos(values);
const now = Date.parse('2026-11-26T10:00:00+08:00');
const decide = (url: string, extra: Partial<Parameters<typeof decideUrl>[0]> = {}) =>
  decideUrl({ url, index, categories, workTime: true, nextBoundary: now + 3_600_000, unlocks: [], now, ...extra });

describe('decideUrl explains a decision in the terms the rules use', () => {
  test.each([
    ['https://item.taobao.com/x', { blockedNow: true, entry: 'taobao.com', category: { id: 'shopping' }, allowedBy: null }],
    ['https://help.taobao.com/', { blockedNow: false, entry: 'help.taobao.com', allowedBy: 'allowList' }],
    ['http://quote.eastmoney.com/', { blockedNow: true, entry: 'eastmoney.com', category: { id: 'stocks', builtin: false } }],
    ['https://news.example.cn/gupiao/today', { blockedNow: true, entry: 'gupiao', category: { id: 'stocks' } }],
    ['https://www.bilibili.com/', { blockedNow: false, blockedInWorkTime: false, category: { id: 'video', mode: 'log' } }],
    ['https://smartedu.cn/', { blockedNow: false, category: null }],
    ['HTTPS://TAOBAO.COM./', { blockedNow: true, host: 'taobao.com' }],
  ])('%s', (url, expected) => {
    expect(decide(url)).toMatchObject({ valid: true, ...expected });
  });

  test('outside work time nothing is blocked now, but the rule is named', () => {
    expect(decide('https://taobao.com/', { workTime: false })).toMatchObject({ blockedNow: false, blockedInWorkTime: true, entry: 'taobao.com' });
  });

  test('a live unlock allows the site and its subdomains; an expired one does not', () => {
    expect(decide('https://item.taobao.com/', { unlocks: [{ host: 'taobao.com', until: now + 1 }] })).toMatchObject({ blockedNow: false, allowedBy: 'unlock' });
    expect(decide('https://item.taobao.com/', { unlocks: [{ host: 'taobao.com', until: now }] })).toMatchObject({ blockedNow: true, allowedBy: null });
  });

  test.each(['javascript:alert(1)', 'chrome-extension://x/blocked.html', 'not a url', 'file:///etc/passwd', ''])('%s is not a web URL', (url) => {
    expect(webHost(url)).toBeNull();
    expect(decide(url)).toMatchObject({ valid: false, blockedNow: false });
  });
});
