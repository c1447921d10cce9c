import type { z } from 'zod';
import type { Role } from '../../common/auth/caller';
import type { RecordBillPaymentBody } from '../../modules/billing/dto/bill.dto';
import type { PutBillingProfileBody } from '../../modules/clinic/dto/clinic-billing-profile.dto';
import type { CreateConsentTemplateBody } from '../../modules/consent/dto/consent-template.dto';
import type { PutFeeScheduleEntryBody } from '../../modules/fee-schedule/dto/fee-schedule.dto';
import type { CreateInventoryItemBody } from '../../modules/inventory/dto/inventory-item.dto';
import type { CreatePatientBody } from '../../modules/patient/dto/patient.dto';
import type { CreatePayerBody, PutPatientInsuranceBody } from '../../modules/payer';
import type { CreateProcedurePlanBody } from '../../modules/procedure-plan/dto/create-procedure-plan.dto';
import type { PlanStatus } from '../../modules/procedure-plan/repositories/procedure-plan.schema';

/**
 * What `npm run demo` loads (docs/demo.md). Every record has a natural key the loader finds it
 * by on a later run: emails, CPT codes, item codes, batch numbers, template code and version,
 * room names, MRNs, a plan's patient and procedure name, payer ids. All people, companies and
 * identifiers here (NPIs, tax id, member ids) are fictional.
 */

export const DEMO_CLINIC_NAME = 'Contour Demo Clinic';
/** The demo clinic's zone: its cases start at 8 and 9 in the morning there. */
export const DEMO_TIME_ZONE = 'America/New_York';

export type StaffKey = 'admin' | 'surgeon' | 'surgeon2' | 'nurse' | 'coordinator' | 'billing';

export interface StaffSpec {
  key: StaffKey;
  role: Role;
  name: string;
  email: string;
}

export const STAFF: readonly StaffSpec[] = [
  { key: 'admin', role: 'ADMIN', name: 'Dana Whitaker', email: 'admin@demo.contour.example' },
  { key: 'surgeon', role: 'SURGEON', name: 'Dr. Ana Lee', email: 'surgeon@demo.contour.example' },
  {
    key: 'surgeon2',
    role: 'SURGEON',
    name: 'Dr. Marcus Reed',
    email: 'surgeon2@demo.contour.example',
  },
  { key: 'nurse', role: 'NURSE', name: 'Priya Nair, RN', email: 'nurse@demo.contour.example' },
  {
    key: 'coordinator',
    role: 'COORDINATOR',
    name: 'Tom Alvarez',
    email: 'coordinator@demo.contour.example',
  },
  { key: 'billing', role: 'BILLING', name: 'Jordan Kim', email: 'billing@demo.contour.example' },
];

export type FeeSpec = z.input<typeof PutFeeScheduleEntryBody> & { cptCode: string };

/** The seed's 19325 exactly (docs/design.md §6: 7000 + 2 × 400 + 200 = 8000), then reconstructive and hybrid codes. */
export const FEES: readonly FeeSpec[] = [
  {
    cptCode: '19325',
    description: 'Breast augmentation with implant',
    surgeonFee: '7000.00',
    facilityFee: '200.00',
  },
  {
    cptCode: '19357',
    description: 'Breast reconstruction with tissue expander',
    surgeonFee: '4800.00',
    facilityFee: '2400.00',
    anesthesiaFee: '950.00',
  },
  {
    cptCode: '15830',
    description: 'Panniculectomy, abdomen',
    surgeonFee: '3900.00',
    facilityFee: '1800.00',
    anesthesiaFee: '850.00',
  },
  {
    cptCode: '15847',
    description: 'Abdominoplasty, add-on to panniculectomy',
    surgeonFee: '2600.00',
  },
  {
    cptCode: '30400',
    description: 'Rhinoplasty, primary',
    surgeonFee: '6500.00',
    facilityFee: '1200.00',
    anesthesiaFee: '750.00',
  },
  {
    cptCode: '30520',
    description: 'Septoplasty',
    surgeonFee: '2200.00',
    facilityFee: '900.00',
    anesthesiaFee: '600.00',
  },
  {
    cptCode: '21120',
    description: 'Genioplasty, augmentation',
    surgeonFee: '3400.00',
    facilityFee: '700.00',
    anesthesiaFee: '450.00',
  },
];

/**
 * The implants carry GTINs with valid GS1 check digits (fictional, under one made-up company
 * prefix), so "Receive by UDI" works on the demo at once: docs/demo.md gives a UDI to paste.
 */
