// The layout conventions of docs/architecture.md, checked rather than remembered (issue 15):
// no import circles between the project's own modules, one naming style for files, and no
// reference to a file outside the repository.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CODE_DIRS = ['utils', 'entrypoints', 'components', 'scripts'];

function walk(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? walk(path) : [path];
  });
}

const sources = CODE_DIRS.flatMap(walk).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = normalize(join(dirname(from), spec));
  else return null;
  base = base.split('?')[0]!;
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const candidate = base + ext;
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return candidate;
  }
  return null;
}

const graph = new Map(
  sources.map((file) => {
    const code = readFileSync(join(ROOT, file), 'utf8');
    const specs = [...code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    return [file, [...new Set(specs.map((s) => resolveImport(file, s)).filter((t): t is string => t !== null && /\.tsx?$/.test(t)))]];
  }),
);

/** Strongly connected components of more than one file (Tarjan). */
function circles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layout', () => {
  test('the import graph has files to check', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(graph.get('utils/schedule/work-time.ts')).toContain('utils/schedule/day-rules.ts');
  });

  test('no two modules import each other, directly or through others', () => {
    expect(circles()).toEqual([]);
  });

  test('the pure core imports no page, background or component module', () => {
    const wrong = [...graph].filter(([file]) => file.startsWith('utils/')).flatMap(([file, deps]) =>
      deps.filter((d) => d.startsWith('entrypoints/') || (d.startsWith('components/') && !file.startsWith('utils/ui/'))).map((d) => `${file} → ${d}`),
    );
    expect(wrong).toEqual([]);
  });

  test('file names: kebab-case, except Preact components in PascalCase (.tsx)', () => {
    const wrong = [...sources, ...walk('tests').filter((f) => /\.tsx?$/.test(f)), ...walk('bench').filter((f) => /\.tsx?$/.test(f))].filter((file) => {
      const name = file.split('/').pop()!.replace(/\.(d\.)?tsx?$/, '').replace(/\.(test|e2e|chromium|firefox)/g, '');
      if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) return false;
      return !(file.endsWith('.tsx') && /^[A-Z][A-Za-z0-9]*$/.test(name));
    });
    expect(wrong).toEqual([]);
  });

  test('no file points outside the repository', () => {
    const tracked = [...CODE_DIRS, 'tests', 'bench', 'docs', '.ci'].flatMap(walk).concat(['README.md', 'SECURITY.md', 'CHANGELOG.md', 'wxt.config.ts', 'package.json']);
    const outside = tracked.filter((file) => {
      if (!/\.(ts|tsx|mjs|md|json|sh|txt)$|^\.ci\//.test(file) || file === relative(ROOT, import.meta.filename)) return false;
      const text = readFileSync(join(ROOT, file), 'utf8');
      return /\.\.\/shared\b|\b(?:DESIGN|BROWSERS|STYLE)\.md\b/.test(text);
    });
    expect(outside).toEqual([]);
  });
});
