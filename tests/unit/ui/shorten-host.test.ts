import { expect, test } from 'vitest';
import { shortenHost } from '../../../utils/ui/shorten-host';

test.each([
  ['a short host', 'taobao.com', 64, 'taobao.com'],
  ['a host of exactly max characters', 'a'.repeat(64), 64, 'a'.repeat(64)],
  ['a crafted 100,000-character host', `${'a'.repeat(100_000 - 11)}.taobao.com`, 64, `${'a'.repeat(21)}…${'a'.repeat(31)}.taobao.com`],
  ['a small max', 'abcdefghij', 7, 'ab…ghij'],
  ['Unicode, cut by character', '测试测试测试测试.example.cn', 10, '测试测…ple.cn'],
])('shortenHost: %s keeps the start and the end', (_name, host, max, shown) => {
  expect(shortenHost(host, max)).toBe(shown);
  expect(Array.from(shortenHost(host, max)).length).toBeLessThanOrEqual(max);
});
