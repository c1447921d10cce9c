import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PatientLinkActor } from '../src/common/auth/caller';
import { trustedClinicId } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { gs1CheckDigit, parseUdi } from '../src/modules/inventory/services/gs1-udi';
import { ImplantCardService } from '../src/modules/theater';
import {
  CARD_HEIGHT,
  CARD_PAGE_MARGINS,
  CARD_WIDTH,
  implantCardsPdf,
} from '../src/modules/theater/services/implant-card.pdf';
import { Given, type ClinicWithStaff } from './support/given';
import { bookedCase, expectStatus } from './support/given-theater';
import { downloadPdf, pdfText } from './support/pdf-text';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Implant Card Clinic'),
    given.clinicWithStaff('Other Implant Card Clinic'),
  ]);
  expectStatus(
    'clinic phone',
    await clinic.as('ADMIN').request('PATCH', '/clinic', {
      phone: '+1 (555) 010-2000',
      timeZone: 'America/Los_Angeles',
    }),
    200,
  );
}, 120_000);
afterAll(() => t.close());

let gtinSeq = 0;
function freshGtin(): string {
  gtinSeq += 1;
  const body = `0088452${String(1_000_000 + gtinSeq).slice(1)}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** A case of a ready plan, its implant item given a manufacturer and GTIN, started; completed unless told. */
async function implantCase(days: number, complete = true) {
  const booked = await bookedCase(clinic, days, { started: true });
  const gtin = freshGtin();
  expectStatus(
    'item',
    await clinic.as('NURSE').request('PATCH', `/inventory/items/${booked.ready.implantItem.id}`, {
      manufacturer: 'Mentor Worldwide LLC',
      gtin,
    }),
    200,
  );
  if (complete)
    expectStatus(
      'complete',
      await clinic.as('SURGEON').post(`/surgical-cases/${booked.caseId}/complete`, {}),
      200,
    );
  const theCase = expectStatus(
    'case',
    await clinic.as('NURSE').get(`/surgical-cases/${booked.caseId}`),
    200,
  );
  return { ...booked, gtin, theCase };
}

function actorFor(planId: string, patientId: string, clinicId = clinic.clinicId): PatientLinkActor {
  const linkId = randomUUID();
  const cid = trustedClinicId(clinicId);
  return {
    linkId,
    clinicId: cid,
    patientId,
    procedurePlanId: planId,
    requestId: 'test-request',
    ipAddress: '203.0.113.9',
    userAgent: 'vitest',
    expiresAt: new Date(Date.now() + 3_600_000),
    audit: { clinicId: cid, userId: linkId, requestId: 'test-request' },
  };
}

async function expiryOf(lot: string): Promise<string> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`SELECT expires_at::text AS "expiresAt" FROM inventory_batches WHERE batch_number = ${lot}`,
    );
  return z.object({ rows: z.tuple([z.object({ expiresAt: z.string() })]) }).parse(result).rows[0]
    .expiresAt;
}

async function surgeonName(): Promise<string> {
  return expectStatus(
    'surgeon',
    await clinic.as('ADMIN').get(`/users/${clinic.staff.SURGEON.id}`),
    200,
  ).name;
}

async function auditActions(entityId: string) {
  const result = await t.app.get(TransactionRunner).db.execute(sql`
    SELECT action, actor_id AS "actorId", metadata FROM audit_events
    WHERE entity_id = ${entityId} ORDER BY id`);
  return z
    .object({
      rows: z.array(
        z.object({ action: z.string(), actorId: z.string().nullable(), metadata: z.any() }),
      ),
    })
    .parse(result).rows;
}

describe('the implant card', () => {
  it('prints one card per implant of a completed case, with its UDI, surgery date, surgeon and clinic', async () => {
    const { ready, gtin, theCase } = await implantCase(5);
    const res = await downloadPdf(
      t,
      clinic.staff.BILLING.token,
      `/surgical-cases/${theCase.id}/implant-card`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `inline; filename="implant-cards-${theCase.caseNumber}.pdf"`,
    );
    const text = pdfText(res.bytes);
    const patientName = `${ready.patient.firstName} ${ready.patient.lastName}`;
    expect(text.split('\n').filter((l) => l === 'PATIENT IMPLANT CARD')).toHaveLength(2);
    for (const serial of ready.serials) {
      expect(text).toContain(serial);
    }
    const lot = `LOT-${ready.serials[0]!.split('-')[1]}`;
    const expiry = await expiryOf(lot);
    expect(text).toContain(lot);
    expect(text).toContain('Mentor Worldwide LLC');
    expect(text).toContain('Silicone breast implant 300cc round');
    expect(text).toContain('300cc / Round');
    expect(text).toContain(patientName);
    expect(text).toContain(await surgeonName());
    expect(text).toContain('+1 (555) 010-2000');
    // The UDI, rebuilt as the GS1 element string, reads back to the unit's parts.
    const udiLine = text.split('\n').find((l) => l.startsWith(`(01)${gtin}`));
    expect(udiLine).toBeDefined();
    expect(udiLine).toContain(
      `(01)${gtin}(17)${expiry.slice(2, 4)}${expiry.slice(5, 7)}${expiry.slice(8, 10)}(10)${lot}`,
    );
    // The surgery's day on the clinic's calendar (Los Angeles), not UTC's.
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(
      new Date(theCase.startedAt),
    );
    expect(text).toContain(day);
    const events = await auditActions(theCase.id);
    expect(events.map((e) => e.action)).toContain('surgical-case.read-implant-card');
  });

  it('answers the same cards as JSON for the portal, and none before the case is completed', async () => {
    const { ready, gtin, theCase } = await implantCase(6);
    const service = t.app.get(ImplantCardService);
    const db = t.app.get(TransactionRunner).db;
    const cards = await service.cardsForPlan(db, trustedClinicId(clinic.clinicId), ready.plan.id);
    expect(cards).toHaveLength(2);
    const expiresAt = await expiryOf(cards[0]!.lotNumber);
    expect(cards[0]).toEqual({
      manufacturer: 'Mentor Worldwide LLC',
      deviceName: 'Silicone breast implant 300cc round',
      size: '300cc',
      shape: 'Round',
      lotNumber: expect.stringMatching(/^LOT-/),
      serialNumber: expect.stringMatching(/^SN-/),
      udi: expect.stringMatching(new RegExp(`^\\(01\\)${gtin}\\(17\\)\\d{6}\\(10\\)LOT-`)),
      surgeryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      surgeonName: await surgeonName(),
      clinicName: 'Implant Card Clinic',
      clinicPhone: '+1 (555) 010-2000',
    });
    const udi = parseUdi(cards[0]!.udi!);
    expect(udi).toEqual({
      ok: true,
      udi: {
        gtin,
        expiresOn: expiresAt,
        producedOn: null,
        lot: cards[0]!.lotNumber,
        serial: cards[0]!.serialNumber,
      },
    });
    expect(new Set(cards.map((c) => c.serialNumber))).toEqual(new Set(ready.serials));

    // A case still in progress: no cards, and the PDF is refused.
    const running = await implantCase(7, false);
    expect(
      await service.cardsForPlan(db, trustedClinicId(clinic.clinicId), running.ready.plan.id),
    ).toEqual([]);
    const refused = await clinic
      .as('SURGEON')
      .get(`/surgical-cases/${running.theCase.id}/implant-card`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      currentStatus: 'IN_PROGRESS',
    });
    expect(refused.body.detail).toMatch(/once the case is COMPLETED/);
    await expect(
      service.pdfForPlan(actorFor(running.ready.plan.id, running.ready.patient.id)),
    ).rejects.toMatchObject({ status: 409 });

    // The patient's PDF is the staff's, and is audited for the link.
    const actor = actorFor(ready.plan.id, ready.patient.id);
    const forPatient = await service.pdfForPlan(actor);
    const staff = await downloadPdf(
      t,
      clinic.staff.NURSE.token,
      `/surgical-cases/${theCase.id}/implant-card`,
    );
    expect(pdfText(forPatient.pdf)).toBe(pdfText(staff.bytes));
    expect(forPatient.fileName).toBe(`implant-cards-${theCase.caseNumber}.pdf`);
    const events = await auditActions(theCase.id);
    expect(events).toContainEqual({
      action: 'surgical-case.read-implant-card',
      actorId: actor.linkId,
      metadata: { via: 'patient-link' },
    });
    // A link of another patient, or of another clinic, gets nothing of this plan.
    await expect(service.pdfForPlan(actorFor(ready.plan.id, randomUUID()))).rejects.toMatchObject({
      status: 409,
    });
    await expect(
      service.pdfForPlan(actorFor(ready.plan.id, ready.patient.id, other.clinicId)),
    ).rejects.toMatchObject({ status: 409 });
    expect(await service.cardsForPlan(db, trustedClinicId(other.clinicId), ready.plan.id)).toEqual(
      [],
    );
  });

  it("is 404 for another clinic's case", async () => {
    const { theCase } = await implantCase(8);
    const res = await other.as('SURGEON').get(`/surgical-cases/${theCase.id}/implant-card`);
    expect(res.status).toBe(404);
  });

  it('lays two credit-card sized cards across a page that fits both A4 and Letter', () => {
    // ISO/IEC 7810 ID-1: 85.60 × 53.98 mm.
    expect(CARD_WIDTH).toBeCloseTo(242.65, 1);
    expect(CARD_HEIGHT).toBeCloseTo(153.01, 1);
    const a4 = { width: 595.28, height: 841.89 };
    const letter = { width: 612, height: 792 };
    const across = 2 * CARD_WIDTH + 12;
    expect(across).toBeLessThanOrEqual(a4.width - CARD_PAGE_MARGINS.left - CARD_PAGE_MARGINS.right);
    // At actual size on Letter, A4 loses (841.89 − 792) / 2 at the top and bottom: what is left
    // of the margin must still clear a printer's 0.25 in (18 pt).
    const lost = (a4.height - letter.height) / 2;
    expect(CARD_PAGE_MARGINS.top - lost).toBeGreaterThanOrEqual(18);
    expect(CARD_PAGE_MARGINS.bottom - lost).toBeGreaterThanOrEqual(18);
    expect(a4.width).toBeLessThanOrEqual(letter.width);
  });

  it('fills a page with cards two by two, then starts the next', async () => {
    const cards = Array.from({ length: 11 }, (_, i) => ({
      manufacturer: 'Allergan',
      deviceName: 'Natrelle Inspira SRF 335cc',
      size: '335cc',
      shape: 'Round',
      lotNumber: `LOT-${i}`,
      serialNumber: `SERIAL-${String(i).padStart(2, '0')}`,
      udi: `(01)00884521112349(17)290630(10)LOT-${i}(21)SERIAL-${String(i).padStart(2, '0')}`,
      surgeryDate: '2026-12-01',
      surgeonName: 'Dr. Ana Ruiz',
      clinicName: 'Clinic',
      clinicPhone: null,
    }));
    const pdf = await implantCardsPdf({
      clinic: { name: 'Clinic', phone: null },
      patientName: 'Maria Lopez',
      caseNumber: 'CASE-2026-001',
      cards,
    });
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? [];
    // 8 on the first page (4 rows under the heading), 3 on the second.
    expect(pages).toHaveLength(2);
    const text = pdfText(pdf);
    for (const card of cards) expect(text).toContain(card.serialNumber);
    expect(text.split('\n').filter((l) => l === 'PATIENT IMPLANT CARD')).toHaveLength(11);
  });
});
