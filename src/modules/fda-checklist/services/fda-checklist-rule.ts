/**
 * The base CPT codes whose procedures place (or replace) a breast implant: 19325 breast
 * augmentation with implant, 19340 and 19342 implant insertion at or after mastectomy, 11970
 * replacement of a tissue expander with a permanent implant.
 */
export const FDA_CHECKLIST_CPT_CODES: readonly string[] = ['19325', '19340', '19342', '11970'];

/** What the rule asks of one of a plan's inventory requirements and its catalog item. */
export interface PlanRequirementForRule {
  isRequired: boolean;
  category: string;
  implantKind: string | null;
}

/**
 * Whether a plan needs the FDA Patient Decision Checklist (docs/fda-checklist.md): it requires an
 * IMPLANT item marked as a breast implant (`implantKind: BREAST`), or one of its codes, modifiers
 * stripped (`19325-50` → `19325`), is in FDA_CHECKLIST_CPT_CODES. An optional requirement does not
 * count: the implant may not be used.
 */
export function needsFdaChecklist(
  cptCodes: readonly string[],
  requirements: readonly PlanRequirementForRule[],
): boolean {
  const byCode = cptCodes.some((code) =>
    FDA_CHECKLIST_CPT_CODES.includes(code.split('-')[0] ?? ''),
  );
  const byImplant = requirements.some(
    (r) => r.isRequired && r.category === 'IMPLANT' && r.implantKind === 'BREAST',
  );
  return byCode || byImplant;
}
