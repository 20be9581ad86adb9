// Makes the school's packages from the tested builds in .output/: copies each build, gives the
// copy its manifest (manifest.ts), and packs it. All I/O of `npm run package` but the CLI's
// own (arguments, key creation, messages) is here, so the e2e tests run exactly this.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import crx3 from 'crx3';
import { GECKO_ID } from '../policy-kit/ids';
import { chromeIdFromPublicKey } from '../policy-kit/key-id';
import type { PackageIds } from './ids-file';
import { publicKeyBase64 } from './key';
import { PACKAGE_FILES } from './layout';
import { type Manifest, edgeStoreManifest, firefoxManifest, isChromeVersion, selfHostedManifest } from './manifest';
import { gupdateXml } from './update-xml';
import { zipFolder } from './zip';

export type PackageOptions = {
  /** .output/chrome-mv3 and .output/firefox-mv3 */
  chromeBuild: string;
  firefoxBuild: string;
  /** The school's private key (PKCS#8 or PKCS#1 PEM); it must exist. */
  keyPath: string;
  /** Normalised (base-url.ts): ends in "/". */
  baseUrl: string;
  outDir: string;
  version: string;
};

export type PackageResult = { ids: PackageIds; files: string[] };

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** A copy of `build` with `manifest` as its manifest.json, inside `stage`. */
function stagedCopy(build: string, stage: string, name: string, manifest: Manifest): string {
  const dir = join(stage, name);
  cpSync(build, dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

export async function packageQingfeng(o: PackageOptions): Promise<PackageResult> {
  if (!isChromeVersion(o.version)) throw new Error(`"${o.version}" is not a Chrome extension version`);
  if (!o.baseUrl.endsWith('/')) throw new Error(`the base URL must end with "/": ${o.baseUrl}`);
  const publicKey = publicKeyBase64(readFileSync(o.keyPath, 'utf8'));
  const chromeId = chromeIdFromPublicKey(publicKey);
  const at = (file: string) => new URL(file, o.baseUrl).href;
  const files = {
    crx: PACKAGE_FILES.crx(o.version),
    xpi: PACKAGE_FILES.xpi(o.version),
    edgeStoreZip: PACKAGE_FILES.edgeStoreZip(o.version),
  };
  const updateUrl = at(PACKAGE_FILES.updatesXml);
  const stage = mkdtempSync(join(tmpdir(), 'qingfeng-package-'));
  try {
    mkdirSync(o.outDir, { recursive: true });

    // Chrome/Edge, self-hosted: CRX3 signed with the school's key, and its update manifest.
    const chromeManifest = selfHostedManifest(readManifest(o.chromeBuild), { publicKey, updateUrl, version: o.version });
    const chromeDir = stagedCopy(o.chromeBuild, stage, 'chrome', chromeManifest);
    const packed = await crx3([join(chromeDir, 'manifest.json')], { keyPath: o.keyPath, crxPath: join(o.outDir, files.crx) });
    // crx3 derives the id on its own: a disagreement means a key format one of us misreads.
    if (packed.appId !== chromeId) throw new Error(`crx3 signed as ${packed.appId}, but the key gives ${chromeId}`);
    writeFileSync(join(o.outDir, PACKAGE_FILES.updatesXml), gupdateXml({ appId: chromeId, codebase: at(files.crx), version: o.version }));

    // Edge Add-ons store: no key, no update_url.
    const edgeDir = stagedCopy(o.chromeBuild, stage, 'edge-store', edgeStoreManifest(readManifest(o.chromeBuild), { version: o.version }));
    mkdirSync(dirname(join(o.outDir, files.edgeStoreZip)), { recursive: true });
    await zipFolder(edgeDir, join(o.outDir, files.edgeStoreZip));

    // Firefox: the XPI is the build's zip.
    const firefoxDir = stagedCopy(o.firefoxBuild, stage, 'firefox', firefoxManifest(readManifest(o.firefoxBuild), { version: o.version }));
    await zipFolder(firefoxDir, join(o.outDir, files.xpi));

    const ids: PackageIds = {
      chromeId,
      geckoId: GECKO_ID,
      version: o.version,
      baseUrl: o.baseUrl,
      updateUrl,
      crx: files.crx,
      xpi: files.xpi,
      xpiUrl: at(files.xpi),
      edgeStoreZip: files.edgeStoreZip,
    };
    writeFileSync(join(o.outDir, PACKAGE_FILES.ids), `${JSON.stringify(ids, null, 2)}\n`);
    return { ids, files: [PACKAGE_FILES.updatesXml, files.crx, files.xpi, PACKAGE_FILES.ids, files.edgeStoreZip] };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
