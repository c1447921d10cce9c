import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/common/auth/caller';
import { Given, type ClinicWithStaff } from './support/given';
import { at, caseBody, daysFromNow, operatingRoom, readyPlan } from './support/given-theater';
import { clinicRecords, rowCounts, type ClinicRecords } from './support/security-records';
import { accessOf, fillPath, operationsOf, type Operation } from './support/security-routes';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinicA: ClinicWithStaff;
let clinicB: ClinicWithStaff;
let a: ClinicRecords;
let operations: Operation[];

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  [clinicA, clinicB] = await Promise.all([
    given.clinicWithStaff('Tenant A'),
    given.clinicWithStaff('Tenant B'),
  ]);
  a = await clinicRecords(clinicA);
  operations = operationsOf((await t.api.get('/api/openapi.json')).body);
}, 120_000);
afterAll(() => t.close());

/**
 * Path parameters that are not a clinic's record: the fee schedule's CPT code (each clinic has
 * its own entry under the same code) and the national ICD-10-CM code set, shared by all.
 */
const NOT_TENANT_KEYS = new Set(['cptCode', 'code', 'type']);

/** Clinic A's record for a path parameter of an operation. */
function idOf(op: Operation, name: string): string {
  if (name === 'requirementId') return a.requirement.id;
  if (name === 'serialNumber') return a.consumedSerial;
  const resource = op.key.split(' ')[1]?.split('/')[1];
  const id: Record<string, string> = {
    users: clinicA.staff.SURGEON.id,
    patients: a.patient.id,
    consultations: a.consultation.id,
    'consent-templates': a.template.id,
    'fda-checklist-templates': a.fdaTemplate.id,
    consents: op.key.endsWith('/pdf') ? a.signedConsent.id : a.consent.id,
    inventory: op.key.includes('/recall-records/{id}')
      ? a.recall.id
      : op.key.includes('/batches/{id}')
        ? a.batch.batchId
        : a.suturesItem.id,
    'procedure-plans': op.key.endsWith('/prior-authorizations') ? a.insuredPlan.id : a.openPlan.id,
    quotes: a.quote.id,
    'payment-plans': a.paymentPlan.id,
    'payment-plan-offers': a.paymentPlanOffer.id,
    bills: a.bill.id,
    'prior-authorizations': a.priorAuthorization.id,
    'operating-rooms': a.room.id,
    'working-hours': clinicA.staff.SURGEON.id,
    'schedule-exceptions': a.scheduleException.id,
    'surgical-cases': a.surgicalCase.id,
    payers: a.payer.id,
    remittances: a.remittance.id,
    claims: op.key.includes('/submissions/') ? a.submission.id : a.claim.id,
    'patient-links': a.patientLink.id,
    'exam-rooms': a.examRoom.id,
    appointments: a.appointment.id,
  };
  const value = resource ? id[resource] : undefined;
  if (!value) throw new Error(`no clinic A record for ${name} of ${op.key}: add one`);
  return value;
}

/**
 * A body that passes validation, so the request reaches the clinic check (a 400 would prove
 * nothing about tenancy). Every write naming a record must have one: a new route fails here.
 */
