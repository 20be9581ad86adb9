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

export type FirefoxPolicyInput = { geckoId: string; xpiUrl: string; policy: Policy; harden: boolean };

export function firefoxPoliciesJson({ geckoId, xpiUrl, policy, harden }: FirefoxPolicyInput) {
  return {
    policies: {
      '3rdparty': { Extensions: { [geckoId]: policy } },
      ExtensionSettings: { [geckoId]: firefoxExtensionSettingsEntry(xpiUrl) },
      ...(harden ? hardeningJson(FIREFOX_HARDENING) : {}),
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
