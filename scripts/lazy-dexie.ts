/**
 * `import loadDexie from 'virtual:qingfeng-dexie'`: Dexie's class, evaluated at the first call
 * rather than when the background loads (issue 16). Most service-worker wakes write nothing and
 * never open the tallies database, yet evaluating Dexie's bundle (its classes, its Promise, its
 * zone bookkeeping) was 3–9 ms of every cold wake in the profiles, the largest evaluated part.
 * An ES module is evaluated when it is imported, and a service worker cannot import() later, so
 * this Vite plugin wraps Dexie's UMD file (dexie/dist/dexie.js, the file the package's own
 * import wrapper loads) in a function instead.
 *
 * Like that wrapper, it keeps one Dexie per context under Symbol.for('Dexie'): a context that
 * imported 'dexie' itself (the unit tests do) gets that same class, not a second copy.
 *
 * It also drops Dexie's WebCrypto probe: at load, Dexie starts a SHA-512 digest only to get a
 * native promise even where a page replaced `Promise` (zone.js). Nothing replaces `Promise` in
 * Qingfeng's worker or pages, so the global one is that answer; the probe built the WebCrypto
 * bindings and ran a digest (2–5 ms of a cold wake before it was dropped).
 *
 * Used by wxt.config.ts (the build) and vitest.config.ts (the unit tests); the type is in
 * utils/tallies/dexie-module.d.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export const LAZY_DEXIE_ID = 'virtual:qingfeng-dexie';
const RESOLVED = `\0${LAZY_DEXIE_ID}`;

const CRYPTO_PROBE = /var nativeP = crypto\.subtle\.digest\('SHA-512', new Uint8Array\(\[0\]\)\);\s*return \[nativeP, getProto\(nativeP\), globalP\];/;

/** The module's source: Dexie's UMD file, probe dropped, inside a loader function. */
export function lazyDexieSource(): string {
  const file = createRequire(import.meta.url).resolve('dexie/dist/dexie.js');
  const umd = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '');
  if (!CRYPTO_PROBE.test(umd)) throw new Error('Dexie changed its native-Promise probe: update scripts/lazy-dexie.ts');
  if (!umd.includes("typeof exports === 'object' && typeof module !== 'undefined' ? module.exports = factory()")) {
    throw new Error('Dexie changed its UMD header: update scripts/lazy-dexie.ts');
  }
  const patched = umd.replace(CRYPTO_PROBE, 'return [globalP, getProto(globalP), globalP];');
  return [
    "const KEY = Symbol.for('Dexie');",
    'let loaded = null;',
    'export default function loadDexie() {',
    '  if (loaded !== null) return loaded;',
    '  if (globalThis[KEY] === undefined) {',
    '    const module = { exports: {} };',
    '    (function (module, exports) {',
    patched,
    '    })(module, module.exports);',
    '    globalThis[KEY] = module.exports;',
    '  }',
    '  loaded = globalThis[KEY];',
    '  return loaded;',
    '}',
    '',
  ].join('\n');
}

export function lazyDexie(): Plugin {
  return {
    name: 'qingfeng:lazy-dexie',
    enforce: 'pre',
    resolveId: (source) => (source === LAZY_DEXIE_ID ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? lazyDexieSource() : null),
  };
}
