import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { writeIconFiles } from './scripts/icons';
import { lazyDexie } from './scripts/lazy-dexie';
import { publicSuffixesText } from './scripts/public-suffixes';
import { PUBLIC_SUFFIXES_FILE } from './utils/matching/public-suffix';
import { GECKO_ID } from './utils/extension-id';
import { buildManagedSchema } from './utils/policy/managed-schema';
import { ICON_SIZES, iconPaths } from './utils/ui/icons';

/** Chrome/Edge id bgnkmlpmadeeenodgpgkalcmnafbagak follows from this public key (README). */
const CHROME_PUBLIC_KEY = readFileSync(new URL('./keys/chrome-public-key.b64', import.meta.url), 'utf8').trim();

/**
 * The oldest browsers the builds declare and the JavaScript is compiled for (docs/deploy.en.md,
 * "Honest limits", says which API sets each floor, with its source): Chrome 101 brought declarativeNetRequest's requestDomains,
 * the newest API Qingfeng relies on; Chrome 109 (the last on Windows 7) is above it.
 * tests/unit/build/target.test.ts checks the built files against these.
 */
export const MINIMUM_CHROME_VERSION = '101';
export const MINIMUM_FIREFOX_VERSION = '142.0';

// Both builds are Manifest V3: one code path (declarativeNetRequest, action, alarms)
// in every browser, and Firefox 142+ runs MV3 DNR redirects as well as MV2 (docs/browsers.md).
/**
 * zod probes for `new Function` once to decide whether to JIT its parsers. Extension pages
 * and workers forbid eval under MV3's CSP, so the probe can only fail; it also makes
 * `web-ext lint` warn about eval. Answer "no eval" at build time instead.
 */
function zodWithoutEvalProbe(): Plugin {
  return {
    name: 'qingfeng:zod-without-eval-probe',
    transform(code, id) {
      if (!/zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id)) return null;
      const probe = /const F = Function;\s*new F\(""\);\s*return true;/;
      if (!probe.test(code)) throw new Error('zod changed its eval probe: update zodWithoutEvalProbe');
      return code.replace(probe, 'return false;');
    },
  };
}

/**
 * webextension-polyfill is a UMD file, so the bundler imports it through its CommonJS interop,
 * which copies every own property of the module's export onto a fresh object. Where the
 * browser has its own `browser` namespace (Firefox, Chromium since it added the alias), the
 * polyfill exports that object itself, and copying it reads a descriptor of every API
 * namespace: each read makes the browser build that namespace's bindings (action, tabs,
 * declarativeNetRequest, …). That was ~5–7 ms of every service-worker start and every page
 * opening (issue 16; a wake profile showed `__copyProps` with the action bindings under it).
 * Wrapped as an ES module with a default export, it is used as it is: nothing is copied and
 * a namespace is built only when the code first touches it.
 */
function polyfillAsEsModule(): Plugin {
  return {
    name: 'qingfeng:polyfill-as-es-module',
    enforce: 'pre',
    transform(code, id) {
      if (!/webextension-polyfill[\\/]dist[\\/]browser-polyfill(\.min)?\.js$/.test(id)) return null;
      if (!code.includes('typeof exports !== "undefined"')) throw new Error('webextension-polyfill changed its UMD header: update polyfillAsEsModule');
      return `const module = { exports: {} };\nconst exports = module.exports;\n${code}\nexport default module.exports;\n`;
    },
  };
}

export default defineConfig({
  manifestVersion: 3,
  // Explicit imports everywhere: a reader sees where a name comes from, and utils/ files may
  // share export names without WXT's auto-import registry colliding.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  // No modulepreload polyfill: every browser this targets preloads modules natively, and the
  // polyfill is the only `fetch(` in the build (tests/unit/build/manifest.test.ts forbids any).
  // No cross-module constant inlining: Rolldown's default ('smart') copied tldts-icann's 41 KB
  // public-suffix string into each of its three uses, and gzip's 32 KB window cannot fold the
  // copies: background.js was 164 KB gzipped with it, 121 KB without (bench/RESULTS.md, size).
  // build.target: syntax newer than the oldest declared browser is lowered (built-ins are not
  // polyfilled: the build-target test fails on any that the oldest browser lacks).
  vite: (env) => ({
    plugins: [preact(), zodWithoutEvalProbe(), polyfillAsEsModule(), lazyDexie()],
    build: {
      target: env.browser === 'firefox' ? `firefox${parseInt(MINIMUM_FIREFOX_VERSION, 10)}` : `chrome${MINIMUM_CHROME_VERSION}`,
      modulePreload: { polyfill: false },
      rolldownOptions: { optimization: { inlineConst: false } },
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // webNavigation (#17): which navigations the rules really blocked, new documents (visits),
    // and documents or frames of blocked sites that commit anyway (SECURITY.md).
    permissions: ['storage', 'declarativeNetRequest', 'alarms', 'tabs', 'idle', 'webNavigation'],
    // Redirecting a request to the block page needs host access to it in both browsers.
    host_permissions: ['http://*/*', 'https://*/*'],
    // #18: PNGs rasterised from assets/icon.svg at build time (hooks below); the background
    // swaps the toolbar icon for its grey variant outside work time (background/badge.ts).
    icons: iconPaths('on', ICON_SIZES),
    action: { default_title: '__MSG_extName__', default_icon: iconPaths('on', ICON_SIZES) },
    // A DNR redirect that a link click started ends on an error page unless the block page
    // is web-accessible (docs/browsers.md).
    web_accessible_resources: [{ resources: ['blocked.html'], matches: ['http://*/*', 'https://*/*'] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: MINIMUM_FIREFOX_VERSION,
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          key: CHROME_PUBLIC_KEY,
          minimum_chrome_version: MINIMUM_CHROME_VERSION,
          // Firefox reads no managed_schema; Chrome refuses policy keys the schema lacks.
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      files.push(...writeIconFiles(`${wxt.config.wxtDir}/icons`));
      // Issue 16: the background reads the public suffixes from this file when it needs them.
      files.push({ relativeDest: PUBLIC_SUFFIXES_FILE, contents: publicSuffixesText() });
      if (wxt.config.browser === 'firefox') return;
      files.push({ relativeDest: 'managed_schema.json', contents: JSON.stringify(buildManagedSchema(), null, 2) });
    },
  },
});
