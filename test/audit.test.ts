import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { countRows, Given, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Audit Clinic'),
    given.clinicWithStaff('Other Audit Clinic'),
  ]);
});
afterAll(() => t.close());

function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** Every audit event matching `query`, all pages, as the clinic's ADMIN sees them. */
async function auditEvents(of: ClinicWithStaff, query: Record<string, string>): Promise<any[]> {
  const events: any[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: '100', ...query });
    if (cursor) params.set('cursor', cursor);
    const res = await of.as('ADMIN').get(`/audit-events?${params.toString()}`);
    expect(res.status, res.text).toBe(200);
    events.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor !== null);
  return events;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('what is audited', () => {
  it('records patient.create with the names of the fields written and none of their values', async () => {
    const firstName = unique('Zephyrine');
    const lastName = unique('Quillfeather');
    const body = {
      mrn: unique('AUD-'),
      firstName,
      lastName,
      dateOfBirth: '1977-07-17',
      sexAtBirth: 'FEMALE',
      email: `${firstName}@example.org`,
      phone: '+1 555 0199',
      insurance: { payerName: 'Blue Payer', memberId: unique('MEMBER'), groupNumber: 'GRP-1' },
    };
    const created = await clinic
      .as('COORDINATOR')
      .post('/patients', body, { 'x-request-id': 'audit-create-1' });
    expect(created.status).toBe(201);

    const res = await clinic
      .as('ADMIN')
      .get(`/audit-events?entityType=Patient&entityId=${created.body.id}`);

    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    const [event] = res.body.data;
    expect(event).toMatchObject({
      action: 'patient.create',
      entityType: 'Patient',
      entityId: created.body.id,
      actorId: clinic.staff.COORDINATOR.id,
      requestId: 'audit-create-1',
    });
    expect(event.changedFields).toEqual(
      expect.arrayContaining([
        'mrn',
        'firstName',
        'lastName',
        'dateOfBirth',
        'sexAtBirth',
        'email',
        'phone',
      ]),
    );
    const values = [
      firstName,
      lastName,
      body.mrn,
      body.email,
      body.dateOfBirth,
      body.phone,
      body.insurance.payerName,
      body.insurance.memberId,
    ];
    // The event names the patient only in `subject`, looked up when listed; the event holds none.
    const { subject, ...recorded } = event;
    expect(subject).toMatchObject({ name: `${firstName} ${lastName}`, mrn: body.mrn });
    for (const value of values) expect(JSON.stringify(recorded)).not.toContain(value);
    const stored = await t.app
      .get(TransactionRunner)
      .db.execute(sql`SELECT * FROM audit_events WHERE entity_id = ${created.body.id}`);
    const storedText = JSON.stringify(stored);
    for (const value of values) expect(storedText).not.toContain(value);
  });

  it('records patient.update naming only the fields the change named', async () => {
    const patient = await given.patient(clinic);
    const updated = await clinic
      .as('NURSE')
      .patch(`/patients/${patient.id}`, { firstName: 'Renamed', insurance: null });
    expect(updated.status).toBe(200);

    const events = await auditEvents(clinic, { entityId: patient.id, action: 'patient.update' });

    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe(clinic.staff.NURSE.id);
    expect(events[0].changedFields.sort()).toEqual(['firstName', 'insurance']);
    expect(events[0].subject.name).toBe(`Renamed ${patient.lastName}`);
    expect(JSON.stringify({ ...events[0], subject: null })).not.toContain('Renamed');
  });

  it('records patient.read for each GET /patients/:id, by whoever read it', async () => {
    const patient = await given.patient(clinic);

    await clinic.as('BILLING').get(`/patients/${patient.id}`);
    await clinic.as('SURGEON').get(`/patients/${patient.id}`);

    const reads = await auditEvents(clinic, { entityId: patient.id, action: 'patient.read' });
    expect(reads.map((e) => e.actorId).sort()).toEqual(
      [clinic.staff.BILLING.id, clinic.staff.SURGEON.id].sort(),
    );
    expect(reads.every((e) => e.entityType === 'Patient' && e.changedFields.length === 0)).toBe(
      true,
    );
  });

  it('writes no read event for a patient that is not found', async () => {
    const theirs = await given.patient(other);

    const res = await clinic.as('BILLING').get(`/patients/${theirs.id}`);

    expect(res.status).toBe(404);
    expect(await countRows(t, 'audit_events', clinic.clinicId, sql`entity_id = ${theirs.id}`)).toBe(
      0,
    );
  });

  it('records one patient.list event per patient a list returns, and none for the others', async () => {
    const lastName = unique('Listed');
    const patients = [
      await given.patient(clinic, { lastName, firstName: 'Alpha' }),
      await given.patient(clinic, { lastName, firstName: 'Beta' }),
      await given.patient(clinic, { lastName, firstName: 'Gamma' }),
    ];
    const reader = clinic.as('COORDINATOR');

    const page = await reader.get(`/patients?search=${lastName}&limit=2`);

    expect(page.body.data.map((p: { firstName: string }) => p.firstName)).toEqual([
      'Alpha',
      'Beta',
    ]);
    const listed = async (patientId: string) =>
      (await auditEvents(clinic, { entityId: patientId, action: 'patient.list' })).map(
        (e) => e.actorId,
      );
    expect(await listed(patients[0].id)).toEqual([clinic.staff.COORDINATOR.id]);
    expect(await listed(patients[1].id)).toEqual([clinic.staff.COORDINATOR.id]);
    expect(await listed(patients[2].id)).toEqual([]);
  });

  it('writes no list event for a list that returns nothing', async () => {
    const before = await countRows(t, 'audit_events', clinic.clinicId);

    const res = await clinic.as('NURSE').get(`/patients?search=${unique('nobody')}`);

    expect(res.body.data).toEqual([]);
    expect(await countRows(t, 'audit_events', clinic.clinicId)).toBe(before);
  });

  it('records consultation.create and consultation.read', async () => {
    const patient = await given.patient(clinic);
    const created = await clinic.as('SURGEON').post('/consultations', {
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: '2026-11-24T09:30:00Z',
      reason: 'Rhinoplasty',
      notes: 'Private clinical note',
    });
    expect(created.status).toBe(201);
    await clinic.as('NURSE').get(`/consultations/${created.body.id}`);

    const events = await auditEvents(clinic, {
      entityType: 'Consultation',
      entityId: created.body.id,
    });

    expect(events.map((e) => e.action).sort()).toEqual([
      'consultation.create',
      'consultation.read',
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Rhinoplasty|Private clinical note/);
  });
});

describe('GET /audit-events', () => {
  it.each(['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const)(
    'is refused to %s with 403',
    async (role) => {
      const res = await clinic.as(role).get('/audit-events');

      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    },
  );

  it('filters by entityType', async () => {
    await given.patient(clinic);

    const events = await auditEvents(clinic, { entityType: 'Patient' });

    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.entityType === 'Patient')).toBe(true);
  });

  it('filters by entityId', async () => {
    const patient = await given.patient(clinic);
    await clinic.as('NURSE').get(`/patients/${patient.id}`);

    const events = await auditEvents(clinic, { entityId: patient.id });

    expect(events.map((e) => e.action).sort()).toEqual(['patient.create', 'patient.read']);
    expect(events.every((e) => e.entityId === patient.id)).toBe(true);
  });

  it('filters by actorId', async () => {
    const patient = await given.patient(clinic);
    await clinic.as('SURGEON').get(`/patients/${patient.id}`);

    const bySurgeon = await auditEvents(clinic, { actorId: clinic.staff.SURGEON.id });

    expect(bySurgeon.length).toBeGreaterThan(0);
    expect(bySurgeon.every((e) => e.actorId === clinic.staff.SURGEON.id)).toBe(true);
    expect(bySurgeon.some((e) => e.entityId === patient.id && e.action === 'patient.read')).toBe(
      true,
    );
  });

  it('filters by time, from and to both inclusive', async () => {
    const patient = await given.patient(clinic);
    await sleep(20);
    await clinic.as('NURSE').get(`/patients/${patient.id}`);
    await sleep(20);
    await clinic.as('NURSE').patch(`/patients/${patient.id}`, { firstName: 'Later' });
    const all = await auditEvents(clinic, { entityId: patient.id });
    const at = (action: string) => all.find((e) => e.action === action).occurredAt as string;
    // Listing names the patient, which writes patient.read-audit events: leave those out.
    const actions = async (query: Record<string, string>) =>
      (await auditEvents(clinic, { entityId: patient.id, ...query }))
        .map((e) => e.action)
        .filter((action) => action !== 'patient.read-audit');

    expect(await actions({ from: at('patient.read') })).toEqual(['patient.update', 'patient.read']);
    expect(await actions({ to: at('patient.read') })).toEqual(['patient.read', 'patient.create']);
    expect(await actions({ from: at('patient.read'), to: at('patient.read') })).toEqual([
      'patient.read',
    ]);
    expect(await actions({ to: at('patient.create') })).toEqual(['patient.create']);
  });

  it('refuses a from that is after to, and instants without an offset', async () => {
    const admin = clinic.as('ADMIN');

    const reversed = await admin.get(
      '/audit-events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    );
    const local = await admin.get('/audit-events?from=2026-02-01T00:00:00');

    expect(reversed.status).toBe(400);
    expect(reversed.body.errors.map((e: { path: string }) => e.path)).toEqual(['to']);
    expect(local.status).toBe(400);
    expect(local.body.errors.map((e: { path: string }) => e.path)).toEqual(['from']);
  });

  it('pages newest first without repeating an event', async () => {
    const patient = await given.patient(clinic);
    for (let i = 0; i < 4; i++) await clinic.as('NURSE').get(`/patients/${patient.id}`);
    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;

    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await clinic
        .as('ADMIN')
        .get(`/audit-events?entityId=${patient.id}&limit=2${query}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      pages++;
      expect(pages).toBeLessThan(10);
    } while (cursor !== null);

    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((e) => e.id)).size).toBe(5);
    expect(seen.at(-1).action).toBe('patient.create');
    const ids = seen.map((e) => e.id as string);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it("never shows another clinic's events", async () => {
    const theirs = await given.patient(other);
    await other.as('NURSE').get(`/patients/${theirs.id}`);

    expect(await auditEvents(clinic, { entityId: theirs.id })).toEqual([]);
    expect(await auditEvents(clinic, { actorId: other.staff.COORDINATOR.id })).toEqual([]);
    const everything = await auditEvents(clinic, {});
    expect(everything.length).toBeGreaterThan(0);
    expect(everything.some((e) => e.entityId === theirs.id)).toBe(false);
    expect((await auditEvents(other, { entityId: theirs.id })).length).toBe(2);
  });
});

describe('GET /audit-events: whose record, and without page reads', () => {
  it("names the patient of a patient's, a consultation's and a plan's events", async () => {
    const patient = await given.patient(clinic, {
      firstName: 'Ottoline',
      lastName: unique('Morrell'),
    });
    const consultation = await clinic.as('SURGEON').post('/consultations', {
      patientId: patient.id,
      surgeonId: clinic.staff.SURGEON.id,
      consultationDate: '2026-11-24T09:30:00Z',
      reason: 'Rhinoplasty',
    });
    expect(consultation.status).toBe(201);

    const events = [
      ...(await auditEvents(clinic, { entityId: patient.id })),
      ...(await auditEvents(clinic, { entityId: consultation.body.id })),
    ];

    expect(events.map((e) => e.action).sort()).toEqual(['consultation.create', 'patient.create']);
    for (const e of events)
      expect(e.subject).toEqual({
        patientId: patient.id,
        name: `Ottoline ${patient.lastName}`,
        mrn: patient.mrn,
      });
  });

  it('gives no subject to events about no patient (a user)', async () => {
    const events = await auditEvents(clinic, { entityType: 'User' });

    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.subject === null)).toBe(true);
  });

  it('records that the admin saw the patients it names (patient.read-audit)', async () => {
    const patient = await given.patient(clinic);
    await auditEvents(clinic, { entityId: patient.id });

    const reads = await auditEvents(clinic, { entityId: patient.id, action: 'patient.read-audit' });

    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0].actorId).toBe(clinic.staff.ADMIN.id);
  });

  it('leaves out page reads with excludeReads=true and keeps the changes', async () => {
    const patient = await given.patient(clinic);
    await clinic.as('NURSE').get(`/patients/${patient.id}`);
    await clinic.as('NURSE').get(`/patients?search=${encodeURIComponent(patient.lastName)}`);
    expect(
      (await clinic.as('COORDINATOR').patch(`/patients/${patient.id}`, { phone: '555 0100' }))
        .status,
    ).toBe(200);

    const all = await auditEvents(clinic, { entityId: patient.id });
    const changes = await auditEvents(clinic, { entityId: patient.id, excludeReads: 'true' });

    expect(all.map((e) => e.action)).toEqual(
      expect.arrayContaining(['patient.read', 'patient.list', 'patient.update', 'patient.create']),
    );
    expect(changes.map((e) => e.action)).toEqual(['patient.update', 'patient.create']);
  });

  it('refuses an excludeReads that is not a boolean with 400', async () => {
    const res = await clinic.as('ADMIN').get('/audit-events?excludeReads=maybe');

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('the audit trail is append-only', () => {
  it('refuses to update or delete audit events, even through SQL', async () => {
    const patient = await given.patient(clinic);
    const db = t.app.get(TransactionRunner).db;
    const before = await countRows(t, 'audit_events', clinic.clinicId);

    await expect(
      db.execute(sql`UPDATE audit_events SET action = 'x' WHERE entity_id = ${patient.id}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`UPDATE audit_events SET action = 'x'`)).rejects.toThrow();
    await expect(
      db.execute(sql`DELETE FROM audit_events WHERE entity_id = ${patient.id}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`DELETE FROM audit_events`)).rejects.toThrow();
    await expect(db.execute(sql`TRUNCATE audit_events`)).rejects.toThrow();

    expect(await countRows(t, 'audit_events', clinic.clinicId)).toBe(before);
    const events = await auditEvents(clinic, { entityId: patient.id });
    expect(events.map((e) => e.action)).toEqual(['patient.create']);
  });
});
