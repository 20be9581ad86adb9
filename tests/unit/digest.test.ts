import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { digestJson, digestText, TextDigest } from '@/utils/digest';

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

describe('digestJson (issue 16: a policy digested without building its text)', () => {
  test('is digestText of JSON.stringify for any JSON value', () => {
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
});
