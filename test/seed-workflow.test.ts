import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Given, type ClinicWithStaff } from './support/given';
import {
  at,
  completeFdaChecklist,
  daysFromNow,
  expectStatus,
  operatingRoom,
  seedTransport,
  signConsent,
  stockSeedCatalog,
} from './support/given-theater';
import { runSeedWorkflow } from './support/seed-workflow';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Seed Workflow Clinic');
});
afterAll(() => t.close());

const as = (role: 'ADMIN' | 'SURGEON' | 'NURSE' | 'COORDINATOR' | 'BILLING') => clinic.as(role);

describe("the seed's breast augmentation, consultation to paid bill (its ten steps)", () => {
  it('ends with a bill of exactly 8000.00 carrying both implant serials, paid, and the implant traced to the patient', async () => {
    // The clinic's catalog: fee schedule, implants in stock, sutures, the consent template.
    const { implantBatch: batch } = await stockSeedCatalog(clinic, [
      'SN12345',
      'SN12346',
      'SN12347',
    ]);
    const room = await operatingRoom(clinic, 'OR 1');

    // The ten steps, in the order the seed gives them (test/support/seed-workflow.ts).
    const run = await runSeedWorkflow(seedTransport(clinic), {
      patient: {
        create: {
          firstName: 'Maria',
          lastName: 'Lopez',
          dateOfBirth: '1990-03-14',
          sexAtBirth: 'FEMALE',
        },
      },
      consultation: {
        surgeonId: clinic.staff.SURGEON.id,
        consultationDate: new Date().toISOString(),
        reason: 'I want breast augmentation',
      },
      requirements: 'added',
      implants: {
        inventoryItemCode: 'breast-implant-300cc-round',
        quantity: 2,
        sizeRequirement: '300cc',
        shapeRequirement: 'Round',
      },
      sutures: { inventoryItemCode: 'surgical-sutures', quantity: 1 },
      booking: () => ({
        operatingRoomId: room.id,
        surgeonId: clinic.staff.SURGEON.id,
        scheduledStart: at(5, 8),
        scheduledEnd: at(5, 10),
      }),
    });
    const patientId = run.patientId;

    // Step 2: the plan, made from the consultation.
    const plan = run.created;
    expect(plan).toMatchObject({
      planNumber: expect.stringMatching(/^PLAN-\d{4}-\d{3}$/),
      consultationId: run.consultation?.id,
      insuranceCoverage: false,
      status: 'DRAFT',
    });

    // Step 3: inventory requirements; each answer is the requirement (docs/api.md), not the plan.
    const [implants, suture] = run.requirements;
    expect(implants).toMatchObject({ planId: plan.id, quantity: 2, isPreAllocated: false });
    expect(suture).toMatchObject({ planId: plan.id, quantity: 1, isPreAllocated: false });

    // Step 4: the quote — 7000 + 2 × 400 + 200.
    expect(run.quote).toMatchObject({ total: '8000.00', patientPortion: '8000.00' });

    // Step 5: the consent the system found by CPT code, signed by the patient.
    expect(plan.consent).toMatchObject({
      templateCode: 'BREAST_AUG_CONSENT_V2',
      status: 'PENDING',
    });
    expect(run.signed).toMatchObject({ id: plan.consent.id, status: 'SIGNED' });

    // Step 6: the patient approves; the plan carries both requirements.
    expect(run.approved).toMatchObject({
      status: 'APPROVED',
      estimatedCost: '8000.00',
      approvedAt: expect.any(String),
    });
    expect(run.approved?.inventoryRequirements).toEqual([implants, suture]);

    // Step 8 comes before step 7: docs/design.md §4 schedules only a plan whose implants are reserved.
    expect(run.implantsAllocated).toMatchObject({
      isPreAllocated: true,
      preAllocatedBatchId: batch.id,
      serialNumbers: ['SN12345', 'SN12346'],
    });

    // Step 7: the surgery is scheduled; the case copies the procedure.
    const theCase = run.case;
    expect(theCase).toMatchObject({
      caseNumber: expect.stringMatching(/^CASE-\d{4}-\d{3}$/),
      procedurePlanId: plan.id,
      procedureName: 'Breast Augmentation',
      procedureCode: '19325',
    });

    // Step 9: surgery — sutures recorded, the implants consumed from the reservation.
    expect(run.completed?.status).toBe('COMPLETED');
    expect(run.planAtEnd?.status).toBe('COMPLETED');

    // Step 10: the bill, from what was done, and the payment that settles it.
    const bill = run.bill;
    expect(bill).toMatchObject({
      id: run.completed?.billId,
      procedurePlanId: plan.id,
      patientId,
      status: 'OPEN',
      total: '8000.00',
      insuranceTotal: '0.00',
      patientTotal: '8000.00',
      balance: '8000.00',
    });
    const procedureLine = bill?.lineItems.find((l: any) => l.kind === 'PROCEDURE');
    expect(procedureLine).toMatchObject({
      procedureCode: '19325',
      amount: '7000.00',
      payer: 'PATIENT',
    });
    const supplyLines = bill?.lineItems.filter((l: any) => l.kind === 'SUPPLY');
    expect(supplyLines).toEqual([
      expect.objectContaining({ procedureCode: 'L8600', quantity: 2, amount: '800.00' }),
    ]);
    expect(supplyLines[0].serialNumbers.sort()).toEqual(['SN12345', 'SN12346']);
    expect(run.paid).toMatchObject({ status: 'PAID', paid: '8000.00', balance: '0.00' });
    const bills = expectStatus(
      'bills',
      await as('BILLING').get(`/bills?surgicalCaseId=${theCase?.id}`),
      200,
    );
    expect(bills.data.map((b: any) => b.id)).toEqual([bill?.id]);

    // Who has implant SN12345? This patient, from this case; and the lot's recall list names her.
    const unit = expectStatus('unit', await as('NURSE').get('/inventory/units/SN12345'), 200);
    expect(unit).toMatchObject({
      status: 'CONSUMED',
      patientId,
      surgicalCaseId: theCase?.id,
      procedurePlanId: plan.id,
    });
    const recipients = expectStatus(
      'recipients',
      await as('SURGEON').get(`/inventory/batches/${batch.id}/recipients`),
      200,
    );
    expect(recipients.recipients.map((r: any) => [r.patientId, r.serialNumber]).sort()).toEqual([
      [patientId, 'SN12345'],
      [patientId, 'SN12346'],
    ]);
  });
});

