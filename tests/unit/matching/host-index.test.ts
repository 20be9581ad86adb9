import { describe, expect, test } from 'vitest';
import { buildHostIndex, categorizeHost, listedMatch, matchUrlKeyword, normalizeLookupHost, type MatchConfig } from '../../../utils/matching/host-index';

const config: MatchConfig = {
  allow: ['mp.weixin.qq.com', 'smartedu.cn', 'allowed.example'],
  categories: [
    { id: 'shopping', mode: 'block', domains: ['taobao.com', 'jd.com', 'shared.example', 'xn--fiqs8s.com'], urlKeywords: [] },
    { id: 'games', mode: 'block', domains: ['game.qq.com', 'shared.example', 'x.allowed.example'], urlKeywords: [] },
    { id: 'webChat', mode: 'log', domains: ['weixin.qq.com', 'deep.taobao.com'], urlKeywords: [] },
    { id: 'video', mode: 'off', domains: ['bilibili.com', 'jd.com'], urlKeywords: ['ignored'] },
    { id: 'redPacket', mode: 'block', domains: [], urlKeywords: ['hongbao', '红包'] },
    { id: 'lottery', mode: 'log', domains: [], urlKeywords: ['caipiao'] },
  ],
};
const index = buildHostIndex(config);

describe('categorizeHost', () => {
  test.each([
    // label-suffix semantics
    ['taobao.com', 'shopping', 'taobao.com'],
    ['item.taobao.com', 'shopping', 'taobao.com'],
    ['a.b.c.taobao.com', 'shopping', 'taobao.com'],
    ['nottaobao.com', null, null],
    ['taobao.com.example.org', null, null],
    ['taobao', null, null],
    ['com', null, null],
    // a host under a shared domain matches only itself and below
    ['game.qq.com', 'games', 'game.qq.com'],
    ['act.game.qq.com', 'games', 'game.qq.com'],
    ['qq.com', null, null],
    ['news.qq.com', null, null],
    // most specific wins (webChat's deep.taobao.com under shopping's taobao.com)
    ['deep.taobao.com', 'webChat', 'deep.taobao.com'],
    ['x.deep.taobao.com', 'webChat', 'deep.taobao.com'],
    ['weixin.qq.com', 'webChat', 'weixin.qq.com'],
    // tie: the first category in order
    ['shared.example', 'shopping', 'shared.example'],
    ['a.shared.example', 'shopping', 'shared.example'],
    // 'off' categories take no part: jd.com stays shopping, bilibili.com is nothing
    ['jd.com', 'shopping', 'jd.com'],
    ['bilibili.com', null, null],
    // input normalisation
    ['ITEM.TaoBao.COM', 'shopping', 'taobao.com'],
    ['item.taobao.com.', 'shopping', 'taobao.com'],
    ['Item.Taobao.Com..', 'shopping', 'taobao.com'],
    // punycode, and Unicode input turned into it (中国.com = xn--fiqs8s.com)
    ['xn--fiqs8s.com', 'shopping', 'xn--fiqs8s.com'],
    ['www.中国.com', 'shopping', 'xn--fiqs8s.com'],
    // not host names: nothing, and no crash
    ['', null, null],
    ['.', null, null],
    ['a..taobao.com', 'shopping', 'taobao.com'],
    ['..', null, null],
  ])('%s → category %s via %s', (host, category, entry) => {
    const match = categorizeHost(index, host);
    if (category === null) {
      expect(match).toBeNull();
    } else {
      expect(match).toMatchObject({ allowed: false, category, entry });
    }
  });

  test.each([
    ['mp.weixin.qq.com', 'mp.weixin.qq.com'],
    ['s.mp.weixin.qq.com', 'mp.weixin.qq.com'],
    ['smartedu.cn', 'smartedu.cn'],
    ['basic.smartedu.cn', 'smartedu.cn'],
    // allow beats a more specific category entry below it
    ['x.allowed.example', 'allowed.example'],
    ['y.x.allowed.example', 'allowed.example'],
    ['MP.WEIXIN.QQ.COM.', 'mp.weixin.qq.com'],
  ])('%s is allowed by %s', (host, entry) => {
    expect(categorizeHost(index, host)).toEqual({ allowed: true, entry });
  });

  test('explains the decision with the mode', () => {
    expect(categorizeHost(index, 'item.taobao.com')).toEqual({
      allowed: false,
      category: 'shopping',
      entry: 'taobao.com',
      mode: 'block',
    });
    expect(categorizeHost(index, 'weixin.qq.com')).toMatchObject({ mode: 'log' });
  });

  test('returns the same object for every lookup (no allocation per call)', () => {
    expect(categorizeHost(index, 'a.taobao.com')).toBe(categorizeHost(index, 'b.taobao.com'));
  });
});

