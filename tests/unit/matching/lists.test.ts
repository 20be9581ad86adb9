import { CATEGORY_IDS, type CategoryId } from '../../../utils/policy/constants';
import { describe, expect, it } from 'vitest';
import {
  builtinAllow,
  builtinLists,
  BUILTIN_LIST_TEXTS,
  parseListText,
} from '../../../utils/matching/lists';

// host === parent, or host is a subdomain of parent (label boundary, never "nottaobao.com").
const isUnder = (host: string, parent: string) => host === parent || host.endsWith(`.${parent}`);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const isValidHostname = (h: string) => {
  if (h.length > 253 || !h.includes('.')) return false;
  const labels = h.split('.');
  const tld = labels[labels.length - 1]!;
  return labels.every((l) => LABEL.test(l)) && /^(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/.test(tld);
};

// Shared parents: hosts below them may be listed (game.qq.com), the parent never.
const SHARED_PARENTS = ['qq.com', '163.com', '126.com', 'baidu.com', 'weibo.com', 'sohu.com', 'wechat.com', 'weixin.qq.com'];
// Infrastructure and work sites: neither they nor anything below them may be blocked.
const NEVER_BLOCK = [
  'tencent.com', 'alicdn.com', 'alipay.com', 'aliyun.com', 'microsoft.com', 'apple.com',
  'xboxlive.com', 'live.com', 'cainiao.com', 'sf-express.com', '12306.cn', 'jdcloud.com',
  'jdpay.com', 'jdl.com', 'dingtalk.com', 'wps.cn', 'kdocs.cn', 'smartedu.cn',
  'mail.qq.com', 'mail.163.com', 'docs.qq.com',
];
const NEVER_BLOCK_SUFFIXES = ['gov.cn', 'edu.cn'];

type FileName = keyof typeof BUILTIN_LIST_TEXTS;
const DOMAIN_FILES: (CategoryId | 'allow')[] = [...CATEGORY_IDS, 'allow'];
const ALL_FILES: FileName[] = [...DOMAIN_FILES, 'redPacketKeywords'];

// The entry lines of a file, with their comments (parseListText would hide duplicates).
const entryLines = (text: string) =>
  text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));

const blockEntries = CATEGORY_IDS.flatMap((id) =>
  builtinLists()[id].domains.map((domain) => ({ id, domain })),
);

describe('parseListText', () => {
  it('strips comments, blank lines and whitespace, keeps order and drops duplicates', () => {
    const text = '# header\n\n  b.com   # B\r\na.com\n\t\nb.com  # again\nc.com#tight\n   # indented comment\n';
    expect(parseListText(text)).toEqual(['b.com', 'a.com', 'c.com']);
  });
  it('returns an empty list for an empty or comment-only text', () => {
    expect(parseListText('')).toEqual([]);
    expect(parseListText('# only\n#\n')).toEqual([]);
  });
});

describe('list files', () => {
  it.each(ALL_FILES)('%s starts with a header comment and every entry has a comment', (name) => {
    const text = BUILTIN_LIST_TEXTS[name];
    expect(text.startsWith('# ')).toBe(true);
    for (const line of entryLines(text)) {
      expect(line, `entry line needs "entry  # comment": ${line}`).toMatch(/^\S+ {2}# \S/);
    }
  });

  it.each(ALL_FILES)('%s has no duplicate entries', (name) => {
    const entries = entryLines(BUILTIN_LIST_TEXTS[name]).map((l) => l.split('#')[0]!.trim());
    const dupes = entries.filter((e, i) => entries.indexOf(e) !== i);
    expect(dupes).toEqual([]);
  });

  it.each(DOMAIN_FILES)('%s: every entry is a lower-case hostname with a dot and no www.', (name) => {
    const entries = name === 'allow' ? builtinAllow() : builtinLists()[name].domains;
    for (const d of entries) {
      expect(isValidHostname(d), `not a valid lower-case hostname: ${d}`).toBe(true);
      expect(d.startsWith('www.'), `www. prefix: ${d}`).toBe(false);
    }
  });
});

describe('built-in categories', () => {
  it.each(CATEGORY_IDS)('%s has a non-empty domain list', (id) => {
    expect(builtinLists()[id].domains.length).toBeGreaterThan(0);
  });

  it('only redPacket has URL keywords, and they are usable urlFilters', () => {
    for (const id of CATEGORY_IDS) {
      if (id !== 'redPacket') expect(builtinLists()[id].urlKeywords, id).toEqual([]);
    }
    const keywords = builtinLists().redPacket.urlKeywords;
    expect(keywords).toContain('hongbao');
    for (const k of keywords) {
      // ASCII only (DNR rejects other urlFilters), no DNR wildcards/anchors, not too short to be safe.
      expect(k, k).toMatch(/^[\x21-\x7e]{4,}$/);
      expect(k, k).not.toMatch(/[*|^]/);
    }
  });

  it('never lists a shared parent or infrastructure in a block list', () => {
    const bad: string[] = [];
    for (const { id, domain } of blockEntries) {
      if (SHARED_PARENTS.includes(domain)) bad.push(`${id}: shared parent ${domain}`);
      for (const p of [...NEVER_BLOCK, ...NEVER_BLOCK_SUFFIXES]) {
        if (isUnder(domain, p)) bad.push(`${id}: ${domain} is (under) ${p}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('puts no domain in two categories and no entry under another block entry', () => {
    const bad: string[] = [];
    for (const a of blockEntries) {
      for (const b of blockEntries) {
        if (a !== b && isUnder(a.domain, b.domain)) bad.push(`${a.id}:${a.domain} is covered by ${b.id}:${b.domain}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('built-in allow list', () => {
  it('is non-empty and contains the work tools the design names', () => {
    expect(builtinAllow()).toEqual(expect.arrayContaining(['smartedu.cn', 'mp.weixin.qq.com']));
  });

  it('every entry is under a block entry or documented as a work tool (工作工具)', () => {
    const lines = entryLines(BUILTIN_LIST_TEXTS.allow);
    for (const host of builtinAllow()) {
      const line = lines.find((l) => l.split('#')[0]!.trim() === host)!;
      const underBlock = blockEntries.some(({ domain }) => isUnder(host, domain));
      expect(underBlock || line.includes('工作工具'), `allow entry without a reason: ${host}`).toBe(true);
    }
  });

  it('never allows a whole block entry (that would silently disable it)', () => {
    const bad = builtinAllow().flatMap((host) =>
      blockEntries.filter(({ domain }) => isUnder(domain, host)).map(({ id, domain }) => `allow ${host} undoes ${id}:${domain}`),
    );
    expect(bad).toEqual([]);
  });
});
