// The packaged variants differ from the tested build only in their manifest.json: the
// JavaScript is the same bytes `npm test` ran (docs/deploy.en.md, "How the packages are made").

export type Manifest = Record<string, unknown>;

/** Chrome's version format: one to four dot-separated integers 0–65535, no leading zeros. */
export function isChromeVersion(version: string): boolean {
  const parts = version.split('.');
  return parts.length >= 1 && parts.length <= 4 && parts.every((p) => /^(0|[1-9]\d{0,4})$/.test(p) && Number(p) <= 65535);
}

/** Chrome/Edge, self-hosted: the school's public key fixes the id; update_url is where updates come from. */
export function selfHostedManifest(manifest: Manifest, opts: { publicKey: string; updateUrl: string; version: string }): Manifest {
  return { ...manifest, version: opts.version, key: opts.publicKey, update_url: opts.updateUrl };
}

/**
 * Edge Add-ons: the store assigns its own id and refuses a package whose manifest has a `key`,
 * and the store, not the manifest, says where updates come from.
 */
export function edgeStoreManifest(manifest: Manifest, opts: { version: string }): Manifest {
  const { key: _key, update_url: _updateUrl, ...rest } = manifest;
  return { ...rest, version: opts.version };
}

/** Firefox: the gecko id in the build already names the add-on; only the version is set. */
export function firefoxManifest(manifest: Manifest, opts: { version: string }): Manifest {
  return { ...manifest, version: opts.version };
}
