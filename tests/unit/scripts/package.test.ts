// `npm run package` (scripts/package/) and the admin kit's use of what it writes
// (--package-dir, --edge-id). The packing itself reads the real builds in .output/, like
// manifest.test.ts: run `npm run build` first (npm test does).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { normaliseBaseUrl } from '../../../scripts/package/base-url';
import { packageQingfeng } from '../../../scripts/package/build';
import { parsePackageArgs } from '../../../scripts/package/cli-args';
import { parsePackageIds } from '../../../scripts/package/ids-file';
import { newSigningKeyPem, publicKeyBase64 } from '../../../scripts/package/key';
import { PACKAGE_FILES } from '../../../scripts/package/layout';
import { edgeStoreManifest, isChromeVersion, selfHostedManifest } from '../../../scripts/package/manifest';
import { gupdateXml } from '../../../scripts/package/update-xml';
import { resolveForceInstall } from '../../../scripts/policy-kit/force-install';
import { EDGE_ADDONS_UPDATE_URL, GECKO_ID } from '../../../scripts/policy-kit/ids';
import { chromeIdFromPublicKey } from '../../../scripts/policy-kit/key-id';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'qingfeng-package-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test.each([
  ['https://intranet.example/qingfeng/', 'https://intranet.example/qingfeng/'],
  ['https://intranet.example/qingfeng', 'https://intranet.example/qingfeng/'],
  ['http://10.0.0.5:8080/ext', 'http://10.0.0.5:8080/ext/'],
  ['ftp://intranet.example/', undefined],
  ['https://intranet.example/q/?v=1', undefined],
  ['intranet.example/qingfeng/', undefined],
])('base URL %s → %s', (input, expected) => {
  expect(normaliseBaseUrl(input)).toBe(expected);
});

test.each([
  ['0.1.0', true],
  ['1.2.3.4', true],
  ['65535', true],
  ['1.2.3.4.5', false],
  ['1.02', false],
  ['65536', false],
  ['1.0-beta', false],
])('Chrome version %s: %s', (v, ok) => {
  expect(isChromeVersion(v)).toBe(ok);
});

test('updates.xml is gupdate 2.0 with the id, the CRX address and the version, escaped', () => {
  const xml = gupdateXml({ appId: 'a'.repeat(32), codebase: 'https://x.example/q/a.crx?x=1&y=2', version: '1.2.3' });
  expect(xml).toContain('<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">');
  expect(xml).toContain(`<app appid="${'a'.repeat(32)}">`);
  expect(xml).toContain('<updatecheck codebase="https://x.example/q/a.crx?x=1&amp;y=2" version="1.2.3"/>');
});

test('manifests: self-hosted carries key and update_url; the Edge store build has neither', () => {
  const base = { name: 'n', version: '0.0.1', key: 'REPO-KEY', permissions: ['storage'] };
  expect(selfHostedManifest(base, { publicKey: 'SCHOOL', updateUrl: 'https://x/updates.xml', version: '2.0' })).toEqual({
    ...base,
    version: '2.0',
    key: 'SCHOOL',
    update_url: 'https://x/updates.xml',
  });
  const edge = edgeStoreManifest({ ...base, update_url: 'https://x/updates.xml' }, { version: '2.0' });
  expect(edge).toEqual({ name: 'n', version: '2.0', permissions: ['storage'] });
});

test.each([
  [['--key', 'k.pem', '--base-url', 'https://i.example/q'], { ok: true }],
  [['--key=k.pem', '--base-url=https://i.example/q/', '--out', 'o', '--lang', 'zh_CN'], { ok: true }],
  [['--base-url', 'https://i.example/q/'], { ok: false, error: { key: 'pkgUsage', args: [] } }],
  [['--key', 'k.pem', '--base-url', 'i.example/q'], { ok: false, error: { key: 'pkgErrBaseUrl', args: ['i.example/q'] } }],
  [['--key', 'k.pem', '--base-url', 'https://i.example/q', '--sign'], { ok: false, error: { key: 'kitErrUnknownOption', args: ['--sign'] } }],
  [['--key'], { ok: false, error: { key: 'kitErrOptionValue', args: ['--key'] } }],
])('package arguments %j', (argv, expected) => {
  expect(parsePackageArgs(argv)).toMatchObject(expected);
});

test('the manifest key of a new key gives the id by the one derivation (ids.ts)', () => {
  const pem = newSigningKeyPem();
  expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
  expect(chromeIdFromPublicKey(publicKeyBase64(pem))).toMatch(/^[a-p]{32}$/);
  expect(() => publicKeyBase64('not a key')).toThrow();
});

