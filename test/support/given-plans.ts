import type { ClinicWithStaff, Given } from './given';
import {
  BREAST_AUG_CONSENT_TEMPLATE,
  FEE_19325,
  IMPLANT_300CC_ROUND,
  SUTURES,
} from './seed-catalog';

/** The seed's breast augmentation (its steps 2–4): fee schedule, catalog, consent template. */
export async function seedBreastAugmentationCatalog(clinic: ClinicWithStaff): Promise<void> {
  await expectOk(clinic.as('BILLING').request('PUT', '/fee-schedule/19325', FEE_19325));
  await expectOk(clinic.as('NURSE').post('/inventory/items', IMPLANT_300CC_ROUND));
  await expectOk(clinic.as('NURSE').post('/inventory/items', SUTURES));
  await expectOk(clinic.as('ADMIN').post('/consent-templates', BREAST_AUG_CONSENT_TEMPLATE));
}

/** The seed's plan body (step 2 with step 3's requirements). */
export function breastAugmentationPlan(
  patientId: string,
  consultationId?: string,
): Record<string, unknown> {
  return {
    patientId,
    ...(consultationId ? { consultationId } : {}),
    procedureName: 'Breast Augmentation',
    procedureType: 'COSMETIC',
    primaryCPTCode: '19325',
    cptCodes: ['19325'],
    diagnosisCodes: [],
    inventoryRequirements: [
      {
        inventoryItemCode: 'breast-implant-300cc-round',
        quantity: 2,
        requiresSerialNumber: true,
        sizeRequirement: '300cc',
        shapeRequirement: 'Round',
        isRequired: true,
      },
      { inventoryItemCode: 'surgical-sutures', quantity: 1, isRequired: true },
    ],
  };
}

export async function feeScheduleEntry(
  clinic: ClinicWithStaff,
  code: string,
  fees: { surgeonFee: string; facilityFee?: string; anesthesiaFee?: string; description?: string },
): Promise<void> {
  await expectOk(
    clinic
      .as('BILLING')
      .request('PUT', `/fee-schedule/${code}`, { description: `Procedure ${code}`, ...fees }),
  );
}

async function expectOk(response: Promise<{ status: number; text: string }>): Promise<void> {
  const res = await response;
  if (res.status >= 300) throw new Error(`setup request failed: ${res.status} ${res.text}`);
}

/**
 * A RECONSTRUCTIVE plan (19357 + 15830, every code insured, fees 5200.00 and 3000.00) of a new
 * insured patient, with no prior authorization yet: what a prior authorization is requested for.
 */
export async function insuredReconstructivePlan(
  given: Given,
  clinic: ClinicWithStaff,
): Promise<{ id: string }> {
  await feeScheduleEntry(clinic, '19357', { surgeonFee: '5200.00' });
  await feeScheduleEntry(clinic, '15830', { surgeonFee: '3000.00' });
  const patient = await given.patient(clinic, {
    insurance: { payerName: 'Blue Shield', memberId: 'BS-778812' },
  });
  const created = await clinic.as('COORDINATOR').post('/procedure-plans', {
    patientId: patient.id,
    procedureName: 'Breast reconstruction with tissue expander',
    procedureType: 'RECONSTRUCTIVE',
    primaryCPTCode: '19357',
    cptCodes: ['19357', '15830'],
    diagnosisCodes: ['Z90.11'],
  });
  if (created.status !== 201) throw new Error(`plan: ${created.status} ${created.text}`);
  return created.body;
}
