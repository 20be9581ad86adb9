// Who the policy is addressed to: the extension's identities in each browser. No Node API
// here: the editor page imports this too (the id of a key file is in key-id.ts).

/** Chrome/Edge id of the repository's signing key (README; wxt.config.ts reads keys/chrome-public-key.b64). */
export const CHROME_EXTENSION_ID = 'bgnkmlpmadeeenodgpgkalcmnafbagak';

export { GECKO_ID } from '../../utils/extension-id';

/** Default update URLs of the stores (the Chrome Web Store's and Edge Add-ons' update services). */
export const CHROME_WEB_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';
export const EDGE_ADDONS_UPDATE_URL = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';

/**
 * Stand-in for the XPI address when the admin gave none. Firefox cannot install from it, so
 * the CLI warns and both READMEs say to replace it; `.invalid` never resolves (RFC 2606).
 */
export const XPI_URL_PLACEHOLDER = 'https://REPLACE-WITH-YOUR-SERVER.invalid/qingfeng.xpi';
