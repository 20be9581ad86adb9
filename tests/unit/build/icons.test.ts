// #18: the icons the built manifests declare exist, at the sizes they are declared for, and
// so do the off-work variants the background's badge.ts switches to. Reads .output/ (npm test
// builds first); a missing build fails, as in manifest.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { iconSvg } from '../../../scripts/icons';
import { ACTION_ICON_SIZES, ICON_SIZES, iconPaths } from '../../../utils/ui/icons';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BUILDS = ['chrome-mv3', 'firefox-mv3'] as const;

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is not a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.each(BUILDS)('%s', (build) => {
  const dir = join(ROOT, '.output', build);
  const manifest = () => {
    const file = join(dir, 'manifest.json');
    if (!existsSync(file)) throw new Error(`.output/${build}/manifest.json is missing: run \`npm run build\` first.`);
    return JSON.parse(readFileSync(file, 'utf8')) as { icons?: Record<string, string>; action?: { default_icon?: Record<string, string> } };
  };

  test.each(['icons', 'action.default_icon'] as const)('%s declares 16, 32, 48 and 128 px, each a PNG of that size', (key) => {
    const m = manifest();
    const declared = key === 'icons' ? m.icons : m.action?.default_icon;
    expect(Object.keys(declared ?? {}).sort((a, b) => Number(a) - Number(b))).toEqual(ICON_SIZES.map(String));
    for (const [size, path] of Object.entries(declared ?? {})) {
      expect(pngSize(join(dir, path)), `${path}`).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  test('the off-work toolbar icons exist at their sizes', () => {
    for (const [size, path] of Object.entries(iconPaths('off', ACTION_ICON_SIZES))) {
      expect(pngSize(join(dir, path)), path).toEqual({ width: Number(size), height: Number(size) });
    }
  });
});

test('the off variant is the same drawing on a grey tile, and a drawing without the tile is refused', () => {
  const on = iconSvg('on');
  const off = iconSvg('off');
  expect(off).not.toBe(on);
  expect(off.replace(/#6e7781/i, '#0b6e4f')).toBe(on);
  expect(() => iconSvg('off', '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#000000"/></svg>')).toThrow(/tile/);
});
