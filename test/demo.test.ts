import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { accountsTable } from '../src/cli/demo/accounts-table';
import { BILLING_PROFILE, ITEMS } from '../src/cli/demo/demo-data';
import { loadDemo, type DemoSummary } from '../src/cli/demo/load-demo';
import { loadConfig, webAppUrl } from '../src/common/config/app-config';
import type { Role } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { isValidNpi } from '../src/modules/codes';
import { gtinCheckDigitValid } from '../src/modules/inventory/services/gs1-udi';
import type { Api } from './support/api';
import { expectStatus } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

/** Tables with `updated_at`: a row added or changed shows in the count or the latest update. */
const VERSIONED_TABLES = [
  'users',
  'fee_schedule_entries',
  'inventory_items',
  'inventory_batches',
  'inventory_units',
  'inventory_allocations',
  'inventory_usages',
  'consent_templates',
  'operating_rooms',
  'patients',
  'consultations',
  'procedure_plans',
  'procedure_inventory_requirements',
  'quotes',
  'patient_consent_instances',
  'prior_authorizations',
  'surgical_cases',
  'bills',
  'bill_payments',
  'clinic_billing_profiles',
  'payers',
  'patient_insurances',
  'claims',
  'claim_submissions',
] as const;
// A rerun looks records up through repositories (and lookups that audit nothing): not even a read
// audit event is written.
const APPEND_ONLY_TABLES = [
  'quote_lines',
  'bill_line_items',
  'claim_lines',
  'claim_events',
  'audit_events',
] as const;

