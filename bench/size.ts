// Issue 8, item 5: gzipped JS of each extension page and of the background, from the production
// build (.output/chrome-mv3; built with `npx wxt build` when missing, which starts no browser).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';
import { PUBLIC_SUFFIXES_FILE } from '../utils/matching/public-suffix';
import { emit, type Row } from './report';
import { fmt } from './stats';

const OUT = '.output/chrome-mv3';
const MAP_OUT = 'bench/out/sourcemap-build/chrome-mv3';
const KB = 1024;
const TARGETS = { popup: 30 * KB, background: 80 * KB };

const gz = (text: string | Buffer): number => gzipSync(text, { level: 9 }).length;
const read = (dir: string, file: string): string => readFileSync(`${dir}/${file.replace(/^\//, '')}`, 'utf8');

/** The JS a page loads: its script and modulepreload tags, and the chunks those import statically. */
function pageFiles(dir: string, html: string): string[] {
  const text = read(dir, html);
  const found = [
    ...[...text.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]!),
    ...[...text.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1]!),
  ].map((p) => p.replace(/^\//, ''));
  const files = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const code = read(dir, file);
    const base = file.slice(0, file.lastIndexOf('/') + 1);
    for (const m of code.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(new URL(m[1]!, `file:///${base}`).pathname.slice(1));
    }
  };
  found.forEach(visit);
  return [...files];
}

/** End (exclusive) of the JS string/template literal or balanced {…} starting at `start`. */
function literalEnd(code: string, start: number): number {
  const open = code[start]!;
  if (open === '`' || open === '"' || open === "'") {
    for (let i = start + 1; i < code.length; i++) {
      if (code[i] === '\\') i++;
      else if (code[i] === open) return i + 1;
    }
    throw new Error('size bench: unterminated literal');
  }
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i]!;
    if (c === '`' || c === '"' || c === "'") i = literalEnd(code, i) - 1;
    else if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('size bench: unbalanced braces');
}

/**
 * The background without its data: every utils/matching/lists/*.txt text (a template literal in the
 * bundle, found by its first line) and the chinese-days JSON object replaced by empty ones.
 */
function stripData(code: string): { code: string; removed: string[] } {
  const removed: string[] = [];
  let out = code;
  for (const file of readdirSync('utils/matching/lists').filter((f) => f.endsWith('.txt'))) {
    const firstLine = readFileSync(`utils/matching/lists/${file}`, 'utf8').split('\n')[0]!;
    const at = out.indexOf('`' + firstLine);
    if (at < 0) {
      removed.push(`${file}: not found in the bundle`);
      continue;
    }
    const end = literalEnd(out, at);
    removed.push(`${file}: ${fmt.int(end - at)} chars`);
    out = out.slice(0, at) + '``' + out.slice(end);
  }
  const cd = out.indexOf('{holidays:');
  if (cd < 0) removed.push('chinese-days JSON: not found in the bundle');
  else {
    const end = literalEnd(out, cd);
    removed.push(`chinese-days JSON: ${fmt.int(end - cd)} chars`);
    out = out.slice(0, cd) + '{holidays:{},workdays:{},inLieuDays:{}}' + out.slice(end);
  }
  return { code: out, removed };
}

/** Minified code per package (node_modules/<pkg>, or the project folder) from a build's source maps. */
function attribute(files: string[]): Map<string, string[]> {
  const code = new Map<string, string[]>();
  for (const file of files) {
    const path = `${MAP_OUT}/${file}.map`;
    if (!existsSync(path)) continue;
    const lines = read(MAP_OUT, file).split('\n');
    const consumer = new SourceMapConsumer(JSON.parse(readFileSync(path, 'utf8')));
    const mappings: { line: number; col: number; source: string | null }[] = [];
    consumer.eachMapping((m) => mappings.push({ line: m.generatedLine, col: m.generatedColumn, source: m.source }));
    for (let i = 0; i < mappings.length; i++) {
      const m = mappings[i]!;
      const next = mappings[i + 1];
      const end = next && next.line === m.line ? next.col : (lines[m.line - 1]?.length ?? m.col);
      const owner = ownerOf(m.source);
      const parts = code.get(owner) ?? [];
      parts.push(lines[m.line - 1]?.slice(m.col, Math.max(m.col, end)) ?? '');
      code.set(owner, parts);
    }
  }
  return code;
}

/** Minified bytes per package. */
function bytesOf(code: Map<string, string[]>): Map<string, number> {
  return new Map([...code].map(([owner, parts]) => [owner, parts.reduce((n, p) => n + p.length, 0)]));
}

function ownerOf(source: string | null): string {
  if (source === null) return '(unmapped)';
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = /(?:^|\/)(utils\/lists|utils|entrypoints|components)\//.exec(source);
  return m ? `${m[1]}/ (project)` : source.replace(/^(\.\.\/)+/, '');
}

function topContributors(files: string[], n: number): string {
  const bytes = bytesOf(attribute(files));
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return '(no source maps)';
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([owner, b]) => `${owner} ${fmt.kb(b)} (${((b / total) * 100).toFixed(0)} %)`)
    .join(', ');
}

/**
 * The libraries the background cannot do without, each gzipped alone (its minified code from
 * the source maps, concatenated: an estimate, as gzip of the whole file shares a window).
 */
