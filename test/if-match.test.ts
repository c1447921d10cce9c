import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/common/auth/caller';
import { addStaffMember, Given, type ClinicWithStaff } from './support/given';
import { examRoom, minutesFromNow } from './support/given-calendar';
import { insuredReconstructivePlan } from './support/given-plans';
import {
  at,
  billOfCompletedCase,
  bookedCase as bookedCaseFor,
  expectStatus,
  operatingRoom,
  readyPlan,
  type ReadyPlanOptions,
} from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Issue 14 §2: every action on a versioned record takes `If-Match` naming the version of the
 * record its path names (under /procedure-plans/:id, the plan's). A stale one is 412 and changes
 * nothing; the current one is applied and gives a new version; none at all works as before.
 */

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('If-Match Clinic');
});
afterAll(() => t.close());

// Each booked case gets a day of its own: the clinic has one surgeon, who cannot be double-booked.
let day = 20;

interface Snapshot {
  version: number;
  [shown: string]: unknown;
}

interface Arranged {
  method: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** The status the action answers when it is applied. */
  applied: number;
  /** What the API shows of the record, and of what the action would add beside it. */
  read(): Promise<Snapshot>;
}

interface Action {
  name: string;
  role: Role;
  /** false: the action adds a record beside the one its path names, which stays as it was. */
  bumps?: false;
  /** A fresh record in the state the action needs. */
  arrange(): Promise<Arranged>;
}

const actions: Action[] = [];

async function read(role: Role, url: string): Promise<any> {
  return expectStatus(`GET ${url}`, await clinic.as(role).get(url), 200);
}

function send(action: Action, arranged: Arranged, headers: Record<string, string> = {}) {
  return clinic
    .as(action.role)
    .request(arranged.method, arranged.url, arranged.body ?? {}, headers);
}

const planUrl = (plan: { id: string }) => `/procedure-plans/${plan.id}`;
const readPlan = (plan: { id: string }) => () => read('COORDINATOR', planUrl(plan));

async function plan(options: ReadyPlanOptions = {}) {
  return readyPlan(clinic, options);
}

function requirementOf(ready: { plan: any; implantItem: any }): string {
  return ready.plan.inventoryRequirements.find(
    (r: { inventoryItemId: string }) => r.inventoryItemId === ready.implantItem.id,
  ).id;
}

actions.push(
  {
    name: 'POST /procedure-plans/:id/inventory',
    role: 'COORDINATOR',
    async arrange() {
      const ready = await plan({ stopBefore: 'approve' });
      return {
        method: 'POST',
        url: `${planUrl(ready.plan)}/inventory`,
        body: { inventoryItemId: ready.suturesItem.id, quantity: 1 },
        applied: 201,
        read: readPlan(ready.plan),
      };
    },
  },
  {
    name: 'DELETE /procedure-plans/:id/inventory/:requirementId',
    role: 'COORDINATOR',
    async arrange() {
      const ready = await plan({ stopBefore: 'approve' });
      return {
        method: 'DELETE',
        url: `${planUrl(ready.plan)}/inventory/${requirementOf(ready)}`,
        applied: 200,
        read: readPlan(ready.plan),
      };
    },
  },
  {
    name: 'POST /procedure-plans/:id/inventory/:requirementId/allocate',
    role: 'NURSE',
    async arrange() {
      const ready = await plan({ stopBefore: 'allocate' });
      return {
        method: 'POST',
        url: `${planUrl(ready.plan)}/inventory/${requirementOf(ready)}/allocate`,
        applied: 200,
        read: readPlan(ready.plan),
      };
    },
  },
  {
    name: 'POST /procedure-plans/:id/inventory/:requirementId/release',
    role: 'NURSE',
    async arrange() {
      const ready = await plan();
      return {
        method: 'POST',
        url: `${planUrl(ready.plan)}/inventory/${requirementOf(ready)}/release`,
        applied: 200,
        read: readPlan(ready.plan),
      };
    },
  },
  {
    name: 'POST /procedure-plans/:id/quote',
    role: 'COORDINATOR',
    async arrange() {
      const ready = await plan({ stopBefore: 'approve' });
      return {
        method: 'POST',
        url: `${planUrl(ready.plan)}/quote`,
        applied: 201,
        read: readPlan(ready.plan),
      };
    },
  },
  {
    name: 'POST /procedure-plans/:id/approve',
    role: 'COORDINATOR',
    async arrange() {
      const ready = await plan({ stopBefore: 'approve' });
      return {
        method: 'POST',
        url: `${planUrl(ready.plan)}/approve`,
        applied: 200,
        read: readPlan(ready.plan),
      };
    },
  },
  {
    name: 'POST /procedure-plans/:id/cancel',
    role: 'COORDINATOR',
    async arrange() {
      const ready = await plan({ stopBefore: 'approve' });
      return {
        method: 'POST',
        url: `${planUrl(ready.plan)}/cancel`,
        body: { reason: 'The patient changed her mind' },
        applied: 200,
        read: readPlan(ready.plan),
      };
    },
  },
);

