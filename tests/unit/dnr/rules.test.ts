import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildHostIndex, categorizeHost, matchUrlKeyword, type CategoryRuleSet, type MatchConfig } from '../../../utils/matching/host-index';
import { CHROME_DNR_LIMITS, FIREFOX_DNR_LIMITS, type DnrLimits, type DnrResourceType, type DnrRule } from '../../../utils/dnr/types';
import { compileBlockRules, DOTTED_HOST_REGEX, escapeRegex, PRIORITY, RULE_ID, TRAILING_DOT_REGEX, rulesFingerprint, type CompileOptions } from '../../../utils/dnr/rules';

/** Two rule lists apply alike: the same count and the same order- and key-independent fingerprint. */
const sameRules = (a: readonly DnrRule[], b: readonly DnrRule[]) => a.length === b.length && rulesFingerprint(a) === rulesFingerprint(b);

const BLOCK_PAGE = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/blocked.html';
const base: Omit<CompileOptions, 'limits'> & { limits: DnrLimits } = { blockPageUrl: BLOCK_PAGE, limits: CHROME_DNR_LIMITS };

function category(id: string, mode: CategoryRuleSet['mode'], domains: string[], urlKeywords: string[] = []): CategoryRuleSet {
  return { id, mode, domains, urlKeywords };
}

function compileOk(config: MatchConfig, options: Partial<CompileOptions> = {}) {
  const result = compileBlockRules(config, { ...base, ...options });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result;
}

// ---- a reference model of DNR matching, written from the documentation, not from rules.ts ----

/** requestDomains: the host equals, or is a subdomain of, a listed domain. */
function domainListed(host: string, domains: readonly string[] | undefined): boolean {
  return (domains ?? []).some((d) => host === d || host.endsWith(`.${d}`));
}

/** resourceTypes, else every type but excludedResourceTypes (by default main_frame). */
function typeMatches(rule: DnrRule, type: DnrResourceType): boolean {
  const c = rule.condition;
  if (c.resourceTypes) return c.resourceTypes.includes(type);
  return !(c.excludedResourceTypes ?? ['main_frame']).includes(type);
}

function ruleMatches(rule: DnrRule, url: string, host: string, type: DnrResourceType): boolean {
  const c = rule.condition;
  if (!typeMatches(rule, type)) return false;
  if (c.requestDomains && !domainListed(host, c.requestDomains)) return false;
  // Exclusion wins outright (Firefox's reading; rules.ts never lists a domain below an exclusion).
  if (domainListed(host, c.excludedRequestDomains)) return false;
  if (c.regexFilter !== undefined) {
    const flags = c.isUrlFilterCaseSensitive === true ? '' : 'i'; // default false in both browsers
    if (!new RegExp(c.regexFilter, flags).test(url)) return false;
  }
  return true;
}

type Outcome = { kind: 'none' } | { kind: 'allow'; rule: DnrRule } | { kind: 'block'; rule: DnrRule } | { kind: 'redirect'; rule: DnrRule; to: string };

/** Chrome's documented order of actions at equal priority: allow, allowAllRequests, block, upgradeScheme, redirect. */
const ACTION_ORDER = { allow: 4, allowAllRequests: 3, block: 2, redirect: 0 } as const;

/** Highest priority wins; at equal priority the action order above (allowAllRequests lets its own frame through). */
function evaluate(rules: readonly DnrRule[], url: string, type: DnrResourceType = 'main_frame'): Outcome {
  const host = new URL(url).hostname;
  const matched = rules.filter((rule) => ruleMatches(rule, url, host, type));
  if (matched.length === 0) return { kind: 'none' };
  const rank = (r: DnrRule) => r.priority * 10 + ACTION_ORDER[r.action.type];
  const winner = matched.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  if (winner.action.type === 'allow' || winner.action.type === 'allowAllRequests') return { kind: 'allow', rule: winner };
  if (winner.action.type === 'block') return { kind: 'block', rule: winner };
  const re = new RegExp(winner.condition.regexFilter ?? '', 'i');
  const substitution = winner.action.type === 'redirect' ? (winner.action.redirect.regexSubstitution ?? '') : '';
  // RE2 substitution: \0 is the whole match, \1..\9 the groups.
  const to = url.replace(re, (...groups: string[]) => substitution.replace(/\\(\d)/g, (_, d: string) => groups[Number(d)] ?? ''));
  return { kind: 'redirect', rule: winner, to };
}

