import { randomBytes } from 'node:crypto';
import type { ApiResponse } from './api';
import type { ClinicWithStaff } from './given';
import {
  BREAST_AUG_CONSENT_TEMPLATE,
  FEE_19325,
  IMPLANT_300CC_ROUND,
  SUTURES,
} from './seed-catalog';
import { runSeedWorkflow, type SeedTransport } from './seed-workflow';

/** An instant `days` from now at `hour`:00 UTC (plus `minutes`), as ISO 8601. */
export function at(days: number, hour: number, minutes = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCHours(hour, minutes, 0, 0);
  return d.toISOString();
}

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

export function expectStatus(what: string, res: ApiResponse, status: number): any {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.body;
}

export interface ReadyPlan {
  patient: any;
  plan: any;
  implantItem: any;
  suturesItem: any;
  /** The serials reserved for the plan's implants. */
  serials: string[];
  /** All serials received for this plan's implant item. */
  received: string[];
}

export interface ReadyPlanOptions {
  /**
   * 'approve': stop once quoted; 'allocate': stop once approved; 'sign': every step but the
   * consent's signature (approved and allocated, the consent PENDING).
   */
  stopBefore?: 'approve' | 'sign' | 'allocate';
  /** The implants' batch expiry (default a year ahead). */
  expiresAt?: string;
  /** How many implants to receive (default 3). */
  stock?: number;
  withConsent?: boolean;
  /** false: the FDA breast implant checklist is left PENDING (default: signed and attested). */
  fdaChecklist?: boolean;
  /** A surgeon's id: the plan comes from a consultation of the patient with that surgeon. */
  consultedBy?: string;
}

/**
 * A COSMETIC breast augmentation ready to schedule, over HTTP: fee schedule 19325 (7000 +
 * facility 200), a fresh implant item (400.00, serial-tracked) with stock, sutures, a patient,
 * the plan (2 implants + 1 sutures), its quote, its consent signed (the breast augmentation one
 * with `withConsent`, else the clinic's general surgical consent; none if that was retired),
 * approval and the implants allocated.
 */
export async function readyPlan(
  clinic: ClinicWithStaff,
  options: ReadyPlanOptions = {},
): Promise<ReadyPlan> {
  const tag = randomBytes(4).toString('hex');
  const nurse = clinic.as('NURSE');
  expectStatus(
    'fee schedule',
    await clinic.as('BILLING').request('PUT', '/fee-schedule/19325', {
      description: 'Breast augmentation with implant',
      surgeonFee: '7000.00',
      facilityFee: '200.00',
    }),
    200,
  );
  if (options.withConsent) {
    const template = await clinic.as('ADMIN').post('/consent-templates', {
      code: 'BREAST_AUG_CONSENT_V2',
      version: 2,
      title: 'Consent to breast augmentation',
      body: 'I consent to breast augmentation with implants.',
      cptCodes: ['19325'],
    });
    if (template.status !== 201 && template.body?.code !== 'DUPLICATE')
      throw new Error(`template: ${template.status} ${template.text}`);
  }
  const implantItem = expectStatus(
    'implant item',
    await nurse.post('/inventory/items', {
      code: `implant-300cc-round-${tag}`,
      name: 'Silicone breast implant 300cc round',
      category: 'IMPLANT',
      size: '300cc',
      shape: 'Round',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
      hcpcsCode: 'L8600',
    }),
    201,
  );
  const received = Array.from({ length: options.stock ?? 3 }, (_, i) => `SN-${tag}-${i + 1}`);
  expectStatus(
    'receive implants',
    await nurse.post(`/inventory/items/${implantItem.id}/batches`, {
      batchNumber: `LOT-${tag}`,
      expiresAt: options.expiresAt ?? daysFromNow(365),
      serialNumbers: received,
    }),
    201,
  );
  const suturesItem = expectStatus(
    'sutures item',
    await nurse.post('/inventory/items', {
      code: `sutures-${tag}`,
      name: 'Absorbable sutures',
      category: 'SUTURE',
      unitPrice: '12.50',
      isBillable: false,
      requiresSerialNumber: false,
    }),
    201,
  );
  expectStatus(
    'receive sutures',
    await nurse.post(`/inventory/items/${suturesItem.id}/batches`, {
      batchNumber: `SUT-${tag}`,
      expiresAt: daysFromNow(700),
      quantity: 20,
    }),
    201,
  );
  const run = await runSeedWorkflow(seedTransport(clinic), {
    patient: {
      create: {
        firstName: 'Maria',
        lastName: `Lopez-${tag}`,
        dateOfBirth: '1990-03-14',
        sexAtBirth: 'FEMALE',
      },
    },
    consultation: options.consultedBy
      ? {
          surgeonId: options.consultedBy,
          consultationDate: '2026-11-20T10:00:00Z',
          reason: 'Breast augmentation',
        }
      : undefined,
    implants: {
      inventoryItemId: implantItem.id,
      quantity: 2,
      sizeRequirement: '300cc',
      shapeRequirement: 'Round',
    },
    sutures: { inventoryItemId: suturesItem.id, quantity: 1 },
    signConsent: options.stopBefore !== 'sign',
    completeFdaChecklist: options.fdaChecklist !== false,
    until:
      options.stopBefore === 'approve'
        ? 'QUOTED'
        : options.stopBefore === 'allocate'
          ? 'APPROVED'
          : 'ALLOCATED',
  });
  const patient = run.patient;
  const plan = run.approved ?? run.created;
  const serials: string[] = run.implantsAllocated?.serialNumbers ?? [];
  return { patient, plan, implantItem, suturesItem, serials, received };
}

