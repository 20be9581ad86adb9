/**
 * Rasterises assets/icon.svg into the PNGs the manifest and the toolbar use (#18), at build
 * time, so the drawing is the only source in the repository. @resvg/resvg-js: a maintained
 * Rust SVG renderer whose prebuilt binary comes from the npm registry as an optional
 * dependency (no install script, no download from elsewhere), Node >= 10, and no system
 * libraries (sharp needs libvips; a headless browser is heavy for a build step).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ACTION_ICON_SIZES, ICON_SIZES, ICON_TILE, iconPath, type IconVariant } from '../utils/ui/icons';

const SOURCE = new URL('../assets/icon.svg', import.meta.url);
const TILE = /(<rect id="tile"[^>]*fill=")(#[0-9a-f]{6})(")/i;

/** The drawing with the variant's tile colour. */
export function iconSvg(variant: IconVariant, svg = readFileSync(SOURCE, 'utf8')): string {
  if (!TILE.test(svg)) throw new Error('assets/icon.svg: no <rect id="tile" fill="#rrggbb">; the off-work variant recolours it');
  return svg.replace(TILE, `$1${ICON_TILE[variant]}$3`);
}

export function renderIcon(svg: string, size: number): Uint8Array {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

/**
 * Renders every PNG the build ships (the `on` icon at every size, the `off` one at the
 * toolbar's) into `outDir`, and returns them as WXT public files. Written to disk first:
 * WXT's generated public files are text only.
 */
export function writeIconFiles(outDir: string): { absoluteSrc: string; relativeDest: string }[] {
  const plan: [IconVariant, readonly number[]][] = [['on', ICON_SIZES], ['off', ACTION_ICON_SIZES]];
  return plan.flatMap(([variant, sizes]) => {
    const svg = iconSvg(variant);
    return sizes.map((size) => {
      const relativeDest = iconPath(variant, size);
      const absoluteSrc = join(outDir, relativeDest);
      mkdirSync(dirname(absoluteSrc), { recursive: true });
      writeFileSync(absoluteSrc, renderIcon(svg, size));
      return { absoluteSrc, relativeDest };
    });
  });
}
