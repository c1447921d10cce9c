// Nothing a user types is silently dropped (issue 14 §2): every property a request body accepts
// must come back in a later read, under its own name or an explicitly mapped one, unless it is in
// the short WRITE_ONLY list below, which says how such a field is acted on instead.
//
// The walk is driven by the served OpenAPI document, so a new route with a body fails here until
// it has a scenario (a), a new property fails until some scenario sends it (b), and a property
// that is accepted but lost fails on its value (c).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gs1CheckDigit } from '../src/modules/inventory/services/gs1-udi';
import { addStaffMember, Given, uniqueEmail, type ClinicWithStaff } from './support/given';
import { claimOf, givenInsuredBill, submit } from './support/given-claims';
import { feeScheduleEntry } from './support/given-plans';
import { completedCase } from './support/given-recalls';
import {
  at,
  caseBody,
  daysFromNow,
  expectStatus,
  operatingRoom,
  readyPlan,
} from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';
import { WebSessionClient } from './support/web-session';
import { remittance835 } from './support/x12-835';

/** One request of a scenario and the bodies read back after it. */
interface Exchange {
  sent: Record<string, unknown>;
  reads: unknown[];
  /** Sent to show the field is refused with a 400 naming it (checked by the scenario). */
  refused?: true;
}
type Scenario = () => Promise<Exchange[]>;

/**
 * Accepted but not read back, keyed `<operation> <property path>`: each is acted on, and the
 * value says how (the scenario checks it where the API can show it).
 */
const WRITE_ONLY: Record<string, string> = {
  'POST /auth/login password': 'compared with the stored argon2id hash',
  'POST /auth/change-password currentPassword': 'compared with the stored argon2id hash',
  'POST /auth/change-password newPassword':
    'stored as an argon2id hash; the scenario signs in with it',
  'POST /auth/session password': 'compared with the stored argon2id hash',
  'POST /auth/session/change-password currentPassword': 'compared with the stored argon2id hash',
  'POST /auth/session/change-password newPassword':
    'stored as an argon2id hash; the scenario signs in with it',
  'POST /users password': 'stored as an argon2id hash; the scenario signs in with it',
  'PATCH /users/{id} password': 'stored as an argon2id hash; the scenario signs in with it',
  'POST /consents/{id}/sign contentHash':
    'compared with the consent’s own hash (the signer saw this text); read back as contentHash',
  'POST /consents/{id}/sign signatureData':
    'stored (consents.signature_data) but never served: docs/consents.md, a read carries the signature’s metadata only',
  'POST /inventory/receive-udi udi':
    'parsed: GTIN → item, lot → batchNumber, expiry → expiresAt, serial → a unit (read back by serial)',
  'POST /inventory/receive-udi udis[]': 'parsed per label, as udi',
  'POST /procedure-plans/{id}/quote validDays': 'becomes validUntil = issuedAt + validDays days',
  'POST /procedure-plans/{id}/patient-link expiresInHours':
    'becomes expiresAt = now + expiresInHours hours (the scenario checks it)',
  'POST /patient-portal/consent/sign contentHash':
    'compared with the consent’s own hash (the patient saw this text); read back as contentHash',
  'POST /patient-portal/consent/sign signatureImage':
    'stored (consents.signature_data) but never served: the signed-consent PDF prints it',
  'POST /patient-portal/fda-checklist/sign contentHash':
    'compared with the checklist’s own hash (the patient saw this text); read back as contentHash',
  'POST /patient-portal/verify dateOfBirth':
    "compared with the patient's date of birth: a match opens the plan's overview (checked)",
  'POST /remittances x12':
    'parsed and posted (TRN02 → traceNumber, BPR02 → paymentTotal, each CLP → claims[] or unmatched[]); the file is stored as received',
};

/** Read back under another name, keyed like WRITE_ONLY: the read's key. */
const RENAMED: Record<string, string> = {
  'POST /inventory/items/{id}/batches quantity': 'onHand',
  'POST /inventory/items/{id}/batches serialNumbers[]': 'serialNumber',
  'POST /procedure-plans/{id}/inventory/{requirementId}/allocate batchId': 'preAllocatedBatchId',
  'POST /procedure-plans/{id}/approve notes': 'approvalNotes',
  'POST /procedure-plans/{id}/cancel reason': 'cancelReason',
  'POST /consents/{id}/revoke reason': 'revokeReason',
  'POST /bills/{id}/void reason': 'voidReason',
  'POST /prior-authorizations/{id}/cancel reason': 'cancelReason',
  'POST /surgical-cases/{id}/cancel reason': 'cancelReason',
  'POST /surgical-cases/{id}/complete notes': 'completionNotes',
  'POST /surgical-cases/{id}/start reason': 'startReason',
  'PUT /patients/{id}/insurance payerId': 'id',
  'POST /claims/{id}/reject reason': 'statusReason',
  'POST /claims/{id}/void reason': 'statusReason',
  'POST /inventory/recall-records/{id}/close note': 'closeNote',
};

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let document: OpenApiDocument;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  clinic = await given.clinicWithStaff('No Dropped Input Clinic');
  document = parseDocument((await t.api.get('/api/openapi.json')).body);
}, 60_000);
afterAll(() => t.close());

const as = (role: Parameters<ClinicWithStaff['as']>[0]) => clinic.as(role);
const tag = () => randomBytes(3).toString('hex');

let gtinSeq = 0;
function freshGtin(): string {
  gtinSeq += 1;
  const body = `0077123${String(1_000_000 + gtinSeq).slice(1)}`;
  return `${body}${gs1CheckDigit(body)}`;
}

async function newItem(serialTracked: boolean, extra: Record<string, unknown> = {}) {
  return expectStatus(
    'item',
    await as('NURSE').post('/inventory/items', {
      code: `walk-${serialTracked ? 'implant' : 'bulk'}-${tag()}`,
      name: 'Walker item',
      category: serialTracked ? 'IMPLANT' : 'CONSUMABLE',
      unitPrice: '10.00',
      isBillable: false,
      requiresSerialNumber: serialTracked,
      ...extra,
    }),
    201,
  );
}

/** A batch of a new bulk item, 10 on hand. */
async function bulkBatch(): Promise<any> {
  const item = await newItem(false);
  return expectStatus(
    'batch',
    await as('NURSE').post(`/inventory/items/${item.id}/batches`, {
      batchNumber: `WR-${tag()}`,
      quantity: 10,
    }),
    201,
  );
}

// One surgeon operates every case: each takes a day of its own.
let caseDay = 20;
async function scheduledCase() {
  const ready = await readyPlan(clinic);
  const room = await operatingRoom(clinic);
  caseDay += 1;
  const created = expectStatus(
    'case',
    await as('COORDINATOR').post('/surgical-cases', caseBody(clinic, ready.plan, room, caseDay)),
    201,
  );
  return { ready, room, surgicalCase: created };
}

async function startedCase() {
  const scheduled = await scheduledCase();
  expectStatus(
    'start',
    await as('NURSE').post(`/surgical-cases/${scheduled.surgicalCase.id}/start`, {
      reason: 'Started ahead of its booked day in a test',
    }),
    200,
  );
  return scheduled;
}

async function openBill() {
  const { surgicalCase } = await startedCase();
  const completed = expectStatus(
    'complete',
    await as('SURGEON').post(`/surgical-cases/${surgicalCase.id}/complete`, {}),
    200,
  );
  return expectStatus('bill', await as('BILLING').get(`/bills/${completed.billId}`), 200);
}

async function insuredPlan() {
  await feeScheduleEntry(clinic, '19357', { surgeonFee: '5200.00', facilityFee: '900.00' });
  const patient = await given.patient(clinic, {
    insurance: { payerName: 'Blue Shield', memberId: 'BS-778812' },
  });
  return expectStatus(
    'insured plan',
    await as('COORDINATOR').post('/procedure-plans', {
      patientId: patient.id,
      procedureName: 'Breast reconstruction with tissue expander',
      procedureType: 'RECONSTRUCTIVE',
      primaryCPTCode: '19357',
      cptCodes: ['19357'],
      diagnosisCodes: ['Z90.11'],
    }),
    201,
  );
}