describe('the kit addresses the packaged id', () => {
  const packaged = { chromeId: 'c'.repeat(32), updateUrl: 'https://i.example/q/updates.xml', xpiUrl: 'https://i.example/q/qingfeng-1.0.xpi' };

  test('--package-dir: Chrome and Edge force-install the school’s CRX from its updates.xml; Firefox its XPI', () => {
    expect(resolveForceInstall({}, packaged, EDGE_ADDONS_UPDATE_URL)).toEqual({
      ok: true,
      targets: { chromeId: packaged.chromeId, updateUrl: packaged.updateUrl, edgeId: undefined, edgeUpdateUrl: undefined, xpiUrl: packaged.xpiUrl },
    });
  });

  test('--edge-id: the Edge entry is the store’s id with the store’s update URL', () => {
    const r = resolveForceInstall({ edgeId: 'e'.repeat(32) }, packaged, EDGE_ADDONS_UPDATE_URL);
    expect(r).toMatchObject({ ok: true, targets: { chromeId: packaged.chromeId, edgeId: 'e'.repeat(32), edgeUpdateUrl: EDGE_ADDONS_UPDATE_URL } });
  });

  test('an Edge-store entry with the self-hosted Chrome id is refused', () => {
    expect(resolveForceInstall({ edgeId: packaged.chromeId }, packaged, EDGE_ADDONS_UPDATE_URL)).toEqual({
      ok: false,
      error: { key: 'kitErrEdgeIdIsChromeId', args: [packaged.chromeId] },
    });
    expect(resolveForceInstall({ chromeId: 'd'.repeat(32), edgeId: 'd'.repeat(32) }, undefined, EDGE_ADDONS_UPDATE_URL).ok).toBe(false);
  });

  test('ids.json that is not what npm run package writes is refused with its path', () => {
    expect(parsePackageIds('{')).toMatchObject({ ok: false });
    const r = parsePackageIds(JSON.stringify({ chromeId: 'xyz' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('chromeId');
  });
});

describe('packing the real build', () => {
  test('a CRX3, updates.xml, an XPI and an Edge store zip, with ids.json the kit reads', async () => {
    const keyPath = join(work, 'school.pem');
    writeFileSync(keyPath, newSigningKeyPem());
    const outDir = join(work, 'out');
    const { ids } = await packageQingfeng({
      chromeBuild: join(ROOT, '.output/chrome-mv3'),
      firefoxBuild: join(ROOT, '.output/firefox-mv3'),
      keyPath,
      baseUrl: 'https://intranet.example/qingfeng/',
      outDir,
      version: '3.2.1',
    });
    const chromeId = chromeIdFromPublicKey(publicKeyBase64(readFileSync(keyPath, 'utf8')));
    expect(ids).toEqual({
      chromeId,
      geckoId: GECKO_ID,
      version: '3.2.1',
      baseUrl: 'https://intranet.example/qingfeng/',
      updateUrl: 'https://intranet.example/qingfeng/updates.xml',
      crx: 'qingfeng-3.2.1.crx',
      xpi: 'qingfeng-3.2.1.xpi',
      xpiUrl: 'https://intranet.example/qingfeng/qingfeng-3.2.1.xpi',
      edgeStoreZip: 'edge-store/qingfeng-3.2.1-edge-store.zip',
    });
    expect(parsePackageIds(readFileSync(join(outDir, PACKAGE_FILES.ids), 'utf8'))).toEqual({ ok: true, ids });
    expect(readFileSync(join(outDir, 'updates.xml'), 'utf8')).toContain(`codebase="https://intranet.example/qingfeng/qingfeng-3.2.1.crx" version="3.2.1"`);
    const crx = readFileSync(join(outDir, ids.crx));
    expect(crx.subarray(0, 4).toString('latin1')).toBe('Cr24');
    expect(crx.readUInt32LE(4)).toBe(3); // CRX format version 3
    // The zip after the CRX3 header (magic, version, header length, header): what Chrome unpacks.
    const crxZip = join(work, 'crx-payload.zip');
    writeFileSync(crxZip, crx.subarray(12 + crx.readUInt32LE(8)));
    const manifestIn = (archive: string) => JSON.parse(execFileSync('unzip', ['-p', archive, 'manifest.json'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString()) as Record<string, unknown>;
    expect(manifestIn(crxZip)).toMatchObject({ version: '3.2.1', key: publicKeyBase64(readFileSync(keyPath, 'utf8')), update_url: ids.updateUrl });
    const edge = manifestIn(join(outDir, ids.edgeStoreZip));
    expect(edge.version).toBe('3.2.1');
    expect(edge).not.toHaveProperty('key');
    expect(edge).not.toHaveProperty('update_url');
    expect(manifestIn(join(outDir, ids.xpi))).toMatchObject({ version: '3.2.1', browser_specific_settings: { gecko: { id: GECKO_ID } } });
  });
});
