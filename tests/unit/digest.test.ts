import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { digestJson, digestText, TextDigest, WORD_LIST_MIN } from '@/utils/digest';

describe('digestText', () => {
  test('is stable and fixed-width', () => {
    expect(digestText('')).toBe(digestText(''));
    expect(digestText('{"a":1}')).toMatch(/^[0-9a-f]{14}$/);
  });

  test('one changed character changes it (10,000 random texts and edits)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), fc.integer({ min: 1, max: 0xffff }), (text, at, delta) => {
        const i = at % text.length;
        const edited = text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + delta) % 0x10000) + text.slice(i + 1);
        fc.pre(edited !== text);
        expect(digestText(edited)).not.toBe(digestText(text));
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('TextDigest (issue 16: fed in pieces, the same as digestText of the whole)', () => {
  test('pieces and JSON strings digest as the text they make', () => {
    const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(fc.array(anyUnits, { maxLength: 6 }), (pieces) => {
        const whole = pieces.map((p) => JSON.stringify(p)).join('');
        const fed = new TextDigest();
        for (const p of pieces) fed.updateJsonString(p);
        expect(fed.hex()).toBe(digestText(whole));
        expect(fed.length).toBe(whole.length);
        const plain = new TextDigest();
        for (const p of pieces) plain.update(p);
        expect(plain.hex()).toBe(digestText(pieces.join('')));
      }),
      { numRuns: 500 },
    );
  });

  test('a list digests as its JSON text: strings (escapes and lone surrogates included) and other items', () => {
    const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes));
    const hostLike = fc.stringMatching(/^[a-z0-9.-]{0,30}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(hostLike, anyUnits, fc.integer(), fc.constant(null)), { maxLength: 8 }), fc.string({ maxLength: 5 }), (list, before) => {
        const whole = before + JSON.stringify(list);
        const fed = new TextDigest().update(before).updateJsonArray(list, (d, item) => d.update(JSON.stringify(item)));
        expect(fed.hex()).toBe(digestText(whole));
        expect(fed.length).toBe(whole.length);
      }),
      { numRuns: 500 },
    );
  });
});

describe('TextDigest.updateWordList (issue 16: long lists fed as words, not JSON text)', () => {
  const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((codes) => String.fromCharCode(...codes));
  const item = fc.oneof(fc.stringMatching(/^[a-z0-9.-]{0,12}$/), anyUnits, fc.integer(), fc.constant(null));
  const words = (list: readonly unknown[]) => new TextDigest().update('x').updateWordList(list, (d, other) => d.update(JSON.stringify(other))).hex();

  test('equal lists give equal digests; any other list (different items, order, splits, types) another', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.array(item, { maxLength: 8 }), (a, b) => {
        expect(words(structuredClone(a))).toBe(words(a));
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(words(b)).not.toBe(words(a));
      }),
      { numRuns: 3_000 },
    );
  });

  test('where one string ends counts, and so does a string against the number it spells', () => {
    expect(words(['ab', 'c'])).not.toBe(words(['a', 'bc']));
    expect(words(['abc', ''])).not.toBe(words(['', 'abc']));
    expect(words(['1'])).not.toBe(words([1]));
    expect(words([])).not.toBe(words(['']));
    // Without each string's length, a trailing NUL or a pair of units equal to a marker would read the same.
    expect(words(['a'])).not.toBe(words(['a\u0000']));
    expect(words(['\u0000\u0001'])).not.toBe(words(['', '']));
  });

  test('one changed code unit in a long host list changes it', () => {
    const hosts = Array.from({ length: 300 }, (_, i) => `site${i}.example.cn`);
    fc.assert(
      fc.property(fc.nat({ max: 299 }), fc.nat(), fc.integer({ min: 1, max: 0xffff }), (n, at, delta) => {
        const edited = [...hosts];
        const host = hosts[n]!;
        const i = at % host.length;
        edited[n] = host.slice(0, i) + String.fromCharCode((host.charCodeAt(i) + delta) % 0x10000) + host.slice(i + 1);
        expect(words(edited)).not.toBe(words(hosts));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('digestJson (issue 16: a policy digested without building its text)', () => {
  test('is digestText of JSON.stringify for any JSON value whose lists are shorter than WORD_LIST_MIN', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(digestJson(value)).toBe(digestText(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  test('skips what JSON.stringify skips and writes null where it does', () => {
    const value = { a: undefined, b: [undefined, () => 1, 'x', 2, null], c: { d: true }, e: 'q"\\' };
    expect(digestJson(value)).toBe(digestText(JSON.stringify(value)));
    expect(digestJson([['a', 'b'], []])).toBe(digestText(JSON.stringify([['a', 'b'], []])));
  });

  test('a long list (a policy\'s domains) is fed as words: equal values agree, any other value differs', () => {
    const host = fc.stringMatching(/^[a-z0-9.-]{1,12}$/);
    const item = fc.oneof(host, host, host, fc.integer(), fc.constant(null), fc.constant(undefined), fc.array(host, { maxLength: 2 }));
    const policy = (list: unknown[]) => ({ categories: { shopping: { add: list } }, schoolName: 'x' });
    fc.assert(
      fc.property(fc.array(item, { minLength: WORD_LIST_MIN, maxLength: WORD_LIST_MIN + 8 }), fc.nat(), item, (list, at, other) => {
        expect(digestJson(policy(structuredClone(list)))).toBe(digestJson(policy(list)));
        const edited = [...list];
        edited[at % list.length] = other;
        // What JSON.stringify cannot tell apart (undefined and null in a list) is the same value.
        const same = JSON.stringify(edited) === JSON.stringify(list);
        if (!same) expect(digestJson(policy(edited))).not.toBe(digestJson(policy(list)));
        expect(digestJson(policy(list.slice(1)))).not.toBe(digestJson(policy(list)));
        // The same items as one long string: never the list's digest.
        expect(digestJson(policy([JSON.stringify(list)]))).not.toBe(digestJson(policy(list)));
      }),
      { numRuns: 1_000 },
    );
    // Where the 64th item makes the list long, the digest changes form and still tells the lists apart.
    const hosts = Array.from({ length: WORD_LIST_MIN }, (_, i) => `h${i}.cn`);
    expect(digestJson(hosts)).not.toBe(digestText(JSON.stringify(hosts)));
    expect(digestJson(hosts.slice(1))).toBe(digestText(JSON.stringify(hosts.slice(1))));
  });
});
