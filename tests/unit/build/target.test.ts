// #13: the built JavaScript runs in the oldest browsers the manifests declare (Chrome 101, see
// MINIMUM_CHROME_VERSION in wxt.config.ts; Firefox 142). Vite lowers syntax to build.target but
// polyfills no built-in, so this reads every built script: acorn parses it as ES2022 (all of
// which Chrome 101 has: class fields and static blocks, `#x in o`, top-level await, the RegExp
// d flag), which fails on newer syntax such as the RegExp v flag; then the AST is searched for
// built-ins newer than Chrome 101. Like manifest.test.ts it reads .output/: run `npm run build`.
import { type Node, parse } from 'acorn';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BUILDS = ['chrome-mv3', 'firefox-mv3'];

/**
 * Built-ins that Chrome 101 lacks, with the Chrome version that brought each (MDN
 * browser-compat-data). Instance methods are listed only where the name is not also a common
 * library method: Set's union/intersection/difference (Chrome 122) and Array's `with` (110)
 * cannot be told from zod's or Dexie's own methods of those names by reading the code, so
 * their siblings of the same release stand for them.
 */
const NEWER_METHODS = new Map<string, number>(Object.entries({
  toSorted: 110,
  toReversed: 110,
  toSpliced: 110,
  isWellFormed: 111,
  toWellFormed: 111,
  transferToFixedLength: 114,
  symmetricDifference: 122,
  isSubsetOf: 122,
  isSupersetOf: 122,
  isDisjointFrom: 122,
}));
const NEWER_STATICS = new Map<string, number>(Object.entries({
  'AbortSignal.timeout': 103,
  'AbortSignal.any': 116,
  'Object.groupBy': 117,
  'Map.groupBy': 117,
  'Promise.withResolvers': 119,
  'URL.canParse': 120,
  'Array.fromAsync': 121,
  'Iterator.from': 122,
  'URL.parse': 126,
  'Promise.try': 128,
  'RegExp.escape': 136,
}));
const NEWER_GLOBALS = new Map<string, number>([['Float16Array', 135], ['Iterator', 122]]);

function scriptsOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? scriptsOf(path) : name.endsWith('.js') ? [path] : [];
  });
}

type AnyNode = Node & Record<string, unknown>;

function* walk(node: unknown): Generator<AnyNode> {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  const n = node as AnyNode;
  if (typeof n.type === 'string') yield n;
  for (const [key, value] of Object.entries(n)) if (key !== 'loc' && value && typeof value === 'object') yield* walk(value);
}

const nameOf = (n: unknown): string | undefined => {
  const node = n as AnyNode | undefined;
  return node?.type === 'Identifier' ? (node.name as string) : undefined;
};

/** Newer built-ins the code uses; a static one behind `typeof X.y` (feature detection) is allowed. */
function newerBuiltins(code: string): string[] {
  const found = new Set<string>();
  const ast = parse(code, { ecmaVersion: 2022, sourceType: 'module' });
  for (const node of walk(ast)) {
    if (node.type === 'MemberExpression' && !node.computed) {
      const property = nameOf(node.property);
      const object = nameOf(node.object);
      const method = property === undefined ? undefined : NEWER_METHODS.get(property);
      if (method !== undefined) found.add(`.${property}() (Chrome ${method})`);
      const qualified = `${object}.${property}`;
      const since = NEWER_STATICS.get(qualified);
      if (since !== undefined && !code.includes(`typeof ${qualified}`)) found.add(`${qualified} (Chrome ${since})`);
    }
    const global = node.type === 'Identifier' ? NEWER_GLOBALS.get(node.name as string) : undefined;
    if (global !== undefined) found.add(`${node.name as string} (Chrome ${global})`);
  }
  return [...found];
}

test('the checker finds what it looks for (so a pass means something)', () => {
  expect(() => parse('/[\\p{L}--[a-z]]/v', { ecmaVersion: 2022 })).toThrow();
  expect(newerBuiltins('a.toSorted(); Object.groupBy(x, f); new Float16Array(1)')).toEqual([
    '.toSorted() (Chrome 110)',
    'Object.groupBy (Chrome 117)',
    'Float16Array (Chrome 135)',
  ]);
  expect(newerBuiltins('typeof URL.canParse == "function" ? URL.canParse(u) : 0')).toEqual([]);
  expect(newerBuiltins('class A { static #x = 1; static { } has(o) { return #x in o } }; a.at(-1); Object.hasOwn(o, k); structuredClone(v)')).toEqual([]);
});

describe.each(BUILDS)('%s', (build) => {
  const dir = join(ROOT, '.output', build);
  test('exists (run `npm run build` if this fails)', () => {
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
  });
  test('every built script is ES2022 and uses no built-in newer than Chrome 101', () => {
    const problems: string[] = [];
    for (const file of scriptsOf(dir)) {
      const name = relative(dir, file);
      try {
        for (const b of newerBuiltins(readFileSync(file, 'utf8'))) problems.push(`${name}: ${b}`);
      } catch (e) {
        problems.push(`${name}: not ES2022 (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    expect(problems).toEqual([]);
  });
});

test('the Chrome build declares the minimum it is checked against', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, '.output/chrome-mv3/manifest.json'), 'utf8')) as { minimum_chrome_version?: string };
  expect(manifest.minimum_chrome_version).toBe('101');
});
