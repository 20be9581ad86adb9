// Node module hook for the bench: loads Vite's `*.txt?raw` imports (utils/lists) as their text,
// as Vite and Vitest do, so the bench runs the same utils/ code under plain Node + tsx.
// Registered by `npm run bench` with `--import ./bench/raw-loader.mjs` (after `--import tsx`,
// so this hook runs first and short-circuits only `?raw` URLs).
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { readFile } from 'node:fs/promises';
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('?raw')) {
    const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
    return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
  }
  return next(url, context);
}`),
);