/** The seed workflow's transport for a test clinic: each request as that role's member of staff. */
export function seedTransport(clinic: ClinicWithStaff): SeedTransport {
  return { request: (role, method, path, body) => clinic.as(role).request(method, path, body) };
}

/** The patient signs the consent (typed), with the hash of the text she was shown. */
export async function signConsent(clinic: ClinicWithStaff, consentId: string): Promise<void> {
  const nurse = clinic.as('NURSE');
  const consent = expectStatus('consent', await nurse.get(`/consents/${consentId}`), 200);
  expectStatus(
    'sign',
    await nurse.post(`/consents/${consent.id}/sign`, {
      signerName: 'Maria Lopez',
      relationship: 'SELF',
      signatureMethod: 'TYPED',
      signatureData: 'Maria Lopez',
      contentHash: consent.contentHash,
    }),
    200,
  );
}

/**
 * A breast-implant plan's FDA checklist completed (docs/fda-checklist.md): the patient initials
 * every section and signs in the clinic (the nurse records it), then the surgeon attests.
 */
export async function completeFdaChecklist(clinic: ClinicWithStaff, planId: string): Promise<any> {
  const path = `/procedure-plans/${planId}/fda-checklist`;
  const read = expectStatus('FDA checklist', await clinic.as('NURSE').get(path), 200);
  expectStatus(
    'FDA checklist signed',
    await clinic.as('NURSE').post(`${path}/sign`, {
      initials: Object.fromEntries(read.checklist.sections.map((s: any) => [s.key, 'ML'])),
      signerName: 'Maria Lopez',
      contentHash: read.checklist.contentHash,
    }),
    200,
  );
  return expectStatus(
    'FDA checklist attested',
    await clinic.as('SURGEON').post(`${path}/attest`, {}),
    200,
  );
}

/** A new active operating room. */
export async function operatingRoom(clinic: ClinicWithStaff, name?: string): Promise<any> {
  return expectStatus(
    'operating room',
    await clinic
      .as('ADMIN')
      .post('/operating-rooms', { name: name ?? `OR ${randomBytes(3).toString('hex')}` }),
    201,
  );
}

/** The body of `POST /surgical-cases` for a plan, in a room, `days` ahead from 08:00 for 2 hours. */
export function caseBody(
  clinic: ClinicWithStaff,
  plan: any,
  room: any,
  days = 7,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    procedurePlanId: plan.id,
    operatingRoomId: room.id,
    surgeonId: clinic.staff.SURGEON.id,
    scheduledStart: at(days, 8),
    scheduledEnd: at(days, 10),
    ...overrides,
  };
}

export interface BookedCase {
  ready: ReadyPlan;
  caseId: string;
}

/**
 * A case booked for a new ready plan, `days` ahead in a room of its own, and started (ahead of
 * its day, with a reason) when `started`. The clinic has one surgeon: give each case its own day.
 */
export async function bookedCase(
  clinic: ClinicWithStaff,
  days: number,
  options: { started?: boolean; plan?: ReadyPlanOptions } = {},
): Promise<BookedCase> {
  const ready = await readyPlan(clinic, options.plan);
  const room = await operatingRoom(clinic);
  const booked = expectStatus(
    'schedule',
    await clinic
      .as('COORDINATOR')
      .post('/surgical-cases', caseBody(clinic, ready.plan, room, days)),
    201,
  );
  if (options.started)
    expectStatus(
      'start',
      await clinic.as('NURSE').post(`/surgical-cases/${booked.id}/start`, {
        reason: 'Started ahead of its booked day in a test',
      }),
      200,
    );
  return { ready, caseId: booked.id };
}

/** The id of the bill a case completed for a new ready plan issues (`days` ahead, as bookedCase). */
export async function billOfCompletedCase(clinic: ClinicWithStaff, days: number): Promise<string> {
  const { caseId } = await bookedCase(clinic, days, { started: true });
  return expectStatus(
    'complete',
    await clinic.as('NURSE').post(`/surgical-cases/${caseId}/complete`, {}),
    200,
  ).billId;
}

/**
 * The seed's catalog in a clinic, through the API: fee schedule 19325, the implant with one lot
 * of `implantSerials`, sutures (50), and the consent template. The lots' numbers are the seed's.
 */
export async function stockSeedCatalog(
  clinic: ClinicWithStaff,
  implantSerials: string[],
): Promise<{ implant: any; implantBatch: any; sutures: any }> {
  const as = (role: 'ADMIN' | 'NURSE' | 'BILLING') => clinic.as(role);
  expectStatus(
    'fee schedule',
    await as('BILLING').request('PUT', '/fee-schedule/19325', FEE_19325),
    200,
  );
  const implant = expectStatus(
    'implant item',
    await as('NURSE').post('/inventory/items', IMPLANT_300CC_ROUND),
    201,
  );
  const implantBatch = expectStatus(
    'receive implants',
    await as('NURSE').post(`/inventory/items/${implant.id}/batches`, {
      batchNumber: 'BATCH-2026-001',
      expiresAt: daysFromNow(400),
      serialNumbers: implantSerials,
    }),
    201,
  );
  const sutures = expectStatus(
    'sutures item',
    await as('NURSE').post('/inventory/items', SUTURES),
    201,
  );
  expectStatus(
    'receive sutures',
    await as('NURSE').post(`/inventory/items/${sutures.id}/batches`, {
      batchNumber: 'SUT-2026-01',
      expiresAt: daysFromNow(700),
      quantity: 50,
    }),
    201,
  );
  expectStatus(
    'consent template',
    await as('ADMIN').post('/consent-templates', BREAST_AUG_CONSENT_TEMPLATE),
    201,
  );
  return { implant, implantBatch, sutures };
}
