// The admin kit (scripts/policy-kit): what it writes for a policy, read back the way each
// browser reads it, and the CLI's behaviour on bad input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildManagedSchema } from '../../../utils/policy/managed-schema';
import { type Policy, formatPolicyError, parsePolicy } from '../../../utils/policy/schema';
import en from '../../../public/_locales/en/messages.json';
import zhCN from '../../../public/_locales/zh_CN/messages.json';
import { buildBundle } from '../../../scripts/policy-kit/bundle';
import { chooseLang, parseKitArgs } from '../../../scripts/policy-kit/cli-args';
import { FORCELIST_VALUE_NAME } from '../../../scripts/policy-kit/force-install';
import { CHROME_HARDENING, EDGE_HARDENING, FIREFOX_HARDENING } from '../../../scripts/policy-kit/hardening';
import {
  CHROME_EXTENSION_ID,
  CHROME_WEB_STORE_UPDATE_URL,
  EDGE_ADDONS_UPDATE_URL,
  GECKO_ID,
  XPI_URL_PLACEHOLDER,
} from '../../../scripts/policy-kit/ids';
import { chromeIdFromPublicKey } from '../../../scripts/policy-kit/key-id';
import { parseJsonSource } from '../../../scripts/policy-kit/json-source';
import { OUTPUT_FILES } from '../../../scripts/policy-kit/output-files';
import { CHROME_POLICY_ROOT, EDGE_POLICY_ROOT, extensionPolicyKey } from '../../../scripts/policy-kit/windows-reg';
import { decodeRegBytes, parseRegFile, registryToPolicyJson, valuesAt } from '../support/fixtures/kit-reg-parser';

const REPO = join(import.meta.dirname, '../../..');
const EXAMPLE_FILE = join(REPO, 'tests/unit/support/fixtures/design-example-policy.json');
const example: unknown = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8'));

function validPolicy(input: unknown): Policy {
  const r = parsePolicy(input);
  if (!r.ok) throw new Error(`fixture invalid: ${JSON.stringify(r.errors)}`);
  return r.policy;
}
const policy = validPolicy(example);
const SCHEMA = buildManagedSchema();

function bytes(contents: string | Uint8Array | undefined): Uint8Array {
  if (!(contents instanceof Uint8Array)) throw new Error('expected a binary file');
  return contents;
}
function jsonOf(contents: string | Uint8Array | undefined): unknown {
  if (typeof contents !== 'string') throw new Error('expected a text file');
  return JSON.parse(contents);
}

const WINDOWS = [
  ['Chrome', OUTPUT_FILES.chromeReg, CHROME_POLICY_ROOT, CHROME_WEB_STORE_UPDATE_URL, CHROME_HARDENING],
  ['Edge', OUTPUT_FILES.edgeReg, EDGE_POLICY_ROOT, EDGE_ADDONS_UPDATE_URL, EDGE_HARDENING],
] as const;

test('the Chrome id is the one the repository key gives', () => {
  const key = readFileSync(join(REPO, 'keys/chrome-public-key.b64'), 'utf8');
  expect(chromeIdFromPublicKey(key)).toBe(CHROME_EXTENSION_ID);
});

test('policy.json is the normalised policy, which parses again to itself', () => {
  const { files } = buildBundle(policy, { harden: false });
  const written = jsonOf(files[OUTPUT_FILES.policy]);
  expect(written).toEqual(policy);
  expect(parsePolicy(written)).toEqual({ ok: true, policy });
});

test('hosts are written normalised, and only the keys the admin set', () => {
  const p = validPolicy({ allow: ['WWW.SmartEdu.cn.', '例子.中国'] });
  const written = jsonOf(buildBundle(p, { harden: false }).files[OUTPUT_FILES.policy]);
  expect(written).toEqual(p);
  expect(Object.keys(written as object)).toEqual(['allow']);
  expect((written as { allow: string[] }).allow[0]).toBe('smartedu.cn');
  expect((written as { allow: string[] }).allow[1]).toMatch(/^xn--/);
});

