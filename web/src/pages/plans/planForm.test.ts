import { describe, expect, it } from 'vitest';
import {
  allCptCodes,
  EMPTY_PLAN_FORM,
  planFieldOf,
  planToFormValues,
  toCreateBody,
  toUpdateBody,
  validatePlanForm,
  type PlanFormValues,
} from './planForm';
import type { Plan } from './types';

const cosmetic: PlanFormValues = {
  ...EMPTY_PLAN_FORM,
  patientId: '01a2243e-6046-770a-921c-261cd375b7bf',
  procedureName: ' Breast Augmentation ',
  procedureType: 'COSMETIC',
  primaryCPTCode: '19325',
  cptCodes: [],
};

describe('validatePlanForm', () => {
  it('accepts a complete cosmetic plan without diagnosis codes', () => {
    expect(validatePlanForm(cosmetic)).toEqual({});
  });

  it('names each missing field', () => {
    const errors = validatePlanForm(EMPTY_PLAN_FORM);
    expect(Object.keys(errors).sort()).toEqual([
      'patientId',
      'primaryCPTCode',
      'procedureName',
      'procedureType',
    ]);
    expect(validatePlanForm(EMPTY_PLAN_FORM, { requirePatient: false }).patientId).toBeUndefined();
  });

  it('checks the CPT format, modifiers included', () => {
    expect(validatePlanForm({ ...cosmetic, primaryCPTCode: '1932' }).primaryCPTCode).toMatch(
      /not a CPT code/,
    );
    expect(validatePlanForm({ ...cosmetic, cptCodes: ['19325-50', '0001T'] })).toEqual({});
    expect(validatePlanForm({ ...cosmetic, cptCodes: ['19325-5'] }).cptCodes).toMatch(/19325-5/);
  });

  it('asks an insured plan for a diagnosis code', () => {
    const reconstructive = { ...cosmetic, procedureType: 'RECONSTRUCTIVE' as const };
    expect(validatePlanForm(reconstructive).diagnosisCodes).toBeDefined();
    expect(validatePlanForm({ ...reconstructive, diagnosisCodes: ['C50.911'] })).toEqual({});
  });

  it('asks a hybrid plan for insured codes among its own codes', () => {
    const hybrid: PlanFormValues = {
      ...cosmetic,
      procedureType: 'HYBRID',
      primaryCPTCode: '30400',
      cptCodes: ['30520'],
      diagnosisCodes: ['J34.2'],
    };
    expect(validatePlanForm(hybrid).insuranceCptCodes).toMatch(/insurance covers/);
    expect(validatePlanForm({ ...hybrid, insuranceCptCodes: ['15830'] }).insuranceCptCodes).toMatch(
      /15830/,
    );
    expect(validatePlanForm({ ...hybrid, insuranceCptCodes: ['30520'] })).toEqual({});
  });
});

describe('the request bodies', () => {
  it('puts the primary code first among the CPT codes, once, upper-case', () => {
    expect(
      allCptCodes({ primaryCPTCode: '19325', cptCodes: ['19325-50', '19325', ' 0001t '] }),
    ).toEqual(['19325', '19325-50', '0001T']);
  });

  it('creates a plan with trimmed fields and no insured codes unless hybrid', () => {
    const body = toCreateBody({ ...cosmetic, insuranceCptCodes: ['19325'], notes: '  ' });
    expect(body).toMatchObject({
      procedureName: 'Breast Augmentation',
      cptCodes: ['19325'],
      insuranceCptCodes: [],
      notes: null,
      inventoryRequirements: [],
    });
  });

  it('patches only what changed', () => {
    const plan = {
      consultationId: null,
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      diagnosisCodes: [],
      insuranceCptCodes: [],
      notes: null,
      patientId: cosmetic.patientId,
    } as unknown as Plan;
    const values = planToFormValues(plan);
    expect(toUpdateBody(values, plan)).toEqual({});
    expect(toUpdateBody({ ...values, notes: 'Prefers round implants' }, plan)).toEqual({
      notes: 'Prefers round implants',
    });
    expect(toUpdateBody({ ...values, cptCodes: ['19325', '19325-50'] }, plan)).toEqual({
      cptCodes: ['19325', '19325-50'],
    });
  });

  it('maps an API path to the form field showing it', () => {
    expect(planFieldOf('insuranceCptCodes[1]')).toBe('insuranceCptCodes');
    expect(planFieldOf('procedureName')).toBe('procedureName');
  });
});
