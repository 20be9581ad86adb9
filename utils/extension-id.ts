// The extension's identities, one definition for the build, the admin kit, the editor and the tests.

/** Firefox add-on id (browser_specific_settings.gecko.id). */
export const GECKO_ID = 'qingfeng@qingfeng.school';

/**
 * A Chromium extension id from the SHA-256 (hex) of its DER public key: the first 32 hex
 * digits, each mapped 0-f → a-p, as Chromium derives it. The hash is the caller's (Node's
 * crypto or WebCrypto), so this stays pure.
 */
export function chromeIdFromSha256Hex(hex: string): string {
  return [...hex.slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}
