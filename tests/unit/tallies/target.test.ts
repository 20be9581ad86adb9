// What a visit is tallied under (docs/design.md "Data": record the minimum).
import { describe, expect, test } from 'vitest';
import { buildHostIndex } from '@/utils/matching/host-index';
import { tallyTarget } from '@/utils/tallies/target';
import { OTHER } from '@/utils/tallies/types';

const index = buildHostIndex({
  allow: ['mp.weixin.qq.com'],
  categories: [{ id: 'shopping', mode: 'block', domains: ['taobao.com'], urlKeywords: [] }],
});

describe('tallyTarget', () => {
  test('a categorised host is tallied under its list entry, never its full name', () => {
    expect(tallyTarget(index, 'item.taobao.com', false)).toEqual({ host: 'taobao.com', category: 'shopping' });
    expect(tallyTarget(index, 'item.taobao.com', true)).toEqual({ host: 'taobao.com', category: 'shopping' });
  });

  test('uncategorised and allowed hosts are one "(other)" bucket unless recordOtherHosts', () => {
    expect(tallyTarget(index, 'www.example.edu.cn', false)).toEqual({ host: OTHER, category: OTHER });
    expect(tallyTarget(index, 'mp.weixin.qq.com', false)).toEqual({ host: OTHER, category: OTHER });
  });

  test.each([
    ['www.example.edu.cn', 'example.edu.cn'], // an ICANN suffix of two labels
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['mp.weixin.qq.com', 'qq.com'], // allowed: tallied as other, by its registrable domain
    ['alice.github.io', 'github.io'], // the private section of the list is not used: no personal page names
    ['intranet', 'intranet'], // no public suffix: the name as it is
    ['10.1.2.3', '10.1.2.3'],
  ])('with recordOtherHosts, %s is tallied as %s', (host, expected) => {
    expect(tallyTarget(index, host, true)).toEqual({ host: expected, category: OTHER });
  });
});