export const ITEMS: readonly z.input<typeof CreateInventoryItemBody>[] = [
  {
    code: 'breast-implant-300cc-round',
    name: 'Silicone breast implant 300cc round',
    category: 'IMPLANT',
    manufacturer: 'Demo Aesthetics Inc.',
    size: '300cc',
    shape: 'Round',
    unitPrice: '400.00',
    isBillable: true,
    requiresSerialNumber: true,
    hcpcsCode: 'L8600',
    gtin: '00884521112349',
    implantKind: 'BREAST',
  },
  {
    code: 'breast-implant-350cc-round',
    name: 'Silicone breast implant 350cc round',
    category: 'IMPLANT',
    manufacturer: 'Demo Aesthetics Inc.',
    size: '350cc',
    shape: 'Round',
    unitPrice: '420.00',
    isBillable: true,
    requiresSerialNumber: true,
    hcpcsCode: 'L8600',
    gtin: '00884521112356',
    implantKind: 'BREAST',
  },
  {
    code: 'tissue-expander-400cc',
    name: 'Breast tissue expander 400cc anatomical',
    category: 'IMPLANT',
    manufacturer: 'Demo Aesthetics Inc.',
    size: '400cc',
    shape: 'Anatomical',
    unitPrice: '650.00',
    isBillable: true,
    requiresSerialNumber: true,
    // Claimed under the breast prosthesis code, as docs/claims.md's tests do: an 837P line
    // needs a HCPCS code, not the item's own.
    hcpcsCode: 'L8600',
    gtin: '00884521112400',
  },
  {
    code: 'surgical-sutures',
    name: 'Absorbable sutures (box)',
    category: 'SUTURE',
    unitPrice: '12.50',
    isBillable: false,
    requiresSerialNumber: false,
  },
  {
    code: 'compression-garment',
    name: 'Post-operative compression garment',
    category: 'CONSUMABLE',
    unitPrice: '85.00',
    isBillable: true,
    requiresSerialNumber: false,
  },
];

export interface LotSpec {
  itemCode: string;
  batchNumber: string;
  /** The lot expires this many months after the day it is first loaded; none when undefined. */
  expiresInMonths?: number;
  serialNumbers?: readonly string[];
  quantity?: number;
}

function serials(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);
}

/**
 * Each implant arrives in two lots with different expiries. Allocation takes the lot that
 * expires first (first-expiry-first-out): the 300cc lot A holds three implants, so the second
 * plan needing two of them is served from lot B.
 */
export const LOTS: readonly LotSpec[] = [
  {
    itemCode: 'breast-implant-300cc-round',
    batchNumber: 'DEMO-300R-A',
    expiresInMonths: 9,
    serialNumbers: serials('DEMO-300R-A', 3),
  },
  {
    itemCode: 'breast-implant-300cc-round',
    batchNumber: 'DEMO-300R-B',
    expiresInMonths: 21,
    serialNumbers: serials('DEMO-300R-B', 4),
  },
  {
    itemCode: 'breast-implant-350cc-round',
    batchNumber: 'DEMO-350R-A',
    expiresInMonths: 10,
    serialNumbers: serials('DEMO-350R-A', 3),
  },
  {
    itemCode: 'breast-implant-350cc-round',
    batchNumber: 'DEMO-350R-B',
    expiresInMonths: 22,
    serialNumbers: serials('DEMO-350R-B', 3),
  },
  {
    itemCode: 'tissue-expander-400cc',
    batchNumber: 'DEMO-TE400-A',
    expiresInMonths: 8,
    serialNumbers: serials('DEMO-TE400-A', 2),
  },
  {
    itemCode: 'tissue-expander-400cc',
    batchNumber: 'DEMO-TE400-B',
    expiresInMonths: 20,
    serialNumbers: serials('DEMO-TE400-B', 2),
  },
  { itemCode: 'surgical-sutures', batchNumber: 'DEMO-SUT-01', expiresInMonths: 24, quantity: 200 },
  { itemCode: 'compression-garment', batchNumber: 'DEMO-CG-01', quantity: 40 },
];

