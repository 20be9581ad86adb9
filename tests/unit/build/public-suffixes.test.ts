// Issue 16: each build ships the public-suffix rules as a file, and the background carries
// none of tldts-icann's list (it loads the file when it first needs it). Reads .output/
// (npm test builds first); a missing build fails, as in manifest.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { publicSuffixesText } from '../../../scripts/public-suffixes';
import { PUBLIC_SUFFIXES_FILE } from '../../../utils/matching/public-suffix';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function built(build: string, file: string): string {
  const path = join(ROOT, '.output', build, file);
  if (!existsSync(path)) throw new Error(`.output/${build}/${file} is missing: run \`npm run build\` first.`);
  return readFileSync(path, 'utf8');
}

describe.each(['chrome-mv3', 'firefox-mv3'])('%s', (build) => {
  test(`${PUBLIC_SUFFIXES_FILE} holds tldts-icann's rules`, () => {
    expect(built(build, PUBLIC_SUFFIXES_FILE)).toBe(publicSuffixesText());
  });

  test('background.js carries no public-suffix list of its own', () => {
    const background = built(build, 'background.js');
    // Labels that exist only in the list: a Japanese city rule and an exception.
    expect(background).not.toContain('kitakyushu');
    expect(background).not.toContain('nodeFlags');
    // What it fetches instead: the file above, by the name the build gives it.
    expect([...background.matchAll(/\bfetch\s*\(\s*["'`]([^"'`]*)["'`]/g)].map((m) => m[1])).toEqual([`/${PUBLIC_SUFFIXES_FILE}`]);
  });
});
