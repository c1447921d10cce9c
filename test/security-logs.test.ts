import { randomBytes, randomUUID } from 'node:crypto';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Given, type ClinicWithStaff } from './support/given';
import { seedBreastAugmentationCatalog } from './support/given-plans';
import { caseBody, expectStatus, operatingRoom } from './support/given-theater';
import { startAppWithCapturedLog, type LoggedTestApp } from './support/security-log-capture';

let t: LoggedTestApp;
let clinic: ClinicWithStaff;

const tag = randomBytes(3).toString('hex');
/** What must never be logged: every value below is unusual enough that a match is a leak. */
const PHI = {
  firstName: 'Zephyrine',
  lastName: `Quillfeather${tag}`,
  dateOfBirth: '1961-07-23',
  mrn: `QF-${tag}-MRN`,
  email: `zephyrine.${tag}@patient.example`,
  phone: '+1 555 0199 7733',
  memberId: `MEM-${tag}-7781`,
  consultationNotes: `Xanthelasma-note-${tag}`,
  consultationReason: `Reason-Oxbow-${tag}`,
  planNotes: `Plan-note-Marigold-${tag}`,
  signerName: `Signer Ottoline ${tag}`,
  newLastName: `Brackenridge${tag}`,
};

beforeAll(async () => {
  t = await startAppWithCapturedLog('trace');
  clinic = await new Given(t).clinicWithStaff('Log Clinic');
}, 120_000);
afterAll(() => t.close());

/**
 * A database outage in the middle of a query holding PHI, as both drivers report it: the
 * connection drops ("Connection terminated unexpectedly", no SQLSTATE) and Drizzle wraps that in
 * a DrizzleQueryError whose message lists the query's parameters. The fault is injected where the
 * driver is called, so Drizzle's wrapping, the transaction, the filter and the log are all real.
 */
async function duringOutageOf<T>(value: string, action: () => Promise<T>): Promise<T> {
  const prototype = PgPreparedQuery.prototype;
  const original: unknown = Reflect.get(prototype, 'queryWithCache');
  if (typeof original !== 'function') throw new Error('drizzle-orm no longer has queryWithCache');
  Reflect.set(
    prototype,
    'queryWithCache',
    function (this: unknown, queryString: string, params: unknown[], query: () => unknown) {
      const dropped = () => Promise.reject(new Error('Connection terminated unexpectedly'));
      return Reflect.apply(original, this, [
        queryString,
        params,
        params.includes(value) ? dropped : query,
      ]);
    },
  );
  try {
    return await action();
  } finally {
    Reflect.set(prototype, 'queryWithCache', original);
  }
}

