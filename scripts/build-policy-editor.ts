// `npm run build:editor` (part of `npm run build`): the policy editor as ONE offline HTML file,
// .output/qingfeng-policy-editor.html, with its JavaScript and CSS inlined, for an
// administrator who has only a browser (#14); and .output/qingfeng-<version>-policy-editor.zip
// holding it with its guide. The same entrypoints/admin code is admin.html in the extension.
//
// esbuild bundles it (already in the tree through tsx and Vite; pinned as a devDependency):
// one call gives one script and one stylesheet, which is all an inlined page needs; WXT's
// build splits chunks shared with the other pages, which a single file cannot hold.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { strToU8, zipSync } from 'fflate';

const ROOT = join(import.meta.dirname, '..');
const EDITOR_HTML = '.output/qingfeng-policy-editor.html';

/**
 * Vite's `?raw` imports (a file's text: the official calendar's JSON, parsed when first
 * asked) for esbuild, which would otherwise drop the query and load the JSON as an object.
 */
const rawImports: Plugin = {
  name: 'raw-imports',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: createRequire(join(args.resolveDir, 'noop.js')).resolve(args.path.slice(0, -'?raw'.length)),
      namespace: 'raw',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};

async function buildPolicyEditorHtml(): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['entrypoints/admin/main.tsx'],
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'iife',
    platform: 'browser',
    // The oldest browsers schools have (README): Chrome 109 on Windows 7.
    target: ['chrome109', 'edge109', 'firefox115'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [rawImports],
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  // An inline script ends at the first "</script"; esbuild escapes it in strings, and this checks.
  if (/<\/script/i.test(js) || /<\/style/i.test(css)) throw new Error('the bundle contains a closing tag; it cannot be inlined');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>清风 · 策略编辑器</title>
<style>${css}</style>
</head>
<body>
<div id="app"></div>
<script>${js}</script>
</body>
</html>
`;
}

async function main(): Promise<void> {
  const html = await buildPolicyEditorHtml();
  const out = join(ROOT, EDITOR_HTML);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const zipPath = join(ROOT, `.output/qingfeng-${version}-policy-editor.zip`);
  const docs = ['docs/policy-editor.zh-CN.md', 'docs/policy-editor.en.md'];
  const entries = Object.fromEntries([
    ['qingfeng-policy-editor.html', strToU8(html)],
    ...docs.map((d) => [d.replace('docs/', ''), new Uint8Array(readFileSync(join(ROOT, d)))] as const),
  ]);
  writeFileSync(zipPath, zipSync(entries, { level: 9, mtime: new Date(2026, 0, 1) }));
  console.log(`${EDITOR_HTML} (${Math.round(html.length / 1024)} KB), ${zipPath.slice(ROOT.length + 1)}`);
}

await main();