export const CONSENT_TEMPLATES: readonly z.input<typeof CreateConsentTemplateBody>[] = [
  {
    code: 'BREAST_AUG_CONSENT_V2',
    version: 2,
    title: 'Consent to breast augmentation with implants',
    body:
      'I consent to breast augmentation with silicone implants, performed by my surgeon and the ' +
      'surgical team. The risks have been explained to me, including bleeding, infection, capsular ' +
      'contracture, implant rupture, changes in nipple sensation, asymmetry and the possible need ' +
      'for further surgery. I understand that implants are not lifetime devices and that their ' +
      'serial numbers will be recorded in my file. (Demo text, not legal advice.)',
    cptCodes: ['19325'],
  },
  {
    code: 'BREAST_RECON_CONSENT_V1',
    version: 1,
    title: 'Consent to breast reconstruction with a tissue expander',
    body:
      'I consent to breast reconstruction with a tissue expander, to be filled over the following ' +
      'weeks before a second operation. The risks have been explained to me, including infection, ' +
      'expander exposure or deflation, seroma, skin necrosis and the possible need to remove the ' +
      'expander. (Demo text, not legal advice.)',
    cptCodes: ['19357'],
  },
  {
    code: 'RHINOPLASTY_CONSENT_V1',
    version: 1,
    title: 'Consent to rhinoplasty and septoplasty',
    body:
      'I consent to surgery on the shape and the inner structure of my nose. The risks have been ' +
      'explained to me, including bleeding, infection, breathing changes, septal perforation, ' +
      'asymmetry and the possible need for revision surgery. (Demo text, not legal advice.)',
    cptCodes: ['30400', '30520'],
  },
];

export const OPERATING_ROOMS: readonly string[] = ['Operating Room 1', 'Operating Room 2'];

/**
 * The claim set-up (docs/claims.md "Set-up"): the clinic's billing profile, its phone (the 837P
 * submitter's contact), the payers it bills and its surgeons' NPIs. The NPIs' check digits hold
 * (Luhn over 80840 and the first nine digits); the EIN's prefix is one the IRS issues.
 */
export const BILLING_PROFILE: z.input<typeof PutBillingProfileBody> = {
  legalName: 'Contour Demo Plastic Surgery PLLC',
  npi: '1902837461',
  taxId: '27-4815162',
  taxonomyCode: '208200000X',
  address: {
    line1: '350 Example Avenue',
    line2: 'Suite 1200',
    city: 'New York',
    state: 'NY',
    postalCode: '10001-2345',
  },
  submitterId: 'CONTOURDEMO',
  receiverId: 'DEMOCLEARING',
  defaultPlaceOfService: '24',
};

export const CLINIC_PHONE = '+1 (212) 555-0140';

export const PAYERS: readonly z.input<typeof CreatePayerBody>[] = [
  {
    name: 'Northwind Health',
    payerId: 'NWH01',
    address: { line1: 'PO Box 4410', city: 'Hartford', state: 'CT', postalCode: '06101-4410' },
  },
  {
    name: 'Harborview Mutual',
    payerId: 'HVM77',
    address: { line1: 'PO Box 9120', city: 'Albany', state: 'NY', postalCode: '12201-9120' },
  },
];

/** The rendering providers of loop 2310B: an NPI and a taxonomy for each surgeon. */
export const PROVIDER_IDS: readonly { staff: StaffKey; npi: string; taxonomyCode: string }[] = [
  { staff: 'surgeon', npi: '1457382913', taxonomyCode: '208200000X' },
  { staff: 'surgeon2', npi: '1620495832', taxonomyCode: '208200000X' },
];

export interface CaseSpec {
  surgeon: StaffKey;
  /** Index into OPERATING_ROOMS. */
  room: number;
  /** Days after the day of loading; a conflicting slot moves to the next day. */
  inDays: number;
  /** Hour the case starts, in the demo clinic's time zone (DEMO_TIME_ZONE). */
  hour: number;
  hours: number;
}

/** One patient's way through the practice: the patient, a consultation, a plan taken to `target`. */
export interface DemoStory {
  patient: z.input<typeof CreatePatientBody> & { mrn: string };
  consultation: { surgeon: StaffKey; daysAgo: number; reason: string; notes?: string };
  plan: Omit<z.input<typeof CreateProcedurePlanBody>, 'patientId' | 'consultationId'>;
  target: PlanStatus;
  case?: CaseSpec;
  /** RECONSTRUCTIVE and HYBRID plans need the payer's approval to be scheduled. */
  priorAuthorization?: { authorizationNumber: string; validDays: number };
  cancelReason?: string;
  payment?: z.input<typeof RecordBillPaymentBody>;
  /** The structured insurance claims read; `payerId` is a PAYERS payer id (`NWH01`). */
  claimInsurance?: Omit<z.input<typeof PutPatientInsuranceBody>, 'payerId'> & { payerId: string };
  /** The completed case's claim is made (billing) and, for SUBMITTED, sent in an 837P. */
  claim?: 'DRAFT' | 'SUBMITTED';
}

const implants = (size: '300cc' | '350cc') => ({
  inventoryItemCode: `breast-implant-${size}-round`,
  quantity: 2,
  requiresSerialNumber: true,
  sizeRequirement: size,
  shapeRequirement: 'Round',
});
const sutures = { inventoryItemCode: 'surgical-sutures', quantity: 1 };