function libraryShares(files: string[]): string {
  const code = attribute(files);
  const libs: [string, string][] = [
    ['dexie', 'the IndexedDB layer the design names'],
    ['zod', 'the policy schema and the message protocol, as zod/mini'],
    ['tldts-core', "tldts' host parsing; the public-suffix rules themselves are the file below, not code"],
  ];
  const parts = libs.map(([name, role]) => {
    const text = (code.get(name) ?? []).join('');
    return { name, role, gz: text === '' ? 0 : gz(text) };
  });
  const sum = parts.reduce((n, p) => n + p.gz, 0);
  return `Gzipped alone, ${parts.map((p) => `${p.name} ≈ ${fmt.kb(p.gz)} (${p.role})`).join('; ')}: ${fmt.kb(sum)} together${sum > TARGETS.background ? ', over the target by themselves' : ''}; the rest is Qingfeng's own code and webextension-polyfill (docs/architecture.md, "What the background weighs").`;
}

function main(): void {
  if (!existsSync(`${OUT}/manifest.json`)) {
    const r = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('size bench: npx wxt build failed');
  }
  const mapBuild = spawnSync(process.execPath, ['--import', 'tsx', 'bench/build-sourcemaps.ts'], { encoding: 'utf8' });
  const haveMaps = mapBuild.status === 0;

  const rows: Row[] = [];
  const table = ['| part | files | raw | gzip -9 | biggest contributors (minified bytes, from source maps) |', '|---|---|---:|---:|---|'];
  const pages: [string, string, number | null][] = [
    ['popup', 'popup.html', TARGETS.popup],
    ['options', 'options.html', null],
    ['block page', 'blocked.html', null],
  ];
  for (const [name, html, target] of pages) {
    const files = pageFiles(OUT, html);
    const raw = files.reduce((n, f) => n + Buffer.byteLength(read(OUT, f)), 0);
    const zipped = files.reduce((n, f) => n + gz(read(OUT, f)), 0);
    table.push(`| ${name} | ${files.join(', ')} | ${fmt.kb(raw)} | ${fmt.kb(zipped)} | ${haveMaps ? topContributors(files, 5) : '(source-map build failed)'} |`);
    rows.push({
      id: `5 size ${name}`,
      figure: `${name} JS, gzip -9 (entry chunk + chunks its HTML loads)`,
      target: target === null ? '' : `≤ ${fmt.kb(target)}`,
      measured: fmt.kb(zipped),
      status: target === null ? 'info' : zipped <= target ? 'pass' : 'short',
      why:
        target === null
          ? 'No target in issue 8; shown for scale.'
          : zipped <= target
            ? `${fmt.kb(target - zipped)} under the target.`
            : `${fmt.kb(zipped - target)} over the target.`,
    });
  }

  const bg = read(OUT, 'background.js');
  const stripped = stripData(bg);
  const bgZip = gz(bg);
  const bgNoData = gz(stripped.code);
  table.push(`| background | background.js | ${fmt.kb(Buffer.byteLength(bg))} | ${fmt.kb(bgZip)} | ${haveMaps ? topContributors(['background.js'], 7) : '(source-map build failed)'} |`);
  table.push(`| background without list data | background.js, data literals emptied | ${fmt.kb(Buffer.byteLength(stripped.code))} | ${fmt.kb(bgNoData)} | |`);
  rows.push({
    id: '5 size background (all)',
    figure: 'background.js, gzip -9, everything it imports',
    target: '',
    measured: fmt.kb(bgZip),
    status: 'info',
    why: `Of which list data ≈ ${fmt.kb(bgZip - bgNoData)} gzipped (the gzip difference with the data literals emptied).`,
  });
  rows.push({
    id: '5 size background (no list data)',
    figure: 'background.js without utils/matching/lists/*.txt texts and the chinese-days JSON, gzip -9',
    target: `≤ ${fmt.kb(TARGETS.background)}`,
    measured: fmt.kb(bgNoData),
    status: bgNoData <= TARGETS.background ? 'pass' : 'short',
    why:
      bgNoData <= TARGETS.background
        ? `${fmt.kb(TARGETS.background - bgNoData)} under the target. ${haveMaps ? libraryShares(['background.js']) : ''}`
        : `${fmt.kb(bgNoData - TARGETS.background)} over the target; the code, not the data, is the weight. ${haveMaps ? libraryShares(['background.js']) : ''}`,
  });
  // Issue 16: the public-suffix rules are a file of the extension, read by the worker only
  // when it parses a changed policy or settings, or tallies an uncategorised host.
  const suffixes = readFileSync(`${OUT}/${PUBLIC_SUFFIXES_FILE}`);
  rows.push({
    id: '5 size public-suffix rules',
    figure: `${PUBLIC_SUFFIXES_FILE}: the ICANN public-suffix rules, fetched by the worker only to parse a changed policy or the teacher's settings, or to tally an uncategorised host (recordOtherHosts)`,
    target: '',
    measured: `${fmt.kb(suffixes.length)} raw, ${fmt.kb(gz(suffixes))} gzip -9`,
    status: 'info',
    why: 'Not in background.js, so not parsed at each wake; shown so that no byte the worker may load goes uncounted.',
  });

  emit({
    title: '5. Size',
    method: [
      `From the production build ${OUT} (WXT, minified). A page's JS = its entry chunk plus the chunks its HTML loads (script and modulepreload tags) and any chunk those import statically; each file gzipped alone (zlib level 9) and summed. CSS is not counted.`,
      `Background without list data: background.js with the texts of utils/matching/lists/*.txt (template literals) and the chinese-days JSON object replaced by empty ones, gzipped again; the difference is the data's share.`,
      `Contributors: a second build with source maps into ${MAP_OUT} (same chunk hashes: same code), minified bytes per package.`,
    ],
    rows,
    notes: ['**Files and contributors**', table.join('\n'), `Data literals emptied in background.js: ${stripped.removed.join('; ')}.`],
  });
}

main();
