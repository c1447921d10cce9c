import type { components } from '../../api/schema';
import type { Plan, ProcedureType } from './types';

type CreateBody = components['schemas']['CreateProcedurePlanDto'];
type UpdateBody = components['schemas']['UpdateProcedurePlanDto'];

/** The fields of the new-plan and edit forms, named as the API names them (for field errors). */
export interface PlanFormValues {
  patientId: string | null;
  consultationId: string | null;
  procedureName: string;
  procedureType: ProcedureType | null;
  primaryCPTCode: string;
  cptCodes: string[];
  diagnosisCodes: string[];
  insuranceCptCodes: string[];
  notes: string;
}

export const EMPTY_PLAN_FORM: PlanFormValues = {
  patientId: null,
  consultationId: null,
  procedureName: '',
  procedureType: null,
  primaryCPTCode: '',
  cptCodes: [],
  diagnosisCodes: [],
  insuranceCptCodes: [],
  notes: '',
};

/** The API's CPT format (docs/procedure-plans.md): 5 characters, up to four -XX modifiers. */
const CPT_CODE = /^\d{4}[0-9FTU](-[0-9A-Z]{2}){0,4}$/;

/** A well-formed CPT code, with or without modifiers (the API's format). */
export function isCptCode(code: string): boolean {
  return CPT_CODE.test(code);
}

export function normalizeCpt(code: string): string {
  return code.trim().toUpperCase();
}

/** The plan's CPT codes as sent: the primary code first, each code once. */
export function allCptCodes(values: Pick<PlanFormValues, 'primaryCPTCode' | 'cptCodes'>): string[] {
  const primary = normalizeCpt(values.primaryCPTCode);
  const codes = [primary, ...values.cptCodes.map(normalizeCpt)].filter((c) => c !== '');
  return [...new Set(codes)];
}

/**
 * The checks the API makes between fields, made before sending so the person sees them next to
 * the field at once. The API still checks everything (and knows the ICD-10-CM code set).
 */
export function validatePlanForm(
  values: PlanFormValues,
  { requirePatient = true } = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (requirePatient && values.patientId === null) errors.patientId = 'Choose the patient';
  if (values.procedureName.trim() === '') errors.procedureName = 'Name the procedure';
  if (values.procedureType === null) errors.procedureType = 'Choose the procedure type';
  const primary = normalizeCpt(values.primaryCPTCode);
  if (primary === '') errors.primaryCPTCode = 'Enter the primary CPT code';
  else if (!CPT_CODE.test(primary)) errors.primaryCPTCode = `${primary} is not a CPT code`;
  const badCpt = values.cptCodes.map(normalizeCpt).find((c) => !CPT_CODE.test(c));
  if (badCpt !== undefined)
    errors.cptCodes = `${badCpt} is not a CPT code (e.g. 19325 or 19325-50)`;
  if (values.procedureType !== null && values.procedureType !== 'COSMETIC') {
    if (values.diagnosisCodes.length === 0) {
      errors.diagnosisCodes = 'An insured plan needs at least one diagnosis code';
    }
  }
  if (values.procedureType === 'HYBRID') {
    const codes = allCptCodes(values);
    const insured = values.insuranceCptCodes.map(normalizeCpt);
    const stray = insured.find((c) => !codes.includes(c));
    if (insured.length === 0) {
      errors.insuranceCptCodes = 'Name the codes insurance covers';
    } else if (stray !== undefined) {
      errors.insuranceCptCodes = `${stray} is not one of the plan's CPT codes`;
    }
  }
  return errors;
}

function fields(values: PlanFormValues) {
  return {
    consultationId: values.consultationId,
    procedureName: values.procedureName.trim(),
    procedureType: values.procedureType ?? 'COSMETIC',
    primaryCPTCode: normalizeCpt(values.primaryCPTCode),
    cptCodes: allCptCodes(values),
    diagnosisCodes: values.diagnosisCodes,
    // Only a HYBRID plan splits its codes between insurance and patient.
    insuranceCptCodes:
      values.procedureType === 'HYBRID'
        ? [...new Set(values.insuranceCptCodes.map(normalizeCpt))]
        : [],
    notes: values.notes.trim() === '' ? null : values.notes.trim(),
  };
}

export function toCreateBody(values: PlanFormValues): CreateBody {
  return { patientId: values.patientId ?? '', ...fields(values), inventoryRequirements: [] };
}

export function planToFormValues(plan: Plan): PlanFormValues {
  return {
    patientId: plan.patientId,
    consultationId: plan.consultationId,
    procedureName: plan.procedureName,
    procedureType: plan.procedureType,
    primaryCPTCode: plan.primaryCPTCode,
    cptCodes: plan.cptCodes,
    diagnosisCodes: plan.diagnosisCodes,
    insuranceCptCodes: plan.insuranceCptCodes,
    notes: plan.notes ?? '',
  };
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** A PATCH body with only the fields that changed (empty when nothing did). */
export function toUpdateBody(values: PlanFormValues, plan: Plan): UpdateBody {
  const next = fields(values);
  const body: UpdateBody = {};
  if (next.consultationId !== plan.consultationId) body.consultationId = next.consultationId;
  if (next.procedureName !== plan.procedureName) body.procedureName = next.procedureName;
  if (next.procedureType !== plan.procedureType) body.procedureType = next.procedureType;
  if (next.primaryCPTCode !== plan.primaryCPTCode) body.primaryCPTCode = next.primaryCPTCode;
  if (!same(next.cptCodes, plan.cptCodes)) body.cptCodes = next.cptCodes;
  if (!same(next.diagnosisCodes, plan.diagnosisCodes)) body.diagnosisCodes = next.diagnosisCodes;
  if (!same(next.insuranceCptCodes, plan.insuranceCptCodes)) {
    body.insuranceCptCodes = next.insuranceCptCodes;
  }
  if (next.notes !== plan.notes) body.notes = next.notes;
  return body;
}

/** `cptCodes[1]` → `cptCodes`: the API names list items, the form shows the list. */
export function planFieldOf(path: string): string {
  return path.replace(/\[\d+\]$/, '');
}
