import { describe, expect, test } from 'vitest';
import { reasonLength, unlockEnd, unlockRefusal, type UnlockCheck } from '@/utils/matching/unlock';

const allowed: UnlockCheck = {
  policy: { enabled: true, minutes: 10, maxPerDay: 3 },
  workTime: true,
  blockedNow: true,
  usedToday: 0,
  reason: '采购教学用品',
  minutes: 10,
};

describe('unlockRefusal: the background decides, never the page', () => {
  test.each([
    ['granted', {}, null],
    ['unlocks disabled by the policy', { policy: { ...allowed.policy, enabled: false } }, 'disabled'],
    ['outside work time (nothing is blocked)', { workTime: false }, 'notWorkTime'],
    ['a host that is not blocked', { blockedNow: false }, 'notBlocked'],
    ['the day’s quota spent', { usedToday: 3 }, 'quota'],
    ['the last unlock of the day', { usedToday: 2 }, null],
    ['a quota of zero', { policy: { ...allowed.policy, maxPerDay: 0 } }, 'quota'],
    ['three Chinese characters', { reason: '买书架' }, 'reasonTooShort'],
    ['four Chinese characters', { reason: '买教具用' }, null],
    ['spaces do not count', { reason: '  ab   ' }, 'reasonTooShort'],
    ['longer than the policy allows', { minutes: 11 }, 'tooLong'],
    ['zero minutes', { minutes: 0 }, 'tooLong'],
    ['asking only whether the form may be shown', { reason: undefined, minutes: undefined }, null],
  ] as const)('%s', (_name, change, expected) => {
    expect(unlockRefusal({ ...allowed, ...change } as UnlockCheck)).toBe(expected);
  });

  test('characters are counted as characters, not UTF-16 units', () => {
    expect(reasonLength('𠮷𠮷𠮷𠮷')).toBe(4);
    expect(reasonLength(' 教学 ')).toBe(2);
  });
});

describe('unlockEnd: after its minutes, and with the work period at the latest', () => {
  const now = Date.parse('2026-11-26T11:25:00+08:00');
  test.each([
    ['within the period', 10, Date.parse('2026-11-26T11:30:00+08:00') + 3_600_000, now + 600_000],
    ['cut at the period end', 10, Date.parse('2026-11-26T11:30:00+08:00'), Date.parse('2026-11-26T11:30:00+08:00')],
    ['no end within a year', 10, null, now + 600_000],
  ])('%s', (_name, minutes, periodEnd, expected) => {
    expect(unlockEnd(now, minutes, periodEnd)).toBe(expected);
  });
});