/** What categorizeHost and matchUrlKeyword say should happen. */
function expectedBlocked(config: MatchConfig, url: string, unlocked: string[] = []): boolean {
  const index = buildHostIndex(config);
  const host = new URL(url).hostname;
  const match = categorizeHost(index, host);
  if (match?.allowed || domainListed(host, unlocked)) return false;
  const blockKeywords = buildHostIndex({ allow: [], categories: config.categories.filter((c) => c.mode === 'block') });
  if (matchUrlKeyword(blockKeywords, url)) return true;
  return match !== null && match.mode === 'block';
}

// ---- rule shapes ----

describe('compileBlockRules: rule shapes', () => {
  const config: MatchConfig = {
    allow: ['mp.weixin.qq.com', 'smartedu.cn'],
    categories: [
      category('shopping', 'block', ['taobao.com', 'jd.com']),
      category('video', 'log', ['bilibili.com', 'v.taobao.com'], ['dianying']),
      category('lottery', 'off', ['500.com'], ['caipiao']),
      category('redPacket', 'block', ['hongbao.weibo.com'], ['hongbao', '红包']),
    ],
  };
  const { rules, stats } = compileOk(config);
  const byId = new Map(rules.map((r) => [r.id, r]));

  test('one redirect rule per blocked category for frames, with the original URL in the fragment', () => {
    expect(byId.get(10)).toEqual({
      id: 10,
      priority: PRIORITY.block,
      action: { type: 'redirect', redirect: { regexSubstitution: `${BLOCK_PAGE}#\\0` } },
      condition: {
        regexFilter: '^.+$',
        requestDomains: ['taobao.com', 'jd.com'],
        excludedRequestDomains: ['v.taobao.com'], // video (log) is more specific
        resourceTypes: ['main_frame', 'sub_frame'],
      },
    });
    expect(byId.get(40)?.condition.requestDomains).toEqual(['hongbao.weibo.com']);
  });

  test('and beside it one block rule for every other request to the same hosts (#17)', () => {
    expect(byId.get(11)).toEqual({
      id: 11,
      priority: PRIORITY.block,
      action: { type: 'block' },
      condition: { requestDomains: ['taobao.com', 'jd.com'], excludedRequestDomains: ['v.taobao.com'], excludedResourceTypes: ['main_frame', 'sub_frame'] },
    });
    expect(byId.get(41)?.condition.requestDomains).toEqual(['hongbao.weibo.com']);
  });

  test('log and off categories produce no rules', () => {
    expect([...byId.keys()].filter((id) => id < RULE_ID.keywordBase)).toEqual([RULE_ID.trailingDot, RULE_ID.trailingDotSubresources, 10, 11, 40, 41]);
    expect(rules.some((r) => JSON.stringify(r).includes('bilibili') || JSON.stringify(r).includes('500.com'))).toBe(false);
    expect(rules.some((r) => JSON.stringify(r).includes('dianying') || JSON.stringify(r).includes('caipiao'))).toBe(false);
  });

  test.each([
    [1000, '^.*hongbao.*$'],
    [1002, `^.*${escapeRegex('%e7%ba%a2%e5%8c%85')}.*$`],
  ])('keyword rule %i is a case-insensitive regex redirect (%s), and the next id blocks sub-resources', (id, regexFilter) => {
    expect(byId.get(id)).toEqual({
      id,
      priority: PRIORITY.block,
      action: { type: 'redirect', redirect: { regexSubstitution: `${BLOCK_PAGE}#\\0` } },
      condition: { regexFilter, isUrlFilterCaseSensitive: false, resourceTypes: ['main_frame', 'sub_frame'] },
    });
    expect(byId.get(id + 1)).toEqual({
      id: id + 1,
      priority: PRIORITY.block,
      action: { type: 'block' },
      condition: { regexFilter, isUrlFilterCaseSensitive: false, excludedResourceTypes: ['main_frame', 'sub_frame'] },
    });
  });

  test('the allow list is two allow rules above every redirect and block: frames, and the rest', () => {
    expect(byId.get(RULE_ID.allow)).toEqual({
      id: RULE_ID.allow,
      priority: PRIORITY.allow,
      action: { type: 'allow' },
      condition: { requestDomains: ['mp.weixin.qq.com', 'smartedu.cn'], resourceTypes: ['main_frame', 'sub_frame'] },
    });
    // An allowed site's own scripts and images load, whatever else lists its host.
    expect(byId.get(RULE_ID.allow + 1)).toEqual({
      id: RULE_ID.allow + 1,
      priority: PRIORITY.allow,
      action: { type: 'allow' },
      condition: { requestDomains: ['mp.weixin.qq.com', 'smartedu.cn'], excludedResourceTypes: ['main_frame', 'sub_frame'] },
    });
    expect(PRIORITY.allow).toBeGreaterThan(PRIORITY.block);
  });

  test('stats count what the limits are about', () => {
    expect(stats).toEqual({
      categoryRules: 4,
      keywordRules: 4,
      allowRules: 2,
      unlockRules: 0,
      regexRules: 8,
      redirectRules: 5,
      blockRules: 5,
      total: 12,
      blockedDomains: 3,
      nextUnlockExpiry: null,
    });
  });

  test('ids are unique and compiling twice gives equal rules', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(sameRules(rules, compileOk(config).rules)).toBe(true);
  });

  test.each([
    ['https://item.taobao.com/item.htm?id=1#x', `${BLOCK_PAGE}#https://item.taobao.com/item.htm?id=1#x`],
    ['https://s.example.cn/?q=HongBao', `${BLOCK_PAGE}#https://s.example.cn/?q=HongBao`],
  ])('redirects %s with the URL unchanged', (url, to) => {
    expect(evaluate(rules, url)).toMatchObject({ kind: 'redirect', to });
  });

  test('an allowed host beats a keyword rule', () => {
    expect(evaluate(rules, 'https://mp.weixin.qq.com/s/hongbao').kind).toBe('allow');
    expect(evaluate(rules, 'https://mp.weixin.qq.com/s/hongbao.js', 'script').kind).toBe('allow');
  });

  // #17: an <object>/<embed>, a script, an image, fetch or a WebSocket never reach a blocked host.
  test.each([
    ['https://item.taobao.com/x.js', 'script', 'block'],
    ['https://taobao.com/shop.html', 'object', 'block'],
    ['https://jd.com/pic.png', 'image', 'block'],
    ['https://jd.com/api', 'xmlhttprequest', 'block'],
    ['wss://jd.com/live', 'websocket', 'block'],
    ['https://jd.com/x', 'other', 'block'],
    ['https://s.example.cn/?q=hongbao', 'xmlhttprequest', 'block'],
    ['https://taobao.com/', 'sub_frame', 'redirect'],
    ['https://v.taobao.com/v.mp4', 'media', 'none'],
    ['https://smartedu.cn/a.js', 'script', 'allow'],
    ['https://example.cn/a.js', 'script', 'none'],
  ] as const)('%s as %s → %s', (url, type, kind) => {
    expect(evaluate(rules, url, type).kind).toBe(kind);
  });

  test('no allow rule for an empty allow list, and no rule at all for an empty config', () => {
    expect(compileOk({ allow: [], categories: [] }).rules).toEqual([]);
  });
});

