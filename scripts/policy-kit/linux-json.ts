// Policy files for Chrome (/etc/opt/chrome/policies/managed/) and Chromium
// (/etc/chromium/policies/managed/) on Linux. One JSON object of Chrome policies; the
// extension's own policy under "3rdparty" → "extensions" → id, which docs/browsers.md saw
// reach chrome.storage.managed in Chromium. Chrome merges the files of that folder, but
// one policy set in two files is a conflict, not a union: a school that already sets
// ExtensionInstallForcelist elsewhere must add our entry to that file (both READMEs say so).
import type { Policy } from '../../utils/policy/schema';
import { forcelistEntry } from './force-install';
import { CHROME_HARDENING, hardeningJson } from './hardening';

export type LinuxPolicyInput = { extensionId: string; updateUrl: string; policy: Policy; harden: boolean };

export function linuxChromiumPolicy({ extensionId, updateUrl, policy, harden }: LinuxPolicyInput) {
  return {
    ExtensionInstallForcelist: [forcelistEntry(extensionId, updateUrl)],
    ...(harden ? hardeningJson(CHROME_HARDENING) : {}),
    '3rdparty': { extensions: { [extensionId]: policy } },
  };
}
