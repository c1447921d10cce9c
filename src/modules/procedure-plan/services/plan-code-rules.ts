import type { FieldError } from '../../../common/errors/problem-code';
import type { ProcedureType } from '../repositories/procedure-plan.schema';

export interface PlanCodes {
  procedureType: ProcedureType;
  primaryCPTCode: string;
  cptCodes: readonly string[];
  diagnosisCodes: readonly string[];
  insuranceCptCodes: readonly string[];
}

/**
 * The rules between a plan's code fields (docs/design.md §5), on the plan as it will be stored
 * (after a PATCH is merged). CPT format is checked by the DTO; ICD-10-CM existence by the catalog.
 */
export function planCodeErrors(plan: PlanCodes): FieldError[] {
  const errors: FieldError[] = [];
  const duplicates = plan.cptCodes.filter((c, i) => plan.cptCodes.indexOf(c) !== i);
  for (const code of new Set(duplicates)) {
    errors.push({ path: 'cptCodes', message: `${code} is listed twice` });
  }
  if (!plan.cptCodes.includes(plan.primaryCPTCode)) {
    errors.push({
      path: 'primaryCPTCode',
      message: `${plan.primaryCPTCode} must be one of cptCodes`,
    });
  }
  if (plan.procedureType === 'HYBRID') {
    if (plan.insuranceCptCodes.length === 0) {
      errors.push({
        path: 'insuranceCptCodes',
        message: 'A HYBRID plan names the codes insurance covers',
      });
    }
    plan.insuranceCptCodes.forEach((code, i) => {
      if (!plan.cptCodes.includes(code)) {
        errors.push({
          path: `insuranceCptCodes[${i}]`,
          message: `${code} must be one of cptCodes`,
        });
      }
    });
  } else if (plan.insuranceCptCodes.length > 0) {
    errors.push({
      path: 'insuranceCptCodes',
      message: `Only a HYBRID plan splits codes between insurance and patient; a ${plan.procedureType} plan has none`,
    });
  }
  if (plan.procedureType !== 'COSMETIC' && plan.diagnosisCodes.length === 0) {
    errors.push({
      path: 'diagnosisCodes',
      message: `A ${plan.procedureType} plan needs at least one ICD-10-CM diagnosis code for the insurer`,
    });
  }
  return errors;
}

/** Insurance pays for RECONSTRUCTIVE and HYBRID plans, never for COSMETIC ones (the seed). */
export function insuranceCoverageOf(type: ProcedureType): boolean {
  return type !== 'COSMETIC';
}
