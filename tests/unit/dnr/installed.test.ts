import { describe, expect, test } from 'vitest';
import { compileBlockRules, rulesDigest, rulesFingerprint } from '@/utils/dnr/rules';
import { normaliseInstalledRule } from '@/utils/dnr/installed';
import { CHROME_DNR_LIMITS, type DnrRule } from '@/utils/dnr/types';

const { rules } = compileBlockRules(
  { allow: ['a.cn'], categories: [{ id: 'shopping', mode: 'block', domains: ['taobao.com'], urlKeywords: ['hongbao'] }] },
  { blockPageUrl: 'chrome-extension://x/blocked.html', limits: CHROME_DNR_LIMITS },
) as { rules: DnrRule[] };
const hashOf = (list: unknown[]) => rulesDigest(list.map(normaliseInstalledRule));

describe('installed rules, normalised (#17)', () => {
  test('what a browser adds (null, false, [] for keys not given) reads as the compiled rules', async () => {
    const reported = rules.map((r) => ({ ...r, condition: { domainType: null, tabIds: null, isUrlFilterCaseSensitive: false, initiatorDomains: [], ...r.condition } }));
    expect(await hashOf(reported)).toBe(await hashOf(rules));
  });

  test('a rule rewritten in place (same id and count) reads differently', async () => {
    const edited = structuredClone(rules);
    edited[1]!.condition.requestDomains = ['example.invalid'];
    expect(await hashOf(edited)).not.toBe(await hashOf(rules));
    const downgraded = structuredClone(rules);
    downgraded[2]!.action = { type: 'allow' };
    expect(await hashOf(downgraded)).not.toBe(await hashOf(rules));
  });

  test('the hash is short and stable', async () => {
    expect(await rulesDigest(rules)).toBe(await rulesDigest(structuredClone(rules)));
    expect(await rulesDigest(rules)).toMatch(/^[0-9a-f]{16}:\d+$/);
  });
});

describe('rulesFingerprint and rulesDigest (issue 16: canonical JSON, hashed natively)', () => {
  const odd = [
    { id: 9, priority: 2, condition: { urlFilter: 'x', requestDomains: ['b.cn'] }, action: { type: 'block' } },
    { id: 3, priority: 1, action: { type: 'block' }, condition: { requestDomains: ['ü.cn', 'a"b', '', 'x\ud800y', 'z\udc00', '😀\n\\\t\u0001'], excludedResourceTypes: ['main_frame'], tabIds: undefined } },
  ] as unknown as DnrRule[];

  test('is JSON of the rules by id with every key sorted and undefined members dropped', () => {
    expect(rulesFingerprint(odd)).toBe(
      JSON.stringify([
        { action: { type: 'block' }, condition: { excludedResourceTypes: ['main_frame'], requestDomains: odd[1]!.condition.requestDomains }, id: 3, priority: 1 },
        { action: { type: 'block' }, condition: { requestDomains: ['b.cn'], urlFilter: 'x' }, id: 9, priority: 2 },
      ]),
    );
    expect(rulesFingerprint([...odd].reverse())).toBe(rulesFingerprint(odd));
  });

  test('one character changed anywhere, odd characters included, changes the digest', async () => {
    const base = await rulesDigest(odd);
    const domains = odd[1]!.condition.requestDomains!;
    for (let i = 0; i < domains.length; i++) {
      const edited = structuredClone(odd);
      edited[1]!.condition.requestDomains![i] = `${domains[i]}.`;
      expect(await rulesDigest(edited), domains[i]).not.toBe(base);
    }
    expect(await rulesDigest([])).not.toBe(base);
  });
});