/** The seed's workflow for one patient, consultation to paid bill, with failures along the way. */
async function workflowWithFailures(): Promise<void> {
  const coordinator = clinic.as('COORDINATOR');
  const nurse = clinic.as('NURSE');
  await seedBreastAugmentationCatalog(clinic);
  await nurse.post(`/inventory/items`, {}); // 400
  const item = (await nurse.get('/inventory/items?search=breast-implant')).body.data[0];
  expectStatus(
    'receive',
    await nurse.post(`/inventory/items/${item.id}/batches`, {
      batchNumber: `LOT-${tag}`,
      expiresAt: '2099-01-01',
      serialNumbers: [`SN-${tag}-1`, `SN-${tag}-2`],
    }),
    201,
  );
  const sutures = (await nurse.get('/inventory/items?search=surgical-sutures')).body.data[0];
  await nurse.post(`/inventory/items/${sutures.id}/batches`, {
    batchNumber: `SUT-${tag}`,
    expiresAt: '2099-01-01',
    quantity: 10,
  });

  const patientBody = {
    firstName: PHI.firstName,
    lastName: PHI.lastName,
    dateOfBirth: PHI.dateOfBirth,
    sexAtBirth: 'FEMALE',
    mrn: PHI.mrn,
    email: PHI.email,
    phone: PHI.phone,
    insurance: { payerName: 'Blue Shield', memberId: PHI.memberId },
  };
  const patient = expectStatus(
    'patient',
    await coordinator.post('/patients', patientBody, { 'x-request-id': `phi-probe-${tag}` }),
    201,
  );
  // Failures that carry the PHI in the request: a duplicate MRN (a unique violation, whose
  // database message names the key), an impossible date, malformed JSON, a body over the limit,
  // a non-JSON body, a stale If-Match, an unknown field.
  expect((await coordinator.post('/patients', patientBody)).status).toBe(409);
  expect(
    (
      await coordinator.post('/patients', {
        ...patientBody,
        mrn: undefined,
        dateOfBirth: '1961-02-30',
      })
    ).status,
  ).toBe(400);
  expect(
    (
      await coordinator.post(
        '/patients',
        `{"firstName":"${PHI.firstName}","lastName":"${PHI.lastName}`,
      )
    ).status,
  ).toBe(400);
  expect(
    (
      await coordinator.post('/patients', {
        ...patientBody,
        lastName: `${PHI.lastName}${'x'.repeat(1024 * 1024)}`,
      })
    ).status,
  ).toBe(413);
  expect(
    (
      await coordinator.post('/patients', `${PHI.firstName} ${PHI.lastName} ${PHI.dateOfBirth}`, {
        'content-type': 'text/plain',
      })
    ).status,
  ).toBe(415);
  expect(
    (
      await coordinator.patch(
        `/patients/${patient.id}`,
        { lastName: PHI.newLastName },
        { 'if-match': '"99"' },
      )
    ).status,
  ).toBe(412);
  expect(
    (await coordinator.post('/patients', { ...patientBody, ssn: `${PHI.lastName}-000` })).status,
  ).toBe(400);
  expectStatus(
    'rename',
    await coordinator.patch(
      `/patients/${patient.id}`,
      { lastName: PHI.newLastName, phone: PHI.phone },
      { 'if-match': `"${patient.version}"` },
    ),
    200,
  );
  const outage = await duringOutageOf(PHI.firstName, () =>
    coordinator.post('/patients', { ...patientBody, mrn: undefined }),
  );
  expect(outage.status).toBe(503);
  expect(outage.body.code).toBe('UNAVAILABLE');
  // Searches put names, MRNs and dates of birth in the query string.
  for (const search of [PHI.lastName, PHI.newLastName, PHI.mrn, PHI.dateOfBirth, PHI.email])
    expect(
      (await clinic.as('BILLING').get(`/patients?search=${encodeURIComponent(search)}`)).status,
    ).toBe(200);
  expect((await clinic.as('BILLING').get(`/patients/${randomUUID()}`)).status).toBe(404);
  // Refused before a route runs, with the name in the URL: a search over the URL limit (414) and
  // a method the path does not take (405).
  expect(
    (await clinic.as('BILLING').get(`/patients?search=${PHI.lastName}${'x'.repeat(8 * 1024)}`))
      .status,
  ).toBe(414);
  expect(
    (await clinic.as('BILLING').request('DELETE', `/patients?search=${PHI.lastName}`)).status,
  ).toBe(405);
  // A sign-in with the patient's email: the throttle keys on it.
  expect(
    (await t.api.post('/auth/login', { email: PHI.email, password: PHI.lastName })).status,
  ).toBe(401);

  const consultation = expectStatus(
    'consultation',
    await clinic.as('SURGEON').post('/consultations', {
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: new Date().toISOString(),
      reason: PHI.consultationReason,
      notes: PHI.consultationNotes,
    }),
    201,
  );
  expect(
    (
      await clinic.as('SURGEON').post('/consultations', {
        patientId: randomUUID(),
        surgeonId: clinic.staff.SURGEON.id,
        consultationDate: new Date().toISOString(),
        reason: PHI.consultationReason,
        notes: PHI.consultationNotes,
      })
    ).status,
  ).toBe(404);
  let plan = expectStatus(
    'plan',
    await clinic.as('SURGEON').post('/procedure-plans', {
      patientId: patient.id,
      consultationId: consultation.id,
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      notes: PHI.planNotes,
      inventoryRequirements: [
        {
          inventoryItemCode: 'breast-implant-300cc-round',
          quantity: 2,
          requiresSerialNumber: true,
        },
        { inventoryItemCode: 'surgical-sutures', quantity: 1 },
      ],
    }),
    201,
  );
  expectStatus('quote', await coordinator.post(`/procedure-plans/${plan.id}/quote`, {}), 201);
  const consent = expectStatus('consent', await nurse.get(`/consents/${plan.consent.id}`), 200);
  const signature = {
    signerName: PHI.signerName,
    relationship: 'SELF',
    signatureMethod: 'TYPED',
    signatureData: PHI.signerName,
    contentHash: consent.contentHash,
  };
  expect(
    (
      await nurse.post(`/consents/${consent.id}/sign`, {
        ...signature,
        contentHash: '0'.repeat(64),
      })
    ).status,
  ).toBeGreaterThanOrEqual(400);
  expectStatus('sign', await nurse.post(`/consents/${consent.id}/sign`, signature), 200);
  // The FDA breast implant checklist: the patient's initials and name are PHI too.
  const fdaPath = `/procedure-plans/${plan.id}/fda-checklist`;
  const fda = expectStatus('FDA checklist', await nurse.get(fdaPath), 200).checklist;
  expectStatus(
    'FDA checklist signed',
    await nurse.post(`${fdaPath}/sign`, {
      initials: Object.fromEntries(fda.sections.map((s: any) => [s.key, 'ZQ'])),
      signerName: PHI.signerName,
      contentHash: fda.contentHash,
    }),
    200,
  );
  expectStatus('FDA attested', await clinic.as('SURGEON').post(`${fdaPath}/attest`, {}), 200);
  plan = expectStatus(
    'approve',
    await coordinator.post(`/procedure-plans/${plan.id}/approve`, {}),
    200,
  );
  // Approving twice: 409, an invalid state transition.
  expect((await coordinator.post(`/procedure-plans/${plan.id}/approve`, {})).status).toBe(409);
  for (const requirement of plan.inventoryRequirements)
    expectStatus(
      'allocate',
      await nurse.post(`/procedure-plans/${plan.id}/inventory/${requirement.id}/allocate`, {}),
      200,
    );
  const room = await operatingRoom(clinic);
  const theCase = expectStatus(
    'case',
    await coordinator.post('/surgical-cases', caseBody(clinic, plan, room, 5)),
    201,
  );
  expectStatus(
    'start',
    await nurse.post(`/surgical-cases/${theCase.id}/start`, {
      reason: 'Started ahead of its booked day in a test',
    }),
    200,
  );
  const done = expectStatus(
    'complete',
    await clinic
      .as('SURGEON')
      .post(`/surgical-cases/${theCase.id}/complete`, { notes: PHI.consultationNotes }),
    200,
  );
  const bill = expectStatus('bill', await clinic.as('BILLING').get(`/bills/${done.billId}`), 200);
  expect(
    (
      await clinic.as('BILLING').post(`/bills/${bill.id}/payments`, {
        amount: '999999.99',
        payer: 'PATIENT',
        method: 'CARD',
        reference: PHI.lastName,
      })
    ).status,
  ).toBeGreaterThanOrEqual(400);
  expectStatus(
    'payment',
    await clinic.as('BILLING').post(`/bills/${bill.id}/payments`, {
      amount: bill.balance,
      payer: 'PATIENT',
      method: 'CARD',
    }),
    201,
  );
  expect((await clinic.as('BILLING').get(`/bills/${bill.id}/pdf`)).status).toBe(200);
  expect((await nurse.get(`/inventory/units/SN-${tag}-1`)).status).toBe(200);
  expect((await clinic.as('ADMIN').get(`/audit-events?entityId=${patient.id}`)).status).toBe(200);
}

