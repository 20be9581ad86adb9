// Firefox: policies.json (distribution/ next to firefox.exe on Windows,
// /etc/firefox/policies/ on Linux) and the per-user native managed-storage manifest.
//
// - "3rdparty" → "Extensions" → add-on id is what storage.managed returns
//   (https://extensionworkshop.com/documentation/enterprise/enterprise-development/;
//   docs/browsers.md saw it work with /etc/firefox/policies/policies.json).
// - "ExtensionSettings" force-installs the XPI
//   (https://mozilla.github.io/enterprise-admin-reference/reference/policies/extensionsettings/).
// - The managed-storage manifest, {"name","description","type":"storage","data"}, is read
//   from ~/.mozilla/managed-storage/<id>.json on Linux (or a path named in the registry on
//   Windows): MDN "Native manifests", managed storage manifests; docs/browsers.md.
import type { Policy } from '../../utils/policy/schema';
import { firefoxExtensionSettingsEntry } from './force-install';
import { FIREFOX_HARDENING, hardeningJson } from './hardening';

export type FirefoxPolicyInput = { geckoId: string; xpiUrl: string; policy: Policy; harden: boolean; unsignedXpi?: boolean };

/**
 * --unsigned-xpi: xpinstall.signatures.required=false, locked. Policies.sys.mjs lets the
 * Preferences policy set this pref only in builds without MOZ_REQUIRE_SIGNING (ESR, Developer
 * Edition, Nightly; release and beta report it as an error and keep signing on), so an ESR PC
 * accepts the school's own unsigned XPI (docs/deploy.en.md, Firefox).
 */
export const UNSIGNED_XPI_PREFERENCES = { 'xpinstall.signatures.required': { Value: false, Status: 'locked' } } as const;

export function firefoxPoliciesJson({ geckoId, xpiUrl, policy, harden, unsignedXpi = false }: FirefoxPolicyInput) {
  return {
    policies: {
      '3rdparty': { Extensions: { [geckoId]: policy } },
      ExtensionSettings: { [geckoId]: firefoxExtensionSettingsEntry(xpiUrl) },
      ...(harden ? hardeningJson(FIREFOX_HARDENING) : {}),
      ...(unsignedXpi ? { Preferences: UNSIGNED_XPI_PREFERENCES } : {}),
    },
  };
}

export function firefoxManagedStorageManifest(geckoId: string, policy: Policy) {
  return {
    name: geckoId,
    description: 'Qingfeng (清风) policy, made by npm run policy',
    type: 'storage',
    data: policy,
  } as const;
}