describe('compileBlockRules: nesting across categories', () => {
  // shopping a.com ⊃ video (log) v.a.com ⊃ shopping x.v.a.com ⊃ games (block) g.x.v.a.com
  const config: MatchConfig = {
    allow: ['ok.a.com'],
    categories: [
      category('shopping', 'block', ['a.com', 'x.v.a.com', 'deep.ok.a.com']),
      category('video', 'log', ['v.a.com']),
      category('games', 'block', ['g.x.v.a.com']),
    ],
  };
  const { rules } = compileOk(config);

  test('an entry below another category’s exclusion goes to its own rule', () => {
    const shopping = rules.filter((r) => r.id >= 10 && r.id < 20 && r.action.type === 'redirect');
    expect(shopping.map((r) => [r.id, r.condition.requestDomains, r.condition.excludedRequestDomains])).toEqual([
      [10, ['a.com'], ['v.a.com']],
      [12, ['x.v.a.com'], ['g.x.v.a.com']],
    ]);
  });

  test('no rule lists a domain at or below one it excludes', () => {
    for (const rule of rules) {
      for (const listed of rule.condition.requestDomains ?? []) {
        expect(domainListed(listed, rule.condition.excludedRequestDomains)).toBe(false);
      }
    }
  });

  test.each(['a.com', 'w.a.com', 'v.a.com', 'z.v.a.com', 'x.v.a.com', 'y.x.v.a.com', 'g.x.v.a.com', 'ok.a.com', 'deep.ok.a.com', 'b.com'])(
    '%s: rules agree with categorizeHost',
    (host) => {
      const url = `https://${host}/`;
      expect(evaluate(rules, url).kind === 'redirect').toBe(expectedBlocked(config, url));
    },
  );
});