function bodyOf(op: Operation): Record<string, unknown> | undefined {
  const reason = { reason: 'Probing another clinic' };
  const bodies: Record<string, () => Record<string, unknown> | undefined> = {
    'PATCH /users/{id}': () => ({ name: 'Hijacked', role: 'ADMIN' }),
    'PATCH /patients/{id}': () => ({ firstName: 'Hijacked' }),
    'PUT /patients/{id}/insurance': () => ({
      payerId: a.payer.id,
      memberId: 'HIJACK-1',
      subscriber: { relationship: '18' },
    }),
    'PATCH /payers/{id}': () => ({ name: 'Hijacked' }),
    'PATCH /consent-templates/{id}': () => ({ active: false }),
    'POST /consents/{id}/sign': () => ({
      signerName: 'Someone Else',
      relationship: 'SELF',
      signatureMethod: 'TYPED',
      signatureData: 'Someone Else',
      contentHash: a.consent.contentHash,
    }),
    'POST /consents/{id}/revoke': () => reason,
    'PATCH /fda-checklist-templates/{id}': () => ({ active: false }),
    'POST /procedure-plans/{id}/fda-checklist/sign': () => ({
      initials: { candidate: 'SE' },
      signerName: 'Someone Else',
      contentHash: 'a'.repeat(64),
    }),
    'POST /procedure-plans/{id}/fda-checklist/attest': () => ({}),
    'PATCH /inventory/items/{id}': () => ({ name: 'Hijacked', unitPrice: '0.01' }),
    'POST /inventory/items/{id}/batches': () => ({
      batchNumber: 'HIJACK-1',
      expiresAt: daysFromNow(200),
      quantity: 5,
    }),
    'POST /inventory/batches/{id}/adjustments': () => ({ quantityDelta: -1, reason: 'DAMAGE' }),
    'POST /inventory/batches/{id}/recalls': () => reason,
    'POST /inventory/recall-records/{id}/contacts': () => ({
      patientId: a.patient.id,
      method: 'PHONE',
    }),
    'POST /inventory/recall-records/{id}/close': () => ({}),
    'PATCH /procedure-plans/{id}': () => ({ procedureName: 'Hijacked' }),
    'POST /procedure-plans/{id}/inventory': () => ({
      inventoryItemId: a.suturesItem.id,
      quantity: 1,
    }),
    'DELETE /procedure-plans/{id}/inventory/{requirementId}': () => undefined,
    'POST /procedure-plans/{id}/inventory/{requirementId}/allocate': () => ({}),
    'POST /procedure-plans/{id}/inventory/{requirementId}/release': () => ({}),
    'POST /procedure-plans/{id}/quote': () => ({}),
    'POST /procedure-plans/{id}/approve': () => ({}),
    'POST /procedure-plans/{id}/patient-link': () => ({ channel: 'COPY' }),
    'POST /patient-links/{id}/revoke': () => ({}),
    'POST /procedure-plans/{id}/cancel': () => reason,
    'POST /procedure-plans/{id}/prior-authorizations': () => ({}),
    'POST /quotes/{id}/payment-plan': () => ({
      depositAmount: '100.00',
      installmentCount: 2,
      frequency: 'MONTHLY',
      firstDueDate: daysFromNow(40),
    }),
    'POST /quotes/{id}/payment-plan-offers': () => ({
      depositAmount: '100.00',
      installmentCount: 2,
      frequency: 'MONTHLY',
      firstDueDate: daysFromNow(40),
    }),
    'POST /payment-plan-offers/{id}/withdraw': () => ({}),
    'POST /payment-plans/{id}/payments': () => ({ amount: '10.00', method: 'CARD' }),
    'POST /quotes/{id}/prepayments': () => ({ amount: '10.00', method: 'CARD' }),
    'POST /bills/{id}/payments': () => ({ amount: '10.00', payer: 'PATIENT', method: 'CARD' }),
    'POST /bills/{id}/void': () => reason,
    'POST /prior-authorizations/{id}/submit': () => ({}),
    'POST /prior-authorizations/{id}/decision': () => ({ status: 'DENIED', notes: 'No' }),
    'POST /prior-authorizations/{id}/cancel': () => reason,
    'PATCH /operating-rooms/{id}': () => ({ name: 'Hijacked' }),
    'PUT /working-hours/{resourceId}': () => ({
      resourceKind: 'PROVIDER',
      intervals: [{ weekday: 1, start: '06:00', end: '07:00' }],
    }),
    'DELETE /schedule-exceptions/{id}': () => undefined,
    'PATCH /surgical-cases/{id}': () => ({ scheduledStart: at(9, 8), scheduledEnd: at(9, 10) }),
    'POST /surgical-cases/{id}/cancel': () => reason,
    'POST /surgical-cases/{id}/start': () => ({
      reason: 'Started ahead of its booked day in a test',
    }),
    'POST /surgical-cases/{id}/inventory-usage': () => ({
      inventoryItemId: a.suturesItem.id,
      quantity: 1,
    }),
    'POST /surgical-cases/{id}/complete': () => ({}),
    'PATCH /exam-rooms/{id}': () => ({ name: 'Hijacked' }),
    'PATCH /appointments/{id}': () => ({ notes: 'Hijacked' }),
    'POST /appointments/{id}/confirm': () => ({ start: at(9, 8) }),
    'POST /appointments/{id}/check-in': () => ({}),
    'POST /appointments/{id}/complete': () => ({}),
    'POST /appointments/{id}/cancel': () => reason,
    'POST /appointments/{id}/no-show': () => ({}),
    'POST /claims/{id}/accept': () => ({}),
    'POST /claims/{id}/reject': () => reason,
    'POST /claims/{id}/void': () => reason,
    'POST /claims/{id}/corrections': () => ({ frequency: '7', payerClaimControlNumber: 'X-1' }),
  };
  if (op.method === 'GET') return undefined;
  const make = bodies[op.key];
  if (!make) throw new Error(`no valid body for ${op.key}: add one`);
  return make();
}

