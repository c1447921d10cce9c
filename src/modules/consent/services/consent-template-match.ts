import { baseCptCode } from '../../codes';

/** What the matching rule needs to know of a template. */
export interface TemplateCandidate {
  id: string;
  code: string;
  version: number;
  cptCodes: readonly string[];
}

/** `19325-50` → `19325`: consent is for the procedure, whatever its modifiers (docs/design.md §5). */
export function baseCptCodes(codes: readonly string[]): Set<string> {
  return new Set(codes.map(baseCptCode));
}

export function overlapCount(templateCodes: readonly string[], planBaseCodes: Set<string>): number {
  return new Set(templateCodes.filter((c) => planBaseCodes.has(c))).size;
}

/**
 * The template a plan's consent comes from (docs/consents.md): among `candidates` (the clinic's
 * active templates) those sharing a base code with the plan; the highest version wins; a tie
 * between different codes goes to the one sharing more of the plan's codes, then to the code
 * first in alphabetical order, so the choice never depends on row order.
 */
export function chooseTemplate<T extends TemplateCandidate>(
  candidates: readonly T[],
  planBaseCodes: Set<string>,
): T | undefined {
  let best: { template: T; overlap: number } | undefined;
  for (const template of candidates) {
    const overlap = overlapCount(template.cptCodes, planBaseCodes);
    if (overlap === 0) continue;
    if (best === undefined || isBetter({ template, overlap }, best)) best = { template, overlap };
  }
  return best?.template;
}

function isBetter(
  a: { template: TemplateCandidate; overlap: number },
  b: { template: TemplateCandidate; overlap: number },
): boolean {
  if (a.template.version !== b.template.version) return a.template.version > b.template.version;
  if (a.overlap !== b.overlap) return a.overlap > b.overlap;
  return a.template.code < b.template.code;
}
