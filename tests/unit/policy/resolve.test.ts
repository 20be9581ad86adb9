import { describe, expect, test } from 'vitest';
import { buildMatchConfig, resolveConfig } from '@/utils/policy/resolve';
import { buildHostIndex, categorizeHost } from '@/utils/matching/host-index';
import { DEFAULTS, parsePolicy, type Policy } from '@/utils/policy/schema';

const policy = (input: unknown): Policy => {
  const parsed = parsePolicy(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.policy;
};

describe('resolveConfig: defaults ← teacher ← policy', () => {
  test('no policy, no teacher: the built-in defaults, nothing locked', () => {
    const { values, sources, locked } = resolveConfig(null, null);
    expect(values).toEqual({ ...DEFAULTS, lockSettings: false });
    expect(new Set(Object.values(sources))).toEqual(new Set(['default']));
    expect(locked).toEqual([]);
  });

  test('a policy locks every setting by default, and the teacher’s settings are ignored', () => {
    const { values, sources, locked } = resolveConfig(policy({ retentionDays: 30 }), policy({ retentionDays: 7, message: 'x' }));
    expect(values.retentionDays).toBe(30);
    expect(values.message).toBe('');
    expect(sources.retentionDays).toBe('policy');
    expect(sources.message).toBe('default');
    expect(locked).toContain('message');
    expect(locked).toContain('categories.video');
  });

  test('lockSettings: false lets the teacher set what the policy leaves open', () => {
    const { values, sources, locked } = resolveConfig(
      policy({ lockSettings: false, categories: { shopping: { mode: 'block' } } }),
      policy({ categories: { shopping: { mode: 'off' }, video: { mode: 'block' } }, retentionDays: 7 }),
    );
    expect(values.categories.shopping.mode).toBe('block');
    expect(values.categories.video.mode).toBe('block');
    expect(values.retentionDays).toBe(7);
    expect(sources).toMatchObject({ 'categories.shopping': 'policy', 'categories.video': 'teacher', retentionDays: 'teacher' });
    expect(locked).toEqual(expect.arrayContaining(['categories.shopping', 'lockSettings']));
    expect(locked).not.toContain('categories.video');
  });

  test('a partial schedule keeps the defaults down to the weekday', () => {
    const { values } = resolveConfig(policy({ schedule: { weekly: { sat: ['08:00-12:00'] }, holidays: ['2026-12-31'] } }), null);
    expect(values.schedule.weekly.mon).toEqual(DEFAULTS.schedule.weekly.mon);
    expect(values.schedule.weekly.sat).toEqual(['08:00-12:00']);
    expect(values.schedule.holidays).toEqual(['2026-12-31']);
    expect(values.schedule.officialCalendar).toBe('cn');
  });

  test('a partial unlock keeps the other defaults', () => {
    expect(resolveConfig(policy({ unlock: { minutes: 1 } }), null).values.unlock).toEqual({ enabled: true, minutes: 1, maxPerDay: 3 });
  });
});

describe('buildMatchConfig: what the classifier and the rules match', () => {
  const classify = (input: unknown, host: string) => {
    const index = buildHostIndex(buildMatchConfig(resolveConfig(policy(input), null).values));
    return categorizeHost(index, host);
  };

  test.each([
    [{}, 'item.taobao.com', { category: 'shopping', mode: 'block' }],
    [{}, 'game.qq.com', { category: 'games', mode: 'block' }],
    [{}, 'qq.com', null],
    [{}, 'mp.weixin.qq.com', { allowed: true }],
    [{ categories: { video: { mode: 'log', add: ['example-video.cn'], remove: ['bilibili.com'] } } }, 'www.example-video.cn', { category: 'video', mode: 'log' }],
    [{ categories: { video: { remove: ['bilibili.com'] } } }, 'live.bilibili.com', null],
    [{ categories: { shopping: { mode: 'off' } } }, 'taobao.com', null],
    [{ allow: ['jd.com'] }, 'item.jd.com', { allowed: true }],
    [{ customCategories: [{ id: 'stocks', name: { zh_CN: '炒股' }, mode: 'block', domains: ['eastmoney.com'] }] }, 'quote.eastmoney.com', { category: 'stocks', mode: 'block' }],
  ])('%j: %s', (input, host, expected) => {
    const match = classify(input, host);
    if (expected === null) expect(match).toBeNull();
    else expect(match).toMatchObject(expected);
  });

  test('a school that adds a domain itself overrides a built-in allow entry under it', () => {
    expect(classify({}, 'filehelper.weixin.qq.com')).toMatchObject({ allowed: true });
    expect(classify({ categories: { webChat: { mode: 'block', add: ['weixin.qq.com'] } } }, 'filehelper.weixin.qq.com')).toMatchObject({ category: 'webChat' });
    // Any parent, the entry itself, and a custom category's domains count as the school's choice.
    expect(classify({ categories: { social: { add: ['qq.com'] } } }, 'mp.weixin.qq.com')).toMatchObject({ category: 'social' });
    expect(classify({ categories: { webChat: { add: ['mp.weixin.qq.com'] } } }, 'mp.weixin.qq.com')).toMatchObject({ category: 'webChat' });
    const custom = { customCategories: [{ id: 'chat2', name: { zh_CN: '聊天' }, mode: 'block', domains: ['weixin.qq.com'] }] };
    expect(classify(custom, 'filehelper.weixin.qq.com')).toMatchObject({ category: 'chat2' });
    // A sibling or a longer name does not: the built-in allow entry stays.
    expect(classify({ categories: { webChat: { add: ['xweixin.qq.com', 'a.filehelper.weixin.qq.com'] } } }, 'filehelper.weixin.qq.com')).toMatchObject({ allowed: true });
    // The policy's own allow list always wins.
    expect(classify({ allow: ['filehelper.weixin.qq.com'], categories: { webChat: { add: ['weixin.qq.com'] } } }, 'filehelper.weixin.qq.com')).toMatchObject({ allowed: true });
  });

  test('built-in red-packet keywords are logged, never blocked', () => {
    const match = buildMatchConfig(DEFAULTS);
    const keywordSets = match.categories.filter((c) => c.urlKeywords.length > 0);
    expect(keywordSets).toHaveLength(1);
    expect(keywordSets[0]).toMatchObject({ id: 'redPacket', mode: 'log', domains: [] });
  });
});