async function priorAuthorization(status: 'DRAFT' | 'SUBMITTED') {
  const plan = await insuredPlan();
  const created = expectStatus(
    'prior authorization',
    await as('BILLING').post(`/procedure-plans/${plan.id}/prior-authorizations`, {}),
    201,
  );
  if (status === 'SUBMITTED')
    expectStatus(
      'submit',
      await as('BILLING').post(`/prior-authorizations/${created.id}/submit`, {}),
      200,
    );
  return created;
}

async function pendingConsent() {
  const ready = await readyPlan(clinic, { withConsent: true, stopBefore: 'sign' });
  return expectStatus('consent', await as('NURSE').get(`/consents/${ready.plan.consent.id}`), 200);
}

/** A copy link of the plan, as its patient calls the portal with it (token and date of birth). */
async function patientLinkOf(plan: { id: string; patientId: string }) {
  const patient = expectStatus(
    'patient',
    await as('COORDINATOR').get(`/patients/${plan.patientId}`),
    200,
  );
  const { url } = expectStatus(
    'patient link',
    await as('COORDINATOR').post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'COPY' }),
    201,
  );
  const headers = {
    authorization: `Bearer ${String(url).split('/p/')[1]}`,
    'x-patient-date-of-birth': patient.dateOfBirth as string,
  };
  return { patient, headers };
}

async function draftPlan() {
  const patient = await given.patient(clinic);
  return expectStatus(
    'plan',
    await as('COORDINATOR').post('/procedure-plans', {
      patientId: patient.id,
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
    }),
    201,
  );
}

/** `body` to `url` as `role`, expecting `status`; then each read, as `reader`. */
async function exchange(
  role: Parameters<ClinicWithStaff['as']>[0],
  method: 'POST' | 'PATCH' | 'PUT',
  url: string,
  sent: Record<string, unknown>,
  status: number,
  /** The URLs to read afterwards, given the id in the answer (a created record's). */
  readUrls: (answeredId: string) => string[],
  reader: Parameters<ClinicWithStaff['as']>[0] = 'ADMIN',
): Promise<Exchange> {
  const answer = expectStatus(
    `${method} ${url}`,
    await as(role).request(method, url, sent),
    status,
  );
  const reads: unknown[] = [];
  const answeredId = isRecord(answer) && typeof answer.id === 'string' ? answer.id : '';
  for (const read of readUrls(answeredId))
    reads.push(expectStatus(`GET ${read}`, await as(reader).get(read), 200));
  return { sent, reads };
}