describe('compileBlockRules: live unlocks', () => {
  const config: MatchConfig = { allow: [], categories: [category('shopping', 'block', ['taobao.com', 'jd.com'])] };
  const now = Date.UTC(2026, 8, 1, 2, 0);
  const unlocks = [
    { host: 'jd.com', until: now + 10 * 60_000 },
    { host: 'taobao.com', until: now - 1 }, // expired
    { host: 'item.taobao.com', until: now + 60_000 },
    { host: 'jd.com', until: now + 5 * 60_000 }, // the later until wins
  ];
  const { rules, stats } = compileOk(config, { unlocks, now });

  test('each live unlock is its own pair of allow rules; expired ones are left out', () => {
    const unlockRules = rules.filter((r) => r.id >= RULE_ID.unlockBase);
    const pair = (id: number, host: string): DnrRule[] => [
      { id, priority: PRIORITY.allow, action: { type: 'allowAllRequests' }, condition: { requestDomains: [host], resourceTypes: ['main_frame', 'sub_frame'] } },
      { id: id + 1, priority: PRIORITY.allow, action: { type: 'allow' }, condition: { requestDomains: [host], excludedResourceTypes: ['main_frame', 'sub_frame'] } },
    ];
    expect(unlockRules).toEqual([...pair(20000, 'item.taobao.com'), ...pair(20002, 'jd.com')]);
    expect(stats.nextUnlockExpiry).toBe(now + 60_000);
  });

  test.each([
    ['https://item.taobao.com/x', 'allow'],
    ['https://a.item.taobao.com/', 'allow'],
    ['https://taobao.com/', 'redirect'],
    ['https://www.jd.com/', 'allow'],
  ])('%s → %s', (url, kind) => {
    expect(evaluate(rules, url).kind).toBe(kind);
  });

  test("an unlocked site's own scripts load; the locked rest of the list stays blocked", () => {
    expect(evaluate(rules, 'https://item.taobao.com/app.js', 'script').kind).toBe('allow');
    expect(evaluate(rules, 'https://taobao.com/app.js', 'script').kind).toBe('block');
  });

  test('once every unlock has expired, the rules are those without unlocks', () => {
    const later = compileOk(config, { unlocks, now: now + 11 * 60_000 }).rules;
    expect(sameRules(later, compileOk(config).rules)).toBe(true);
  });

  test('unlocks without `now` are a programming error', () => {
    expect(() => compileBlockRules(config, { ...base, unlocks })).toThrow(/now/);
  });
});

