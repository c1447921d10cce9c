/**
 * The fingerprint the API binds a signature to (docs/consents.md): SHA-256, lower-case hex, of
 * the UTF-8 bytes of `JSON.stringify([title, body])`. Computed here from the text on the screen,
 * so a signature is only recorded for the text the signer was actually shown.
 */
export async function consentContentHash(title: string, body: string): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([title, body]));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** "a16e9bc1…7a93e174": enough of a hash for a person to compare. */
export function shortHash(hash: string): string {
  return hash.length <= 16 ? hash : `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}