describe.each(WINDOWS)('%s .reg file', (_name, file, root, storeUrl, hardening) => {
  const reg = bytes(buildBundle(policy, { harden: false }).files[file]);
  const parsed = parseRegFile(reg);
  const policyKey = extensionPolicyKey(root, CHROME_EXTENSION_ID);

  test('is regedit format: UTF-16LE with BOM, CRLF, version 5 header', () => {
    const text = decodeRegBytes(reg);
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(text).toContain('北票市第七初级中学');
  });

  test('deletes the old policy key before writing it', () => {
    const ops = parsed.operations.map((o) => `${o.op} ${o.path}`);
    expect(ops.indexOf(`delete ${policyKey}`)).toBeGreaterThanOrEqual(0);
    expect(ops.indexOf(`delete ${policyKey}`)).toBeLessThan(ops.indexOf(`set ${policyKey}`));
  });

  test('gives back exactly the normalised policy, read as Chrome reads it', () => {
    const values = valuesAt(parsed, policyKey);
    expect(values).toBeDefined();
    expect(registryToPolicyJson(values ?? new Map(), SCHEMA)).toEqual(policy);
    // Scalars are typed registry values, not strings.
    expect(values?.get('lockSettings')).toEqual({ type: 'dword', data: 1 });
    expect(values?.get('retentionDays')).toEqual({ type: 'dword', data: 180 });
    expect(values?.get('schoolName')).toEqual({ type: 'sz', data: '北票市第七初级中学' });
  });

  test('force-installs through its own ExtensionInstallForcelist value, with the store URL', () => {
    expect(valuesAt(parsed, `${root}\\ExtensionInstallForcelist`)).toEqual(
      new Map([[FORCELIST_VALUE_NAME, { type: 'sz', data: `${CHROME_EXTENSION_ID};${storeUrl}` }]]),
    );
    // The forcelist key is not deleted: the school's other entries stay.
    expect(parsed.operations.filter((o) => o.op === 'delete').map((o) => o.path)).toEqual([policyKey]);
  });

  test('touches no browser policy without --harden, and exactly the named ones with it', () => {
    expect(valuesAt(parsed, root)).toBeUndefined();
    const hardened = parseRegFile(bytes(buildBundle(policy, { harden: true }).files[file]));
    const expected = new Map(hardening.map((h) => [h.name, { type: 'dword', data: h.value === true ? 1 : h.value === false ? 0 : h.value }]));
    expect(valuesAt(hardened, root)).toEqual(expected);
    expect(valuesAt(hardened, policyKey)).toEqual(valuesAt(parsed, policyKey));
  });
});

test('.reg strings survive quotes, backslashes and line breaks', () => {
  const p = validPolicy({ schoolName: 'C:\\学校 "一中"', message: '第一行\n第二行', lockSettings: false, unlock: { maxPerDay: 0 } });
  const parsed = parseRegFile(bytes(buildBundle(p, { harden: false }).files[OUTPUT_FILES.chromeReg]));
  const values = valuesAt(parsed, extensionPolicyKey(CHROME_POLICY_ROOT, CHROME_EXTENSION_ID)) ?? new Map();
  expect(registryToPolicyJson(values, SCHEMA)).toEqual(p);
  expect(values.get('lockSettings')).toEqual({ type: 'dword', data: 0 });
});

test('a list of more than ten items keeps its order (the reason for JSON strings over numbered values)', () => {
  const hosts = Array.from({ length: 12 }, (_, i) => `site${i + 1}.example.cn`);
  const p = validPolicy({ allow: hosts });
  const parsed = parseRegFile(bytes(buildBundle(p, { harden: false }).files[OUTPUT_FILES.edgeReg]));
  const values = valuesAt(parsed, extensionPolicyKey(EDGE_POLICY_ROOT, CHROME_EXTENSION_ID)) ?? new Map();
  expect(registryToPolicyJson(values, SCHEMA)).toEqual({ allow: hosts });
});