describe('the server log', () => {
  it('holds no name, date of birth, MRN, contact, note or signer of a patient, at trace level', async () => {
    await workflowWithFailures();
    const log = t.log();

    // The capture works: request lines are there, with the request id we sent.
    expect(log).toContain(`phi-probe-${tag}`);
    expect(log.split('\n').length).toBeGreaterThan(100);
    const leaks = Object.entries(PHI)
      .filter(([, value]) => log.toLowerCase().includes(value.toLowerCase()))
      .map(([field]) => field);
    expect(leaks).toEqual([]);
    // The phone number in any punctuation.
    expect(log).not.toMatch(/555\D{0,3}0199\D{0,3}7733/);
  });

  it("holds no patient link's token, and nothing the patient sends through it", async () => {
    const coordinator = clinic.as('COORDINATOR');
    const patient = expectStatus(
      'patient',
      await coordinator.get(`/patients?search=${encodeURIComponent(PHI.mrn)}`),
      200,
    ).data[0];
    const plan = expectStatus(
      'plan',
      await coordinator.post('/procedure-plans', {
        patientId: patient.id,
        procedureName: 'Breast Augmentation',
        procedureType: 'COSMETIC',
        primaryCPTCode: '19325',
        cptCodes: ['19325'],
      }),
      201,
    );
    const { url } = expectStatus(
      'link',
      await coordinator.post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'COPY' }),
      201,
    );
    const token = String(url).split('/p/')[1] ?? '';
    expect(token).toHaveLength(43);
    const as = (dob: string) => ({
      authorization: `Bearer ${token}`,
      'x-patient-date-of-birth': dob,
    });
    // The page's own path, a wrong date of birth, the right one, and a signature refused.
    await t.app.inject({ method: 'GET', url: `/p/${token}` });
    expect((await t.api.get('/patient-portal', as('1961-07-24'))).status).toBe(403);
    expect((await t.api.get('/patient-portal', as(PHI.dateOfBirth))).status).toBe(200);
    const consent = await t.api.get('/patient-portal/consent', as(PHI.dateOfBirth));
    expect(consent.status).toBe(200);
    const refused = await t.api.post(
      '/patient-portal/consent/sign',
      {
        signerName: PHI.signerName,
        signatureImage: 'data:image/png;base64,AAAA',
        contentHash: consent.body.contentHash,
      },
      as(PHI.dateOfBirth),
    );
    expect(refused.status).toBe(400);

    const log = t.log();
    expect(log).toContain('/api/v1/patient-portal/consent/sign');
    expect(log).toContain('"path":"/p/…"');
    expect(log).not.toContain(token);
    const leaks = Object.entries(PHI)
      .filter(([, value]) => log.toLowerCase().includes(value.toLowerCase()))
      .map(([field]) => field);
    expect(leaks).toEqual([]);
    expect(log).not.toContain('1961-07-24');
  });
});