/** The consent of a new plan, waiting for the patient's signature. */
async function pendingConsentUrl(): Promise<string> {
  const ready = await plan({ withConsent: true, stopBefore: 'sign' });
  return `/consents/${ready.plan.consent.id}`;
}

actions.push(
  {
    name: 'POST /consents/:id/sign',
    role: 'NURSE',
    async arrange() {
      const url = await pendingConsentUrl();
      const consent = await read('NURSE', url);
      return {
        method: 'POST',
        url: `${url}/sign`,
        body: {
          signerName: 'Maria Lopez',
          relationship: 'SELF',
          signatureMethod: 'TYPED',
          signatureData: 'Maria Lopez',
          contentHash: consent.contentHash,
        },
        applied: 200,
        read: () => read('NURSE', url),
      };
    },
  },
  {
    name: 'POST /consents/:id/revoke',
    role: 'NURSE',
    async arrange() {
      const url = await pendingConsentUrl();
      return {
        method: 'POST',
        url: `${url}/revoke`,
        body: { reason: 'The patient withdrew her consent' },
        applied: 200,
        read: () => read('NURSE', url),
      };
    },
  },
);

/** A case booked for a ready plan on a day of its own, started when `started`. */
async function bookedCase(started = false) {
  const { ready, caseId } = await bookedCaseFor(clinic, (day += 1), { started });
  const url = `/surgical-cases/${caseId}`;
  return { ready, url, read: () => read('NURSE', url) };
}

actions.push(
  {
    name: 'PATCH /surgical-cases/:id (move)',
    role: 'COORDINATOR',
    async arrange() {
      const booked = await bookedCase();
      return {
        method: 'PATCH',
        url: booked.url,
        body: { scheduledStart: at(day, 12), scheduledEnd: at(day, 14) },
        applied: 200,
        read: booked.read,
      };
    },
  },
  {
    name: 'POST /surgical-cases/:id/cancel',
    role: 'COORDINATOR',
    async arrange() {
      const booked = await bookedCase();
      return {
        method: 'POST',
        url: `${booked.url}/cancel`,
        body: { reason: 'The patient is unwell' },
        applied: 200,
        read: booked.read,
      };
    },
  },
  {
    name: 'POST /surgical-cases/:id/start',
    role: 'NURSE',
    async arrange() {
      const booked = await bookedCase();
      return {
        method: 'POST',
        url: `${booked.url}/start`,
        body: { reason: 'Started ahead of its booked day in a test' },
        applied: 200,
        read: booked.read,
      };
    },
  },
  {
    name: 'POST /surgical-cases/:id/inventory-usage',
    role: 'NURSE',
    async arrange() {
      const booked = await bookedCase(true);
      return {
        method: 'POST',
        url: `${booked.url}/inventory-usage`,
        body: { inventoryItemId: booked.ready.suturesItem.id, quantity: 1 },
        applied: 201,
        read: booked.read,
      };
    },
  },
  {
    name: 'POST /surgical-cases/:id/complete',
    role: 'NURSE',
    async arrange() {
      const booked = await bookedCase(true);
      return { method: 'POST', url: `${booked.url}/complete`, applied: 200, read: booked.read };
    },
  },
);

/** The bill of a completed case. */
async function billUrl(): Promise<string> {
  return `/bills/${await billOfCompletedCase(clinic, (day += 1))}`;
}