describe('a RECONSTRUCTIVE plan and its prior authorization', () => {
  it('is blocked without an approved authorization, and with an expired or too narrow one; scheduled once one covers it', async () => {
    for (const [code, surgeonFee, facilityFee] of [
      ['19357', '3500.00', '900.00'],
      ['11970', '1200.00', '0.00'],
    ])
      expectStatus(
        `fee ${code}`,
        await as('BILLING').request('PUT', `/fee-schedule/${code}`, {
          description: `Procedure ${code}`,
          surgeonFee,
          facilityFee,
        }),
        200,
      );
    const room = await operatingRoom(clinic, 'OR 2');
    const patient = expectStatus(
      'patient',
      await as('COORDINATOR').post('/patients', {
        firstName: 'Ruth',
        lastName: 'Okafor',
        dateOfBirth: '1971-09-02',
        sexAtBirth: 'FEMALE',
        insurance: { payerName: 'Aetna', memberId: 'W123456789' },
      }),
      201,
    );
    const plan = expectStatus(
      'plan',
      await as('SURGEON').post('/procedure-plans', {
        patientId: patient.id,
        procedureName: 'Breast reconstruction with tissue expander',
        procedureType: 'RECONSTRUCTIVE',
        primaryCPTCode: '19357',
        cptCodes: ['19357', '11970'],
        diagnosisCodes: ['Z90.11'],
      }),
      201,
    );
    // No template for reconstruction: the patient signs the general surgical consent.
    expect(plan.consent).toMatchObject({ templateCode: 'GENERAL_SURGICAL_CONSENT' });
    await signConsent(clinic, plan.consent.id);
    // 11970 places a breast implant: the FDA checklist too (docs/fda-checklist.md).
    await completeFdaChecklist(clinic, plan.id);
    expect(
      expectStatus(
        'quote',
        await as('COORDINATOR').post(`/procedure-plans/${plan.id}/quote`, {}),
        201,
      ),
    ).toMatchObject({ total: '5600.00', insurancePortion: '5600.00', patientPortion: '0.00' });
    expectStatus(
      'approve',
      await as('COORDINATOR').post(`/procedure-plans/${plan.id}/approve`, {}),
      200,
    );

    const surgeryDay = 20;
    const booking = {
      procedurePlanId: plan.id,
      operatingRoomId: room.id,
      surgeonId: clinic.staff.SURGEON.id,
      scheduledStart: at(surgeryDay, 9),
      scheduledEnd: at(surgeryDay, 12),
    };
    const blocked = await as('COORDINATOR').post('/surgical-cases', booking);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({
      code: 'SCHEDULING_BLOCKED',
      unmetChecks: ['PRIOR_AUTH_APPROVED'],
    });

    const authorize = async (decision: Record<string, unknown>) => {
      const created = expectStatus(
        'prior authorization',
        await as('BILLING').post(`/procedure-plans/${plan.id}/prior-authorizations`, {}),
        201,
      );
      expect(created).toMatchObject({
        payerName: 'Aetna',
        memberId: 'W123456789',
        cptCodes: ['19357', '11970'],
      });
      expectStatus(
        'submit',
        await as('BILLING').post(`/prior-authorizations/${created.id}/submit`),
        200,
      );
      return expectStatus(
        'decision',
        await as('BILLING').post(`/prior-authorizations/${created.id}/decision`, {
          status: 'APPROVED',
          authorizationNumber: `AUTH-${created.referenceNumber}`,
          ...decision,
        }),
        200,
      );
    };
    // Valid, but its window closes before the surgery.
    await authorize({ validFrom: daysFromNow(0), validTo: daysFromNow(surgeryDay - 5) });
    // Covers the date, but only the reconstruction, not the expander's removal code.
    await authorize({
      validFrom: daysFromNow(0),
      validTo: daysFromNow(90),
      approvedCptCodes: ['19357'],
    });
    const stillBlocked = await as('COORDINATOR').post('/surgical-cases', booking);
    expect(stillBlocked.status).toBe(409);
    expect(stillBlocked.body.unmetChecks).toEqual(['PRIOR_AUTH_APPROVED']);
    expect(stillBlocked.body.checks[0].detail).toMatch(/11970/);

    await authorize({ validFrom: daysFromNow(0), validTo: daysFromNow(90) });
    const readiness = expectStatus(
      'readiness',
      await as('COORDINATOR').get(
        `/procedure-plans/${plan.id}/readiness?surgeryDate=${daysFromNow(surgeryDay)}`,
      ),
      200,
    );
    expect(readiness.ready).toBe(true);
    const scheduled = await as('COORDINATOR').post('/surgical-cases', booking);
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({
      procedureType: 'RECONSTRUCTIVE',
      diagnosisCodes: ['Z90.11'],
    });

    // A move past the authorization's window is refused.
    const tooLate = await as('COORDINATOR').patch(`/surgical-cases/${scheduled.body.id}`, {
      scheduledStart: at(120, 9),
      scheduledEnd: at(120, 12),
    });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.unmetChecks).toEqual(['PRIOR_AUTH_APPROVED']);

    expectStatus(
      'start',
      await as('NURSE').post(`/surgical-cases/${scheduled.body.id}/start`, {
        reason: 'Started ahead of its booked day in a test',
      }),
      200,
    );
    const done = expectStatus(
      'complete',
      await as('NURSE').post(`/surgical-cases/${scheduled.body.id}/complete`, {}),
      200,
    );
    const bill = expectStatus('bill', await as('BILLING').get(`/bills/${done.billId}`), 200);
    expect(bill).toMatchObject({
      total: '5600.00',
      insuranceTotal: '5600.00',
      patientTotal: '0.00',
    });
  });
});
