/**
 * The toolbar and extension icons (#18): one drawing (assets/icon.svg) rasterised at build
 * time into two variants. `on` is the brand icon (work-time rules in force, and what the
 * manifest declares); `off` is the same drawing on a grey tile, shown outside work time.
 */
export const ICON_SIZES = [16, 32, 48, 128] as const;
/** The toolbar uses 16 and 32 (and 2x of 16 on HiDPI): the off variant needs only these. */
export const ACTION_ICON_SIZES = [16, 32] as const;
export type IconVariant = 'on' | 'off';

/** Where the build writes a variant's PNG of `size` px, relative to the extension root. */
export function iconPath(variant: IconVariant, size: number): string {
  return variant === 'on' ? `icon/${size}.png` : `icon/off-${size}.png`;
}

/** `{ 16: 'icon/16.png', ... }`: the shape of manifest `icons`, `action.default_icon` and `action.setIcon({ path })`. */
export function iconPaths(variant: IconVariant, sizes: readonly number[]): Record<string, string> {
  return Object.fromEntries(sizes.map((s) => [String(s), iconPath(variant, s)]));
}

/**
 * The toolbar icon for `action.setIcon({ path })`: from the extension root, because Chromium
 * fetches a relative path against the service worker's URL.
 */
export function actionIconPaths(variant: IconVariant): Record<string, string> {
  return Object.fromEntries(ACTION_ICON_SIZES.map((s) => [String(s), `/${iconPath(variant, s)}`]));
}

/** Tile colours: `on` is the pages' accent; `off` a neutral grey (≥ 3:1 with the white strokes). */
export const ICON_TILE: Record<IconVariant, string> = { on: '#0b6e4f', off: '#6e7781' };
