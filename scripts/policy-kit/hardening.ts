// --harden: browser policies that close the ways round the extension that a user without
// admin rights has. Each name and value was looked up in the vendor's policy documentation
// or the browser's source (cited per entry); none is invented. What was checked and left
// alone (developer tools, the task manager, chrome://flags) is in docs/hardening.md.

/** A browser policy's JSON value; objects only for Firefox (policies.json), never in the registry. */
export type BrowserPolicyValue = boolean | number | { readonly [key: string]: unknown };

/** One browser policy: its name, its JSON value (Linux files, policies.json), and why. */
export type HardeningPolicy = { name: string; value: BrowserPolicyValue; closes: string; source: string };

/** Chrome, and Chromium on Linux (same policy names). */
export const CHROME_HARDENING: readonly HardeningPolicy[] = [
  {
    name: 'IncognitoModeAvailability',
    value: 1,
    closes: 'Incognito windows, where an extension runs only if the user allows it',
    source: 'https://chromeenterprise.google/policies/#IncognitoModeAvailability (1 = Incognito mode disabled)',
  },
  {
    name: 'BrowserGuestModeEnabled',
    value: false,
    closes: 'Guest windows, which run without extensions',
    source: 'https://chromeenterprise.google/policies/#BrowserGuestModeEnabled',
  },
  {
    name: 'BrowserAddPersonEnabled',
    value: false,
    closes: 'new profiles, where a policy-installed extension would arrive only later',
    source: 'https://chromeenterprise.google/policies/#BrowserAddPersonEnabled',
  },
  {
    name: 'ExtensionDeveloperModeSettings',
    value: 1,
    closes: 'Developer mode on chrome://extensions (loading unpacked extensions that could undo the rules)',
    source:
      'https://chromeenterprise.google/policies/#ExtensionDeveloperModeSettings (Chrome 128+; 1 = Disallow, chrome/browser/policy/extension_developer_mode_policy_handler.cc)',
  },
];

/** Microsoft Edge: the same controls under Edge's names (Microsoft's Chrome-to-Edge policy mapping). */
export const EDGE_HARDENING: readonly HardeningPolicy[] = [
  {
    name: 'InPrivateModeAvailability',
    value: 1,
    closes: 'InPrivate windows',
    source: 'https://learn.microsoft.com/deployedge/microsoft-edge-policies#inprivatemodeavailability (1 = InPrivate mode disabled)',
  },
  {
    name: 'BrowserGuestModeEnabled',
    value: false,
    closes: 'Guest windows',
    source: 'https://learn.microsoft.com/deployedge/microsoft-edge-policies#browserguestmodeenabled',
  },
  {
    name: 'BrowserAddProfileEnabled',
    value: false,
    closes: 'new profiles (Edge calls Chrome\'s BrowserAddPersonEnabled this)',
    source: 'https://learn.microsoft.com/deployedge/microsoft-edge-policies#browseraddprofileenabled',
  },
  {
    name: 'ExtensionDeveloperModeSettings',
    value: 1,
    closes: 'Developer mode on edge://extensions',
    source: 'https://learn.microsoft.com/deployedge/microsoft-edge-policies#extensiondevelopermodesettings (Edge 128+; 1 = Disallow)',
  },
];

/** Firefox (policies.json top-level policies). */
export const FIREFOX_HARDENING: readonly HardeningPolicy[] = [
  {
    // Supersedes DisablePrivateBrowsing (Firefox 130, ESR 128.3); Qingfeng needs Firefox 142+.
    name: 'PrivateBrowsingModeAvailability',
    value: 1,
    closes: 'private windows',
    source: 'https://mozilla.github.io/enterprise-admin-reference/reference/policies/privatebrowsingmodeavailability (1 = not available)',
  },
  {
    name: 'BlockAboutProfiles',
    value: true,
    closes: 'about:profiles, where a new profile without the extension would be made',
    source: 'https://mozilla.github.io/policy-templates/#blockaboutprofiles',
  },
  {
    // #14: in about:config one preference, extensions.dnr.enabled = false, takes
    // declarativeNetRequest away from every extension, and with it all blocking.
    name: 'BlockAboutConfig',
    value: true,
    closes: 'about:config, where extensions.dnr.enabled=false turns every blocking rule off',
    source: 'https://mozilla.github.io/policy-templates/#blockaboutconfig (Policies.sys.mjs: blocks about:config, locks devtools.chrome.enabled)',
  },
  {
    // Troubleshoot Mode (formerly Safe Mode) starts Firefox with every add-on off.
    name: 'DisableSafeMode',
    value: true,
    closes: 'Troubleshoot Mode (Shift at start-up, or Help menu), which starts Firefox with add-ons off',
    source: 'https://mozilla.github.io/policy-templates/#disablesafemode (Policies.sys.mjs: disallowFeature("safeMode"))',
  },
  {
    // #14: about:debugging offers "Inspect" for every installed add-on, policy-installed ones
    // too, and that console can call browser.declarativeNetRequest.updateDynamicRules to
    // remove the blocking rules. Firefox has no setting that refuses DevTools to
    // policy-installed add-ons only (Chrome and Edge do so by default), so all go.
    name: 'DisableDeveloperTools',
    value: true,
    closes: 'about:debugging and DevTools, whose console on the add-on could remove its blocking rules',
    source: 'https://mozilla.github.io/policy-templates/#disabledevelopertools (Policies.sys.mjs: blocks about:debugging, about:devtools-toolbox)',
  },
  {
    // about:config is not the only way to set a preference (user.js in the profile folder is
    // another); a locked preference cannot be changed by either.
    name: 'Preferences',
    value: { 'extensions.dnr.enabled': { Value: true, Status: 'locked' } },
    closes: 'extensions.dnr.enabled set to false from user.js or about:config: the preference is locked on',
    source:
      'https://mozilla.github.io/policy-templates/#preferences ("extensions." is among the allowed prefixes in browser/components/enterprisepolicies/Policies.sys.mjs)',
  },
];

/** The hardening policies as a JSON object (Linux policy files, policies.json). */
export function hardeningJson(list: readonly HardeningPolicy[]): Record<string, BrowserPolicyValue> {
  return Object.fromEntries(list.map((p) => [p.name, p.value]));
}
