// The kit's files as bytes, and as one zip: what the CLI writes to disk and the editor page
// offers as a download are these same bytes (#14; tests/unit/policy-kit-files.test.ts).
//
// fflate makes the zip: a small, dependency-free, well-kept library (MIT) whose zipSync
// runs the same in Node and in a page, so no zip code of our own. Every entry gets one fixed
// date, so the same policy gives the same zip.
import { strToU8, zipSync } from 'fflate';
import type { Bundle } from './bundle';

/** relative path → bytes; text files are UTF-8, as Node's writeFileSync writes a string. */
export function kitFiles(bundle: Bundle): Record<string, Uint8Array> {
  return Object.fromEntries(
    Object.entries(bundle.files).map(([path, contents]) => [path, typeof contents === 'string' ? strToU8(contents) : contents]),
  );
}

/** A fixed entry date (zip dates start in 1980): the archive depends only on the files. */
const ZIP_DATE = new Date(2026, 0, 1);

/** The files in one zip, under the folder name `root`, as the CLI lays them out. */
export function kitZip(files: Record<string, Uint8Array>, root = 'qingfeng-policy-out'): Uint8Array {
  const entries = Object.fromEntries(Object.entries(files).map(([path, bytes]) => [`${root}/${path}`, bytes] as const));
  return zipSync(entries, { level: 6, mtime: ZIP_DATE });
}