describe('the listed entries', () => {
  test('each domain once, allow first, then the categories in order; off categories left out', () => {
    expect(index.entries).toEqual([
      'mp.weixin.qq.com', 'smartedu.cn', 'allowed.example',
      'taobao.com', 'jd.com', 'shared.example', 'xn--fiqs8s.com',
      'game.qq.com', 'x.allowed.example',
      'weixin.qq.com', 'deep.taobao.com',
    ]);
    expect(index.matches.map((m) => (m.allowed ? `allow ${m.entry}` : `${m.category} ${m.entry}`))).toEqual([
      'allow mp.weixin.qq.com', 'allow smartedu.cn', 'allow allowed.example',
      'shopping taobao.com', 'shopping jd.com', 'shopping shared.example', 'shopping xn--fiqs8s.com',
      // below an allowed domain: the allow entry's decision, resolved once
      'games game.qq.com', 'allow allowed.example',
      'webChat weixin.qq.com', 'webChat deep.taobao.com',
    ]);
  });

  test('listedMatch answers for a listed name only, never for a suffix some entry ends with', () => {
    expect(index.entries.map((entry) => listedMatch(index, entry))).toEqual(index.matches);
    // qq.com is a node of the table (game.qq.com ends with it), com too: neither is listed.
    for (const name of ['qq.com', 'com', 'example', 'item.taobao.com', 'nottaobao.com', 'bilibili.com', '']) expect(listedMatch(index, name)).toBeNull();
  });
});

describe('normalizeLookupHost', () => {
  test.each([
    ['taobao.com', 'taobao.com'],
    ['TAOBAO.com', 'taobao.com'],
    ['taobao.com.', 'taobao.com'],
    ['中国.COM.', 'xn--fiqs8s.com'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLookupHost(input)).toBe(expected);
  });

  test('returns the very string when nothing changes', () => {
    const host = ['item', 'taobao', 'com'].join('.');
    expect(normalizeLookupHost(host)).toBe(host);
  });
});

describe('matchUrlKeyword', () => {
  test.each([
    ['https://weibo.com/hongbao/2026', 'redPacket', 'hongbao'],
    ['https://weibo.com/HongBao', 'redPacket', 'hongbao'],
    ['https://hongbao.example.cn/', 'redPacket', 'hongbao'],
    // non-ASCII keywords are matched as browsers send them: UTF-8 percent-escapes, any case
    [`https://s.example.cn/search?q=${encodeURIComponent('抢红包')}`, 'redPacket', '红包'],
    ['https://s.example.cn/search?q=%e7%ba%a2%e5%8c%85', 'redPacket', '红包'],
    ['https://cp.example.cn/caipiao', 'lottery', 'caipiao'],
    ['https://example.cn/ignored', null, null],
    ['https://example.cn/', null, null],
  ])('%s → %s (%s)', (url, category, keyword) => {
    const match = matchUrlKeyword(index, url);
    if (category === null) expect(match).toBeNull();
    else expect(match).toMatchObject({ category, keyword });
  });

  test('an index without keywords answers null', () => {
    expect(matchUrlKeyword(buildHostIndex({ allow: [], categories: [] }), 'https://hongbao.cn/')).toBeNull();
  });
});
