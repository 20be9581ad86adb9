import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { digestText } from '@/utils/digest';

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
