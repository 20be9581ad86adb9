import { describe, expect, test } from 'vitest';
import { describeWhen } from '@/utils/time/when';

const at = (s: string) => new Date(s).getTime(); // local time (Asia/Shanghai in tests)

describe('describeWhen: an instant said against now, as the block page and popup say it', () => {
  test.each([
    ['later today', '2026-11-26T09:00', '2026-11-26T11:30', { key: 'whenToday', args: ['11:30'] }],
    ['tomorrow morning', '2026-11-26T17:40', '2026-11-27T07:30', { key: 'whenTomorrow', args: ['07:30'] }],
    ['after National Day', '2026-09-30T18:00', '2026-10-08T07:30', { key: 'whenDate', args: ['10', '8', '07:30'] }],
    ['across the year end', '2026-12-31T18:00', '2027-01-01T07:30', { key: 'whenTomorrow', args: ['07:30'] }],
    ['midnight', '2026-11-26T23:00', '2026-11-27T00:00', { key: 'whenTomorrow', args: ['00:00'] }],
  ])('%s', (_name, now, target, expected) => {
    expect(describeWhen(at(target), at(now))).toEqual(expected);
  });
});
