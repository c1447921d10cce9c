import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Given, type ClinicWithStaff } from './support/given';
import { lotWithTwoRecipients, type RecalledLot } from './support/given-recalls';
import { expectStatus } from './support/given-theater';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

/**
 * `DATABASE_READ_URL` (docs/deployment.md "Reads on a replica"): the reports' snapshots run on
 * the read replica, everything else on the primary, and the audit rows a report writes go to the
 * primary. A replica is stood in for by the suite's own database opened read-only
 * (`default_transaction_read_only`, which refuses writes as a hot standby does), and a replica
 * that is down by a port nothing listens on.
 */
const RANGE = 'from=2026-01-01&to=2026-12-31';

/** The suite's database, as a session that refuses every write. */
function readOnlyUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', '-c default_transaction_read_only=on');
  return u.toString();
}

async function recallListedPatient(clinic: ClinicWithStaff): Promise<RecalledLot> {
  const lot = await lotWithTwoRecipients(clinic);
  expectStatus(
    'recall',
    await clinic.as('NURSE').post(`/inventory/batches/${lot.batchId}/recalls`, {
      reason: 'Shell rupture notice',
    }),
    201,
  );
  return lot;
}

async function recallListAudits(clinic: ClinicWithStaff, patientId: string): Promise<number> {
  const res = await clinic
    .as('ADMIN')
    .get(
      `/audit-events?entityType=Patient&entityId=${patientId}&action=report.implants-recall-list`,
    );
  return expectStatus('audit', res, 200).data.length;
}

describe(`reports with a read replica (${onPostgresServer ? 'PostgreSQL server' : 'PGlite, no replica'})`, () => {
  let t: TestApp;
  let clinic: ClinicWithStaff;
  let lot: RecalledLot;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    t = await startTestApp(url ? { env: { DATABASE_READ_URL: readOnlyUrl(url) } } : {});
    clinic = await new Given(t).clinicWithStaff('Read Replica Clinic');
    lot = await recallListedPatient(clinic);
  });
  afterAll(() => t.close());

  it('answers the implants report from the snapshot and audits the patients it names on the primary', async () => {
    const before = await recallListAudits(clinic, lot.a.patient.id);
    const res = await clinic.as('COORDINATOR').get(`/reports/implants?${RANGE}`);
    const body = expectStatus('report', res, 200);
    expect(body.recalls).toHaveLength(1);
    expect(body.recalls[0].toContact.map((p: { patientId: string }) => p.patientId).sort()).toEqual(
      [lot.a.patient.id, lot.b.patient.id].sort(),
    );
    expect(await recallListAudits(clinic, lot.a.patient.id)).toBe(before + 1);
  });
});

if (onPostgresServer) {
  describe('reports with a read replica that is down', () => {
    let t: TestApp;
    let clinic: ClinicWithStaff;

    beforeAll(async () => {
      t = await startTestApp({
        env: { DATABASE_READ_URL: 'postgres://postgres@127.0.0.1:1/contour' },
      });
      clinic = await new Given(t).clinicWithStaff('Replica Down Clinic');
    });
    afterAll(() => t.close());

    it('answers a report 503 UNAVAILABLE with Retry-After, while lists stay on the primary', async () => {
      const report = await clinic.as('COORDINATOR').get(`/reports/conversion?${RANGE}`);
      expect(report.status).toBe(503);
      expect(report.body.code).toBe('UNAVAILABLE');
      expect(Number(report.headers['retry-after'])).toBeGreaterThan(0);
      expectStatus('plans', await clinic.as('COORDINATOR').get('/procedure-plans'), 200);
    });
  });
}
