// `npm run policy -- <policy.json> [--out DIR] [--harden] [--package-dir DIR] [--update-url URL]
//  [--xpi-url URL] [--unsigned-xpi] [--chrome-id ID] [--edge-id ID] [--lang zh_CN|en]`
//
// Validates an admin's policy with the extension's own parsePolicy and writes the files to
// deploy it. All I/O is here; what is written comes from scripts/policy-kit/bundle.ts.
// Exit codes: 0 written; 1 the file cannot be read, is not JSON, or is not a valid policy
// (nothing written); 2 a usage error.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ChromeMessages } from '../utils/i18n/format-message';
import { parsePolicy } from '../utils/policy/schema';
import { buildBundle } from './policy-kit/bundle';
import { type KitLang, chooseLang, langFlagOf, parseKitArgs } from './policy-kit/cli-args';
import { kitText } from './policy-kit/kit-messages';
import { kitFiles } from './policy-kit/kit-files';
import { readPolicyBytes } from './policy-kit/policy-file';
import { resolveForceInstall } from './policy-kit/force-install';
import { EDGE_ADDONS_UPDATE_URL } from './policy-kit/ids';
import { parsePackageIds, type PackageIds } from './package/ids-file';
import { PACKAGE_FILES } from './package/layout';
import { useTldtsPublicSuffixes } from '../utils/matching/public-suffix-tldts';

useTldtsPublicSuffixes(); // parsePolicy refuses public suffixes as entries

function loadMessages(lang: KitLang): ChromeMessages {
  const file = new URL(`../public/_locales/${lang}/messages.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as ChromeMessages;
}

function main(argv: readonly string[]): number {
  const early = kitText(loadMessages(chooseLang(langFlagOf(argv), process.env)));
  const parsed = parseKitArgs(argv);
  if (!parsed.ok) {
    if (parsed.error.key !== 'kitUsage') console.error(early.message(parsed.error.key, parsed.error.args));
    console.error(early.message('kitUsage'));
    return 2;
  }
  const { args } = parsed;
  const text = kitText(loadMessages(chooseLang(args.lang, process.env)));

  let packaged: PackageIds | undefined;
  if (args.packageDir !== undefined) {
    const dir = resolve(args.packageDir);
    let idsText: string;
    try {
      idsText = readFileSync(join(dir, PACKAGE_FILES.ids), 'utf8');
    } catch (e) {
      console.error(text.message('kitErrPackageDir', [dir, `${PACKAGE_FILES.ids}: ${e instanceof Error && 'code' in e ? String(e.code) : String(e)}`]));
      return 1;
    }
    const ids = parsePackageIds(idsText);
    if (!ids.ok) {
      console.error(text.message('kitErrPackageDir', [dir, `${PACKAGE_FILES.ids}: ${ids.error}`]));
      return 1;
    }
    packaged = ids.ids;
  }
  const targets = resolveForceInstall(args, packaged, EDGE_ADDONS_UPDATE_URL);
  if (!targets.ok) {
    console.error(text.message(targets.error.key, targets.error.args));
    console.error(text.message('kitNothingWritten'));
    return 1;
  }

  // Each way a path can fail to be a readable file gets its own plain message (#14).
  const file = args.policyFile;
  let bytes: Uint8Array;
  try {
    if (statSync(file).isDirectory()) {
      console.error(text.message('kitErrIsFolder', [file]));
      return 1;
    }
    bytes = readFileSync(file);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    if (code === 'ENOENT') console.error(text.message('kitErrMissingFile', [file, process.cwd()]));
    else console.error(text.message('kitErrReadFile', [file, code]));
    return 1;
  }

  const source = readPolicyBytes(file, bytes);
  if (!source.ok) {
    console.error(text.message(source.error.key, source.error.args));
    console.error(text.message('kitNothingWritten'));
    return 1;
  }

  const result = parsePolicy(source.value);
  if (!result.ok) {
    console.error(text.message('kitErrPolicyInvalid', [args.policyFile, String(result.errors.length)]));
    for (const err of result.errors) console.error(`  ${text.policyError(err)}`);
    console.error(text.message('kitNothingWritten'));
    return 1;
  }

  const bundle = buildBundle(result.policy, { harden: args.harden, unsignedXpi: args.unsignedXpi, ...targets.targets });
  const outDir = resolve(args.outDir);
  const files = kitFiles(bundle);
  for (const [relative, contents] of Object.entries(files)) {
    const path = join(outDir, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
  console.log(text.message('kitWrote', [outDir]));
  for (const relative of Object.keys(files)) console.log(`  ${relative}`);
  if (bundle.xpiIsPlaceholder) console.warn(text.message('kitWarnXpiPlaceholder'));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
