// What each build asks of the browser, and what code it ships (issue #9, "Permissions and
// network"). Reads the built extensions in .output/, so it tests what is deployed, not the
// config that is meant to produce it. `npm test` builds first (pretest); run `npm run build`
// before running this file alone. A missing build FAILS: a skipped permission check would
// look like a passed one.
import { tokenizer } from 'acorn';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BUILDS = ['chrome-mv3', 'firefox-mv3'] as const;
type Build = (typeof BUILDS)[number];

/**
 * Every permission the extension holds, and why (SECURITY.md). Adding one must fail this test.
 * webNavigation (#17): which navigations the rules really blocked, visits as new documents, and
 * blocked documents or frames that commit anyway.
 */
const PERMISSIONS = ['alarms', 'declarativeNetRequest', 'idle', 'storage', 'tabs', 'webNavigation'];
const HOST_PERMISSIONS = ['http://*/*', 'https://*/*'];

/** Keys that would widen what the extension can do or who can talk to it. */
const FORBIDDEN_KEYS = [
  'content_scripts', // no code in web pages
  'content_security_policy', // the browser's default MV3 CSP applies
  'externally_connectable', // no web page or other extension may message the background
  'optional_permissions',
  'optional_host_permissions',
  'sandbox',
  'chrome_url_overrides',
  'declarative_net_request', // no static rule sets: the rules are built from the policy
  'update_url', // updates come from the admin's deployment, not a server the build names
  'oauth2',
  'devtools_page',
];

function buildDir(build: Build): string {
  const dir = join(ROOT, '.output', build);
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`${relative(ROOT, dir)}/manifest.json is missing: run \`npm run build\` first (npm test builds before testing).`);
  }
  return dir;
}

function manifestOf(build: Build): Record<string, unknown> {
  return JSON.parse(readFileSync(join(buildDir(build), 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

function filesOf(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesOf(path, ext));
    else if (name.endsWith(ext)) out.push(path);
  }
  return out;
}

/** Dynamic code and network calls: none of these may appear in any built script. */
const FORBIDDEN_CODE: [string, RegExp][] = [
  ['eval(', /\beval\s*\(/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  ['Function("…") as a constructor', /\bFunction\s*\(\s*["'`]/],
  ['setTimeout/setInterval with a string', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['importScripts(', /\bimportScripts\s*\(/],
  ['import() of a URL', /\bimport\s*\(\s*["'`](?:https?:)?\/\//],
  // A file of the extension itself, named by a root-relative literal, is no network call
  // (the background's public-suffixes.txt, issue 16); any other fetch is.
  ['fetch( of anything but a file of the extension', /\bfetch\s*\((?!\s*["'`]\/[\w.-]+["'`]\s*\))/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['EventSource', /\bEventSource\b/],
  ['sendBeacon', /\bsendBeacon\b/],
  ['RTCPeerConnection', /\bRTCPeerConnection\b/],
];

describe.each(BUILDS)('%s', (build) => {
  test('the build exists (run `npm run build` if this fails)', () => {
    expect(() => buildDir(build)).not.toThrow();
  });

  test('is Manifest V3', () => {
    expect(manifestOf(build).manifest_version).toBe(3);
  });

  test('asks for exactly storage, declarativeNetRequest, alarms, tabs, idle and webNavigation', () => {
    expect([...(manifestOf(build).permissions as string[])].sort()).toEqual(PERMISSIONS);
  });

  test('host permissions are exactly http and https (needed to redirect requests to the block page)', () => {
    expect([...(manifestOf(build).host_permissions as string[])].sort()).toEqual(HOST_PERMISSIONS);
  });

  test('only the block page is web-accessible', () => {
    expect(manifestOf(build).web_accessible_resources).toEqual([{ resources: ['blocked.html'], matches: HOST_PERMISSIONS }]);
  });

  test.each(FORBIDDEN_KEYS)('declares no %s', (key) => {
    expect(manifestOf(build)).not.toHaveProperty(key);
  });

  test('the background is the bundled local script', () => {
    const background = manifestOf(build).background as Record<string, unknown>;
    if (build === 'chrome-mv3') expect(background).toEqual({ service_worker: 'background.js' });
    else expect(background).toEqual({ scripts: ['background.js'] });
    expect(existsSync(join(buildDir(build), 'background.js'))).toBe(true);
  });

  if (build === 'firefox-mv3') {
    test('tells Firefox it collects no data', () => {
      const gecko = (manifestOf(build).browser_specific_settings as { gecko: Record<string, unknown> }).gecko;
      expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    });
  }

  test('every page loads only its own scripts and styles, by relative path', () => {
    const pages = filesOf(buildDir(build), '.html');
    expect(pages.map((p) => relative(buildDir(build), p)).sort()).toEqual(['admin.html', 'blocked.html', 'options.html', 'popup.html']);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        const src = /\bsrc\s*=\s*["']([^"']*)["']/i.exec(attributes ?? '')?.[1];
        expect(src, `${page}: an inline script`).toBeDefined();
        expect(body?.trim(), `${page}: an inline script body`).toBe('');
        expect(src, `${page}: a remote script`).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
        expect(existsSync(join(buildDir(build), src!.replace(/^\//, ''))), `${page}: ${src} is not in the build`).toBe(true);
      }
      for (const [, href] of html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']([^"']*)["']/gi)) {
        expect(href, `${page}: a remote stylesheet or preload`).not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
      }
    }
  });

  // A bundler that inlines a constant at each use copies long data (the public-suffix list was
  // in background.js three times, +43 KB gzipped): each long literal must appear once per file.
  test('no built script holds a long string literal twice', () => {
    const repeated = filesOf(buildDir(build), '.js').flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      const seen = new Map<string, number>();
      // Tokenised, not pattern-matched: quotes inside templates and regexes fool any regex.
      for (const token of tokenizer(code, { ecmaVersion: 'latest', sourceType: 'module' })) {
        const value: unknown = (token as { value?: unknown }).value;
        if ((token.type.label !== 'string' && token.type.label !== 'template') || typeof value !== 'string') continue;
        if (value.length < 4096) continue;
        const head = value.slice(0, 200);
        seen.set(head, (seen.get(head) ?? 0) + 1);
      }
      return [...seen].filter(([, n]) => n > 1).map(([head, n]) => `${relative(buildDir(build), file)}: ${n}× "${head.slice(0, 60)}…"`);
    });
    expect(repeated).toEqual([]);
  });

  test.each(FORBIDDEN_CODE)('no built script contains %s', (_name, pattern) => {
    const scripts = filesOf(buildDir(build), '.js');
    expect(scripts.length).toBeGreaterThan(0);
    const hits = scripts.flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      const m = pattern.exec(code);
      return m ? [`${relative(buildDir(build), file)}: …${code.slice(Math.max(0, m.index - 60), m.index + 60)}…`] : [];
    });
    expect(hits).toEqual([]);
  });
});