/** A payment plan financing an accepted quote (given.acceptedQuote's 8000.00, 7000.00 down). */
async function paymentPlanUrl(): Promise<string> {
  const { quote } = await given.acceptedQuote(clinic, {
    itemCode: `implant-${(day += 1)}`,
  });
  const created = expectStatus(
    'payment plan',
    await clinic.as('BILLING').post(`/quotes/${quote.id}/payment-plan`, {
      depositAmount: '7000.00',
      installmentCount: 3,
      frequency: 'MONTHLY',
      firstDueDate: `${new Date().getUTCFullYear() + 1}-01-31`,
    }),
    201,
  );
  return `/payment-plans/${created.id}`;
}

actions.push(
  {
    name: 'POST /bills/:id/payments',
    role: 'BILLING',
    async arrange() {
      const url = await billUrl();
      return {
        method: 'POST',
        url: `${url}/payments`,
        body: { amount: '100.00', payer: 'PATIENT', method: 'CARD' },
        applied: 201,
        read: () => read('BILLING', url),
      };
    },
  },
  {
    name: 'POST /bills/:id/void',
    role: 'ADMIN',
    async arrange() {
      const url = await billUrl();
      return {
        method: 'POST',
        url: `${url}/void`,
        body: { reason: 'Billed in error' },
        applied: 200,
        read: () => read('BILLING', url),
      };
    },
  },
  {
    name: 'POST /payment-plans/:id/payments',
    role: 'BILLING',
    async arrange() {
      const url = await paymentPlanUrl();
      return {
        method: 'POST',
        url: `${url}/payments`,
        body: { amount: '100.00', method: 'CASH' },
        applied: 201,
        read: () => read('BILLING', url),
      };
    },
  },
);

/** A bulk (not serial-tracked) item of its own, as the API shows it, with its stock. */
async function bulkItem() {
  const item = expectStatus(
    'item',
    await clinic.as('NURSE').post('/inventory/items', {
      code: `gauze-${(day += 1)}`,
      name: 'Gauze swabs',
      category: 'CONSUMABLE',
      unitPrice: '2.00',
      isBillable: false,
      requiresSerialNumber: false,
    }),
    201,
  );
  const stock = async () => read('NURSE', `/inventory/items/${item.id}/stock`);
  return { item, stock };
}

actions.push(
  {
    name: 'POST /inventory/items/:id/batches',
    role: 'NURSE',
    bumps: false,
    async arrange() {
      const { item, stock } = await bulkItem();
      return {
        method: 'POST',
        url: `/inventory/items/${item.id}/batches`,
        body: { batchNumber: 'LOT-1', quantity: 5 },
        applied: 201,
        read: async () => ({
          ...(await read('NURSE', `/inventory/items/${item.id}`)),
          stock: await stock(),
        }),
      };
    },
  },
  {
    name: 'POST /inventory/batches/:id/adjustments',
    role: 'NURSE',
    async arrange() {
      const { item, stock } = await bulkItem();
      const batch = expectStatus(
        'receive',
        await clinic
          .as('NURSE')
          .post(`/inventory/items/${item.id}/batches`, { batchNumber: 'LOT-1', quantity: 5 }),
        201,
      );
      return {
        method: 'POST',
        url: `/inventory/batches/${batch.id}/adjustments`,
        body: { quantityDelta: -1, reason: 'DAMAGE' },
        applied: 201,
        read: async () => {
          const shown = await stock();
          return { ...shown, version: shown.batches[0].version };
        },
      };
    },
  },
);

/** A prior authorization requested for a new insured plan, moved on by `steps` (submit…). */
async function priorAuthorizationUrl(...steps: [string, unknown][]): Promise<string> {
  const draft = expectStatus(
    'request',
    await clinic
      .as('BILLING')
      .post(`${planUrl(await insuredReconstructivePlan(given, clinic))}/prior-authorizations`, {}),
    201,
  );
  const url = `/prior-authorizations/${draft.id}`;
  for (const [step, body] of steps)
    expectStatus(step, await clinic.as('BILLING').post(`${url}/${step}`, body), 200);
  return url;
}

