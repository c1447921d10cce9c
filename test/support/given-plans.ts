import type { ClinicWithStaff } from './given';

/** The seed's breast augmentation (its steps 2–4): fee schedule, catalog, consent template. */
export async function seedBreastAugmentationCatalog(clinic: ClinicWithStaff): Promise<void> {
  const billing = clinic.as('BILLING');
  await expectOk(
    billing.request('PUT', '/fee-schedule/19325', {
      description: 'Breast augmentation with implant',
      surgeonFee: '7000.00',
      facilityFee: '200.00',
    }),
  );
  await expectOk(
    clinic.as('NURSE').post('/inventory/items', {
      code: 'breast-implant-300cc-round',
      name: 'Silicone breast implant 300cc round',
      category: 'IMPLANT',
      manufacturer: 'Mentor',
      size: '300cc',
      shape: 'Round',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
      hcpcsCode: 'L8600',
    }),
  );
  await expectOk(
    clinic.as('NURSE').post('/inventory/items', {
      code: 'surgical-sutures',
      name: 'Absorbable sutures',
      category: 'SUTURE',
      unitPrice: '12.50',
      isBillable: false,
      requiresSerialNumber: false,
    }),
  );
  await expectOk(
    clinic.as('ADMIN').post('/consent-templates', {
      code: 'BREAST_AUG_CONSENT_V2',
      version: 2,
      title: 'Consent to breast augmentation',
      body: 'I consent to breast augmentation with implants. Risks include capsular contracture, rupture and revision surgery.',
      cptCodes: ['19325'],
    }),
  );
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