describe('npm run demo (loadDemo)', () => {
  let t: TestApp;
  let first: DemoSummary;
  const firstLines: string[] = [];

  beforeAll(async () => {
    // A database of its own on a PostgreSQL server too: the demo's emails are fixed.
    t = await startTestApp({ freshDatabase: true });
    first = await loadDemo(t.app, (line) => firstLines.push(line));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function signIn(role: Role): Promise<Api> {
    const account = first.accounts.find((a) => a.role === role);
    if (!account?.password) throw new Error(`no new ${role} account`);
    const res = await t.api.post('/auth/login', {
      email: account.email,
      password: account.password,
    });
    return t.api.withToken(expectStatus(`sign in as ${role}`, res, 200).accessToken);
  }

  /** Per table of the demo clinic: its row count, and its latest update where it has one. */
  async function fingerprint(clinicId: string): Promise<Record<string, string>> {
    const db = t.app.get(TransactionRunner).db;
    const row = z.object({ rows: z.tuple([z.object({ v: z.string().nullable() })]) });
    const read = async (query: ReturnType<typeof sql>) =>
      row.parse(await db.execute(query)).rows[0].v ?? '';
    const result: Record<string, string> = {};
    for (const table of VERSIONED_TABLES)
      result[table] = await read(
        sql`SELECT count(*) || ' ' || coalesce(max(updated_at)::text, '') AS v FROM ${sql.identifier(table)} WHERE clinic_id = ${clinicId}`,
      );
    for (const table of APPEND_ONLY_TABLES)
      result[table] = await read(
        sql`SELECT count(*)::text AS v FROM ${sql.identifier(table)} WHERE clinic_id = ${clinicId}`,
      );
    // The clinic's own row (its phone is the 837P submitter's contact).
    result.clinics = await read(
      sql`SELECT version || ' ' || updated_at::text AS v FROM clinics WHERE id = ${clinicId}`,
    );
    result.clinic_sequences = await read(
      sql`SELECT string_agg(name || '=' || last_value, ',' ORDER BY name) AS v FROM clinic_sequences WHERE clinic_id = ${clinicId}`,
    );
    return result;
  }

  it('creates the demo clinic with an account per role, each with a new password', () => {
    expect(first.clinicName).toBe('Contour Demo Clinic');
    expect(first.accounts.map((a) => a.role)).toEqual([
      'ADMIN',
      'SURGEON',
      'SURGEON',
      'NURSE',
      'COORDINATOR',
      'BILLING',
    ]);
    for (const account of first.accounts) {
      expect(account.email).toMatch(/@demo\.contour\.example$/);
      expect(account.password?.length).toBeGreaterThanOrEqual(12);
    }
    expect(firstLines).toContain('✓ fee schedule: 7 codes (7 new)');
    expect(firstLines.at(-1)).toMatch(/^Demo loaded: \d+ records created or steps taken\.$/);
  });

  it('ends with the web app at the host and port the server listens on', () => {
    const config = loadConfig({ NODE_ENV: 'test', HOST: '192.0.2.7', PORT: '8443' });
    const printed = accountsTable(first.clinicName, first.accounts, webAppUrl(config));
    expect(printed.split('\n').at(-1)).toBe(
      'Start the server with `npm start` and open the web app at http://192.0.2.7:8443/ (API docs at /api/docs).',
    );
    expect(webAppUrl(loadConfig({ NODE_ENV: 'test' }))).toBe('http://127.0.0.1:3000/');
    for (const account of first.accounts) expect(printed).toContain(account.email);
  });

  it('leaves a plan in every status, as the demo coordinator sees them over HTTP', async () => {
    const coordinator = await signIn('COORDINATOR');
    for (const status of ['DRAFT', 'QUOTED', 'APPROVED', 'SCHEDULED', 'COMPLETED', 'CANCELLED']) {
      const page = expectStatus(
        `plans ${status}`,
        await coordinator.get(`/procedure-plans?status=${status}&limit=100`),
        200,
      );
      expect(page.data.length, status).toBeGreaterThanOrEqual(1);
    }
    const approved = expectStatus(
      'approved plan',
      await coordinator.get('/procedure-plans?status=APPROVED'),
      200,
    ).data[0];
    expect(approved.consent.status).toBe('SIGNED');
    expect(approved.inventoryRequirements[0].serialNumbers).toHaveLength(2);

    const reconstruction = first.plans.find((p) => p.procedureName.startsWith('Breast reconstr'));
    expect(reconstruction?.status).toBe('SCHEDULED');
    const authorizations = expectStatus(
      'prior authorizations',
      await coordinator.get(`/prior-authorizations?procedurePlanId=${reconstruction?.id}`),
      200,
    ).data;
    expect(authorizations.map((a: any) => a.status)).toEqual(['APPROVED']);
    const readiness = expectStatus(
      'readiness',
      await coordinator.get(`/procedure-plans/${reconstruction?.id}/readiness`),
      200,
    );
    expect(readiness.ready).toBe(true);
  });

  it('bills the completed case, as the demo billing user sees it', async () => {
    const completed = first.plans.find((p) => p.status === 'COMPLETED');
    const bills = expectStatus(
      'bills',
      await (await signIn('BILLING')).get(`/bills?surgicalCaseId=${completed?.surgicalCaseId}`),
      200,
    ).data;
    expect(bills).toHaveLength(1);
    // The seed's example: 7000.00 + 2 implants × 400.00 + facility 200.00.
    expect(bills[0]).toMatchObject({ total: '8000.00', paid: '2000.00', status: 'OPEN' });
  });

  it('sets up claims and leaves a SUBMITTED claim with its 837P, as the demo billing user sees it', async () => {
    const billing = await signIn('BILLING');
    const profile = expectStatus('profile', await billing.get('/clinic/billing-profile'), 200);
    expect(profile).toMatchObject({
      npi: BILLING_PROFILE.npi,
      taxonomyCode: '208200000X',
      defaultPlaceOfService: '24',
      address: { postalCode: '10001-2345' },
    });
    expect(isValidNpi(profile.npi)).toBe(true);
    const payers = expectStatus('payers', await billing.get('/payers'), 200).data;
    expect(payers.map((p: any) => p.payerId).sort()).toEqual(['HVM77', 'NWH01']);
    const users = expectStatus(
      'users',
      await (await signIn('ADMIN')).get('/users?role=SURGEON'),
      200,
    ).data;
    expect(users).toHaveLength(2);
    for (const surgeon of users) {
      expect(isValidNpi(surgeon.npi ?? ''), surgeon.name).toBe(true);
      expect(surgeon.taxonomyCode).toBe('208200000X');
    }

    const patients = expectStatus('patients', await billing.get('/patients?limit=100'), 200).data;
    const byMrn = (mrn: string) => patients.find((p: any) => p.mrn === mrn);
    const park = expectStatus(
      'Linda Park insurance',
      await billing.get(`/patients/${byMrn('DEMO-0001').id}/insurance`),
      200,
    );
    expect(park).toMatchObject({
      payer: { payerId: 'NWH01' },
      subscriber: { relationship: '01', firstName: 'Daniel', lastName: 'Park' },
    });
    const rahman = expectStatus(
      'Aisha Rahman insurance',
      await billing.get(`/patients/${byMrn('DEMO-0007').id}/insurance`),
      200,
    );
    expect(rahman).toMatchObject({
      payer: { payerId: 'NWH01' },
      subscriber: { relationship: '18' },
    });

    const claims = expectStatus('claims', await billing.get('/claims'), 200).data;
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      status: 'SUBMITTED',
      patientName: 'Naomi Brennan',
      payer: { payerId: 'HVM77' },
    });
    const claim = expectStatus('claim', await billing.get(`/claims/${claims[0].id}`), 200);
    expect(claim.priorAuthorizationNumber).toBe('HVM-PA-730114');
    expect(claim.lines.map((l: any) => l.procedureCode)).toContain('L8600');
    expect(claim.submissions).toHaveLength(1);
    const x12 = await billing.get(`/claims/submissions/${claim.submissions[0].id}/837p`);
    expect(x12.status, x12.text).toBe(200);
    expect(x12.text).toMatch(/^ISA\*/);
    expect(x12.text).toContain(`*${claim.claimNumber}*`);
    expect(x12.text).toContain(
      `NM1*85*2*${BILLING_PROFILE.legalName}*****XX*${BILLING_PROFILE.npi}~`,
    );
    expect(x12.text).toContain('NTE*ADD*SN DEMO-TE400-A-002~');
  });

  it('gives every implant a GTIN with a valid GS1 check digit', () => {
    const implants = ITEMS.filter((i) => i.category === 'IMPLANT');
    expect(implants.length).toBeGreaterThan(0);
    for (const item of implants) expect(gtinCheckDigitValid(item.gtin ?? ''), item.code).toBe(true);
  });

  it('receives the UDI docs/demo.md gives, pasted as the demo nurse', async () => {
    const udi = /```\n\s*(\(01\)\S+)\n/.exec(readFileSync('docs/demo.md', 'utf8'))?.[1];
    expect(udi).toBeDefined();

    const res = await (await signIn('NURSE')).post('/inventory/receive-udi', { udis: [udi] });

    expect(res.status, res.text).toBe(201);
    expect(res.body.received).toEqual([
      expect.objectContaining({
        itemCode: 'breast-implant-300cc-round',
        batchNumber: 'DEMO-300R-C',
        expiresAt: expect.stringMatching(/^2030-12-31/),
        serialNumber: 'DEMO-300R-C-001',
      }),
    ]);
  });

  it('changes nothing when run again, and says so', async () => {
    const before = await fingerprint(first.clinicId);
    expect(before.patients).toMatch(/^8 \d{4}-/);
    expect(before.bills).toMatch(/^2 /);
    expect(before.claims).toMatch(/^1 /);
    expect(before.claim_submissions).toMatch(/^1 /);
    const lines: string[] = [];
    const second = await loadDemo(t.app, (line) => lines.push(line));
    expect(await fingerprint(first.clinicId)).toEqual(before);
    expect(second.clinicId).toBe(first.clinicId);
    expect(second.changes).toBe(0);
    expect(second.accounts.every((a) => a.password === undefined)).toBe(true);
    expect(second.plans).toEqual(first.plans);
    expect(lines).toContain('✓ fee schedule: 7 codes (0 new)');
    expect(lines.at(-1)).toBe('The demo was already loaded: nothing changed.');
  }, 60_000);
});
