// The command line of `npm run package`, parsed without I/O so that tests can cover it.
// Usage errors reuse the admin kit's `kit*` messages: one wording for both tools.
import type { KitArgsError, KitLang } from '../policy-kit/cli-args';
import { normaliseBaseUrl } from './base-url';
import { PACKAGE_DEFAULT_OUT_DIR } from './layout';

export type PackageArgs = { keyPath: string; baseUrl: string; outDir: string; lang: KitLang | undefined };

const VALUE_OPTIONS = ['--key', '--base-url', '--out', '--lang'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const isValueOption = (s: string): s is ValueOption => (VALUE_OPTIONS as readonly string[]).includes(s);

export function parsePackageArgs(argv: readonly string[]): { ok: true; args: PackageArgs } | { ok: false; error: KitArgsError } {
  const values: Partial<Record<ValueOption, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    if (!isValueOption(name)) return { ok: false, error: raw.startsWith('-') ? { key: 'kitErrUnknownOption', args: [raw] } : { key: 'pkgUsage', args: [] } };
    const value = eq > 0 ? raw.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { ok: false, error: { key: 'kitErrOptionValue', args: [name] } };
    values[name] = value;
  }
  const keyPath = values['--key'];
  const rawBase = values['--base-url'];
  if (keyPath === undefined || rawBase === undefined) return { ok: false, error: { key: 'pkgUsage', args: [] } };
  const baseUrl = normaliseBaseUrl(rawBase);
  if (baseUrl === undefined) return { ok: false, error: { key: 'pkgErrBaseUrl', args: [rawBase] } };
  const lang = values['--lang'];
  if (lang !== undefined && lang !== 'zh_CN' && lang !== 'en') return { ok: false, error: { key: 'kitErrLang', args: [lang] } };
  return { ok: true, args: { keyPath, baseUrl, outDir: values['--out'] ?? PACKAGE_DEFAULT_OUT_DIR, lang } };
}
