// The force-install entry for Chrome and Edge: ExtensionInstallForcelist, not ExtensionSettings.
//
// Both install the extension so the user cannot remove it. ExtensionSettings is one
// dictionary policy (on Windows one REG_SZ holding JSON, value "ExtensionSettings" under
// ...\Policies\Google\Chrome), so writing ours would replace whatever ExtensionSettings the
// school already sets for its other extensions. ExtensionInstallForcelist is a list of
// "<id>;<update url>" strings, one numbered value each under
// ...\Policies\Google\Chrome\ExtensionInstallForcelist (Chrome policy templates:
// https://chromeenterprise.google/policies/#ExtensionInstallForcelist; Edge: the same under
// ...\Policies\Microsoft\Edge), so adding ours touches one value and leaves the school's
// entries alone. Chrome documents the same limits for both: on Windows PCs not joined to a
// domain (nor enrolled in Chrome Enterprise Core / MDM) only Web Store extensions can be
// force-installed.
//
// The value is numbered FORCELIST_VALUE_NAME, not "1": schools that already force-install
// something have used "1". Chrome reads every value with a numeric name
// (registry_dict.cc: IsKeyNumerical) and the list's order does not matter for installing.

export const FORCELIST_VALUE_NAME = '1000';

/** The list entry Chrome and Edge expect: "<extension id>;<update URL>". */
export function forcelistEntry(extensionId: string, updateUrl: string): string {
  return `${extensionId};${updateUrl}`;
}

/**
 * Firefox's ExtensionSettings entry (Firefox has no forcelist). `private_browsing: true`
 * lets the extension run in private windows too, which a teacher could otherwise use to
 * browse unblocked (Firefox bug 1640931; the field is in Firefox's policies-schema.json).
 * https://mozilla.github.io/enterprise-admin-reference/reference/policies/extensionsettings/
 */
export function firefoxExtensionSettingsEntry(xpiUrl: string) {
  return { installation_mode: 'force_installed', install_url: xpiUrl, private_browsing: true } as const;
}

/** What ids.json (scripts/package/ids-file.ts) gives the kit. */
export type PackagedIds = { chromeId: string; updateUrl: string; xpiUrl: string };

export type ForceInstallTargets = {
  chromeId: string | undefined;
  updateUrl: string | undefined;
  edgeId: string | undefined;
  /** Edge's own update URL: the store's when --edge-id names a store install. */
  edgeUpdateUrl: string | undefined;
  xpiUrl: string | undefined;
};

/**
 * Who the force-install entries and the 3rdparty policy are addressed to. ids.json from
 * --package-dir gives the school's own id and URLs; an option given on the command line wins.
 * --edge-id means an install from Edge Add-ons, whose id the store assigns: it gets the
 * store's update URL, and the self-hosted Chrome id there is refused (the store never assigns
 * it, so Edge would wait forever for an extension that is not in the store).
 */
export function resolveForceInstall(
  args: { chromeId?: string | undefined; updateUrl?: string | undefined; edgeId?: string | undefined; xpiUrl?: string | undefined },
  packaged: PackagedIds | undefined,
  storeUpdateUrl: string,
): { ok: true; targets: ForceInstallTargets } | { ok: false; error: { key: string; args: string[] } } {
  const chromeId = args.chromeId ?? packaged?.chromeId;
  const updateUrl = args.updateUrl ?? packaged?.updateUrl;
  if (args.edgeId !== undefined && (args.edgeId === chromeId || args.edgeId === packaged?.chromeId)) {
    return { ok: false, error: { key: 'kitErrEdgeIdIsChromeId', args: [args.edgeId] } };
  }
  return {
    ok: true,
    targets: {
      chromeId,
      updateUrl,
      edgeId: args.edgeId,
      edgeUpdateUrl: args.edgeId !== undefined ? storeUpdateUrl : undefined,
      xpiUrl: args.xpiUrl ?? packaged?.xpiUrl,
    },
  };
}