describe('compileBlockRules: trailing-dot hosts', () => {
  const config: MatchConfig = {
    allow: ['mp.weixin.qq.com'],
    categories: [category('shopping', 'block', ['taobao.com']), category('video', 'log', ['v.taobao.com'])],
  };
  const { rules } = compileOk(config);
  /** Follows redirects as the browser does: a redirected request meets the rules again. */
  const finalOutcome = (url: string): Outcome => {
    let outcome = evaluate(rules, url);
    for (let hops = 0; outcome.kind === 'redirect' && outcome.rule.id === RULE_ID.trailingDot && hops < 3; hops++) {
      outcome = evaluate(rules, outcome.to);
    }
    return outcome;
  };

  test.each([
    ['http://taobao.com./', 'http://taobao.com/'],
    ['https://item.taobao.com.:8443/a?b#c', 'https://item.taobao.com:8443/a?b#c'],
    ['http://u:p@taobao.com../x', 'http://u:p@taobao.com/x'],
    ['http://taobao.com.', 'http://taobao.com'],
  ])('%s is sent to %s without the dot', (url, expected) => {
    const outcome = evaluate([rules.find((r) => r.id === RULE_ID.trailingDot)!], url);
    expect(outcome.kind === 'redirect' && outcome.to).toBe(expected);
  });

  test.each([
    ['http://taobao.com./', 'redirect'],
    ['http://item.taobao.com./x', 'redirect'],
    ['http://v.taobao.com./', 'none'],
    ['http://mp.weixin.qq.com./', 'allow'],
  ])('%s ends as %s, as its dotless twin does', (url, kind) => {
    const outcome = finalOutcome(url);
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'redirect') expect(outcome.rule.id).not.toBe(RULE_ID.trailingDot);
  });

  test('no dotless URL matches the trailing-dot rule', () => {
    const dot = new RegExp(TRAILING_DOT_REGEX);
    for (const url of ['http://taobao.com/', 'https://a.b.c/x.y.', 'http://taobao.com:80/a.', 'http://x.cn/?q=a.b.']) {
      expect(dot.test(url), url).toBe(false);
    }
  });

  test.each([
    ['http://taobao.com./image.png', 'image'],
    ['https://item.taobao.com.:8443/s.js', 'script'],
    ['ws://taobao.com./socket', 'websocket'],
    ['http://u:p@mp.weixin.qq.com../x', 'xmlhttprequest'],
  ] as const)('a sub-resource at the dotted host of %s is blocked (%s), whatever the host', (url, type) => {
    expect(evaluate(rules, url, type).kind).toBe('block');
  });

  test('an allowed host written without the dot loads its sub-resources', () => {
    expect(evaluate(rules, 'http://mp.weixin.qq.com/x', 'xmlhttprequest').kind).toBe('allow');
  });

  test('no dotless URL matches the dotted sub-resource rule', () => {
    const dot = new RegExp(DOTTED_HOST_REGEX, 'i');
    for (const url of ['http://taobao.com/', 'https://a.b.c/x.y.', 'http://taobao.com:80/a.', 'http://x.cn/?q=a.b.', 'ws://a.cn/s', 'http://u.v@a.cn/']) {
      expect(dot.test(url), url).toBe(false);
    }
  });

  test('there is no trailing-dot rule when nothing is blocked', () => {
    const none = compileOk({ allow: ['a.cn'], categories: [category('video', 'log', ['v.cn'])] }).rules;
    expect(none.some((r) => r.id === RULE_ID.trailingDot || r.id === RULE_ID.trailingDotSubresources)).toBe(false);
  });
});

describe('compileBlockRules: limits', () => {
  const keywords = (n: number) => Array.from({ length: n }, (_, i) => `kw${i}`);

  test('names the regex limit and by how much it is over', () => {
    // Each keyword is two regex rules (frame redirect, sub-resource block).
    const config: MatchConfig = { allow: [], categories: [category('redPacket', 'block', ['x.cn'], keywords(510))] };
    const result = compileBlockRules(config, base);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          kind: 'regexRules',
          count: 1023,
          limit: 1000,
          over: 23,
          message: "23 regex rules (1020 keyword rules, 1 category redirects and 2 trailing-dot rules) over the browser's regex-rule limit of 1000 (1023 in all)",
        },
      ],
    });
  });

  test.each([
    ['dynamicRules', { maxDynamicRules: 9, maxUnsafeDynamicRules: 100, maxRegexRules: 100 }, 10, 1],
    ['unsafeRules', { maxDynamicRules: 100, maxUnsafeDynamicRules: 3, maxRegexRules: 100 }, 4, 1],
  ] as const)('%s over the limit is an error', (kind, limits, count, over) => {
    const config: MatchConfig = { allow: ['ok.cn'], categories: [category('c', 'block', ['x.cn'], keywords(2))] };
    const result = compileBlockRules(config, { ...base, limits });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ kind, count, over })]);
  });

  test('a large list in one rule stays within every browser limit', () => {
    const domains = Array.from({ length: 120_000 }, (_, i) => `site${i}.example`);
    const config: MatchConfig = { allow: [], categories: [category('c', 'block', domains)] };
    expect(compileBlockRules(config, { ...base, limits: FIREFOX_DNR_LIMITS }).ok).toBe(true);
  });

  test('published limits', () => {
    expect(CHROME_DNR_LIMITS).toEqual({ maxDynamicRules: 30_000, maxUnsafeDynamicRules: 5_000, maxRegexRules: 1_000 });
    expect(FIREFOX_DNR_LIMITS).toEqual({ maxDynamicRules: 5_000, maxUnsafeDynamicRules: 5_000, maxRegexRules: 1_000 });
  });
});

describe('rulesEqual / rulesFingerprint', () => {
  const { rules } = compileOk({ allow: ['a.cn'], categories: [category('c', 'block', ['x.cn'], ['kw'])] });

  test('ignores rule order and key order', () => {
    const shuffled = [...rules].reverse().map((r) => ({ condition: r.condition, action: r.action, priority: r.priority, id: r.id }));
    expect(sameRules(rules, shuffled)).toBe(true);
    expect(rulesFingerprint(rules)).toBe(rulesFingerprint(shuffled));
  });

  test('sees a changed domain', () => {
    const changed = compileOk({ allow: ['b.cn'], categories: [category('c', 'block', ['x.cn'], ['kw'])] }).rules;
    expect(sameRules(rules, changed)).toBe(false);
  });
});