describe('Linux policy files', () => {
  const expected = (harden: boolean) => ({
    ExtensionInstallForcelist: [`${CHROME_EXTENSION_ID};${CHROME_WEB_STORE_UPDATE_URL}`],
    ...(harden ? { IncognitoModeAvailability: 1, BrowserGuestModeEnabled: false, BrowserAddPersonEnabled: false, ExtensionDeveloperModeSettings: 1 } : {}),
    '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: policy } },
  });

  test.each([false, true])('Chrome and Chromium get the same file (harden: %s)', (harden) => {
    const { files } = buildBundle(policy, { harden });
    expect(jsonOf(files[OUTPUT_FILES.linuxChrome])).toEqual(expected(harden));
    expect(jsonOf(files[OUTPUT_FILES.linuxChromium])).toEqual(expected(harden));
  });
});

describe('Firefox files', () => {
  test('policies.json: 3rdparty policy and force-install, with the placeholder when no --xpi-url', () => {
    const bundle = buildBundle(policy, { harden: false });
    expect(bundle.xpiIsPlaceholder).toBe(true);
    expect(jsonOf(bundle.files[OUTPUT_FILES.firefoxPolicies])).toEqual({
      policies: {
        '3rdparty': { Extensions: { [GECKO_ID]: policy } },
        ExtensionSettings: {
          [GECKO_ID]: { installation_mode: 'force_installed', install_url: XPI_URL_PLACEHOLDER, private_browsing: true },
        },
      },
    });
  });

  test('--harden adds exactly the Firefox hardening policies; --xpi-url sets install_url', () => {
    const xpi = 'https://it.school.cn/qingfeng.xpi';
    const bundle = buildBundle(policy, { harden: true, xpiUrl: xpi });
    expect(bundle.xpiIsPlaceholder).toBe(false);
    const { policies } = jsonOf(bundle.files[OUTPUT_FILES.firefoxPolicies]) as { policies: Record<string, unknown> };
    expect(Object.keys(policies).sort()).toEqual(['3rdparty', 'ExtensionSettings', ...FIREFOX_HARDENING.map((h) => h.name)].sort());
    expect(policies.PrivateBrowsingModeAvailability).toBe(1);
    expect(policies.BlockAboutProfiles).toBe(true);
    expect(policies.ExtensionSettings).toEqual({ [GECKO_ID]: { installation_mode: 'force_installed', install_url: xpi, private_browsing: true } });
  });

  test('the managed-storage manifest is the native-manifest form', () => {
    const { files } = buildBundle(policy, { harden: false });
    expect(OUTPUT_FILES.firefoxManagedStorage).toBe(`firefox/managed-storage/${GECKO_ID}.json`);
    expect(jsonOf(files[OUTPUT_FILES.firefoxManagedStorage])).toEqual({
      name: GECKO_ID,
      description: expect.any(String),
      type: 'storage',
      data: policy,
    });
  });
});

test('--update-url replaces both stores\' URLs; --edge-id addresses Edge only', () => {
  const url = 'https://it.school.cn/qingfeng/update.xml';
  const edgeId = 'a'.repeat(32);
  const { files } = buildBundle(policy, { harden: false, updateUrl: url, edgeId });
  const chrome = parseRegFile(bytes(files[OUTPUT_FILES.chromeReg]));
  const edge = parseRegFile(bytes(files[OUTPUT_FILES.edgeReg]));
  expect(valuesAt(chrome, `${CHROME_POLICY_ROOT}\\ExtensionInstallForcelist`)?.get(FORCELIST_VALUE_NAME)).toEqual({ type: 'sz', data: `${CHROME_EXTENSION_ID};${url}` });
  expect(valuesAt(edge, `${EDGE_POLICY_ROOT}\\ExtensionInstallForcelist`)?.get(FORCELIST_VALUE_NAME)).toEqual({ type: 'sz', data: `${edgeId};${url}` });
  expect(valuesAt(edge, extensionPolicyKey(EDGE_POLICY_ROOT, edgeId))).toBeDefined();
  expect((jsonOf(files[OUTPUT_FILES.linuxChrome]) as { ExtensionInstallForcelist: string[] }).ExtensionInstallForcelist).toEqual([
    `${CHROME_EXTENSION_ID};${url}`,
  ]);
});

