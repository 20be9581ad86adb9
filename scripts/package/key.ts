// The school's signing key: an RSA key in PKCS#8 PEM, the form Chrome's own
// `--pack-extension` writes, so a key made by either tool works in the other.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';

/** A new 2048-bit RSA key (the size Chrome's packer makes), PKCS#8 PEM. */
export function newSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * The manifest `key` of a private key: its public half as base64 DER SubjectPublicKeyInfo.
 * Throws with the reason when the PEM is not an RSA private key.
 */
export function publicKeyBase64(privateKeyPem: string): string {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`not an RSA key (${key.asymmetricKeyType ?? 'unknown type'})`);
  return createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('base64');
}
