import { expect, test } from 'vitest';
import { formatMessage } from '../../../utils/i18n/format-message';
import { formatPolicyError, parsePolicy } from '../../../utils/policy/schema';
import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';

const messages = {
  plain: { message: 'Hello' },
  named: { message: 'Host “$VALUE$” → $Suggestion$', placeholders: { value: { content: '$1' }, suggestion: { content: '$2' } } },
  direct: { message: '$1 and $2, $3 missing' },
  dollars: { message: 'costs $$5 or $$$1', placeholders: {} },
  composed: { message: '$WHO$!', placeholders: { who: { content: '$1 ($2)' } } },
  literal: { message: '$NOPE$ stays' },
};

test.each([
  ['plain', [], 'Hello'],
  ['named', ['a.com', 'b.com'], 'Host “a.com” → b.com'],
  ['direct', ['x', 'y'], 'x and y,  missing'],
  ['dollars', ['9'], 'costs $5 or $9'],
  ['composed', ['Li', 'IT'], 'Li (IT)!'],
  ['literal', [], '$NOPE$ stays'],
  ['named', ['$1 $2 $VALUE$', '$$'], 'Host “$1 $2 $VALUE$” → $$'], // arguments are inserted as written
  ['missing', ['x'], ''],
  ['toString', [], ''], // not a key, though every object has it
])('formatMessage(%s, %j)', (key, args, out) => {
  expect(formatMessage(messages, key, args)).toBe(out);
});

test('formatPolicyError, in Chinese and in English', () => {
  const r = parsePolicy({ categories: { video: { add: ['https://www.taobao.com/x'] } }, schedule: { weekly: { mon: ['17:30-13:30'] } } });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors.map((e) => formatPolicyError(e, zhCN))).toEqual([
    'schedule.weekly.mon[0]: 时间段 “17:30-13:30” 的开始时间须早于结束时间。',
    'categories.video.add[0]: “https://www.taobao.com/x” 是完整的网址，这里只需要写域名。请改为 taobao.com',
  ]);
  expect(formatPolicyError(r.errors[1]!, en)).toBe(
    'categories.video.add[0]: “https://www.taobao.com/x” is a full URL; only the domain name goes here. Write taobao.com instead.',
  );
});

test('formatPolicyError: the whole policy has no path; a missing message shows key and args', () => {
  expect(formatPolicyError({ path: '', key: 'policyErrTypeObject', args: ['5'] }, zhCN)).toBe('这里应填写一组设置，用花括号 { } 括起来；现在填的是 5。');
  expect(formatPolicyError({ path: 'a', key: 'policyErrEnum', args: ['x', 'y'] }, {})).toBe('a: policyErrEnum x y');
});