test('both READMEs name every file, the ids, and chrome://policy / about:policies', () => {
  const { files } = buildBundle(policy, { harden: true });
  for (const readme of [files[OUTPUT_FILES.readmeZhCN], files[OUTPUT_FILES.readmeEn]]) {
    expect(typeof readme).toBe('string');
    for (const f of Object.values(OUTPUT_FILES).filter((f) => !f.startsWith('README'))) expect(readme).toContain(f);
    for (const s of [CHROME_EXTENSION_ID, GECKO_ID, 'chrome://policy', 'about:policies', '/etc/opt/chrome/policies/managed', '/etc/chromium/policies/managed', '/etc/firefox/policies', 'distribution']) {
      expect(readme).toContain(s);
    }
    for (const h of [...CHROME_HARDENING, ...EDGE_HARDENING, ...FIREFOX_HARDENING]) expect(readme).toContain(h.name);
  }
});

describe('reading the policy file', () => {
  test('a JSON syntax error is placed by line and column', () => {
    expect(parseJsonSource('{\n  "schoolName": "一中",\n  "retentionDays": 30,\n}\n')).toEqual({ ok: false, line: 4, column: 1, near: '}' });
    expect(parseJsonSource('{"a": [1, 2}')).toMatchObject({ ok: false, line: 1, column: 12 });
    expect(parseJsonSource('{"a": “x”}')).toMatchObject({ ok: false, line: 1, column: 7 });
    expect(parseJsonSource('{"a": 1')).toMatchObject({ ok: false, line: 1, column: 8, near: '' });
    expect(parseJsonSource('{"a": 1} x')).toMatchObject({ ok: false, line: 1, column: 10 });
  });

  test('a UTF-8 byte-order mark (Notepad) is accepted', () => {
    expect(parseJsonSource('\uFEFF{"retentionDays": 30}')).toEqual({ ok: true, value: { retentionDays: 30 } });
  });
});

