// The command line of `npm run policy`, parsed without I/O so that tests can cover it.

export type KitLang = 'zh_CN' | 'en';

export type KitArgs = {
  policyFile: string;
  outDir: string;
  harden: boolean;
  /** Chrome and Edge update URL; undefined: each store's own. */
  updateUrl: string | undefined;
  /** Where Firefox downloads the XPI; undefined: a placeholder the admin must replace. */
  xpiUrl: string | undefined;
  /** Ids when the store-installed extension has another id than the repository key gives. */
  chromeId: string | undefined;
  edgeId: string | undefined;
  /** A folder `npm run package` wrote: its ids.json gives the Chrome id and the update/XPI URLs. */
  packageDir: string | undefined;
  /** The XPI is unsigned: let Firefox ESR accept it (docs/deploy.en.md, Firefox). */
  unsignedXpi: boolean;
  lang: KitLang | undefined;
};

/** A usage error: a _locales message key (prefixed `kit`) and its substitutions. */
export type KitArgsError = { key: string; args: string[] };

export const DEFAULT_OUT_DIR = 'qingfeng-policy-out';

const VALUE_OPTIONS = ['--out', '--update-url', '--xpi-url', '--chrome-id', '--edge-id', '--package-dir', '--lang'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

function isValueOption(s: string): s is ValueOption {
  return (VALUE_OPTIONS as readonly string[]).includes(s);
}

const EXTENSION_ID = /^[a-p]{32}$/;

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'file:';
  } catch {
    return false;
  }
}

export function parseKitArgs(argv: readonly string[]): { ok: true; args: KitArgs } | { ok: false; error: KitArgsError } {
  const values: Partial<Record<ValueOption, string>> = {};
  let harden = false;
  let unsignedXpi = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    if (name === '--harden' && eq < 0) harden = true;
    else if (name === '--unsigned-xpi' && eq < 0) unsignedXpi = true;
    else if (isValueOption(name)) {
      const value = eq > 0 ? raw.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return { ok: false, error: { key: 'kitErrOptionValue', args: [name] } };
      values[name] = value;
    } else if (raw.startsWith('-') && raw !== '-') return { ok: false, error: { key: 'kitErrUnknownOption', args: [raw] } };
    else positional.push(raw);
  }
  if (positional.length !== 1) return { ok: false, error: { key: 'kitUsage', args: [] } };
  for (const opt of ['--update-url', '--xpi-url'] as const) {
    const v = values[opt];
    if (v !== undefined && !isHttpUrl(v)) return { ok: false, error: { key: 'kitErrUrl', args: [opt, v] } };
  }
  for (const opt of ['--chrome-id', '--edge-id'] as const) {
    const v = values[opt];
    if (v !== undefined && !EXTENSION_ID.test(v)) return { ok: false, error: { key: 'kitErrExtensionId', args: [opt, v] } };
  }
  const lang = values['--lang'];
  if (lang !== undefined && lang !== 'zh_CN' && lang !== 'en') return { ok: false, error: { key: 'kitErrLang', args: [lang] } };
  return {
    ok: true,
    args: {
      policyFile: positional[0] ?? '',
      outDir: values['--out'] ?? DEFAULT_OUT_DIR,
      harden,
      updateUrl: values['--update-url'],
      xpiUrl: values['--xpi-url'],
      chromeId: values['--chrome-id'],
      edgeId: values['--edge-id'],
      packageDir: values['--package-dir'],
      unsignedXpi,
      lang,
    },
  };
}

/** Whether a locale name ("zh_CN.UTF-8", "zh-Hans-CN", "zh_TW:en") is Chinese. */
function isChinese(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh');
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * --lang; else the first of LC_ALL, LC_MESSAGES, LANG and LANGUAGE (its first entry) that is
 * set, as POSIX orders them ("C" is English); else the operating system's locale as Intl reports it, which is how
 * Windows, where none of those variables is set, still gets Chinese (#14).
 */
export function chooseLang(
  flag: KitLang | undefined,
  env: Readonly<Record<string, string | undefined>>,
  systemLocale: string = Intl.DateTimeFormat().resolvedOptions().locale,
): KitLang {
  if (flag) return flag;
  const fromEnv = [env.LC_ALL, env.LC_MESSAGES, env.LANG, env.LANGUAGE?.split(':')[0]].find(isSet);
  return isChinese(fromEnv ?? systemLocale) ? 'zh_CN' : 'en';
}

/** --lang from an argv that may not parse, so that usage errors are in the chosen language too. */
export function langFlagOf(argv: readonly string[]): KitLang | undefined {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? undefined : argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  return v === 'zh_CN' || v === 'en' ? v : undefined;
}
