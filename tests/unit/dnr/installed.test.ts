import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CHECK_SLICES, checkSlice, compileBlockRules, rulesDigest, rulesFingerprint, rulesSliceDigest } from '@/utils/dnr/rules';
import { normaliseInstalledRule, ruleUpdate, textHash } from '@/utils/dnr/installed';
import { CHROME_DNR_LIMITS, type DnrRule } from '@/utils/dnr/types';

const { rules } = compileBlockRules(
  { allow: ['a.cn'], categories: [{ id: 'shopping', mode: 'block', domains: ['taobao.com'], urlKeywords: ['hongbao'] }] },
  { blockPageUrl: 'chrome-extension://x/blocked.html', limits: CHROME_DNR_LIMITS },
) as { rules: DnrRule[] };
const hashOf = (list: unknown[]) => textHash(rulesFingerprint(list.map(normaliseInstalledRule)));

describe('installed rules, normalised (#17)', () => {
  test('what a browser adds (null, false, [] for keys not given) reads as the compiled rules', () => {
    const reported = rules.map((r) => ({ ...r, condition: { domainType: null, tabIds: null, isUrlFilterCaseSensitive: false, initiatorDomains: [], ...r.condition } }));
    expect(hashOf(reported)).toBe(hashOf(rules));
  });

  test('a rule rewritten in place (same id and count) reads differently', () => {
    const edited = structuredClone(rules);
    edited[1]!.condition.requestDomains = ['example.invalid'];
    expect(hashOf(edited)).not.toBe(hashOf(rules));
    const downgraded = structuredClone(rules);
    downgraded[2]!.action = { type: 'allow' };
    expect(hashOf(downgraded)).not.toBe(hashOf(rules));
  });

  test('the hash is short and stable', () => {
    expect(textHash('abc')).toBe(textHash('abc'));
    expect(textHash('abc')).not.toBe(textHash('abd'));
    expect(textHash('x'.repeat(1e6)).length).toBeLessThan(30);
  });
});

describe('rulesDigest (issue 16: the same hash, without building the text)', () => {
  test('equals textHash of the canonical text while every list is short, for compiled, normalised and odd rules', () => {
    const compiled = compileBlockRules(
      { allow: ['a.cn'], categories: [{ id: 'shopping', mode: 'block', domains: ['taobao.com', 'jd.com'], urlKeywords: ['"quote\\\\'] }] },
      { blockPageUrl: 'chrome-extension://x/blocked.html', limits: CHROME_DNR_LIMITS },
    );
    if (!compiled.ok) throw new Error('compile');
    const odd = [{ id: 3, priority: 1, action: { type: 'block' }, condition: { requestDomains: ['ü.cn', 'a"b', '', 'x\ud800y', 'z\udc00', '😀\n\\\t\u0001'], excludedResourceTypes: ['main_frame'] } }] as unknown as DnrRule[];
    for (const rules of [compiled.rules, compiled.rules.map(normaliseInstalledRule), odd, []]) {
      expect(rulesDigest(rules)).toBe(textHash(rulesFingerprint(rules)));
    }
  });
});

describe('rulesDigest with a long list in two rules (issue 16: hashed once, compared once)', () => {
  const domains = Array.from({ length: 500 }, (_, i) => `site${i}.cn`);
  const rules = [
    { id: 1, priority: 1, action: { type: 'block' }, condition: { requestDomains: domains, excludedResourceTypes: ['main_frame', 'sub_frame'] } },
    { id: 2, priority: 1, action: { type: 'redirect', redirect: { extensionPath: '/blocked.html' } }, condition: { requestDomains: [...domains], resourceTypes: ['main_frame', 'sub_frame'] } },
  ] as unknown as DnrRule[];

  test('the same rules, copied, give the same digest; a list edited in either rule, or both, another', () => {
    const base = rulesDigest(rules);
    expect(rulesDigest(structuredClone(rules))).toBe(base);
    for (const which of [[0], [1], [0, 1]]) {
      const edited = structuredClone(rules);
      for (const i of which) edited[i]!.condition.requestDomains![499] = 'taobao.com';
      expect(rulesDigest(edited), String(which)).not.toBe(base);
    }
    const odd = structuredClone(rules);
    for (const i of [0, 1]) odd[i]!.condition.requestDomains![7] = 'a"b\\\ud800';
    const oddBase = rulesDigest(odd);
    expect(oddBase).not.toBe(base);
    expect(rulesDigest(structuredClone(odd))).toBe(oddBase);
    odd[1]!.condition.requestDomains![7] = 'a"b\\\udc00';
    expect(rulesDigest(odd)).not.toBe(oddBase);
    const shorter = structuredClone(rules);
    shorter[1]!.condition.requestDomains!.pop();
    expect(rulesDigest(shorter)).not.toBe(base);
  });
});

