// `npm run package -- --key school-key.pem --base-url https://intranet.example/qingfeng/
//  [--out DIR] [--lang zh_CN|en]`
//
// Packs the tested builds in .output/ (npm run package builds first) for a school that hosts
// Qingfeng itself: a CRX3 signed with the school's key and its updates.xml, a Firefox XPI,
// an Edge Add-ons store zip, and ids.json for the admin kit (--package-dir). The version is
// package.json's, and nothing else's. Exit codes: 0 written; 1 an error (nothing usable
// written); 2 a usage error.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChromeMessages } from '../utils/i18n/format-message';
import { packageQingfeng } from './package/build';
import { parsePackageArgs } from './package/cli-args';
import { newSigningKeyPem, publicKeyBase64 } from './package/key';
import { chooseLang, langFlagOf, type KitLang } from './policy-kit/cli-args';
import { kitText } from './policy-kit/kit-messages';

const REPO = new URL('../', import.meta.url);

function loadMessages(lang: KitLang): ChromeMessages {
  return JSON.parse(readFileSync(new URL(`public/_locales/${lang}/messages.json`, REPO), 'utf8')) as ChromeMessages;
}

async function main(argv: readonly string[]): Promise<number> {
  const early = kitText(loadMessages(chooseLang(langFlagOf(argv), process.env)));
  const parsed = parsePackageArgs(argv);
  if (!parsed.ok) {
    if (parsed.error.key !== 'pkgUsage') console.error(early.message(parsed.error.key, parsed.error.args));
    console.error(early.message('pkgUsage'));
    return 2;
  }
  const { args } = parsed;
  const text = kitText(loadMessages(chooseLang(args.lang, process.env)));

  const version = (JSON.parse(readFileSync(new URL('package.json', REPO), 'utf8')) as { version: string }).version;
  const builds = { chromeBuild: new URL('.output/chrome-mv3', REPO).pathname, firefoxBuild: new URL('.output/firefox-mv3', REPO).pathname };
  for (const dir of Object.values(builds)) {
    const manifest = join(dir, 'manifest.json');
    if (!existsSync(manifest)) {
      console.error(text.message('pkgErrNoBuild', [dir]));
      return 1;
    }
    const built = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '';
    if (built !== version) {
      console.error(text.message('pkgErrStaleBuild', [dir, built, version]));
      return 1;
    }
  }

  const keyPath = resolve(args.keyPath);
  if (!existsSync(keyPath)) {
    // wx: never overwrite a key that appeared meanwhile; 0600: the key is the school's secret.
    writeFileSync(keyPath, newSigningKeyPem(), { mode: 0o600, flag: 'wx' });
    console.warn(text.message('pkgKeyCreated', [keyPath]));
  }
  try {
    publicKeyBase64(readFileSync(keyPath, 'utf8'));
  } catch (e) {
    console.error(text.message('pkgErrKey', [keyPath, e instanceof Error ? e.message : String(e)]));
    return 1;
  }

  const outDir = resolve(args.outDir);
  const { ids, files } = await packageQingfeng({ ...builds, keyPath, baseUrl: args.baseUrl, outDir, version });
  console.log(text.message('pkgWrote', [ids.version, outDir]));
  for (const file of files) console.log(`  ${file}`);
  console.log(text.message('pkgIds', [ids.chromeId, ids.geckoId]));
  console.log(text.message('pkgNext', [ids.baseUrl, outDir]));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