/** One entry per operation with a request body: the request, with distinctive values, and its reads. */
const SCENARIOS: Record<string, Scenario> = {
  'POST /auth/login': async () => {
    const member = await addStaffMember(t, clinic, 'NURSE');
    const sent = { email: member.email, password: member.password };
    const token = expectStatus('login', await t.api.post('/auth/login', sent), 200).accessToken;
    return [
      { sent, reads: [expectStatus('me', await t.api.withToken(token).get('/auth/me'), 200)] },
    ];
  },
  'POST /auth/change-password': async () => {
    const member = await addStaffMember(t, clinic, 'NURSE');
    const sent = { currentPassword: member.password, newPassword: 'walker-new-password-2026' };
    expectStatus('change', await member.api.post('/auth/change-password', sent), 200);
    await given.login(member.email, sent.newPassword);
    return [{ sent, reads: [] }];
  },
  'POST /auth/session': async () => {
    const member = await addStaffMember(t, clinic, 'NURSE');
    const sent = { email: member.email, password: member.password };
    const browser = new WebSessionClient(t);
    expectStatus('session', await browser.signIn(sent.email, sent.password), 200);
    return [{ sent, reads: [expectStatus('me', await browser.send('GET', '/auth/me'), 200)] }];
  },
  'POST /auth/session/change-password': async () => {
    const member = await addStaffMember(t, clinic, 'NURSE');
    const browser = new WebSessionClient(t);
    expectStatus('session', await browser.signIn(member.email, member.password), 200);
    const sent = { currentPassword: member.password, newPassword: 'walker-new-password-2027' };
    expectStatus(
      'change',
      await browser.send('POST', '/auth/session/change-password', { body: sent }),
      200,
    );
    await given.login(member.email, sent.newPassword);
    return [{ sent, reads: [] }];
  },
  'POST /users': async () => {
    const sent = {
      email: uniqueEmail('walker'),
      name: 'Wanda Walker',
      role: 'BILLING',
      password: 'walker-password-2026',
      npi: '1679576722',
      taxonomyCode: '208200000X',
    };
    const done = await exchange('ADMIN', 'POST', '/users', sent, 201, (id) => [`/users/${id}`]);
    await given.login(sent.email, sent.password);
    return [done];
  },
  'PATCH /users/{id}': async () => {
    const member = await addStaffMember(t, clinic, 'NURSE');
    const sent = {
      email: uniqueEmail('patched'),
      name: 'Paula Patched',
      role: 'COORDINATOR',
      active: true,
      password: 'patched-password-2026',
      npi: '1234567893',
      taxonomyCode: '2086S0122X',
    };
    const done = await exchange('ADMIN', 'PATCH', `/users/${member.id}`, sent, 200, () => [
      `/users/${member.id}`,
    ]);
    await given.login(sent.email, sent.password);
    const deactivated = await exchange(
      'ADMIN',
      'PATCH',
      `/users/${member.id}`,
      { active: false },
      200,
      () => [`/users/${member.id}`],
    );
    return [done, deactivated];
  },
  'PATCH /clinic': async () => {
    const sent = {
      name: 'No Dropped Input Clinic',
      address: {
        line1: '77 Walker Lane',
        line2: 'Floor 7',
        city: 'Walkerville',
        state: 'WV',
        postalCode: '26177',
      },
      phone: '+1 304 555 0177',
      timeZone: 'America/Denver',
    };
    return [await exchange('ADMIN', 'PATCH', '/clinic', sent, 200, () => ['/clinic'], 'BILLING')];
  },
  'PUT /clinic/billing-profile': async () => {
    const sent = {
      legalName: 'Walker Surgery PLLC',
      npi: '1234567893',
      taxId: '271234567',
      taxonomyCode: '261QA1903X',
      address: {
        line1: '77 Walker Lane',
        line2: 'Suite 7',
        city: 'Walkerville',
        state: 'WV',
        postalCode: '26177-1234',
      },
      submitterId: 'WALKSUB',
      receiverId: 'WALKRCV',
      defaultPlaceOfService: '22',
    };
    return [
      await exchange('ADMIN', 'PUT', '/clinic/billing-profile', sent, 200, () => [
        '/clinic/billing-profile',
      ]),
    ];
  },
  'POST /payers': async () => {
    const sent = {
      name: 'Walker Health Plan',
      payerId: `WALK${tag().toUpperCase()}`,
      address: {
        line1: 'PO Box 77',
        line2: 'Claims',
        city: 'Walkerton',
        state: 'IN',
        postalCode: '46574',
      },
    };
    return [await exchange('BILLING', 'POST', '/payers', sent, 201, (id) => [`/payers/${id}`])];
  },
  'POST /remittances': async () => {
    const trace = `WALK-${tag().toUpperCase()}`;
    const sent = {
      x12: remittance835({
        trace,
        claims: [
          {
            claimNumber: 'CLM-WALK-000001',
            charge: '120',
            paid: '80',
            services: [
              { code: '99213', charge: '120', paid: '80', adjustments: [['CO', '45', '40']] },
            ],
          },
        ],
      }),
    };
    const exchanged = await exchange('BILLING', 'POST', '/remittances', sent, 201, (id) => [
      `/remittances/${id}`,
    ]);
    const read = exchanged.reads[0] as { traceNumber: string; unmatched: unknown[] };
    expect(read.traceNumber).toBe(trace);
    expect(read.unmatched).toHaveLength(1);
    return [exchanged];
  },
  'PATCH /payers/{id}': async () => {
    const payer = expectStatus(
      'payer',
      await as('BILLING').post('/payers', {
        name: 'Walker Old',
        payerId: `OLD${tag().toUpperCase()}`,
      }),
      201,
    );
    const sent = {
      name: 'Walker Renamed Plan',
      payerId: `NEW${tag().toUpperCase()}`,
      address: {
        line1: 'PO Box 78',
        line2: 'Appeals',
        city: 'Walkerburg',
        state: 'OH',
        postalCode: '43001',
      },
    };
    return [
      await exchange('BILLING', 'PATCH', `/payers/${payer.id}`, sent, 200, () => [
        `/payers/${payer.id}`,
      ]),
    ];
  },
  'PUT /patients/{id}/insurance': async () => {
    const patient = await given.patient(clinic);
    const payer = expectStatus(
      'payer',
      await as('BILLING').post('/payers', {
        name: 'Walker Ins',
        payerId: `INS${tag().toUpperCase()}`,
      }),
      201,
    );
    const sent = {
      payerId: payer.id,
      memberId: 'WLK-778899',
      groupNumber: 'GRP-7788',
      subscriber: {
        relationship: '01',
        firstName: 'Walter',
        lastName: 'Walkerspouse',
        dateOfBirth: '1970-07-07',
        sex: 'MALE',
      },
    };
    return [
      await exchange('COORDINATOR', 'PUT', `/patients/${patient.id}/insurance`, sent, 200, () => [
        `/patients/${patient.id}/insurance`,
      ]),
    ];
  },
  'POST /patients': async () => {
    const sent = {
      mrn: `MRN-W${tag()}`,
      firstName: 'Walda',
      lastName: 'Walkerton',
      dateOfBirth: '1977-07-17',
      sexAtBirth: 'MALE',
      email: 'walda.walkerton@example.org',
      phone: '+1 555 0100 77',
      insurance: { payerName: 'Aetna Walk', memberId: 'AW-771', groupNumber: 'GW-772' },
      address: {
        line1: '77 Walker Street',
        line2: 'Apt 7',
        city: 'Walkerton',
        state: 'IN',
        postalCode: '46574',
      },
    };
    return [
      await exchange('COORDINATOR', 'POST', '/patients', sent, 201, (id) => [`/patients/${id}`]),
    ];
  },
  'PATCH /patients/{id}': async () => {
    const patient = await given.patient(clinic);
    const sent = {
      firstName: 'Petra',
      lastName: 'Patchwell',
      dateOfBirth: '1981-08-18',
      sexAtBirth: 'UNKNOWN',
      email: 'petra.patchwell@example.org',
      phone: '+1 555 0100 88',
      insurance: { payerName: 'Cigna Patch', memberId: 'CP-881', groupNumber: 'GP-882' },
      address: {
        line1: '88 Patch Lane',
        line2: 'Unit 8',
        city: 'Patchogue',
        state: 'NY',
        postalCode: '11772-8881',
      },
    };
    return [
      await exchange('COORDINATOR', 'PATCH', `/patients/${patient.id}`, sent, 200, () => [
        `/patients/${patient.id}`,
      ]),
    ];
  },
  'POST /consultations': async () => {
    const patient = await given.patient(clinic);
    const sent = {
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: '2026-10-05T14:45:00Z',
      reason: 'Walker asks about rhinoplasty',
      notes: 'Walker consultation notes',
    };
    return [
      await exchange('SURGEON', 'POST', '/consultations', sent, 201, (id) => [
        `/consultations/${id}`,
      ]),
    ];
  },
  'POST /consent-templates': async () => {
    const sent = {
      code: `WALK_${tag().toUpperCase()}`,
      version: 7,
      title: 'Walker consent title',
      body: 'Walker consent body text.',
      cptCodes: ['15830'],
      active: false,
    };
    return [
      await exchange('ADMIN', 'POST', '/consent-templates', sent, 201, () => [
        `/consent-templates?code=${sent.code}`,
      ]),
    ];
  },
  'POST /fda-checklist-templates': async () => {
    const sent = {
      title: `Walker checklist ${tag()}`,
      sections: [{ key: 'walk-risks', heading: 'Walker risks', body: 'Walker body.' }],
      surgeonAttestation: 'Walker attests.',
      active: false,
    };
    return [
      await exchange('ADMIN', 'POST', '/fda-checklist-templates', sent, 201, () => [
        '/fda-checklist-templates?active=false&limit=100',
      ]),
    ];
  },
  'PATCH /fda-checklist-templates/{id}': async () => {
    const template = expectStatus(
      'template',
      await as('ADMIN').post('/fda-checklist-templates', {
        title: 'Walker',
        sections: [{ key: 'walk', heading: 'Walk', body: 'Walk.' }],
        surgeonAttestation: 'Walk.',
      }),
      201,
    );
    // Retire it at once: the clinic's plans keep getting the default text.
    return [
      await exchange(
        'ADMIN',
        'PATCH',
        `/fda-checklist-templates/${template.id}`,
        { active: false },
        200,
        () => ['/fda-checklist-templates?active=false&limit=100'],
      ),
    ];
  },
  'POST /procedure-plans/{id}/fda-checklist/sign': async () => {
    const { plan } = await readyPlan(clinic, { stopBefore: 'approve' });
    const path = `/procedure-plans/${plan.id}/fda-checklist`;
    const read = expectStatus('checklist', await as('NURSE').get(path), 200);
    const sent = {
      initials: Object.fromEntries(read.checklist.sections.map((s: any) => [s.key, 'Wj'])),
      signerName: 'Wilma Initialer',
      contentHash: read.checklist.contentHash,
    };
    return [await exchange('NURSE', 'POST', `${path}/sign`, sent, 200, () => [path])];
  },
  'PATCH /consent-templates/{id}': async () => {
    const code = `WALK_${tag().toUpperCase()}`;
    const template = expectStatus(
      'template',
      await as('ADMIN').post('/consent-templates', {
        code,
        version: 1,
        title: 'Walker',
        body: 'Walker.',
        cptCodes: ['15831'],
      }),
      201,
    );
    return [
      await exchange(
        'ADMIN',
        'PATCH',
        `/consent-templates/${template.id}`,
        { active: false },
        200,
        () => [`/consent-templates?code=${code}`],
      ),
    ];
  },
  'POST /consents/{id}/sign': async () => {
    const consent = await pendingConsent();
    const sent = {
      signerName: 'Wilma Signer',
      relationship: 'GUARDIAN',
      signatureMethod: 'TYPED',
      signatureData: 'Wilma Signer',
      contentHash: consent.contentHash,
      witnessId: clinic.staff.COORDINATOR.id,
    };
    return [
      await exchange('NURSE', 'POST', `/consents/${consent.id}/sign`, sent, 200, () => [
        `/consents/${consent.id}`,
      ]),
    ];
  },
  'POST /consents/{id}/revoke': async () => {
    const consent = await pendingConsent();
    return [
      await exchange(
        'NURSE',
        'POST',
        `/consents/${consent.id}/revoke`,
        { reason: 'Walker changed her mind' },
        200,
        () => [`/consents/${consent.id}`],
      ),
    ];
  },
  'PUT /fee-schedule/{cptCode}': async () => {
    const sent = {
      description: 'Walker rhinoplasty',
      surgeonFee: '4321.09',
      facilityFee: '321.08',
      anesthesiaFee: '21.07',
    };
    return [
      await exchange('BILLING', 'PUT', '/fee-schedule/30410', sent, 200, () => [
        '/fee-schedule/30410',
      ]),
    ];
  },
  'POST /inventory/items': async () => {
    const sent = {
      code: `walk-item-${tag()}`,
      name: 'Walker tissue expander',
      category: 'IMPLANT',
      manufacturer: 'WalkCo',
      size: '12mm',
      shape: 'Oval',
      unitPrice: '17.35',
      isBillable: true,
      requiresSerialNumber: true,
      hcpcsCode: 'L8699',
      gtin: freshGtin(),
      implantKind: 'BREAST',
    };
    return [
      await exchange('NURSE', 'POST', '/inventory/items', sent, 201, (id) => [
        `/inventory/items/${id}`,
      ]),
    ];
  },
  'PATCH /inventory/items/{id}': async () => {
    const item = await newItem(false);
    const sent = {
      name: 'Walker patched item',
      category: 'MEDICATION',
      manufacturer: 'PatchCo',
      size: '5ml',
      shape: 'Vial',
      unitPrice: '3.21',
      isBillable: true,
      requiresSerialNumber: true,
      hcpcsCode: 'J1100',
      gtin: freshGtin(),
      implantKind: null,
      active: false,
    };
    return [
      await exchange('NURSE', 'PATCH', `/inventory/items/${item.id}`, sent, 200, () => [
        `/inventory/items/${item.id}`,
      ]),
    ];
  },
  'POST /inventory/items/{id}/batches': async () => {
    const bulk = await newItem(false);
    const implant = await newItem(true);
    const serials = [`WS-${tag()}-1`, `WS-${tag()}-2`];
    return [
      await exchange(
        'NURSE',
        'POST',
        `/inventory/items/${bulk.id}/batches`,
        { batchNumber: `WB-${tag()}`, expiresAt: daysFromNow(321), quantity: 37 },
        201,
        () => [`/inventory/items/${bulk.id}/stock`],
      ),
      await exchange(
        'NURSE',
        'POST',
        `/inventory/items/${implant.id}/batches`,
        { batchNumber: `WS-${tag()}`, expiresAt: daysFromNow(322), serialNumbers: serials },
        201,
        () => [
          `/inventory/items/${implant.id}/stock`,
          ...serials.map((s) => `/inventory/units/${s}`),
        ],
      ),
    ];
  },
  'POST /inventory/receive-udi': async () => {
    const gtin = freshGtin();
    const item = await newItem(true, { gtin });
    const label = (serial: string) => `(01)${gtin}(17)300101(10)WLOT(21)${serial}`;
    const units = ['WU1', 'WU2', 'WU3'].map((s) => `${s}${tag()}`);
    const [one, ...more] = units.map(label);
    const exchanges = [
      await exchange('NURSE', 'POST', '/inventory/receive-udi', { udi: one }, 201, () => []),
      await exchange('NURSE', 'POST', '/inventory/receive-udi', { udis: more }, 201, () => []),
    ];
    // Acted on: each label became a unit of its GTIN's item, in its lot.
    for (const serial of units) {
      const unit = expectStatus('unit', await as('NURSE').get(`/inventory/units/${serial}`), 200);
      expect(unit).toMatchObject({ itemId: item.id, batchNumber: 'WLOT', status: 'AVAILABLE' });
    }
    return exchanges;
  },
  'POST /inventory/batches/{id}/recalls': async () => {
    const batch = await bulkBatch();
    return [
      await exchange(
        'NURSE',
        'POST',
        `/inventory/batches/${batch.id}/recalls`,
        { reason: `Field safety notice ${tag()}` },
        201,
        (id) => [`/inventory/recall-records/${id}`],
      ),
    ];
  },
  'POST /inventory/recall-records/{id}/contacts': async () => {
    const ready = await readyPlan(clinic);
    await completedCase(clinic, ready);
    const stock = expectStatus(
      'stock',
      await as('NURSE').get(`/inventory/items/${ready.implantItem.id}/stock`),
      200,
    );
    const recall = expectStatus(
      'recall',
      await as('NURSE').post(`/inventory/batches/${stock.batches[0].batchId}/recalls`, {
        reason: 'Notice',
      }),
      201,
    );
    return [
      await exchange(
        'SURGEON',
        'POST',
        `/inventory/recall-records/${recall.id}/contacts`,
        { patientId: ready.patient.id, method: 'LETTER', note: `Written to ${tag()}` },
        201,
        () => [`/inventory/recall-records/${recall.id}`],
      ),
    ];
  },
  'POST /inventory/recall-records/{id}/close': async () => {
    const batch = await bulkBatch();
    const recall = expectStatus(
      'recall',
      await as('NURSE').post(`/inventory/batches/${batch.id}/recalls`, { reason: 'Notice' }),
      201,
    );
    return [
      await exchange(
        'NURSE',
        'POST',
        `/inventory/recall-records/${recall.id}/close`,
        { note: `Lot returned ${tag()}` },
        200,
        () => [`/inventory/recall-records/${recall.id}`],
      ),
    ];
  },
  'POST /inventory/batches/{id}/adjustments': async () => {
    const bulk = await newItem(false);
    const implant = await newItem(true);
    const serial = `WA-${tag()}`;
    const bulkBatch = expectStatus(
      'bulk batch',
      await as('NURSE').post(`/inventory/items/${bulk.id}/batches`, {
        batchNumber: `WAB-${tag()}`,
        quantity: 10,
      }),
      201,
    );
    const serialBatch = expectStatus(
      'serial batch',
      await as('NURSE').post(`/inventory/items/${implant.id}/batches`, {
        batchNumber: `WAS-${tag()}`,
        serialNumbers: [serial],
      }),
      201,
    );
    return [
      await exchange(
        'NURSE',
        'POST',
        `/inventory/batches/${bulkBatch.id}/adjustments`,
        { quantityDelta: -3, reason: 'EXPIRY_WRITE_OFF', note: 'Walker found three expired' },
        201,
        () => [`/inventory/batches/${bulkBatch.id}/adjustments`],
      ),
      await exchange(
        'NURSE',
        'POST',
        `/inventory/batches/${serialBatch.id}/adjustments`,
        { quantityDelta: -1, reason: 'DAMAGE', serialNumbers: [serial] },
        201,
        () => [`/inventory/batches/${serialBatch.id}/adjustments`],
      ),
    ];
  },
  'POST /procedure-plans': async () => {
    const patient = await given.patient(clinic);
    const consultation = expectStatus(
      'consultation',
      await as('SURGEON').post('/consultations', {
        patientId: patient.id,
        surgeonId: clinic.staff.SURGEON.id,
        consultationDate: '2026-09-01T09:00:00Z',
        reason: 'Abdominoplasty',
      }),
      201,
    );
    const implant = await newItem(true, { size: '300cc', shape: 'Round' });
    const bulk = await newItem(false);
    const sent = {
      patientId: patient.id,
      consultationId: consultation.id,
      procedureName: 'Walker panniculectomy',
      procedureType: 'HYBRID',
      primaryCPTCode: '15830',
      cptCodes: ['15830', '15847'],
      diagnosisCodes: ['L98.7'],
      insuranceCptCodes: ['15830'],
      notes: 'Walker plan notes',
      inventoryRequirements: [
        {
          inventoryItemId: implant.id,
          quantity: 2,
          requiresSerialNumber: true,
          sizeRequirement: '300cc',
          shapeRequirement: 'Round',
          isRequired: true,
        },
        { inventoryItemCode: bulk.code, quantity: 3, isRequired: false },
      ],
    };
    return [
      await exchange('COORDINATOR', 'POST', '/procedure-plans', sent, 201, (id) => [
        `/procedure-plans/${id}`,
      ]),
    ];
  },
  'PATCH /procedure-plans/{id}': async () => {
    const plan = await draftPlan();
    const consultation = expectStatus(
      'consultation',
      await as('SURGEON').post('/consultations', {
        patientId: plan.patientId,
        surgeonId: clinic.staff.SURGEON.id,
        consultationDate: '2026-09-02T09:00:00Z',
        reason: 'Abdominoplasty instead',
      }),
      201,
    );
    const sent = {
      consultationId: consultation.id,
      procedureName: 'Walker edited plan',
      procedureType: 'HYBRID',
      primaryCPTCode: '15847',
      cptCodes: ['15830', '15847'],
      diagnosisCodes: ['L98.7'],
      insuranceCptCodes: ['15847'],
      notes: 'Walker edited notes',
    };
    return [
      await exchange('COORDINATOR', 'PATCH', `/procedure-plans/${plan.id}`, sent, 200, () => [
        `/procedure-plans/${plan.id}`,
      ]),
    ];
  },
  'POST /procedure-plans/{id}/inventory': async () => {
    const plan = await draftPlan();
    const byId = await newItem(false);
    const byCode = await newItem(false);
    const url = `/procedure-plans/${plan.id}/inventory`;
    return [
      await exchange(
        'NURSE',
        'POST',
        url,
        {
          inventoryItemId: byId.id,
          quantity: 4,
          requiresSerialNumber: false,
          sizeRequirement: '12mm',
          shapeRequirement: 'Oval',
          isRequired: false,
        },
        201,
        (id) => [`${url}/${id}`],
      ),
      await exchange(
        'NURSE',
        'POST',
        url,
        { inventoryItemCode: byCode.code, quantity: 5 },
        201,
        (id) => [`${url}/${id}`],
      ),
    ];
  },
  'POST /procedure-plans/{id}/inventory/{requirementId}/allocate': async () => {
    const ready = await readyPlan(clinic, { stopBefore: 'allocate' });
    const stock = expectStatus(
      'stock',
      await as('NURSE').get(`/inventory/items/${ready.implantItem.id}/stock`),
      200,
    );
    const implants = ready.plan.inventoryRequirements.find(
      (r: { inventoryItemId: string }) => r.inventoryItemId === ready.implantItem.id,
    );
    const url = `/procedure-plans/${ready.plan.id}/inventory/${implants.id}`;
    return [
      await exchange(
        'NURSE',
        'POST',
        `${url}/allocate`,
        { batchId: stock.batches[0].batchId },
        200,
        () => [url],
      ),
    ];
  },
  'POST /procedure-plans/{id}/quote': async () => {
    const plan = await draftPlan();
    await feeScheduleEntry(clinic, '19325', { surgeonFee: '7000.00', facilityFee: '200.00' });
    const done = await exchange(
      'COORDINATOR',
      'POST',
      `/procedure-plans/${plan.id}/quote`,
      { validDays: 45 },
      201,
      (id) => [`/quotes/${id}`],
    );
    const [quote] = done.reads;
    expect(quote).toMatchObject({ validUntil: expect.any(String), issuedAt: expect.any(String) });
    const { validUntil, issuedAt } = expectDates(quote);
    expect(Math.round((validUntil - issuedAt) / 86_400_000)).toBe(45);
    return [done];
  },
  'POST /procedure-plans/{id}/patient-link': async () => {
    const plan = await draftPlan();
    const sent = { channel: 'COPY', expiresInHours: 5 };
    const created = expectStatus(
      'patient link',
      await as('COORDINATOR').post(`/procedure-plans/${plan.id}/patient-link`, sent),
      201,
    );
    const hours = (Date.parse(created.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(4.9);
    expect(hours).toBeLessThanOrEqual(5);
    const listed = expectStatus(
      'links',
      await as('COORDINATOR').get(`/procedure-plans/${plan.id}/patient-links`),
      200,
    );
    return [{ sent, reads: [listed] }];
  },
  'POST /patient-portal/verify': async () => {
    const plan = await draftPlan();
    const patient = expectStatus(
      'patient',
      await as('COORDINATOR').get(`/patients/${plan.patientId}`),
      200,
    );
    const { url } = expectStatus(
      'patient link',
      await as('COORDINATOR').post(`/procedure-plans/${plan.id}/patient-link`, { channel: 'COPY' }),
      201,
    );
    const sent = { dateOfBirth: patient.dateOfBirth };
    const opened = expectStatus(
      'verify',
      await t.api.post('/patient-portal/verify', sent, {
        authorization: `Bearer ${String(url).split('/p/')[1]}`,
      }),
      200,
    );
    expect(opened.plan.planNumber).toBe(plan.planNumber);
    return [{ sent, reads: [opened] }];
  },
  'POST /patient-portal/consent/sign': async () => {
    const { patient, headers } = await patientLinkOf(await draftPlan());
    const consent = expectStatus(
      'consent',
      await t.api.get('/patient-portal/consent', headers),
      200,
    );
    const sent = {
      signerName: `${patient.firstName} ${patient.lastName}`,
      signatureImage:
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      contentHash: consent.contentHash,
    };
    const signed = expectStatus(
      'sign',
      await t.api.post('/patient-portal/consent/sign', sent, headers),
      200,
    );
    return [
      {
        sent,
        reads: [signed, await t.api.get('/patient-portal/consent', headers).then((r) => r.body)],
      },
    ];
  },
  'POST /patient-portal/fda-checklist/sign': async () => {
    const { patient, headers } = await patientLinkOf(await draftPlan());
    const checklist = expectStatus(
      'checklist',
      await t.api.get('/patient-portal/fda-checklist', headers),
      200,
    );
    const sent = {
      initials: Object.fromEntries(
        checklist.sections.map((s: { key: string }, i: number) => [s.key, `W${'ABCDEFGHIJ'[i]}`]),
      ),
      signerName: `${patient.firstName} ${patient.lastName}`,
      contentHash: checklist.contentHash,
    };
    const signed = expectStatus(
      'sign',
      await t.api.post('/patient-portal/fda-checklist/sign', sent, headers),
      200,
    );
    return [{ sent, reads: [signed] }];
  },
  'POST /procedure-plans/{id}/approve': async () => {
    const ready = await readyPlan(clinic, { stopBefore: 'approve' });
    return [
      await exchange(
        'COORDINATOR',
        'POST',
        `/procedure-plans/${ready.plan.id}/approve`,
        { notes: 'Walker approval notes' },
        200,
        () => [`/procedure-plans/${ready.plan.id}`],
      ),
    ];
  },
  'POST /procedure-plans/{id}/cancel': async () => {
    const plan = await draftPlan();
    return [
      await exchange(
        'COORDINATOR',
        'POST',
        `/procedure-plans/${plan.id}/cancel`,
        { reason: 'Walker moved away' },
        200,
        () => [`/procedure-plans/${plan.id}`],
      ),
    ];
  },
  'POST /procedure-plans/{id}/prior-authorizations': async () => {
    const plan = await insuredPlan();
    const sent = {
      payerName: 'Walk Health',
      memberId: 'WH-991',
      cptCodes: ['19357'],
      diagnosisCodes: ['Z90.11'],
    };
    return [
      await exchange(
        'BILLING',
        'POST',
        `/procedure-plans/${plan.id}/prior-authorizations`,
        sent,
        201,
        (id) => [`/prior-authorizations/${id}`],
      ),
    ];
  },
  'POST /prior-authorizations/{id}/submit': async () => {
    const draft = await priorAuthorization('DRAFT');
    return [
      await exchange('BILLING', 'POST', `/prior-authorizations/${draft.id}/submit`, {}, 200, () => [
        `/prior-authorizations/${draft.id}`,
      ]),
    ];
  },
  'POST /prior-authorizations/{id}/decision': async () => {
    const submitted = await priorAuthorization('SUBMITTED');
    const sent = {
      status: 'APPROVED',
      authorizationNumber: 'AUTH-W1',
      approvedCptCodes: ['19357'],
      validFrom: daysFromNow(1),
      validTo: daysFromNow(90),
      notes: 'Walker decision notes',
    };
    return [
      await exchange(
        'BILLING',
        'POST',
        `/prior-authorizations/${submitted.id}/decision`,
        sent,
        200,
        () => [`/prior-authorizations/${submitted.id}`],
      ),
    ];
  },
  'POST /prior-authorizations/{id}/cancel': async () => {
    const draft = await priorAuthorization('DRAFT');
    return [
      await exchange(
        'BILLING',
        'POST',
        `/prior-authorizations/${draft.id}/cancel`,
        { reason: 'Walker withdrew it' },
        200,
        () => [`/prior-authorizations/${draft.id}`],
      ),
    ];
  },
  'POST /quotes/{id}/payment-plan': async () => {
    const ready = await readyPlan(clinic);
    const sent = {
      depositAmount: '1234.00',
      installmentCount: 4,
      frequency: 'BIWEEKLY',
      firstDueDate: daysFromNow(33),
    };
    return [
      await exchange(
        'BILLING',
        'POST',
        `/quotes/${ready.plan.currentQuoteId}/payment-plan`,
        sent,
        201,
        (id) => [`/payment-plans/${id}`],
      ),
    ];
  },
  'POST /quotes/{id}/payment-plan-offers': async () => {
    const ready = await readyPlan(clinic);
    const quoteId = ready.plan.currentQuoteId;
    const sent = {
      depositAmount: '2345.00',
      installmentCount: 5,
      frequency: 'WEEKLY',
      firstDueDate: daysFromNow(41),
    };
    return [
      await exchange(
        'COORDINATOR',
        'POST',
        `/quotes/${quoteId}/payment-plan-offers`,
        sent,
        201,
        () => [`/quotes/${quoteId}/payment-plan-offers`],
      ),
    ];
  },
  'POST /payment-plans/{id}/payments': async () => {
    const ready = await readyPlan(clinic);
    const plan = expectStatus(
      'payment plan',
      await as('BILLING').post(`/quotes/${ready.plan.currentQuoteId}/payment-plan`, {
        depositAmount: '1000.00',
        installmentCount: 2,
        frequency: 'MONTHLY',
        firstDueDate: daysFromNow(30),
      }),
      201,
    );
    return [
      await exchange(
        'BILLING',
        'POST',
        `/payment-plans/${plan.id}/payments`,
        { amount: '101.23', method: 'CHECK', reference: 'WALK-CHK-1' },
        201,
        () => [`/payment-plans/${plan.id}`],
      ),
    ];
  },
  'POST /quotes/{id}/prepayments': async () => {
    const ready = await readyPlan(clinic);
    const url = `/quotes/${ready.plan.currentQuoteId}/prepayments`;
    return [
      await exchange(
        'BILLING',
        'POST',
        url,
        { amount: '250.75', method: 'BANK_TRANSFER', reference: 'WALK-DEP-1' },
        201,
        () => [url],
      ),
    ];
  },
  'POST /bills/{id}/payments': async () => {
    const bill = await openBill();
    return [
      await exchange(
        'BILLING',
        'POST',
        `/bills/${bill.id}/payments`,
        { amount: '55.55', payer: 'PATIENT', method: 'BANK_TRANSFER', reference: 'WALK-BT-1' },
        201,
        () => [`/bills/${bill.id}`],
      ),
    ];
  },
  'POST /bills/{id}/void': async () => {
    const bill = await openBill();
    return [
      await exchange(
        'ADMIN',
        'POST',
        `/bills/${bill.id}/void`,
        { reason: 'Walker billed twice' },
        200,
        () => [`/bills/${bill.id}`],
      ),
    ];
  },
  'POST /claims': async () => {
    const { bill } = await givenInsuredBill(clinic);
    return [
      await exchange('BILLING', 'POST', '/claims', { billId: bill.id }, 201, (id) => [
        `/claims/${id}`,
      ]),
    ];
  },
  'POST /claims/submissions': async () => {
    const { bill } = await givenInsuredBill(clinic);
    const claim = await claimOf(clinic, bill.id);
    return [
      await exchange(
        'BILLING',
        'POST',
        '/claims/submissions',
        { claimIds: [claim.id] },
        201,
        (id) => [`/claims/submissions/${id}`],
      ),
    ];
  },
  'POST /claims/{id}/reject': async () => {
    const { bill } = await givenInsuredBill(clinic);
    const claim = await claimOf(clinic, bill.id);
    await submit(clinic, [claim.id]);
    return [
      await exchange(
        'BILLING',
        'POST',
        `/claims/${claim.id}/reject`,
        { reason: 'Walker: subscriber not found' },
        200,
        () => [`/claims/${claim.id}`],
      ),
    ];
  },
  'POST /claims/{id}/void': async () => {
    const { bill } = await givenInsuredBill(clinic);
    const claim = await claimOf(clinic, bill.id);
    return [
      await exchange(
        'BILLING',
        'POST',
        `/claims/${claim.id}/void`,
        { reason: 'Walker claimed in error' },
        200,
        () => [`/claims/${claim.id}`],
      ),
    ];
  },
  'POST /claims/{id}/corrections': async () => {
    const { bill } = await givenInsuredBill(clinic);
    const claim = await claimOf(clinic, bill.id);
    await submit(clinic, [claim.id]);
    expectStatus('accept', await as('BILLING').post(`/claims/${claim.id}/accept`, {}), 200);
    return [
      await exchange(
        'BILLING',
        'POST',
        `/claims/${claim.id}/corrections`,
        { frequency: '7', payerClaimControlNumber: 'WALK-PCN-7' },
        201,
        (id) => [`/claims/${id}`, `/claims/${claim.id}`],
      ),
    ];
  },
  'PUT /reminder-settings': async () => {
    const sent = { offsetsMinutes: [4320, 1440, 45] };
    return [
      await exchange('ADMIN', 'PUT', '/reminder-settings', sent, 200, () => ['/reminder-settings']),
    ];
  },
  'POST /operating-rooms': async () => {
    const sent = { name: `Walker OR ${tag()}`, opensAt: '06:45', closesAt: '20:30' };
    return [
      await exchange('ADMIN', 'POST', '/operating-rooms', sent, 201, (id) => [
        `/operating-rooms/${id}`,
      ]),
    ];
  },
  'PATCH /operating-rooms/{id}': async () => {
    const room = await operatingRoom(clinic);
    return [
      await exchange(
        'ADMIN',
        'PATCH',
        `/operating-rooms/${room.id}`,
        { name: `Walker renamed ${tag()}`, active: false, opensAt: '08:15', closesAt: '17:45' },
        200,
        () => [`/operating-rooms/${room.id}`],
      ),
    ];
  },
  'PUT /working-hours/{resourceId}': async () => {
    const nurse = await addStaffMember(t, clinic, 'NURSE');
    const sent = {
      resourceKind: 'PROVIDER',
      intervals: [
        { weekday: 2, start: '07:45', end: '11:15' },
        { weekday: 6, start: '12:30', end: '16:05' },
      ],
    };
    return [
      await exchange('ADMIN', 'PUT', `/working-hours/${nurse.id}`, sent, 200, () => [
        `/working-hours?resourceId=${nurse.id}`,
      ]),
    ];
  },
  'POST /schedule-exceptions': async () => {
    const nurse = await addStaffMember(t, clinic, 'NURSE');
    const sent = {
      kind: 'LEAVE',
      resourceKind: 'PROVIDER',
      resourceId: nurse.id,
      startsOn: daysFromNow(301),
      endsOn: daysFromNow(303),
      startTime: '13:45',
      endTime: '16:20',
      reason: `Walker leave ${tag()}`,
    };
    return [
      await exchange('COORDINATOR', 'POST', '/schedule-exceptions', sent, 201, () => [
        `/schedule-exceptions?from=${sent.startsOn}&to=${sent.endsOn}&resourceId=${nurse.id}`,
      ]),
    ];
  },
  'PUT /appointment-types/{type}': async () => {
    const sent = { defaultMinutes: 35, whatToBring: `Walker's list ${tag()}` };
    return [
      await exchange('ADMIN', 'PUT', '/appointment-types/FOLLOW_UP', sent, 200, () => [
        '/appointment-types',
      ]),
    ];
  },
  'POST /surgical-cases': async () => {
    const ready = await readyPlan(clinic);
    const room = await operatingRoom(clinic);
    const sent = caseBody(clinic, ready.plan, room, 11, {
      scheduledStart: at(11, 13, 15),
      scheduledEnd: at(11, 15, 45),
    });
    return [
      await exchange('COORDINATOR', 'POST', '/surgical-cases', sent, 201, (id) => [
        `/surgical-cases/${id}`,
      ]),
    ];
  },
  'PATCH /surgical-cases/{id}': async () => {
    const { surgicalCase } = await scheduledCase();
    const room = await operatingRoom(clinic);
    const url = `/surgical-cases/${surgicalCase.id}`;
    const moved = await exchange(
      'COORDINATOR',
      'PATCH',
      url,
      { operatingRoomId: room.id, scheduledStart: at(6, 12, 30), scheduledEnd: at(6, 14, 50) },
      200,
      () => [url],
    );
    // The copied procedure fields are declared only to be refused by name (docs/design.md §4).
    const refused: Exchange[] = [];
    for (const field of [
      'procedurePlanId',
      'patientId',
      'surgeonId',
      'procedureName',
      'procedureCode',
      'cptCodes',
      'diagnosisCodes',
      'procedureType',
      'insuranceCptCodes',
      'caseNumber',
      'status',
    ]) {
      const sent = { scheduledStart: at(6, 12, 30), [field]: 'changed' };
      const res = await as('COORDINATOR').patch(url, sent);
      expect(res.status, field).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
      refused.push({ sent, reads: [], refused: true });
    }
    return [moved, ...refused];
  },
  'POST /surgical-cases/{id}/cancel': async () => {
    const { surgicalCase } = await scheduledCase();
    const url = `/surgical-cases/${surgicalCase.id}`;
    return [
      await exchange(
        'COORDINATOR',
        'POST',
        `${url}/cancel`,
        { reason: 'Walker postponed' },
        200,
        () => [url],
      ),
    ];
  },
  'POST /surgical-cases/{id}/start': async () => {
    const { surgicalCase } = await scheduledCase();
    const url = `/surgical-cases/${surgicalCase.id}`;
    return [
      await exchange(
        'NURSE',
        'POST',
        `${url}/start`,
        { reason: 'Walker started it early: the room freed up' },
        200,
        () => [url],
      ),
    ];
  },
  'POST /surgical-cases/{id}/inventory-usage': async () => {
    const { ready, surgicalCase } = await startedCase();
    const url = `/surgical-cases/${surgicalCase.id}`;
    const sutures = expectStatus(
      'stock',
      await as('NURSE').get(`/inventory/items/${ready.suturesItem.id}/stock`),
      200,
    );
    const spare = ready.received.find((s) => !ready.serials.includes(s));
    return [
      await exchange(
        'NURSE',
        'POST',
        `${url}/inventory-usage`,
        { inventoryItemId: ready.suturesItem.id, batchId: sutures.batches[0].batchId, quantity: 3 },
        201,
        () => [url],
      ),
      await exchange(
        'NURSE',
        'POST',
        `${url}/inventory-usage`,
        { inventoryItemId: ready.implantItem.id, serialNumber: spare, quantity: 1 },
        201,
        () => [url],
      ),
    ];
  },
  'POST /surgical-cases/{id}/complete': async () => {
    const { surgicalCase } = await startedCase();
    const url = `/surgical-cases/${surgicalCase.id}`;
    return [
      await exchange(
        'SURGEON',
        'POST',
        `${url}/complete`,
        { notes: 'Walker completion notes' },
        200,
        () => [url],
      ),
    ];
  },
  'POST /exam-rooms': async () => {
    const sent = { name: `Walker exam ${tag()}` };
    return [
      await exchange('ADMIN', 'POST', '/exam-rooms', sent, 201, (id) => [`/exam-rooms/${id}`]),
    ];
  },
  'PATCH /exam-rooms/{id}': async () => {
    const room = expectStatus(
      'exam room',
      await as('ADMIN').post('/exam-rooms', { name: `Walker exam ${tag()}` }),
      201,
    );
    return [
      await exchange(
        'ADMIN',
        'PATCH',
        `/exam-rooms/${room.id}`,
        { name: `Walker exam renamed ${tag()}`, active: false },
        200,
        () => [`/exam-rooms/${room.id}`],
      ),
    ];
  },
  'POST /appointments': async () => {
    const { ready, surgicalCase } = await scheduledCase();
    const provider = await addStaffMember(t, clinic, 'NURSE');
    const room = expectStatus(
      'exam room',
      await as('ADMIN').post('/exam-rooms', { name: `Walker exam ${tag()}` }),
      201,
    );
    const consultation = expectStatus(
      'consultation',
      await as('SURGEON').post('/consultations', {
        patientId: ready.patient.id,
        surgeonId: clinic.staff.SURGEON.id,
        consultationDate: '2026-11-20T10:00:00Z',
        reason: 'Walker consultation',
      }),
      201,
    );
    const sent = {
      patientId: ready.patient.id,
      type: 'PRE_OP',
      providerId: provider.id,
      examRoomId: room.id,
      start: at(50, 13, 15),
      end: at(50, 13, 50),
      notes: 'Walker pre-op notes',
      consultationId: consultation.id,
      procedurePlanId: ready.plan.id,
      surgicalCaseId: surgicalCase.id,
    };
    return [
      await exchange('COORDINATOR', 'POST', '/appointments', sent, 201, (id) => [
        `/appointments/${id}`,
      ]),
    ];
  },
  'PATCH /appointments/{id}': async () => {
    const patient = await given.patient(clinic);
    const [first, second] = [
      await addStaffMember(t, clinic, 'NURSE'),
      await addStaffMember(t, clinic, 'NURSE'),
    ];
    const room = expectStatus(
      'exam room',
      await as('ADMIN').post('/exam-rooms', { name: `Walker exam ${tag()}` }),
      201,
    );
    const booked = expectStatus(
      'book',
      await as('COORDINATOR').post('/appointments', {
        patientId: patient.id,
        type: 'FOLLOW_UP',
        providerId: first.id,
        start: at(51, 9),
      }),
      201,
    );
    return [
      await exchange(
        'COORDINATOR',
        'PATCH',
        `/appointments/${booked.id}`,
        {
          start: at(51, 14, 45),
          end: at(51, 15, 5),
          providerId: second.id,
          examRoomId: room.id,
          notes: 'Walker moved notes',
          reason: 'Walker asked for the afternoon',
        },
        200,
        () => [`/appointments/${booked.id}`],
      ),
    ];
  },
  'POST /appointments/{id}/confirm': async () => {
    const { surgicalCase } = await startedCase();
    expectStatus(
      'complete',
      await as('SURGEON').post(`/surgical-cases/${surgicalCase.id}/complete`, {}),
      200,
    );
    const [proposed] = expectStatus(
      'proposed',
      await as('COORDINATOR').get(`/appointments?surgicalCaseId=${surgicalCase.id}`),
      200,
    ).data;
    const provider = await addStaffMember(t, clinic, 'NURSE');
    const room = expectStatus(
      'exam room',
      await as('ADMIN').post('/exam-rooms', { name: `Walker exam ${tag()}` }),
      201,
    );
    return [
      await exchange(
        'COORDINATOR',
        'POST',
        `/appointments/${proposed.id}/confirm`,
        {
          start: at(52, 10, 15),
          end: at(52, 10, 40),
          providerId: provider.id,
          examRoomId: room.id,
        },
        200,
        () => [`/appointments/${proposed.id}`],
      ),
    ];
  },
  'POST /appointments/{id}/complete': async () => {
    const patient = await given.patient(clinic);
    const provider = await addStaffMember(t, clinic, 'NURSE');
    const booked = expectStatus(
      'book',
      await as('COORDINATOR').post('/appointments', {
        patientId: patient.id,
        type: 'FOLLOW_UP',
        providerId: provider.id,
        start: at(53, 9),
      }),
      201,
    );
    expectStatus(
      'check-in',
      await as('NURSE').post(`/appointments/${booked.id}/check-in`, {}),
      200,
    );
    return [
      await exchange(
        'NURSE',
        'POST',
        `/appointments/${booked.id}/complete`,
        { notes: 'Walker healing well' },
        200,
        () => [`/appointments/${booked.id}`],
      ),
    ];
  },
  'POST /appointments/{id}/cancel': async () => {
    const patient = await given.patient(clinic);
    const provider = await addStaffMember(t, clinic, 'NURSE');
    const booked = expectStatus(
      'book',
      await as('COORDINATOR').post('/appointments', {
        patientId: patient.id,
        type: 'FOLLOW_UP',
        providerId: provider.id,
        start: at(54, 9),
      }),
      201,
    );
    return [
      await exchange(
        'COORDINATOR',
        'POST',
        `/appointments/${booked.id}/cancel`,
        { reason: 'Walker cannot come' },
        200,
        () => [`/appointments/${booked.id}`],
      ),
    ];
  },
  'PUT /post-op-templates/{cptCode}': async () => [
    await exchange(
      'ADMIN',
      'PUT',
      '/post-op-templates/15877',
      { offsetsDays: [3, 10, 30] },
      200,
      () => ['/post-op-templates'],
    ),
  ],
};

describe('every accepted input is stored or acted on', () => {
  it('has a scenario for every operation with a request body, and no stale list entry', () => {
    const withBody = [...document.bodies.keys()].sort();
    expect(Object.keys(SCENARIOS).sort()).toEqual(withBody);
    const listed = [...Object.keys(WRITE_ONLY), ...Object.keys(RENAMED)];
    const known = new Set(
      [...document.bodies].flatMap(([op, schema]) =>
        propertyPaths(document, schema, '').map((p) => `${op} ${p}`),
      ),
    );
    expect(listed.filter((entry) => !known.has(entry))).toEqual([]);
  });

  for (const [operation, scenario] of Object.entries(SCENARIOS)) {
    it(`${operation}: sends every property and reads each value back`, async () => {
      const schema = document.bodies.get(operation);
      expect(schema, `${operation} has no body in the OpenAPI document`).toBeDefined();
      const exchanges = await scenario();
      // (b) every property of the schema is sent by some request of the scenario.
      const sentPaths = new Set(exchanges.flatMap((e) => valuePaths(e.sent, '')));
      const unsent = propertyPaths(document, schema, '').filter((p) => !sentPaths.has(p));
      expect(unsent, 'properties the scenario never sends').toEqual([]);
      // (c) every value sent comes back under its own (or its mapped) name.
      const dropped = exchanges
        .filter((e) => !e.refused)
        .flatMap((e) =>
          leaves(e.sent, '')
            .filter((leaf) => WRITE_ONLY[`${operation} ${leaf.path}`] === undefined)
            .filter((leaf) => {
              const key = RENAMED[`${operation} ${leaf.path}`] ?? leaf.key;
              return !e.reads.some((read) => shows(read, key, leaf.value));
            })
            .map((leaf) => `${leaf.path} = ${JSON.stringify(leaf.value)}`),
        );
      expect(dropped, 'values accepted but never read back').toEqual([]);
    });
  }

  it('fails a value that is read back under no name (the walk can fail)', () => {
    expect(shows({ notes: 'other', plan: { reason: 'x' } }, 'notes', 'Walker notes')).toBe(false);
    expect(shows({ plan: { items: [{ notes: 'Walker notes' }] } }, 'notes', 'Walker notes')).toBe(
      true,
    );
    expect(shows({ at: '2026-10-05T14:45:00.000Z' }, 'at', '2026-10-05T14:45:00Z')).toBe(true);
    expect(shows({ codes: ['A', 'B'] }, 'codes', 'B')).toBe(true);
  });
});

// The walk -------------------------------------------------------------------------------------

interface OpenApiDocument {
  schemas: Map<string, unknown>;
  /** `<METHOD> <path>` (without /api/v1) → its JSON request body schema. */
  bodies: Map<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseDocument(raw: unknown): OpenApiDocument {
  if (!isRecord(raw) || !isRecord(raw.paths)) throw new Error('not an OpenAPI document');
  const components = isRecord(raw.components) ? raw.components.schemas : undefined;
  const schemas = new Map(isRecord(components) ? Object.entries(components) : []);
  const bodies = new Map<string, unknown>();
  for (const [path, operations] of Object.entries(raw.paths)) {
    if (!isRecord(operations)) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const body = isRecord(operation) ? operation.requestBody : undefined;
      const content = isRecord(body) ? body.content : undefined;
      const json = isRecord(content) ? content['application/json'] : undefined;
      if (isRecord(json) && json.schema !== undefined)
        bodies.set(`${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`, json.schema);
    }
  }
  return { schemas, bodies };
}

function resolved(doc: OpenApiDocument, schema: unknown): Record<string, unknown> {
  let current = schema;
  for (let hops = 0; isRecord(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`a $ref cycle at ${current.$ref}`);
    current = doc.schemas.get(current.$ref.replace('#/components/schemas/', ''));
  }
  return isRecord(current) ? current : {};
}

/** Every property path a schema accepts: `a`, `a.b`, `list[]`, `list[].c`. */
function propertyPaths(doc: OpenApiDocument, schema: unknown, prefix: string): string[] {
  const s = resolved(doc, schema);
  const branches = [s.allOf, s.anyOf, s.oneOf].flatMap((b) => (Array.isArray(b) ? b : []));
  const paths = branches.flatMap((b) => propertyPaths(doc, b, prefix));
  if (s.items !== undefined) {
    paths.push(`${prefix}[]`, ...propertyPaths(doc, s.items, `${prefix}[]`));
  }
  if (isRecord(s.properties)) {
    for (const [key, sub] of Object.entries(s.properties)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      paths.push(path, ...propertyPaths(doc, sub, path));
    }
  }
  return [...new Set(paths)].filter((p) => p !== '[]' && !p.startsWith('[]'));
}

/** The same paths for a value that was sent. */
function valuePaths(value: unknown, prefix: string): string[] {
  if (Array.isArray(value))
    return [`${prefix}[]`, ...value.flatMap((v) => valuePaths(v, `${prefix}[]`))];
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, sub]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...valuePaths(sub, path)];
  });
}

