// #14: the admin kit for real files and a real administrator — what Notepad writes, the
// plain messages for a bad path, the language on any PC, the undo files, and the editor
// page's zip, byte for byte the CLI's files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { type Policy, parsePolicy } from '../../../utils/policy/schema';
import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';
import { formatMessage } from '../../../utils/i18n/format-message';
import { buildBundle } from '../../../scripts/policy-kit/bundle';
import { chooseLang } from '../../../scripts/policy-kit/cli-args';
import { FIREFOX_HARDENING, CHROME_HARDENING, EDGE_HARDENING } from '../../../scripts/policy-kit/hardening';
import { kitFiles, kitZip } from '../../../scripts/policy-kit/kit-files';
import { OUTPUT_FILES } from '../../../scripts/policy-kit/output-files';
import { decodePolicyBytes, readPolicyBytes } from '../../../scripts/policy-kit/policy-file';
import { CHROME_POLICY_ROOT, EDGE_POLICY_ROOT } from '../../../scripts/policy-kit/windows-reg';
import { type ParsedRegValue, parseRegFile } from '../support/fixtures/kit-reg-parser';
import { readTree } from '../support/files';

const REPO = join(import.meta.dirname, '../../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');
const CLI = join(REPO, 'scripts/policy-kit.ts');
const SCHOOL = '北票市第七初级中学';
const POLICY_TEXT = `{\r\n  "schoolName": "${SCHOOL}",\r\n  "allow": ["smartedu.cn"]\r\n}\r\n`;

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'be') for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] ?? 0, le[i] ?? 0];
  return new Uint8Array(Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), le]));
}
/** 清风学校 as Chinese Windows Notepad's "ANSI" (GBK) writes it. */
const GBK_NAME = [0xc7, 0xe5, 0xb7, 0xe7, 0xd1, 0xa7, 0xd0, 0xa3];
const GBK_FILE = new Uint8Array([...Buffer.from('{"schoolName": "'), ...GBK_NAME, ...Buffer.from('"}\r\n')]);

describe('policy file bytes: what Notepad writes', () => {
  test('the GBK fixture really is GBK for 清风学校', () => {
    expect(new TextDecoder('gbk').decode(new Uint8Array(GBK_NAME))).toBe('清风学校');
  });

  test.each([
    ['UTF-8', new Uint8Array(Buffer.from(POLICY_TEXT)), 'utf-8'],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(POLICY_TEXT)]), 'utf-8-bom'],
    ['UTF-16 LE (Notepad "Unicode")', utf16(POLICY_TEXT, 'le'), 'utf-16le'],
    ['UTF-16 BE', utf16(POLICY_TEXT, 'be'), 'utf-16be'],
  ] as const)('%s is read, and the school name survives', (_name, bytes, encoding) => {
    const r = readPolicyBytes('p.json', bytes);
    expect(r).toEqual({ ok: true, value: { schoolName: SCHOOL, allow: ['smartedu.cn'] }, encoding });
  });

  test('GBK is refused, with how to save as UTF-8 in Notepad', () => {
    expect(decodePolicyBytes(GBK_FILE)).toEqual({ ok: false, reason: 'notUnicode' });
    const r = readPolicyBytes('p.json', GBK_FILE);
    expect(r).toEqual({ ok: false, error: { key: 'kitErrNotUnicode', args: ['p.json'] } });
    expect(formatMessage(zhCN, 'kitErrNotUnicode', ['p.json'])).toMatch(/另存为.*编码.*UTF-8/);
    expect(formatMessage(en, 'kitErrNotUnicode', ['p.json'])).toMatch(/Save As.*Encoding.*UTF-8/);
  });

  test.each([
    ['no bytes', new Uint8Array()],
    ['only white space', new Uint8Array(Buffer.from(' \r\n\t\r\n'))],
    ['only a BOM', new Uint8Array([0xef, 0xbb, 0xbf])],
    ['UTF-16 with only a BOM', new Uint8Array([0xff, 0xfe])],
  ])('an empty file (%s) is "empty", not a JSON error at line 2', (_name, bytes) => {
    expect(readPolicyBytes('p.json', bytes)).toEqual({ ok: false, error: { key: 'kitErrEmptyFile', args: ['p.json'] } });
  });

  test('a JSON mistake still gives line and column', () => {
    const r = readPolicyBytes('p.json', new Uint8Array(Buffer.from('{\n  "retentionDays": 30,\n}\n')));
    expect(r).toEqual({ ok: false, error: { key: 'kitErrJsonSyntax', args: ['p.json', '3', '1', '}'] } });
  });
});