/** Clinic B's callers for an operation: its ADMIN, and the first other role allowed. */
function callersOf(op: Operation): Role[] {
  const access = accessOf(op.key);
  if (access === 'PUBLIC' || access === 'PATIENT_LINK') return [];
  const other = access === 'EVERY_ROLE' ? 'COORDINATOR' : access[0];
  return other ? ['ADMIN', other] : ['ADMIN'];
}

/** Everything clinic A can read about its records, as its ADMIN sees it. */
async function snapshotOfA(): Promise<Record<string, unknown>> {
  const urls = [
    `/users/${clinicA.staff.SURGEON.id}`,
    `/patients/${a.patient.id}`,
    `/consultations/${a.consultation.id}`,
    `/procedure-plans/${a.openPlan.id}`,
    `/procedure-plans/${a.donePlan.id}`,
    `/procedure-plans/${a.insuredPlan.id}`,
    `/quotes/${a.quote.id}`,
    `/consents/${a.consent.id}`,
    `/consent-templates?code=${a.template.code}`,
    `/payment-plans/${a.paymentPlan.id}`,
    `/prior-authorizations/${a.priorAuthorization.id}`,
    `/inventory/items/${a.suturesItem.id}`,
    `/inventory/items/${a.suturesItem.id}/stock`,
    `/inventory/items/${a.implantItem.id}/stock`,
    `/inventory/units/${a.consumedSerial}`,
    `/inventory/recall-records/${a.recall.id}`,
    `/operating-rooms/${a.room.id}`,
    `/working-hours?resourceId=${clinicA.staff.SURGEON.id}`,
    `/schedule-exceptions?from=${a.scheduleException.startsOn}&to=${a.scheduleException.endsOn}`,
    `/surgical-cases/${a.surgicalCase.id}`,
    `/bills/${a.bill.id}`,
    `/payers/${a.payer.id}`,
    `/patients/${a.patient.id}/insurance`,
    `/remittances/${a.remittance.id}`,
    `/claims/${a.claim.id}`,
    `/claims/submissions/${a.submission.id}`,
    `/procedure-plans/${a.openPlan.id}/patient-links`,
    `/exam-rooms/${a.examRoom.id}`,
    `/appointments/${a.appointment.id}`,
    `/patients/${a.patient.id}/appointments`,
    `/appointments/${a.appointment.id}/reminders`,
  ];
  const snapshot: Record<string, unknown> = {};
  for (const url of urls) {
    const res = await clinicA.as('ADMIN').get(url);
    expect(res.status, url).toBe(200);
    snapshot[url] = res.body;
  }
  return snapshot;
}

/** Every id of clinic A's records, and a name only A's patient has. */
function traces(): string[] {
  return [
    a.patient.id,
    a.patient.lastName,
    a.consultation.id,
    a.openPlan.id,
    a.donePlan.id,
    a.insuredPlan.id,
    a.quote.id,
    a.consent.id,
    a.paymentPlan.id,
    a.priorAuthorization.id,
    a.suturesItem.id,
    a.implantItem.id,
    a.batch.batchId,
    a.room.id,
    a.surgicalCase.id,
    a.bill.id,
    a.payer.id,
    a.remittance.id,
    a.claim.id,
    a.submission.id,
    a.patientLink.id,
    a.examRoom.id,
    a.appointment.id,
    a.scheduleException.id,
    a.consumedSerial,
    clinicA.staff.SURGEON.id,
  ];
}

