import { describe, expect, test } from 'vitest';
import { blockPageAddress, parseBlockPageAddress } from '@/utils/navigation/block-page-address';

const PAGE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/blocked.html';

describe('block page address (#17)', () => {
  test.each([
    [PAGE + '#https://taobao.com/a#b', { blockedUrl: 'https://taobao.com/a#b', blockedBehind: false }],
    [PAGE + '?behind=blocked#https://taobao.com/?q=1', { blockedUrl: 'https://taobao.com/?q=1', blockedBehind: true }],
    [PAGE + '?other#https://taobao.com/', { blockedUrl: 'https://taobao.com/', blockedBehind: false }],
    [PAGE, { blockedUrl: '', blockedBehind: false }],
  ])('%s', (href, expected) => {
    expect(parseBlockPageAddress(PAGE, href)).toEqual(expected);
  });

  test.each(['https://taobao.com/', `${PAGE}x#https://taobao.com/`, 'chrome-extension://other/blocked.html#x'])('%s is not the block page', (href) => {
    expect(parseBlockPageAddress(PAGE, href)).toBeNull();
  });

  test('round trip, the blocked URL unchanged', () => {
    for (const behind of [true, false]) {
      const url = 'https://item.taobao.com/item.htm?id=1&x=%23#frag?q';
      expect(parseBlockPageAddress(PAGE, blockPageAddress(PAGE, url, behind))).toEqual({ blockedUrl: url, blockedBehind: behind });
    }
  });
});
