import { describe, expect, test } from 'vitest';
import { honouredUnlocks, type HonourContext } from '@/utils/matching/honoured-unlocks';

const NOW = Date.UTC(2026, 10, 26, 2, 0);
const MIN = 60_000;
const base: HonourContext = { now: NOW, workTime: true, maxMinutes: 10, periodEnd: NOW + 120 * MIN, grants: [{ host: 'taobao.com', at: NOW - 2 * MIN }] };

describe('honouredUnlocks (#17): a stored unlock must be one that was granted', () => {
  test.each([
    ['granted 2 minutes ago for 10', { host: 'taobao.com', until: NOW + 8 * MIN }, {}, true],
    ['expired', { host: 'taobao.com', until: NOW - 1 }, {}, false],
    ['longer than the policy allows after its event', { host: 'taobao.com', until: NOW + 9 * MIN }, {}, false],
    ['past the end of the work period', { host: 'taobao.com', until: NOW + 8 * MIN }, { periodEnd: NOW + 5 * MIN }, false],
    ['no unlock event for that host', { host: 'jd.com', until: NOW + 5 * MIN }, {}, false],
    ['an event in the future', { host: 'taobao.com', until: NOW + 5 * MIN }, { grants: [{ host: 'taobao.com', at: NOW + MIN }] }, false],
    ['outside work time', { host: 'taobao.com', until: NOW + 5 * MIN }, { workTime: false }, false],
    ['being granted now, before its event is written', { host: 'jd.com', until: NOW + 10 * MIN }, { pending: { host: 'jd.com', until: NOW + 10 * MIN } }, true],
    ['being granted now, but longer than the policy', { host: 'jd.com', until: NOW + 11 * MIN }, { pending: { host: 'jd.com', until: NOW + 11 * MIN } }, false],
  ] as const)('%s', (_name, unlock, over, kept) => {
    expect(honouredUnlocks([unlock], { ...base, ...over })).toEqual(kept ? [unlock] : []);
  });
});