interface Leaf {
  path: string;
  /** The property name the value sits under (an array's name for its elements). */
  key: string;
  value: string | number | boolean;
}

function leaves(value: unknown, prefix: string, key = ''): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, `${prefix}[]`, key));
  if (isRecord(value))
    return Object.entries(value).flatMap(([k, sub]) =>
      leaves(sub, prefix === '' ? k : `${prefix}.${k}`, k),
    );
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return [{ path: prefix, key, value }];
  return [];
}

/** Whether `read` has, anywhere, a property `key` equal to `value` (or a list holding it). */
function shows(read: unknown, key: string, value: string | number | boolean): boolean {
  if (Array.isArray(read)) return read.some((r) => shows(r, key, value));
  if (!isRecord(read)) return false;
  return Object.entries(read).some(([k, v]) => {
    if (k === key && (Array.isArray(v) ? v.some((e) => same(e, value)) : same(v, value)))
      return true;
    return shows(v, key, value);
  });
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** Equal, reading two spellings of one instant (`…:00Z`, `…:00.000Z`) as the same. */
function same(read: unknown, sent: string | number | boolean): boolean {
  if (read === sent) return true;
  return (
    typeof read === 'string' &&
    typeof sent === 'string' &&
    INSTANT.test(read) &&
    INSTANT.test(sent) &&
    Date.parse(read) === Date.parse(sent)
  );
}

function expectDates(quote: unknown): { validUntil: number; issuedAt: number } {
  if (
    !isRecord(quote) ||
    typeof quote.validUntil !== 'string' ||
    typeof quote.issuedAt !== 'string'
  )
    throw new Error('a quote with validUntil and issuedAt');
  return { validUntil: Date.parse(quote.validUntil), issuedAt: Date.parse(quote.issuedAt) };
}
