import { readFileSync } from 'node:fs';
import { chromeIdFromPublicKey } from '../../../scripts/policy-kit/key-id';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROME_BUILD = `${REPO}.output/chrome-mv3`;
export const FIREFOX_BUILD = `${REPO}.output/firefox-mv3`;
export const CHROMIUM_BIN = '/usr/bin/chromium';
export const FIREFOX_BIN = '/usr/lib/firefox-esr/firefox-esr';
/** Pinned so moz-extension:// page addresses are known (extensions.webextensions.uuids). */
export const FIREFOX_UUID = '5f0c1b7e-6a0e-4c55-9d59-7b0e1c9a4f21';

export { GECKO_ID } from '../../../utils/extension-id';

/** The Chrome id is derived from the public key in the manifest, as Chrome does it. */
export const CHROME_ID = chromeIdFromPublicKey(readFileSync(`${REPO}keys/chrome-public-key.b64`, 'utf8'));
