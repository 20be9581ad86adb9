// What `npm run package` writes, in one place for the packer, the admin kit (--package-dir),
// the docs and the tests. Everything at the top level goes to the school's web server; the
// store folder does not (it is uploaded to Edge Add-ons by hand).

export const PACKAGE_DEFAULT_OUT_DIR = 'qingfeng-package';

export const PACKAGE_FILES = {
  updatesXml: 'updates.xml',
  ids: 'ids.json',
  /** Versioned, so that a PC never gets an old file from a cache and old versions stay for the record. */
  crx: (version: string) => `qingfeng-${version}.crx`,
  /** Versioned: Firefox installs from a policy's install_url again only when the URL changes. */
  xpi: (version: string) => `qingfeng-${version}.xpi`,
  edgeStoreZip: (version: string) => `edge-store/qingfeng-${version}-edge-store.zip`,
} as const;
