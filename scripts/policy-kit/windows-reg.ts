// The .reg files for Chrome and Edge on Windows: the extension's policy under
// HKLM\SOFTWARE\Policies\<vendor>\3rdparty\extensions\<id>\policy (the documented place for
// an extension's managed storage on Windows: Chromium "Configuring Apps and Extensions by
// Policy", and policy_loader_win.cc, which reads the 3rdparty subtree), the force-install
// entry, and with --harden the browser's own hardening policies.
import type { Policy } from '../../utils/policy/schema';
import { extensionPolicyRegistryValues } from './extension-policy-registry';
import { FORCELIST_VALUE_NAME, forcelistEntry } from './force-install';
import type { HardeningPolicy } from './hardening';
import { type RegDocument, type RegValue, encodeRegFile, renderRegText } from './reg-file';

export type WindowsBrowser = {
  /** Shown in the file's comments. */
  label: string;
  /** e.g. HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome */
  policyRoot: string;
  hardening: readonly HardeningPolicy[];
};

export const CHROME_POLICY_ROOT = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
export const EDGE_POLICY_ROOT = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge';

export function extensionPolicyKey(policyRoot: string, extensionId: string): string {
  return `${policyRoot}\\3rdparty\\extensions\\${extensionId}\\policy`;
}

function hardeningValues(list: readonly HardeningPolicy[]): RegValue[] {
  // Chrome's own boolean and integer policies are REG_DWORD (policy templates).
  return list.map((p) => {
    if (typeof p.value === 'object') throw new Error(`${p.name}: an object policy has no REG_DWORD form`);
    return { name: p.name, type: 'dword', data: typeof p.value === 'boolean' ? (p.value ? 1 : 0) : p.value };
  });
}

export type WindowsRegInput = {
  browser: WindowsBrowser;
  extensionId: string;
  updateUrl: string;
  policy: Policy;
  harden: boolean;
};

export function windowsRegDocument({ browser, extensionId, updateUrl, policy, harden }: WindowsRegInput): RegDocument {
  const comments = [
    `Qingfeng (清风) policy for ${browser.label}, made by \`npm run policy\`. Import on each PC as administrator:`,
    '  reg import <this file>   (or double-click; or Group Policy Preferences → Registry)',
    `Extension id: ${extensionId}`,
    'The policy key is deleted first, so a setting removed from the policy does not linger.',
    'Each object or list is one REG_SZ holding JSON, which Chrome parses with the extension\'s',
    'managed_schema.json (Chromium components/policy/core/common/registry_dict.cc).',
    `Force-install: ExtensionInstallForcelist value "${FORCELIST_VALUE_NAME}"; other numbered values there are left alone.`,
    ...(harden ? ['Hardening (--harden):', ...browser.hardening.map((p) => `  ${p.name}: ${p.closes}. ${p.source}`)] : []),
  ];
  return {
    comments,
    keys: [
      {
        path: extensionPolicyKey(browser.policyRoot, extensionId),
        deleteFirst: true,
        values: extensionPolicyRegistryValues(policy),
      },
      {
        path: `${browser.policyRoot}\\ExtensionInstallForcelist`,
        values: [{ name: FORCELIST_VALUE_NAME, type: 'sz', data: forcelistEntry(extensionId, updateUrl) }],
      },
      ...(harden ? [{ path: browser.policyRoot, values: hardeningValues(browser.hardening) }] : []),
    ],
  };
}

export type WindowsUndoInput = { browser: WindowsBrowser; extensionId: string };

/**
 * The undo file (#14): deletes exactly what the kit's .reg files can add — the extension's
 * policy key, the force-install value and every hardening value — and nothing else. It
 * lists the hardening values whether or not this run used --harden, because an earlier
 * run may have; deleting a value that is not there does nothing.
 */
export function windowsUndoRegDocument({ browser, extensionId }: WindowsUndoInput): RegDocument {
  return {
    comments: [
      `Undo Qingfeng (清风) policy for ${browser.label}: removes what the kit's .reg files added. Import as administrator:`,
      '  reg import <this file>',
      'It deletes the extension policy key, the ExtensionInstallForcelist value ' + `"${FORCELIST_VALUE_NAME}"` + ' and the hardening values.',
      'If the school also sets one of those hardening policies itself, the next Group Policy refresh puts it back.',
    ],
    keys: [
      { path: extensionPolicyKey(browser.policyRoot, extensionId).replace(/\\policy$/, ''), values: [], deleteOnly: true },
      { path: `${browser.policyRoot}\\ExtensionInstallForcelist`, values: [{ name: FORCELIST_VALUE_NAME, type: 'delete' }] },
      { path: browser.policyRoot, values: browser.hardening.map((p) => ({ name: p.name, type: 'delete' as const })) },
    ],
  };
}

export function windowsUndoRegFile(input: WindowsUndoInput): Uint8Array {
  return encodeRegFile(renderRegText(windowsUndoRegDocument(input)));
}

/** The .reg file's bytes (UTF-16LE, BOM, CRLF). */
export function windowsRegFile(input: WindowsRegInput): Uint8Array {
  return encodeRegFile(renderRegText(windowsRegDocument(input)));
}