actions.push(
  {
    name: 'POST /procedure-plans/:id/prior-authorizations',
    role: 'BILLING',
    bumps: false,
    async arrange() {
      const insured = await insuredReconstructivePlan(given, clinic);
      return {
        method: 'POST',
        url: `${planUrl(insured)}/prior-authorizations`,
        applied: 201,
        read: async () => ({
          ...(await read('COORDINATOR', planUrl(insured))),
          requests: await read('BILLING', `/prior-authorizations?procedurePlanId=${insured.id}`),
        }),
      };
    },
  },
  {
    name: 'POST /prior-authorizations/:id/submit',
    role: 'BILLING',
    async arrange() {
      const url = await priorAuthorizationUrl();
      return {
        method: 'POST',
        url: `${url}/submit`,
        applied: 200,
        read: () => read('BILLING', url),
      };
    },
  },
  {
    name: 'POST /prior-authorizations/:id/decision',
    role: 'BILLING',
    async arrange() {
      const url = await priorAuthorizationUrl(['submit', {}]);
      return {
        method: 'POST',
        url: `${url}/decision`,
        body: {
          status: 'APPROVED',
          authorizationNumber: 'AUTH-5521',
          validFrom: '2030-03-01',
          validTo: '2030-05-31',
        },
        applied: 200,
        read: () => read('BILLING', url),
      };
    },
  },
  {
    name: 'POST /prior-authorizations/:id/cancel',
    role: 'BILLING',
    async arrange() {
      const url = await priorAuthorizationUrl();
      return {
        method: 'POST',
        url: `${url}/cancel`,
        body: { reason: 'Requested in error' },
        applied: 200,
        read: () => read('BILLING', url),
      };
    },
  },
);

actions.push(
  {
    name: 'PATCH /procedure-plans/:id',
    role: 'COORDINATOR',
    async arrange() {
      const ready = await plan({ stopBefore: 'approve' });
      return {
        method: 'PATCH',
        url: planUrl(ready.plan),
        body: { notes: 'Revised after the second consultation' },
        applied: 200,
        read: readPlan(ready.plan),
      };
    },
  },
  {
    name: 'PATCH /patients/:id',
    role: 'COORDINATOR',
    async arrange() {
      const url = `/patients/${(await given.patient(clinic)).id}`;
      return {
        method: 'PATCH',
        url,
        body: { lastName: 'Smith' },
        applied: 200,
        read: () => read('COORDINATOR', url),
      };
    },
  },
  {
    name: 'PATCH /inventory/items/:id',
    role: 'NURSE',
    async arrange() {
      const url = `/inventory/items/${(await bulkItem()).item.id}`;
      return {
        method: 'PATCH',
        url,
        body: { name: 'Gauze swabs, sterile' },
        applied: 200,
        read: () => read('NURSE', url),
      };
    },
  },
  {
    name: 'PATCH /operating-rooms/:id',
    role: 'ADMIN',
    async arrange() {
      const url = `/operating-rooms/${(await operatingRoom(clinic)).id}`;
      return {
        method: 'PATCH',
        url,
        body: { active: false },
        applied: 200,
        read: () => read('ADMIN', url),
      };
    },
  },
  {
    name: 'PATCH /users/:id',
    role: 'ADMIN',
    async arrange() {
      const url = `/users/${(await addStaffMember(t, clinic, 'NURSE')).id}`;
      return {
        method: 'PATCH',
        url,
        body: { name: 'Renamed Nurse' },
        applied: 200,
        read: () => read('ADMIN', url),
      };
    },
  },
);

// The calendar: each appointment is a fresh nurse's, so no two of them meet.
async function appointment(start = at(60, 9), checkedIn = false): Promise<string> {
  const patient = await given.patient(clinic);
  const nurse = await addStaffMember(t, clinic, 'NURSE');
  const id: string = expectStatus(
    'appointment',
    await clinic.as('COORDINATOR').post('/appointments', {
      patientId: patient.id,
      type: 'FOLLOW_UP',
      providerId: nurse.id,
      start,
    }),
    201,
  ).id;
  if (checkedIn)
    expectStatus(
      'check-in',
      await clinic.as('NURSE').post(`/appointments/${id}/check-in`, {}),
      200,
    );
  return id;
}

function appointmentAction(
  name: string,
  role: Role,
  arrange: () => Promise<{ id: string; method: 'POST' | 'PATCH'; path: string; body?: unknown }>,
): Action {
  return {
    name,
    role,
    async arrange() {
      const { id, method, path, body } = await arrange();
      const url = `/appointments/${id}`;
      return {
        method,
        url: `${url}${path}`,
        body,
        applied: 200,
        read: () => read('COORDINATOR', url),
      };
    },
  };
}

