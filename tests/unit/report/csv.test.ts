import { describe, expect, test } from 'vitest';
import { buildUsageCsv, csvCell } from '@/utils/report/csv';
import type { UsageRow } from '@/utils/tallies/types';

const HEADERS = ['日期', '网站', '类别', '工作时间（分钟）', '访问次数', '拦截次数', '临时放行次数'];
const NAMES: Record<string, string> = { shopping: '购物', video: '视频直播', '(other)': '其他网站', evil: '=HYPERLINK("x")' };
const name = (id: string) => NAMES[id] ?? id;
const row = (over: Partial<UsageRow>): UsageRow => ({ day: '2026-11-26', host: 'taobao.com', category: 'shopping', workSeconds: 0, visits: 0, blocked: 0, unlocks: 0, ...over });

describe('buildUsageCsv', () => {
  const csv = buildUsageCsv(
    [
      row({ workSeconds: 750, visits: 2, blocked: 4, unlocks: 1 }),
      row({ host: '(other)', category: '(other)', workSeconds: 30 }),
      row({ host: 'a,b"c.example', category: 'evil' }),
    ],
    HEADERS,
    name,
  );

  test('starts with a BOM, Chinese headers, and ends every line with CRLF', () => {
    expect(csv.startsWith('\ufeff日期,网站,类别,工作时间（分钟）,访问次数,拦截次数,临时放行次数\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  test('rows carry localised category names and minutes with one decimal', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('2026-11-26,taobao.com,购物,12.5,2,4,1');
    expect(lines[2]).toBe('2026-11-26,其他网站,其他网站,0.5,0,0,0');
  });

  test('RFC 4180 quoting and the formula guard', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines[3]).toBe('2026-11-26,"a,b""c.example","\'=HYPERLINK(""x"")",0,0,0,0');
  });
});

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['=1+1', "'=1+1"],
    ['+86', "'+86"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a\r\nb', '"a\r\nb"'],
    ['say "hi"', '"say ""hi"""'],
    ['淘宝,京东', '"淘宝,京东"'],
  ])('%j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  test('numbers are written as numbers, not guarded', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(12.5)).toBe('12.5');
  });
});