describe('command line', () => {
  test('options', () => {
    expect(parseKitArgs(['p.json'])).toMatchObject({ ok: true, args: { policyFile: 'p.json', outDir: 'qingfeng-policy-out', harden: false } });
    expect(parseKitArgs(['--harden', 'p.json', '--out', 'o', '--update-url=https://x.cn/u', '--lang', 'en'])).toMatchObject({
      ok: true,
      args: { policyFile: 'p.json', outDir: 'o', harden: true, updateUrl: 'https://x.cn/u', lang: 'en' },
    });
    expect(parseKitArgs([])).toEqual({ ok: false, error: { key: 'kitUsage', args: [] } });
    expect(parseKitArgs(['p.json', '--hardn'])).toEqual({ ok: false, error: { key: 'kitErrUnknownOption', args: ['--hardn'] } });
    expect(parseKitArgs(['p.json', '--out'])).toEqual({ ok: false, error: { key: 'kitErrOptionValue', args: ['--out'] } });
    expect(parseKitArgs(['p.json', '--update-url', 'x.cn/u'])).toMatchObject({ ok: false, error: { key: 'kitErrUrl' } });
    expect(parseKitArgs(['p.json', '--edge-id', 'xyz'])).toMatchObject({ ok: false, error: { key: 'kitErrExtensionId' } });
    expect(parseKitArgs(['p.json', '--lang', 'fr'])).toMatchObject({ ok: false, error: { key: 'kitErrLang' } });
  });

  test('language: --lang, else a zh locale, else English', () => {
    expect(chooseLang('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(chooseLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh_CN');
    expect(chooseLang(undefined, { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh_CN');
    expect(chooseLang(undefined, { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(chooseLang(undefined, {})).toBe('en');
  });
});

describe('the CLI in a child process', { timeout: 60_000 }, () => {
  const TSX = join(REPO, 'node_modules/.bin/tsx');
  const CLI = join(REPO, 'scripts/policy-kit.ts');

  function run(dir: string, args: string[], lang = 'en_US.UTF-8') {
    const env = { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' };
    const r = spawnSync(TSX, [CLI, ...args], { cwd: dir, env, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function withTempDir(fn: (dir: string) => void) {
    const dir = mkdtempSync(join(tmpdir(), 'qingfeng-kit-'));
    try {
      fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const INVALID = { retentionDays: 0, categories: { video: { mode: 'Block' } }, allow: ['https://taobao.com/x'] };

  test('a valid policy: exit 0 and every file written to the default folder', () => {
    withTempDir((dir) => {
      const r = run(dir, [EXAMPLE_FILE]);
      expect(r.stderr).toContain('--xpi-url'); // the placeholder warning
      expect(r.code).toBe(0);
      for (const f of Object.values(OUTPUT_FILES)) expect(existsSync(join(dir, 'qingfeng-policy-out', f)), f).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'qingfeng-policy-out', OUTPUT_FILES.policy), 'utf8'))).toEqual(policy);
    });
  });

  test.each([
    ['en', 'en_US.UTF-8', [] as string[], 'retentionDays: ', 'Nothing was written'],
    ['zh_CN from LANG', 'zh_CN.UTF-8', [] as string[], 'retentionDays: ', '没有写入任何文件'],
    ['zh_CN from --lang', 'en_US.UTF-8', ['--lang', 'zh_CN'], 'retentionDays: ', '没有写入任何文件'],
  ])('an invalid policy (%s): each error as "path: message", exit 1, nothing written', (_label, lang, extra, first, nothing) => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'p.json'), JSON.stringify(INVALID));
      const r = run(dir, ['p.json', '--out', 'out', ...extra], lang);
      expect(r.code).toBe(1);
      expect(existsSync(join(dir, 'out'))).toBe(false);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').map((l) => l.trim());
      expect(lines.some((l) => l.startsWith(first))).toBe(true);
      expect(lines.some((l) => l.startsWith('categories.video.mode: '))).toBe(true);
      expect(lines.some((l) => l.startsWith('allow[0]: '))).toBe(true);
      expect(r.stderr).toContain(nothing);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+\)?$/m); // no stack trace
    });
  });

  test.each([
    ['en', en],
    ['zh_CN', zhCN],
  ] as const)('the error lines are formatPolicyError in %s, from that locale\'s messages.json', (lang, messages) => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'p.json'), JSON.stringify(INVALID));
      const r = parsePolicy(INVALID);
      if (r.ok) throw new Error('INVALID parsed');
      const stderr = run(dir, ['p.json', '--lang', lang]).stderr;
      for (const err of r.errors) expect(stderr).toContain(`  ${formatPolicyError(err, messages)}\n`);
    });
  });

  test('a JSON syntax error: line and column, exit 1, nothing written, no stack trace', () => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'p.json'), '{\n  "retentionDays": 30,\n}\n');
      const r = run(dir, ['p.json', '--out', 'out']);
      expect(r.code).toBe(1);
      expect(existsSync(join(dir, 'out'))).toBe(false);
      expect(r.stderr).toContain('line 3, column 1');
      expect(r.stderr).not.toContain('SyntaxError');
      const zh = run(dir, ['p.json', '--out', 'out', '--lang', 'zh_CN']);
      expect(zh.stderr).toContain('第 3 行第 1 列');
    });
  });

  test('a usage error: exit 2 with the usage line', () => {
    withTempDir((dir) => {
      const r = run(dir, ['--hardn']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--hardn');
      expect(r.stderr).toContain('npm run policy');
    });
  });
});