describe('language: --lang, else the environment, else the system locale', () => {
  test.each([
    ['--lang wins', 'en', { LANG: 'zh_CN.UTF-8' }, 'zh-CN', 'en'],
    ['LC_ALL before LANG', undefined, { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }, 'en-US', 'zh_CN'],
    ['LC_MESSAGES before LANG', undefined, { LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }, 'zh-CN', 'en'],
    ['LANG', undefined, { LANG: 'zh_CN.GB18030' }, 'en-US', 'zh_CN'],
    ['LANGUAGE, first of its list', undefined, { LANGUAGE: 'zh_CN:en_US' }, 'en-US', 'zh_CN'],
    ['C is English (POSIX), whatever the system', undefined, { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, 'zh-CN', 'en'],
    ['empty variables are unset', undefined, { LC_ALL: '', LANG: '' }, 'zh-CN', 'zh_CN'],
    ['Windows: no variables, a Chinese system', undefined, {}, 'zh-CN', 'zh_CN'],
    ['Windows: no variables, zh-Hans-CN', undefined, {}, 'zh-Hans-CN', 'zh_CN'],
    ['no variables, an English system', undefined, {}, 'en-US', 'en'],
  ] as const)('%s', (_name, flag, env, system, expected) => {
    expect(chooseLang(flag, env, system)).toBe(expected);
  });

  test('by default the system locale is what Intl reports', () => {
    const intl = Intl.DateTimeFormat().resolvedOptions().locale;
    expect(chooseLang(undefined, {})).toBe(intl.toLowerCase().startsWith('zh') ? 'zh_CN' : 'en');
  });
});

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'qingfeng-kit-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runCli(dir: string, args: string[], env: Record<string, string> = { LANG: 'en_US.UTF-8' }) {
  const r = spawnSync(TSX, [CLI, ...args], { cwd: dir, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI on real files', { timeout: 120_000 }, () => {
  test.each([
    ['en', 'en_US.UTF-8', /Save As/],
    ['zh_CN', 'zh_CN.UTF-8', /另存为/],
  ])('a GBK file (%s): refused, exit 1, nothing written', (_l, lang, advice) => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'p.json'), GBK_FILE);
      const r = runCli(dir, ['p.json', '--out', 'out'], { LANG: lang });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(advice);
      expect(() => statSync(join(dir, 'out'))).toThrow();
    });
  });

  test('a UTF-16 file from Notepad: written, with the school name intact', () => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'p.json'), utf16(POLICY_TEXT, 'le'));
      const r = runCli(dir, ['p.json', '--out', 'out']);
      expect(r.code).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'out', OUTPUT_FILES.policy), 'utf8')).schoolName).toBe(SCHOOL);
    });
  });

  test.each([
    ['an empty file', (dir: string) => writeFileSync(join(dir, 'p.json'), ''), 'p.json', 'kitErrEmptyFile'],
    ['a missing file', () => undefined, 'missing.json', 'kitErrMissingFile'],
    ['a folder', (dir: string) => mkdirSync(join(dir, 'p.json')), 'p.json', 'kitErrIsFolder'],
  ] as const)('%s: its own plain message in both languages, exit 1', (_name, setup, file, key) => {
    withTempDir((dir) => {
      setup(dir);
      for (const [lang, messages] of [['en_US.UTF-8', en], ['zh_CN.UTF-8', zhCN]] as const) {
        const r = runCli(dir, [file], { LANG: lang });
        expect(r.code).toBe(1);
        const args = key === 'kitErrMissingFile' ? [file, dir] : [file];
        expect(r.stderr).toContain(formatMessage(messages, key, args));
        expect(r.stderr).not.toMatch(/ENOENT|EISDIR|line \d+, column|第 \d+ 行/);
      }
    });
  });
});

describe('the editor page\'s zip is the CLI\'s files, byte for byte', { timeout: 120_000 }, () => {
  const example = JSON.parse(readFileSync(join(REPO, 'tests/unit/support/fixtures/design-example-policy.json'), 'utf8')) as unknown;
  const parsed = parsePolicy(example);
  if (!parsed.ok) throw new Error('fixture invalid');
  const policy: Policy = parsed.policy;

  test.each([
    ['plain', [] as string[], { harden: false }],
    ['--harden with URLs', ['--harden', '--update-url', 'https://it.school.cn/u.xml', '--xpi-url', 'https://it.school.cn/q.xpi'], {
      harden: true,
      updateUrl: 'https://it.school.cn/u.xml',
      xpiUrl: 'https://it.school.cn/q.xpi',
    }],
  ] as const)('%s', (_name, flags, opts) => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'p.json'), JSON.stringify(example));
      expect(runCli(dir, ['p.json', '--out', 'out', ...flags]).code).toBe(0);
      const cli = readTree(join(dir, 'out'));
      // Exactly what DownloadSection does with the same policy and options.
      const zip = unzipSync(kitZip(kitFiles(buildBundle(policy, opts))));
      const page = Object.fromEntries(Object.entries(zip).map(([p, b]) => [p.replace(/^qingfeng-policy-out\//, ''), b]));
      expect(Object.keys(page).sort()).toEqual(Object.keys(cli).sort());
      for (const [path, bytes] of Object.entries(cli)) expect(Buffer.from(page[path] ?? []).equals(Buffer.from(bytes)), path).toBe(true);
    });
  });

  test('the zip is the same for the same policy (fixed entry dates)', () => {
    const files = kitFiles(buildBundle(policy, { harden: true }));
    expect(Buffer.from(kitZip(files)).equals(Buffer.from(kitZip(files)))).toBe(true);
  });
});

