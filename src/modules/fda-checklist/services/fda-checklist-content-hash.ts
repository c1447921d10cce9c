import { createHash } from 'node:crypto';
import type { FdaChecklistSection } from '../repositories/fda-checklist.schema';

/**
 * The SHA-256 (lower-case hex) of a checklist's text as presented: the UTF-8 bytes of
 * `JSON.stringify([title, [[key, heading, body], …], surgeonAttestation])`. Arrays keep the
 * fields apart unambiguously, and any client can recompute it (docs/fda-checklist.md).
 */
export function fdaChecklistContentHash(text: {
  title: string;
  sections: readonly FdaChecklistSection[];
  surgeonAttestation: string;
}): string {
  const sections = text.sections.map((s) => [s.key, s.heading, s.body]);
  return createHash('sha256')
    .update(JSON.stringify([text.title, sections, text.surgeonAttestation]), 'utf8')
    .digest('hex');
}
