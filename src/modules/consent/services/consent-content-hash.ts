import { createHash } from 'node:crypto';

/**
 * The SHA-256 (lower-case hex) of a consent's text, as presented to the signer: the UTF-8 bytes of
 * `JSON.stringify([title, body])`. A JSON array keeps the two fields apart unambiguously (no
 * separator inside a title can make two different texts hash alike), and any client can recompute
 * it (docs/consents.md).
 */
export function consentContentHash(text: { title: string; body: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([text.title, text.body]), 'utf8')
    .digest('hex');
}