describe("another clinic's records", () => {
  it("answers 404 NOT_FOUND on every route naming one of clinic A's records, and A is unchanged", async () => {
    const before = await snapshotOfA();
    const countsBefore = [
      await rowCounts(t, clinicA.clinicId),
      await rowCounts(t, clinicB.clinicId),
    ];
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const params = [...op.url.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
      if (params.length === 0 || params.every((p) => NOT_TENANT_KEYS.has(p))) continue;
      // The patient portal's ids are checked against the link's plan (test/patient-portal.test.ts).
      if (accessOf(op.key) === 'PATIENT_LINK') continue;
      const url = fillPath(op.url, (name) => idOf(op, name));
      // The control: the ids are real, clinic A itself reads them.
      if (op.method === 'GET') {
        const own = await clinicA.as('ADMIN').get(url);
        if (own.status !== 200) failures.push(`${op.key} as A's ADMIN: ${own.status}`);
      }
      for (const role of callersOf(op)) {
        const version: Record<string, string> = op.method === 'PATCH' ? { 'if-match': '"1"' } : {};
        const res = await clinicB.as(role).request(op.method, url, bodyOf(op), version);
        checked += 1;
        if (res.status !== 404 || res.body?.code !== 'NOT_FOUND')
          failures.push(`${op.key} as B's ${role}: ${res.status} ${res.body?.code ?? ''}`);
      }
    }

    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(60);
    expect(await snapshotOfA()).toEqual(before);
    expect([await rowCounts(t, clinicA.clinicId), await rowCounts(t, clinicB.clinicId)]).toEqual(
      countsBefore,
    );
  });

  it("never lists clinic A's records to clinic B, with or without A's ids as filters", async () => {
    const filterValues: Record<string, string> = {
      patientId: a.patient.id,
      surgeonId: clinicA.staff.SURGEON.id,
      consultationId: a.consultation.id,
      procedurePlanId: a.donePlan.id,
      quoteId: a.quote.id,
      surgicalCaseId: a.surgicalCase.id,
      operatingRoomId: a.room.id,
      entityId: a.patient.id,
      actorId: clinicA.staff.COORDINATOR.id,
      itemId: a.implantItem.id,
      payerId: a.payer.id,
      billId: a.bill.id,
      providerId: clinicA.staff.SURGEON.id,
      examRoomId: a.examRoom.id,
      resourceId: clinicA.staff.SURGEON.id,
      roomId: a.room.id,
    };
    const failures: string[] = [];
    let filtered = 0;
    for (const op of operations) {
      if (op.method !== 'GET' || op.url.includes('{')) continue;
      const ids = op.queryParameters.filter((p) => p.name.endsWith('Id')).map((p) => p.name);
      const unknown = ids.filter((name) => !(name in filterValues));
      if (unknown.length > 0) failures.push(`${op.key}: no clinic A value for ${unknown.join()}`);
      const query = new URLSearchParams();
      // The recall list needs a GTIN and a lot: clinic A's implant lot, under a made-up GTIN.
      if (op.key === 'GET /inventory/recalls') {
        query.set('gtin', '00000000000000');
        query.set('lot', a.implantLot);
      }
      // Time off and free slots are searched by days.
      if (op.key === 'GET /schedule-exceptions' || op.key === 'GET /availability') {
        query.set('from', a.scheduleException.startsOn);
        query.set('to', a.scheduleException.endsOn);
      }
      if (op.key === 'GET /availability') query.set('type', 'CONSULTATION');
      // Reports cover days; clinic A's surgeon is an unknown surgeon to B: 400 naming surgeonId.
      const isReport = op.key.startsWith('GET /reports/');
      if (isReport) {
        query.set('from', '2020-01-01');
        query.set('to', '2022-12-31');
      }
      const variants = [new URLSearchParams(query)];
      for (const name of ids) {
        const withFilter = new URLSearchParams(query);
        withFilter.set(name, filterValues[name] ?? '');
        variants.push(withFilter);
      }
      for (const [index, params] of variants.entries()) {
        const url = `${op.url}${params.size > 0 ? `?${params.toString()}` : ''}`;
        for (const role of callersOf(op)) {
          const res = await clinicB.as(role).get(url);
          if (index > 0) filtered += 1;
          const leaked = traces().filter((trace) => res.text.includes(trace));
          const refused = isReport && params.has('surgeonId') ? [400] : [200, 404];
          if (!refused.includes(res.status) || leaked.length > 0)
            failures.push(`${url} as B's ${role}: ${res.status}, shows ${leaked.join()}`);
        }
      }
    }

    expect(failures).toEqual([]);
    expect(filtered).toBeGreaterThan(15);
  });

  it("answers clinic A's ids inside clinic B's bodies like unknown ids, and writes nothing", async () => {
    const open = await readyPlan(clinicB, { stopBefore: 'approve' });
    const ready = await readyPlan(clinicB);
    const bRoom = await operatingRoom(clinicB);
    const sutures = ready.plan.inventoryRequirements.find(
      (r: any) => r.inventoryItemId === ready.suturesItem.id,
    );
    const planBody = {
      patientId: open.patient.id,
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
    };
    const consultationBody = {
      patientId: open.patient.id,
      surgeonId: clinicB.staff.SURGEON.id,
      consultationDate: at(-1, 10),
      reason: 'Consultation',
    };
    const current = await clinicB.as('SURGEON').get(`/procedure-plans/${open.plan.id}`);
    const planVersion = { 'if-match': `"${current.body.version}"` };
    /** [who, method, url, body with clinic A's id (or a random one), clinic A's id] */
    type Probe = [Role, 'POST' | 'PATCH', string, (id: string) => Record<string, unknown>, string];
    const probes: Probe[] = [
      [
        'SURGEON',
        'POST',
        '/consultations',
        (id) => ({ ...consultationBody, patientId: id }),
        a.patient.id,
      ],
      [
        'SURGEON',
        'POST',
        '/consultations',
        (id) => ({ ...consultationBody, surgeonId: id }),
        clinicA.staff.SURGEON.id,
      ],
      [
        'SURGEON',
        'POST',
        '/procedure-plans',
        (id) => ({ ...planBody, patientId: id }),
        a.patient.id,
      ],
      [
        'SURGEON',
        'POST',
        '/procedure-plans',
        (id) => ({ ...planBody, consultationId: id }),
        a.consultation.id,
      ],
      [
        'SURGEON',
        'POST',
        '/procedure-plans',
        (id) => ({ ...planBody, inventoryRequirements: [{ inventoryItemId: id, quantity: 1 }] }),
        a.implantItem.id,
      ],
      [
        'NURSE',
        'POST',
        `/procedure-plans/${open.plan.id}/inventory`,
        (id) => ({ inventoryItemId: id, quantity: 1 }),
        a.suturesItem.id,
      ],
      [
        'SURGEON',
        'PATCH',
        `/procedure-plans/${open.plan.id}`,
        (id) => ({ consultationId: id }),
        a.consultation.id,
      ],
      [
        'NURSE',
        'POST',
        `/procedure-plans/${ready.plan.id}/inventory/${sutures.id}/allocate`,
        (id) => ({ batchId: id }),
        a.batch.batchId,
      ],
      [
        'COORDINATOR',
        'POST',
        '/surgical-cases',
        (id) => caseBody(clinicB, ready.plan, bRoom, 12, { operatingRoomId: id }),
        a.room.id,
      ],
      [
        'COORDINATOR',
        'POST',
        '/surgical-cases',
        (id) => caseBody(clinicB, ready.plan, bRoom, 12, { surgeonId: id }),
        clinicA.staff.SURGEON.id,
      ],
      [
        'COORDINATOR',
        'POST',
        '/surgical-cases',
        (id) => caseBody(clinicB, { id }, bRoom, 12),
        a.openPlan.id,
      ],
      ['BILLING', 'POST', '/claims', (id) => ({ billId: id }), a.claim.billId],
      ['BILLING', 'POST', '/claims/submissions', (id) => ({ claimIds: [id] }), a.claim.id],
    ];
    const countsBefore = [
      await rowCounts(t, clinicA.clinicId),
      await rowCounts(t, clinicB.clinicId),
    ];
    const failures: string[] = [];
    for (const [role, method, url, body, theirs] of probes) {
      const headers = method === 'PATCH' ? planVersion : {};
      const res = await clinicB.as(role).request(method, url, body(theirs), headers);
      const unknown = await clinicB.as(role).request(method, url, body(randomUUID()), headers);
      if (res.status === 412) failures.push(`${method} ${url}: stale If-Match in the test`);
      // The allocation answers an unknown batch 409 INSUFFICIENT_INVENTORY: the same for A's.
      if (
        res.status < 400 ||
        res.status >= 500 ||
        res.status !== unknown.status ||
        res.body?.code !== unknown.body?.code
      )
        failures.push(
          `${method} ${url} ${JSON.stringify(body(theirs))}: ${res.status} ${res.body?.code}, unknown id ${unknown.status} ${unknown.body?.code}`,
        );
    }

    expect(failures).toEqual([]);
    expect([await rowCounts(t, clinicA.clinicId), await rowCounts(t, clinicB.clinicId)]).toEqual(
      countsBefore,
    );
  });
});
