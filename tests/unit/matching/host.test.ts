import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isValidHostname, normalizeHostEntry } from '../../../utils/matching/host';

describe('normalizeHostEntry: valid entries', () => {
  test.each([
    ['taobao.com', 'taobao.com'],
    ['  TAOBAO.COM.  ', 'taobao.com'],
    ['www.jd.com', 'jd.com'],
    ['WWW.JD.COM', 'jd.com'],
    ['www.www.jd.com', 'jd.com'], // stripped until stable, so normalising twice changes nothing
    ['www2.jd.com', 'www2.jd.com'],
    ['wwwjd.com', 'wwwjd.com'],
    ['www.com', 'www.com'], // "com" alone would be a TLD
    ['www.com.cn', 'www.com.cn'], // "com.cn" is a public suffix
    ['game.qq.com', 'game.qq.com'],
    ['mp.weixin.qq.com', 'mp.weixin.qq.com'],
    ['淘宝.cn', 'xn--pbt173b.cn'],
    ['ｔａｏｂａｏ．ｃｏｍ', 'taobao.com'], // full-width, as a Chinese IME may type
    ['淘宝。cn', 'xn--pbt173b.cn'], // ideographic full stop
    ['xn--pbt173b.cn', 'xn--pbt173b.cn'],
    ['10.0.0.5', '10.0.0.5'],
    ['my-site.example.org', 'my-site.example.org'],
    ['github.io', 'github.io'], // a private suffix is a real site to block
  ])('%s → %s', (input, host) => {
    expect(normalizeHostEntry(input)).toEqual({ ok: true, host });
  });
});

describe('normalizeHostEntry: errors', () => {
  test.each([
    ['', 'empty', undefined],
    ['   ', 'empty', undefined],
    ['https://www.taobao.com/x', 'url', 'taobao.com'],
    ['http://淘宝.cn/', 'url', 'xn--pbt173b.cn'],
    ['//jd.com/a', 'url', 'jd.com'],
    ['http://', 'url', undefined],
    ['*.taobao.com', 'wildcard', 'taobao.com'],
    ['*taobao.com', 'wildcard', 'taobao.com'],
    ['*', 'wildcard', undefined],
    ['taobao.*', 'wildcard', undefined],
    ['taobao.com/item', 'path', 'taobao.com'],
    ['taobao.com?q=1', 'path', 'taobao.com'],
    ['taobao.com:8080', 'port', 'taobao.com'],
    ['::1', 'ipv6', undefined],
    ['[2001:db8::1]', 'ipv6', undefined],
    ['com', 'noDot', undefined],
    ['localhost', 'noDot', undefined],
    ['com.cn', 'publicSuffix', undefined],
    ['edu.cn', 'publicSuffix', undefined],
    ['co.uk', 'publicSuffix', undefined],
    ['a'.repeat(600), 'tooLong', undefined],
    [`${'a.'.repeat(130)}com`, 'tooLong', undefined],
    ['taobao com', 'invalid', undefined],
    ['a_b.com', 'invalid', undefined],
    ['-a.com', 'invalid', undefined],
    ['a..com', 'invalid', undefined],
    ['taobao.com..', 'invalid', undefined],
    ['user@taobao.com', 'invalid', undefined],
    ['xn--a.com', 'invalid', undefined], // bad punycode
    ['010.0.0.5', 'invalid', undefined], // browsers would read it as octal
    ['1.2.3', 'invalid', undefined],
    ['256.1.1.1', 'invalid', undefined],
    ['a.123', 'invalid', undefined],
  ])('%s → %s', (input, reason, suggestion) => {
    const r = normalizeHostEntry(input);
    expect(r).toEqual(suggestion === undefined ? { ok: false, reason } : { ok: false, reason, suggestion });
  });
});

test.each([
  ['taobao.com', true],
  ['localhost', true],
  ['10.0.0.5', true],
  ['TAOBAO.com', false],
  ['a..com', false],
  ['a.123', false],
  ['', false],
  [`${'a'.repeat(64)}.com`, false],
])('isValidHostname(%s) = %s', (input, out) => {
  expect(isValidHostname(input)).toBe(out);
});

describe('properties', () => {
  // Hosts as admins write them: any case, a www., a trailing dot, surrounding spaces.
  const written = fc
    .tuple(fc.domain(), fc.boolean(), fc.boolean(), fc.boolean())
    .map(([d, upper, www, dot]) => ` ${www ? 'www.' : ''}${upper ? d.toUpperCase() : d}${dot ? '.' : ''} `);

  test('normalising a normalised entry changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(written, fc.string(), fc.webUrl()), (input) => {
        const once = normalizeHostEntry(input);
        if (once.ok) expect(normalizeHostEntry(once.host)).toEqual(once);
      }),
    );
  });

  test('every accepted entry is a valid hostname with a dot', () => {
    fc.assert(
      fc.property(fc.oneof(written, fc.string()), (input) => {
        const r = normalizeHostEntry(input);
        if (r.ok) {
          expect(isValidHostname(r.host)).toBe(true);
          expect(r.host).toContain('.');
        }
      }),
    );
  });

  test('a suggestion is itself a valid entry', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), written.map((h) => `*.${h.trim()}`), written.map((h) => `${h.trim()}/x`)), (input) => {
        const r = normalizeHostEntry(input);
        if (!r.ok && r.suggestion !== undefined) expect(normalizeHostEntry(r.suggestion)).toEqual({ ok: true, host: r.suggestion });
      }),
    );
  });

  test('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => void normalizeHostEntry(s)));
  });
});