export const STORIES: readonly DemoStory[] = [
  {
    patient: {
      mrn: 'DEMO-0001',
      firstName: 'Linda',
      lastName: 'Park',
      dateOfBirth: '1978-06-02',
      sexAtBirth: 'FEMALE',
      email: 'linda.park@patient.example',
      phone: '+1 555 0101',
      insurance: {
        payerName: 'Northwind Health',
        memberId: 'NWH-448120937',
        groupNumber: 'G-2210',
      },
      address: { line1: '42 Birch Street', city: 'Yonkers', state: 'NY', postalCode: '10701-3312' },
    },
    consultation: {
      surgeon: 'surgeon2',
      daysAgo: 6,
      reason: 'Overhanging abdominal skin after major weight loss',
      notes: 'Recurrent intertrigo under the pannus; wishes abdominal contouring as well.',
    },
    plan: {
      procedureName: 'Panniculectomy with abdominoplasty',
      procedureType: 'HYBRID',
      primaryCPTCode: '15830',
      cptCodes: ['15830', '15847'],
      insuranceCptCodes: ['15830'],
      diagnosisCodes: ['L98.7', 'E65'],
      notes: 'Insurance for the panniculectomy; the abdominoplasty is cosmetic.',
      inventoryRequirements: [sutures, { inventoryItemCode: 'compression-garment', quantity: 1 }],
    },
    target: 'DRAFT',
    // Her husband's employer plan: he is the subscriber (SBR02 01), she the patient.
    claimInsurance: {
      payerId: 'NWH01',
      memberId: 'NWH-448120937',
      groupNumber: 'G-2210',
      subscriber: {
        relationship: '01',
        firstName: 'Daniel',
        lastName: 'Park',
        dateOfBirth: '1975-04-19',
        sex: 'MALE',
      },
    },
  },
  {
    patient: {
      mrn: 'DEMO-0002',
      firstName: 'Sofia',
      lastName: 'Martinez',
      dateOfBirth: '1992-11-23',
      sexAtBirth: 'FEMALE',
      email: 'sofia.martinez@patient.example',
      insurance: { payerName: 'Harborview Mutual', memberId: 'HVM-20577341' },
    },
    consultation: {
      surgeon: 'surgeon',
      daysAgo: 12,
      reason: 'Nasal obstruction and a dorsal hump',
    },
    plan: {
      procedureName: 'Rhinoplasty with septoplasty',
      procedureType: 'HYBRID',
      primaryCPTCode: '30400',
      cptCodes: ['30400', '30520'],
      insuranceCptCodes: ['30520'],
      diagnosisCodes: ['J34.2'],
      inventoryRequirements: [sutures],
    },
    target: 'QUOTED',
  },
  {
    patient: {
      mrn: 'DEMO-0003',
      firstName: 'Emma',
      lastName: 'Clarke',
      dateOfBirth: '1988-02-09',
      sexAtBirth: 'FEMALE',
      phone: '+1 555 0103',
    },
    consultation: { surgeon: 'surgeon', daysAgo: 20, reason: 'Breast augmentation consultation' },
    plan: {
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      inventoryRequirements: [implants('300cc'), sutures],
    },
    target: 'APPROVED',
  },
  {
    patient: {
      mrn: 'DEMO-0004',
      firstName: 'Hannah',
      lastName: 'Okafor',
      dateOfBirth: '1994-07-30',
      sexAtBirth: 'FEMALE',
      email: 'hannah.okafor@patient.example',
    },
    consultation: { surgeon: 'surgeon', daysAgo: 25, reason: 'Breast augmentation consultation' },
    plan: {
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      inventoryRequirements: [implants('350cc'), sutures],
    },
    target: 'SCHEDULED',
    case: { surgeon: 'surgeon', room: 0, inDays: 5, hour: 8, hours: 2 },
  },
  {
    patient: {
      mrn: 'DEMO-0005',
      firstName: 'Maria',
      lastName: 'Lopez',
      dateOfBirth: '1990-03-14',
      sexAtBirth: 'FEMALE',
      email: 'maria.lopez@patient.example',
      phone: '+1 555 0105',
    },
    consultation: {
      surgeon: 'surgeon',
      daysAgo: 40,
      reason: 'I want breast augmentation',
      notes: 'Seed example: 300cc round silicone implants, both sides.',
    },
    plan: {
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      inventoryRequirements: [implants('300cc'), sutures],
    },
    target: 'COMPLETED',
    // Booked for tomorrow, then started and completed at once (starting early is allowed).
    case: { surgeon: 'surgeon', room: 0, inDays: 1, hour: 8, hours: 2 },
    payment: { amount: '2000.00', payer: 'PATIENT', method: 'CARD', reference: 'Deposit' },
  },
  {
    patient: {
      mrn: 'DEMO-0006',
      firstName: 'Grace',
      lastName: 'Whitfield',
      dateOfBirth: '1985-09-17',
      sexAtBirth: 'FEMALE',
    },
    consultation: {
      surgeon: 'surgeon2',
      daysAgo: 30,
      reason: 'Nose and chin profile',
    },
    plan: {
      procedureName: 'Rhinoplasty and genioplasty',
      procedureType: 'COSMETIC',
      primaryCPTCode: '30400',
      cptCodes: ['30400', '21120'],
      inventoryRequirements: [sutures],
    },
    target: 'CANCELLED',
    cancelReason: 'The patient decided to postpone surgery',
  },
  {
    patient: {
      mrn: 'DEMO-0007',
      firstName: 'Aisha',
      lastName: 'Rahman',
      dateOfBirth: '1976-12-05',
      sexAtBirth: 'FEMALE',
      phone: '+1 555 0107',
      insurance: {
        payerName: 'Northwind Health',
        memberId: 'NWH-771203554',
        groupNumber: 'G-2210',
      },
      address: { line1: '9 Orchard Road', city: 'Hoboken', state: 'NJ', postalCode: '07030-4107' },
    },
    consultation: {
      surgeon: 'surgeon2',
      daysAgo: 15,
      reason: 'Reconstruction after right mastectomy',
      notes: 'Right mastectomy for carcinoma; staged reconstruction with a tissue expander.',
    },
    plan: {
      procedureName: 'Breast reconstruction with tissue expander',
      procedureType: 'RECONSTRUCTIVE',
      primaryCPTCode: '19357',
      cptCodes: ['19357'],
      diagnosisCodes: ['C50.911', 'Z90.11'],
      inventoryRequirements: [
        {
          inventoryItemCode: 'tissue-expander-400cc',
          quantity: 1,
          requiresSerialNumber: true,
          sizeRequirement: '400cc',
        },
        sutures,
        { inventoryItemCode: 'compression-garment', quantity: 1 },
      ],
    },
    target: 'SCHEDULED',
    case: { surgeon: 'surgeon2', room: 1, inDays: 7, hour: 9, hours: 3 },
    priorAuthorization: { authorizationNumber: 'NWH-AUTH-558812', validDays: 90 },
    claimInsurance: {
      payerId: 'NWH01',
      memberId: 'NWH-771203554',
      groupNumber: 'G-2210',
      subscriber: { relationship: '18' },
    },
  },
  {
    patient: {
      mrn: 'DEMO-0008',
      firstName: 'Naomi',
      lastName: 'Brennan',
      dateOfBirth: '1971-08-21',
      sexAtBirth: 'FEMALE',
      email: 'naomi.brennan@patient.example',
      phone: '+1 555 0108',
      insurance: {
        payerName: 'Harborview Mutual',
        memberId: 'HVM-30982217',
        groupNumber: 'HV-5500',
      },
      address: {
        line1: '77 Harbor View Terrace',
        city: 'Brooklyn',
        state: 'NY',
        postalCode: '11201-2208',
      },
    },
    consultation: {
      surgeon: 'surgeon2',
      daysAgo: 35,
      reason: 'Reconstruction after left mastectomy',
      notes: 'Left mastectomy for carcinoma; staged reconstruction with a tissue expander.',
    },
    plan: {
      procedureName: 'Left breast reconstruction with tissue expander',
      procedureType: 'RECONSTRUCTIVE',
      primaryCPTCode: '19357',
      cptCodes: ['19357'],
      diagnosisCodes: ['C50.912', 'Z90.12'],
      inventoryRequirements: [
        {
          inventoryItemCode: 'tissue-expander-400cc',
          quantity: 1,
          requiresSerialNumber: true,
          sizeRequirement: '400cc',
        },
        sutures,
      ],
    },
    target: 'COMPLETED',
    // Booked in two days, then started and completed at once, as Maria Lopez's case is.
    case: { surgeon: 'surgeon2', room: 1, inDays: 2, hour: 9, hours: 3 },
    priorAuthorization: { authorizationNumber: 'HVM-PA-730114', validDays: 90 },
    claimInsurance: {
      payerId: 'HVM77',
      memberId: 'HVM-30982217',
      groupNumber: 'HV-5500',
      subscriber: { relationship: '18' },
    },
    claim: 'SUBMITTED',
  },
];
