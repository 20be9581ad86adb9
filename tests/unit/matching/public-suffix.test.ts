// Issue 16: the background answers the public-suffix questions from public-suffixes.txt (the
// rules the build reads out of tldts-icann) instead of carrying tldts-icann. These tests hold
// the two to the same answers, for every rule of the list.
import { afterEach, describe, expect, test } from 'vitest';
import { getDomain, getPublicSuffix } from 'tldts-icann';
import {
  installSuffixLookup,
  isPublicSuffix,
  NoPublicSuffixListError,
  registrableDomain,
  suffixLookupFromRules,
  type SuffixLookup,
} from '../../../utils/matching/public-suffix';
import { tldtsSuffixLookup } from '../../../utils/matching/public-suffix-tldts';
import { publicSuffixRules, publicSuffixesText } from '../../../scripts/public-suffixes';
import { parsePolicy } from '../../../utils/policy/schema';

const rules = publicSuffixRules();
const fromFile = suffixLookupFromRules(publicSuffixesText());

/** Hosts at and around every rule: the rule ("*" as a label), one and two labels below it. */
const hosts = [
  ...new Set(
    rules.flatMap((rule) => {
      const name = rule.replace(/^!/, '').replace(/^\*\./, 'wild.');
      return [name, `a.${name}`, `b.a.${name}`];
    }),
  ),
  'localhost', 'intranet', 'com', 'cn', 'taobao.com', 'item.taobao.com', 'www.gov.cn', 'a.b.c.d.example.cn',
  'xn--pbt173b.cn', 'mp.weixin.qq.com', 'alice.github.io', 'unknown-tld-zz', 'x.unknown-tld-zz',
];

function answers(lookup: SuffixLookup, host: string): [boolean, string | null] {
  installSuffixLookup(lookup);
  return [isPublicSuffix(host), registrableDomain(host)];
}

afterEach(() => installSuffixLookup(tldtsSuffixLookup));

describe('public suffixes', () => {
  test('the build reads the whole ICANN list out of tldts-icann (rules, wildcards and exceptions)', () => {
    expect(rules.length).toBeGreaterThan(6000);
    expect(rules).toContain('com.cn');
    expect(rules).toContain('*.kawasaki.jp');
    expect(rules).toContain('!city.kawasaki.jp');
    expect(rules).not.toContain('github.io'); // the private section is not in tldts-icann
  });

  test(`the background's file gives tldts-icann's answers for ${hosts.length} hosts around every rule`, () => {
    const differ = hosts.filter((host) => JSON.stringify(answers(fromFile, host)) !== JSON.stringify(answers(tldtsSuffixLookup, host)));
    expect(differ).toEqual([]);
  });

  test('the installed tldts lookup is tldts-icann itself', () => {
    installSuffixLookup(tldtsSuffixLookup);
    for (const host of ['com.cn', 'taobao.com', 'a.b.kawasaki.jp', 'city.kawasaki.jp', '10.0.0.5', 'localhost']) {
      expect(registrableDomain(host)).toBe(getDomain(host));
      expect(isPublicSuffix(host)).toBe(getPublicSuffix(host, { extractHostname: false, validateHostname: false, detectIp: false, mixedInputs: false }) === host);
    }
  });

  test('parsing with no list installed throws, instead of calling every policy invalid', () => {
    installSuffixLookup(null);
    expect(() => parsePolicy({ allow: ['smartedu.cn'] })).toThrow(NoPublicSuffixListError);
  });

  test.each([
    ['com.cn', true, null],
    ['edu.cn', true, null],
    ['co.uk', true, null],
    ['taobao.com', false, 'taobao.com'],
    ['item.taobao.com', false, 'taobao.com'],
    ['x.y.kawasaki.jp', false, 'x.y.kawasaki.jp'], // *.kawasaki.jp: y.kawasaki.jp is a suffix
    ['city.kawasaki.jp', false, 'city.kawasaki.jp'], // !city.kawasaki.jp: an exception
    ['10.0.0.5', false, null], // an IP address has no registrable domain
  ])('from the file: %s is a public suffix: %s; registrable domain %s', (host, suffix, domain) => {
    expect(answers(fromFile, host)).toEqual([suffix, domain]);
  });

});
