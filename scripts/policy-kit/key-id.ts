// The Chromium id of a public key, with Node's crypto: for the CLI and the tests, kept out of
// ids.ts so that the editor page, which imports ids.ts, needs no Node API.
import { createHash } from 'node:crypto';
import { chromeIdFromSha256Hex } from '../../utils/extension-id';

/**
 * The Chromium extension id of a base64 DER public key. A unit test checks the constant
 * against the key file with this, so a changed key cannot ship policies addressed to the old id.
 */
export function chromeIdFromPublicKey(base64Der: string): string {
  return chromeIdFromSha256Hex(createHash('sha256').update(Buffer.from(base64Der.trim(), 'base64')).digest('hex'));
}