describe('rulesSliceDigest (issue 16: a wake with nothing to compile checks one slice of the long lists)', () => {
  const domains = Array.from({ length: 503 }, (_, i) => `site${i}.cn`);
  const rules = [
    { id: 1, priority: 1, action: { type: 'block' }, condition: { requestDomains: domains, excludedResourceTypes: ['main_frame', 'sub_frame'] } },
    { id: 2, priority: 1, action: { type: 'redirect', redirect: { extensionPath: '/blocked.html' } }, condition: { requestDomains: [...domains], resourceTypes: ['main_frame', 'sub_frame'] } },
    { id: 3, priority: 1, action: { type: 'block' }, condition: { requestDomains: ['short.cn', 'list.cn'] } },
  ] as unknown as DnrRule[];
  const slices = (list: DnrRule[]) => Array.from({ length: CHECK_SLICES }, (_, k) => rulesSliceDigest(list, k));
  const base = slices(rules);
  const changed = (list: DnrRule[]) => slices(list).flatMap((digest, k) => (digest === base[k] ? [] : [k]));

  test('stable for a copy; the slices differ from each other and from the whole digest', () => {
    expect(slices(structuredClone(rules))).toEqual(base);
    expect(new Set([...base, rulesDigest(rules)]).size).toBe(CHECK_SLICES + 1);
  });

  test('a domain swapped in place, in either copy, changes exactly the slice that holds it; property over every index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: domains.length - 1 }), fc.constantFrom(0, 1), fc.boolean(), (index, rule, both) => {
        const edited = structuredClone(rules);
        for (const r of both ? [0, 1] : [rule]) edited[r]!.condition.requestDomains![index] = `sXte${index}.cn`; // as long as site<index>.cn
        expect(changed(edited)).toEqual([index % CHECK_SLICES]);
      }),
    );
  });

  test('a domain added or removed, a short list, an action or a rule edited: every slice changes', () => {
    const all = Array.from({ length: CHECK_SLICES }, (_, k) => k);
    const edits: ((list: DnrRule[]) => void)[] = [
      (list) => void list[1]!.condition.requestDomains!.splice(7, 1),
      (list) => void list[0]!.condition.requestDomains!.push('taobao.com'),
      (list) => void (list[2]!.condition.requestDomains![0] = 'other.cn'),
      (list) => void (list[1]!.action = { type: 'allow' }),
      (list) => void (list[0]!.priority = 2),
      (list) => void list.pop(),
      (list) => void list.push({ id: 20000, priority: 100, action: { type: 'allowAllRequests' }, condition: { requestDomains: ['taobao.com'] } } as DnrRule),
    ];
    for (const edit of edits) {
      const edited = structuredClone(rules);
      edit(edited);
      expect(changed(edited), String(edit)).toEqual(all);
    }
  });

  test('one slice a minute, every slice within CHECK_SLICES consecutive minutes; out-of-range slices are refused', () => {
    const start = Date.UTC(2026, 2, 2, 1, 0, 30);
    const seen = Array.from({ length: CHECK_SLICES }, (_, m) => checkSlice(start + m * 60_000));
    expect(new Set(seen).size).toBe(CHECK_SLICES);
    expect(checkSlice(start + 29_000)).toBe(seen[0]);
    for (const bad of [-1, CHECK_SLICES, 0.5]) expect(() => rulesSliceDigest(rules, bad)).toThrow(RangeError);
  });
});

describe('ruleUpdate (issue 16: only the rules that differ are replaced)', () => {
  /** What the browser holds after the update: removed ids out, added rules in. */
  const applied = (installed: DnrRule[], update: ReturnType<typeof ruleUpdate>) =>
    [...installed.filter((r) => !update.removeRuleIds.includes(r.id)), ...update.addRules].sort((a, b) => a.id - b.id);
  const byId = (list: DnrRule[]) => [...list].sort((a, b) => a.id - b.id);

  test('the same rules, as the browser reports them: nothing to do', () => {
    const reported = rules.map((r) => ({ ...r, condition: { tabIds: null, isUrlFilterCaseSensitive: false, ...r.condition } }));
    expect(ruleUpdate(reported, rules)).toEqual({ removeRuleIds: [], addRules: [] });
  });

  test('one rule more (an unlock): that rule is added, nothing removed', () => {
    const unlock: DnrRule = { id: 20001, priority: 100, action: { type: 'allow' }, condition: { requestDomains: ['taobao.com'] } };
    expect(ruleUpdate(rules, [...rules, unlock])).toEqual({ removeRuleIds: [], addRules: [unlock] });
    expect(ruleUpdate([...rules, unlock], rules)).toEqual({ removeRuleIds: [20001], addRules: [] });
  });

  test('a rule rewritten in place (#17) is replaced under its id', () => {
    const edited = structuredClone(rules);
    edited[1]!.condition.requestDomains = ['example.invalid'];
    expect(ruleUpdate(edited, rules)).toEqual({ removeRuleIds: [rules[1]!.id], addRules: [rules[1]] });
  });

  test('any installed set becomes the compiled set, and an unchanged rule is never re-added', () => {
    // Each rule of the pool in one of three states per side: absent, as compiled, or edited.
    const state = fc.constantFrom('absent', 'same', 'edited');
    fc.assert(
      fc.property(fc.array(fc.tuple(state, state), { minLength: rules.length, maxLength: rules.length }), (states) => {
        const edit = (r: DnrRule): DnrRule => ({ ...r, condition: { ...r.condition, requestDomains: [...(r.condition.requestDomains ?? []), 'edited.example'] } });
        const side = (k: 0 | 1) => rules.flatMap((r, i) => (states[i]![k] === 'absent' ? [] : [states[i]![k] === 'same' ? r : edit(r)]));
        const [installed, wanted] = [side(0), side(1)];
        const update = ruleUpdate(installed, wanted);
        expect(applied(installed, update).map(normaliseInstalledRule)).toEqual(byId(wanted).map(normaliseInstalledRule));
        for (const rule of update.addRules) {
          const held = installed.find((r) => r.id === rule.id);
          expect(held === undefined ? null : normaliseInstalledRule(held)).not.toEqual(normaliseInstalledRule(rule));
        }
      }),
    );
  });
});
