import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The fingerprint the API binds a signature to (docs/consents.md): SHA-256, lower-case hex, of
 * the UTF-8 bytes of `JSON.stringify([title, body])`. Computed here from the text on the screen,
 * so a signature is only recorded for the text the signer was actually shown. Not Web Crypto:
 * browsers offer it only on HTTPS or localhost, and a clinic may open the app at a LAN address.
 */
export function consentContentHash(title: string, body: string): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify([title, body]))));
}

/** "a16e9bc1…7a93e174": enough of a hash for a person to compare. */
export function shortHash(hash: string): string {
  return hash.length <= 16 ? hash : `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}
