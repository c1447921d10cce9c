import type { ProcedureType } from '../../procedure-plan/repositories/procedure-plan.schema';

export interface InsuredCodesOfPlan {
  procedureType: ProcedureType;
  cptCodes: readonly string[];
  insuranceCptCodes: readonly string[];
}

/**
 * The codes insurance pays for, which are the ones a payer must authorize (docs/design.md §6):
 * every code of a RECONSTRUCTIVE plan, the `insuranceCptCodes` of a HYBRID one, none of a
 * COSMETIC one.
 */
export function insuredCptCodesOf(plan: InsuredCodesOfPlan): readonly string[] {
  switch (plan.procedureType) {
    case 'COSMETIC':
      return [];
    case 'RECONSTRUCTIVE':
      return plan.cptCodes;
    case 'HYBRID':
      return plan.insuranceCptCodes;
  }
}
