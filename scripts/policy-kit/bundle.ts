// Everything the kit writes, as relative path → contents, from a validated policy. Pure:
// the CLI only writes what this returns, so the tests check exactly what admins get.
import type { Policy } from '../../utils/policy/schema';
import { firefoxManagedStorageManifest, firefoxPoliciesJson } from './firefox';
import { CHROME_HARDENING, EDGE_HARDENING } from './hardening';
import { CHROME_EXTENSION_ID, CHROME_WEB_STORE_UPDATE_URL, EDGE_ADDONS_UPDATE_URL, GECKO_ID, XPI_URL_PLACEHOLDER } from './ids';
import { linuxChromiumPolicy } from './linux-json';
import { OUTPUT_FILES } from './output-files';
import { readmeEn, readmeZhCN } from './output-readme';
import { firefoxUndoText, linuxUndoScript } from './undo-files';
import { CHROME_POLICY_ROOT, EDGE_POLICY_ROOT, windowsRegFile, windowsUndoRegFile } from './windows-reg';

export type BundleOptions = {
  harden: boolean;
  updateUrl?: string | undefined;
  xpiUrl?: string | undefined;
  chromeId?: string | undefined;
  edgeId?: string | undefined;
  /** Edge's update URL when it differs from updateUrl (an Edge Add-ons install). */
  edgeUpdateUrl?: string | undefined;
  unsignedXpi?: boolean | undefined;
};

export type Bundle = { files: Record<string, string | Uint8Array>; xpiIsPlaceholder: boolean };

/** JSON files end with a newline and are indented for the admin who opens them. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function buildBundle(policy: Policy, opts: BundleOptions): Bundle {
  const chromeId = opts.chromeId ?? CHROME_EXTENSION_ID;
  const edgeId = opts.edgeId ?? chromeId;
  const chromeUpdateUrl = opts.updateUrl ?? CHROME_WEB_STORE_UPDATE_URL;
  const edgeUpdateUrl = opts.edgeUpdateUrl ?? opts.updateUrl ?? EDGE_ADDONS_UPDATE_URL;
  const xpiUrl = opts.xpiUrl ?? XPI_URL_PLACEHOLDER;
  const xpiIsPlaceholder = opts.xpiUrl === undefined;
  const { harden } = opts;
  const linux = linuxChromiumPolicy({ extensionId: chromeId, updateUrl: chromeUpdateUrl, policy, harden });
  const readme = { chromeId, edgeId, geckoId: GECKO_ID, chromeUpdateUrl, edgeUpdateUrl, xpiUrl, xpiIsPlaceholder, harden };
  const f = OUTPUT_FILES;
  const chrome = { label: 'Google Chrome', policyRoot: CHROME_POLICY_ROOT, hardening: CHROME_HARDENING };
  const edge = { label: 'Microsoft Edge', policyRoot: EDGE_POLICY_ROOT, hardening: EDGE_HARDENING };
  return {
    xpiIsPlaceholder,
    files: {
      [f.policy]: json(policy),
      [f.chromeReg]: windowsRegFile({
        browser: chrome,
        extensionId: chromeId,
        updateUrl: chromeUpdateUrl,
        policy,
        harden,
      }),
      [f.edgeReg]: windowsRegFile({
        browser: edge,
        extensionId: edgeId,
        updateUrl: edgeUpdateUrl,
        policy,
        harden,
      }),
      [f.linuxChrome]: json(linux),
      [f.linuxChromium]: json(linux),
      [f.firefoxPolicies]: json(firefoxPoliciesJson({ geckoId: GECKO_ID, xpiUrl, policy, harden, unsignedXpi: opts.unsignedXpi ?? false })),
      [f.firefoxManagedStorage]: json(firefoxManagedStorageManifest(GECKO_ID, policy)),
      [f.chromeUndoReg]: windowsUndoRegFile({ browser: chrome, extensionId: chromeId }),
      [f.edgeUndoReg]: windowsUndoRegFile({ browser: edge, extensionId: edgeId }),
      [f.linuxUndo]: linuxUndoScript(),
      [f.firefoxUndo]: firefoxUndoText(GECKO_ID),
      [f.readmeZhCN]: readmeZhCN(readme),
      [f.readmeEn]: readmeEn(readme),
    },
  };
}