actions.push(
  {
    name: 'PATCH /exam-rooms/:id',
    role: 'ADMIN',
    async arrange() {
      const url = `/exam-rooms/${(await examRoom(clinic)).id}`;
      return {
        method: 'PATCH',
        url,
        body: { active: false },
        applied: 200,
        read: () => read('ADMIN', url),
      };
    },
  },
  appointmentAction('PATCH /appointments/:id', 'COORDINATOR', async () => ({
    id: await appointment(),
    method: 'PATCH',
    path: '',
    body: { start: at(61, 10), reason: 'Moved' },
  })),
  appointmentAction('POST /appointments/:id/confirm', 'COORDINATOR', async () => {
    const { caseId } = await bookedCaseFor(clinic, (day += 1), { started: true });
    expectStatus(
      'complete',
      await clinic.as('NURSE').post(`/surgical-cases/${caseId}/complete`, {}),
      200,
    );
    const [proposed] = expectStatus(
      'proposed',
      await clinic.as('COORDINATOR').get(`/appointments?surgicalCaseId=${caseId}`),
      200,
    ).data;
    const nurse = await addStaffMember(t, clinic, 'NURSE');
    return {
      id: proposed.id,
      method: 'POST',
      path: '/confirm',
      body: { start: at(62, 9), providerId: nurse.id },
    };
  }),
  appointmentAction('POST /appointments/:id/check-in', 'NURSE', async () => ({
    id: await appointment(),
    method: 'POST',
    path: '/check-in',
  })),
  appointmentAction('POST /appointments/:id/complete', 'NURSE', async () => ({
    id: await appointment(at(60, 9), true),
    method: 'POST',
    path: '/complete',
  })),
  appointmentAction('POST /appointments/:id/cancel', 'COORDINATOR', async () => ({
    id: await appointment(),
    method: 'POST',
    path: '/cancel',
    body: { reason: 'Cannot come' },
  })),
  appointmentAction('POST /appointments/:id/no-show', 'COORDINATOR', async () => ({
    id: await appointment(minutesFromNow(-2)),
    method: 'POST',
    path: '/no-show',
  })),
);

describe.each(actions)('$name', (action) => {
  it('answers 412 VERSION_MISMATCH to a stale If-Match and changes nothing', async () => {
    const arranged = await action.arrange();
    const before = await arranged.read();
    const res = await send(action, arranged, { 'if-match': `"${before.version - 1}"` });
    expect(res.status).toBe(412);
    expect(res.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: before.version });
    expect(await arranged.read()).toEqual(before);
  });

  it('applies the action when If-Match names the current version', async () => {
    const arranged = await action.arrange();
    const before = await arranged.read();
    const res = await send(action, arranged, { 'if-match': `"${before.version}"` });
    expect(res.status, res.text).toBe(arranged.applied);
    const after = await arranged.read();
    if (action.bumps === false) expect(after.version).toBe(before.version);
    else expect(after.version).toBeGreaterThan(before.version);
  });

  it('applies the action without If-Match, as before', async () => {
    const arranged = await action.arrange();
    const res = await send(action, arranged);
    expect(res.status, res.text).toBe(arranged.applied);
  });
});

describe('a plan re-quoted after the client read it', () => {
  it('refuses the approval sent with the old ETag, and takes the one sent with the new', async () => {
    const ready = await plan({ stopBefore: 'approve' });
    const shown = await clinic.as('SURGEON').get(planUrl(ready.plan));
    const etag = String(shown.headers.etag);
    expect(etag).toBe(`"${shown.body.version}"`);

    expectStatus(
      're-quote',
      await clinic.as('COORDINATOR').post(`${planUrl(ready.plan)}/quote`, { validDays: 10 }),
      201,
    );
    const stale = await clinic
      .as('SURGEON')
      .post(`${planUrl(ready.plan)}/approve`, {}, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(shown.body.version + 1);
    const now = await clinic.as('SURGEON').get(planUrl(ready.plan));
    expect(now.body).toMatchObject({ status: 'QUOTED', approvedAt: null });
    expect(now.body.currentQuoteId).not.toBe(shown.body.currentQuoteId);

    const approved = await clinic
      .as('SURGEON')
      .post(`${planUrl(ready.plan)}/approve`, {}, { 'if-match': String(now.headers.etag) });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');
    expect(approved.headers.etag).toBe(`"${now.body.version + 1}"`);
  });
});
