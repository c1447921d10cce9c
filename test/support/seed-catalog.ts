// The seed's breast augmentation catalog (its steps 2–4), as request bodies: the API tests
// (given-plans.ts) and the web app's end-to-end set-up (web/e2e/clinic.ts) send the same ones.
// No imports, so the web project's type check can read it too.

/** `PUT /fee-schedule/19325`: 7000.00 surgeon + 200.00 facility. */
export const FEE_19325 = {
  description: 'Breast augmentation with implant',
  surgeonFee: '7000.00',
  facilityFee: '200.00',
};

/** `POST /inventory/items`: the serial-tracked 300cc implant, 400.00 each. */
export const IMPLANT_300CC_ROUND = {
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
};

/** `POST /inventory/items`: sutures, counted, not billed. */
export const SUTURES = {
  code: 'surgical-sutures',
  name: 'Absorbable sutures',
  category: 'SUTURE',
  unitPrice: '12.50',
  isBillable: false,
  requiresSerialNumber: false,
};

/** `POST /consent-templates`: the template a 19325 plan's consent comes from. */
export const BREAST_AUG_CONSENT_TEMPLATE = {
  code: 'BREAST_AUG_CONSENT_V2',
  version: 2,
  title: 'Consent to breast augmentation',
  body: 'I consent to breast augmentation with implants. Risks include capsular contracture, rupture and revision surgery.',
  cptCodes: ['19325'],
};