/** A registry as regedit leaves it: key path (case-insensitive) → values. */
function applyReg(registry: Map<string, Map<string, ParsedRegValue>>, bytes: Uint8Array): void {
  for (const op of parseRegFile(bytes).operations) {
    const path = op.path.toLowerCase();
    if (op.op === 'delete') {
      for (const key of [...registry.keys()]) if (key === path || key.startsWith(`${path}\\`)) registry.delete(key);
      continue;
    }
    const values = registry.get(path) ?? new Map<string, ParsedRegValue>();
    registry.set(path, values);
    for (const [name, v] of op.values) {
      if (v.type === 'delete') values.delete(name);
      else values.set(name, v);
    }
  }
}

describe.each([
  ['Chrome', OUTPUT_FILES.chromeReg, OUTPUT_FILES.chromeUndoReg, CHROME_POLICY_ROOT, CHROME_HARDENING],
  ['Edge', OUTPUT_FILES.edgeReg, OUTPUT_FILES.edgeUndoReg, EDGE_POLICY_ROOT, EDGE_HARDENING],
] as const)('%s undo file', (_name, regFile, undoFile, root, hardening) => {
  const policy = { schoolName: SCHOOL, allow: ['smartedu.cn'] };
  const school = `${root}\\ExtensionInstallForcelist`.toLowerCase();

  test('after the hardened file, the undo file leaves only what the school had', () => {
    const { files } = buildBundle(policy, { harden: true });
    const registry = new Map<string, Map<string, ParsedRegValue>>();
    // The school's own force-installed extension and policy, which the undo must keep.
    registry.set(school, new Map([['1', { type: 'sz', data: 'otherextension;https://x' }]]));
    registry.set(root.toLowerCase(), new Map([['HomepageLocation', { type: 'sz', data: 'https://school.cn' }]]));
    applyReg(registry, files[regFile] as Uint8Array);
    for (const h of hardening) expect(registry.get(root.toLowerCase())?.has(h.name), h.name).toBe(true);
    applyReg(registry, files[undoFile] as Uint8Array);
    const left = [...registry].filter(([, v]) => v.size > 0).map(([k, v]) => [k, [...v.keys()]]);
    expect(left).toEqual([
      [school, ['1']],
      [root.toLowerCase(), ['HomepageLocation']],
    ]);
  });

  test('a run without --harden leaves earlier hardening in place, and its undo file removes it', () => {
    const registry = new Map<string, Map<string, ParsedRegValue>>();
    applyReg(registry, buildBundle(policy, { harden: true }).files[regFile] as Uint8Array);
    const plain = buildBundle(policy, { harden: false }).files;
    applyReg(registry, plain[regFile] as Uint8Array);
    expect(registry.get(root.toLowerCase())?.size).toBe(hardening.length); // what the README warns of
    applyReg(registry, plain[undoFile] as Uint8Array);
    expect([...registry.values()].every((v) => v.size === 0)).toBe(true);
  });
});

describe('Linux and Firefox undo', () => {
  const { files } = buildBundle({ schoolName: SCHOOL }, { harden: true });
  test('the Linux script deletes the two files the README places', () => {
    const script = files[OUTPUT_FILES.linuxUndo] as string;
    expect(script).toContain('rm -f /etc/opt/chrome/policies/managed/qingfeng.json /etc/chromium/policies/managed/qingfeng.json');
    const check = spawnSync('sh', ['-n'], { input: script });
    expect(check.status).toBe(0);
  });
  test('the Firefox text names the files and every key the kit adds', () => {
    const text = files[OUTPUT_FILES.firefoxUndo] as string;
    const policies = (JSON.parse(files[OUTPUT_FILES.firefoxPolicies] as string) as { policies: Record<string, unknown> }).policies;
    expect(text).toContain('/etc/firefox/policies/policies.json');
    expect(text).toContain('distribution\\policies.json');
    for (const key of Object.keys(policies)) expect(text).toContain(key);
  });
});

describe('Firefox hardening closes about:config, Troubleshoot Mode and the DNR preference', () => {
  test('policies.json with --harden', () => {
    const { files } = buildBundle({}, { harden: true });
    const p = (JSON.parse(files[OUTPUT_FILES.firefoxPolicies] as string) as { policies: Record<string, unknown> }).policies;
    expect(p.BlockAboutConfig).toBe(true);
    expect(p.DisableSafeMode).toBe(true);
    expect(p.Preferences).toEqual({ 'extensions.dnr.enabled': { Value: true, Status: 'locked' } });
    expect(FIREFOX_HARDENING.map((h) => h.name)).toEqual(expect.arrayContaining(['BlockAboutConfig', 'DisableSafeMode', 'Preferences']));
  });
  test('without --harden none of it', () => {
    const p = (JSON.parse(buildBundle({}, { harden: false }).files[OUTPUT_FILES.firefoxPolicies] as string) as { policies: Record<string, unknown> }).policies;
    expect(Object.keys(p).sort()).toEqual(['3rdparty', 'ExtensionSettings']);
  });
});