// ---- agreement on real lists ----

const benchDir = new URL('../../../bench/data/', import.meta.url);

function readLines(name: string): string[] {
  return readFileSync(new URL(name, benchDir), 'utf8').split('\n').filter((line) => line !== '');
}

/** A small seeded PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('agreement: compiled rules decide as categorizeHost does', () => {
  test("the repository's bench data holds the lists", () => {
    expect(fileURLToPath(benchDir).endsWith('/bench/data/')).toBe(true);
    expect(readLines('ut1_categorised.tsv').length).toBeGreaterThan(100_000);
  });

  const rows = readLines('ut1_categorised.tsv');
  const next = random(20260901);
  const step = Math.floor(rows.length / 5000);
  const sample = rows.filter((_, i) => i % step === 0).slice(0, 5000);
  const byCategory = new Map<string, string[]>();
  for (const row of sample) {
    const [domain, name] = row.split('\t');
    if (!domain || !name) continue;
    byCategory.set(name, [...(byCategory.get(name) ?? []), domain]);
  }
  const blocked = new Set(['shopping', 'games', 'gambling', 'dating']);
  const sampleDomains = [...byCategory.values()].flat();
  // Nest entries across categories on purpose, and allow a few (with an entry below one of them).
  const extra = sampleDomains.slice(0, 40).map((d, i) => `n${i}.${d}`);
  const config: MatchConfig = {
    allow: [...sampleDomains.filter((_, i) => i % 97 === 0), 'qq.com'],
    categories: [
      ...[...byCategory].map(([id, domains], i) =>
        category(id, blocked.has(id) ? 'block' : 'log', i % 2 === 0 ? [...domains, ...extra.slice(i * 4, i * 4 + 4)] : domains),
      ),
      category('cnShared', 'block', ['game.qq.com', 'taobao.com', 'jd.com']),
      category('cnLog', 'log', ['item.taobao.com', 'weibo.com']),
    ],
  };
  const { rules } = compileOk(config);
  const entries = config.categories.flatMap((c) => c.domains).concat(config.allow);
  const hosts = [
    ...entries,
    ...entries.map((d) => `${Math.floor(next() * 1e6).toString(36)}.${d}`),
    ...entries.map((d) => d.slice(d.indexOf('.') + 1)), // parents: often unlisted
    ...readLines('queries_cn_domains_v2fly_geolocation-cn.txt').filter((_, i) => i % 4 === 0).slice(0, 2000),
  ];

  test(`${hosts.length} hosts`, () => {
    // The reference evaluator scans every rule, which is slow with 5,000 domains per rule:
    // index each rule's domain lists in Sets and reuse the same suffix semantics.
    const indexed = rules.filter((rule) => typeMatches(rule, 'main_frame')).map((rule) => ({
      rule,
      listed: new Set(rule.condition.requestDomains),
      excluded: new Set(rule.condition.excludedRequestDomains ?? []),
    }));
    const underSet = (host: string, set: Set<string>) => {
      for (let i = 0; i >= 0; i = host.indexOf('.', i) + 1 || -1) if (set.has(host.slice(i))) return true;
      return false;
    };
    const index = buildHostIndex(config);
    const disagreements: string[] = [];
    for (const host of hosts) {
      const matched = indexed.filter(({ listed, excluded }) => underSet(host, listed) && !underSet(host, excluded));
      const top = matched.map((m) => m.rule).reduce<DnrRule | null>((a, b) => (a === null || b.priority > a.priority ? b : a), null);
      const dnrBlocks = top !== null && top.action.type === 'redirect';
      const match = categorizeHost(index, host);
      const coreBlocks = match !== null && !match.allowed && match.mode === 'block';
      if (dnrBlocks !== coreBlocks) disagreements.push(`${host}: dnr ${dnrBlocks}, core ${JSON.stringify(match)}`);
    }
    expect(disagreements).toEqual([]);
    // The reference evaluator above and the one used in the smaller tests agree too.
    for (const host of hosts.slice(0, 50)) {
      const url = `https://${host}/`;
      expect(evaluate(rules, url).kind === 'redirect').toBe(expectedBlocked(config, url));
    }
  });
});
