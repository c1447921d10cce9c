import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidNpi } from '../src/modules/codes';
import type { ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { billingProfileBody, SURGEON_NPI, VALID_NPI } from './support/given-billing';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Billing Profile Clinic'),
    given.clinicWithStaff('Other Billing Profile Clinic'),
  ]);
});
afterAll(() => t.close());

function errorPaths(res: ApiResponse): string[] {
  return (res.body.errors ?? []).map((e: { path: string }) => e.path).sort();
}

async function auditOf(of: ClinicWithStaff, entityType: string, entityId: string) {
  const res = await of
    .as('ADMIN')
    .get(`/audit-events?entityType=${entityType}&entityId=${entityId}&limit=100`);
  expect(res.status).toBe(200);
  return res;
}

describe('NPI check digit', () => {
  it('holds for real NPIs and fails for every other last digit', () => {
    expect(isValidNpi(VALID_NPI)).toBe(true);
    expect(isValidNpi(SURGEON_NPI)).toBe(true);
    for (const last of '012456789') expect(isValidNpi(`123456789${last}`)).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678930')).toBe(false);
    expect(isValidNpi('123456789X')).toBe(false);
  });
});

describe('GET/PUT /clinic/billing-profile', () => {
  it('answers 404 BILLING_PROFILE_NOT_SET before an admin sets it', async () => {
    const res = await other.as('BILLING').get('/clinic/billing-profile');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('BILLING_PROFILE_NOT_SET');
  });

  it('creates the profile at version 1, normalized, audited by field name; BILLING reads it', async () => {
    const res = await clinic.as('ADMIN').put('/clinic/billing-profile', billingProfileBody());
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toEqual({
      legalName: 'Contour Plastic Surgery PLLC',
      npi: VALID_NPI,
      taxId: '123456789',
      taxonomyCode: '208200000X',
      address: {
        line1: '100 Main Street',
        line2: null,
        city: 'New York',
        state: 'NY',
        postalCode: '10001-2345',
      },
      submitterId: 'CONTOUR01',
      receiverId: 'CLEARHOUSE',
      defaultPlaceOfService: '24',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const read = await clinic.as('BILLING').get('/clinic/billing-profile');
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);

    const audit = await auditOf(clinic, 'ClinicBillingProfile', clinic.clinicId);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({
      action: 'clinic-billing-profile.create',
      actorId: clinic.staff.ADMIN.id,
    });
    expect(audit.body.data[0].changedFields).toContain('npi');
    expect(audit.text).not.toContain(VALID_NPI);
    expect(audit.text).not.toContain('123456789');
  });

  it('replaces it under If-Match, records only the changed fields, and refuses a stale version', async () => {
    const current = await clinic.as('ADMIN').get('/clinic/billing-profile');
    const version = current.body.version as number;
    const res = await clinic
      .as('ADMIN')
      .put('/clinic/billing-profile', billingProfileBody({ defaultPlaceOfService: '11' }), {
        'if-match': `"${version}"`,
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ defaultPlaceOfService: '11', version: version + 1 });

    const stale = await clinic
      .as('ADMIN')
      .put('/clinic/billing-profile', billingProfileBody({ legalName: 'Lost update' }), {
        'if-match': `"${version}"`,
      });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: version + 1 });
    const notNew = await clinic
      .as('ADMIN')
      .put('/clinic/billing-profile', billingProfileBody(), { 'if-match': '"0"' });
    expect(notNew.status).toBe(412);
    expect((await clinic.as('BILLING').get('/clinic/billing-profile')).body.legalName).toBe(
      'Contour Plastic Surgery PLLC',
    );

    const audit = await auditOf(clinic, 'ClinicBillingProfile', clinic.clinicId);
    const update = audit.body.data.find(
      (e: { action: string }) => e.action === 'clinic-billing-profile.update',
    );
    expect(update.changedFields).toEqual(['defaultPlaceOfService']);
  });

  it('names every malformed field in one 400: NPI check digit, EIN, taxonomy, ZIP+4, place of service', async () => {
    const res = await other.as('ADMIN').put(
      '/clinic/billing-profile',
      billingProfileBody({
        npi: '1234567890',
        taxId: '12-345678',
        taxonomyCode: '208200000Y',
        address: { line1: '1 Main St', city: 'Albany', state: 'New York', postalCode: '12207' },
        submitterId: 'X',
        receiverId: 'HAS*STAR',
        defaultPlaceOfService: '21',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(errorPaths(res)).toEqual([
      'address.postalCode',
      'address.state',
      'defaultPlaceOfService',
      'npi',
      'receiverId',
      'submitterId',
      'taxId',
      'taxonomyCode',
    ]);
    const npi = res.body.errors.find((e: { path: string }) => e.path === 'npi');
    expect(npi.message).toMatch(/check digit/);
    expect((await other.as('BILLING').get('/clinic/billing-profile')).status).toBe(404);
  });

  it('refuses an EIN prefix the IRS never issues, and takes nine digits without the dash', async () => {
    const bad = await other
      .as('ADMIN')
      .put('/clinic/billing-profile', billingProfileBody({ taxId: '00-1234567' }));
    expect(bad.status).toBe(400);
    expect(errorPaths(bad)).toEqual(['taxId']);
    const good = await other
      .as('ADMIN')
      .put('/clinic/billing-profile', billingProfileBody({ taxId: '271234567' }));
    expect(good.status).toBe(200);
    expect(good.body.taxId).toBe('271234567');
  });

  it('lets only ADMIN write and only BILLING and ADMIN read', async () => {
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const) {
      const res = await clinic.as(role).put('/clinic/billing-profile', billingProfileBody());
      expect(res.status, role).toBe(403);
    }
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR'] as const) {
      const res = await clinic.as(role).get('/clinic/billing-profile');
      expect(res.status, role).toBe(403);
    }
  });

  it("keeps each clinic's profile its own", async () => {
    const mine = await clinic.as('BILLING').get('/clinic/billing-profile');
    const theirs = await other.as('BILLING').get('/clinic/billing-profile');
    expect(mine.body.taxId).toBe('123456789');
    expect(theirs.body.taxId).toBe('271234567');
  });
});

describe("a surgeon's NPI and taxonomy (PATCH /users/:id)", () => {
  const surgeon = () => `/users/${clinic.staff.SURGEON.id}`;

  it('are set by ADMIN, answered on the user, audited by name, and cleared with null', async () => {
    const res = await clinic
      .as('ADMIN')
      .patch(surgeon(), { npi: SURGEON_NPI, taxonomyCode: '2082s0099x' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ npi: SURGEON_NPI, taxonomyCode: '2082S0099X' });
    expect((await clinic.as('COORDINATOR').get(surgeon())).body.npi).toBe(SURGEON_NPI);

    const audit = await auditOf(clinic, 'User', clinic.staff.SURGEON.id);
    expect(audit.body.data[0]).toMatchObject({
      action: 'user.update',
      changedFields: ['npi', 'taxonomyCode'],
    });

    const cleared = await clinic.as('ADMIN').patch(surgeon(), { npi: null, taxonomyCode: null });
    expect(cleared.body).toMatchObject({ npi: null, taxonomyCode: null });
  });

  it('refuses an NPI whose check digit fails, and a malformed taxonomy, naming the field', async () => {
    const before = (await clinic.as('ADMIN').get(surgeon())).body;
    const npi = await clinic.as('ADMIN').patch(surgeon(), { npi: '1679576723' });
    expect(npi.status).toBe(400);
    expect(errorPaths(npi)).toEqual(['npi']);
    const short = await clinic.as('ADMIN').patch(surgeon(), { npi: '167957672' });
    expect(errorPaths(short)).toEqual(['npi']);
    const taxonomy = await clinic.as('ADMIN').patch(surgeon(), { taxonomyCode: '2082S0099' });
    expect(taxonomy.status).toBe(400);
    expect(errorPaths(taxonomy)).toEqual(['taxonomyCode']);
    const created = await clinic.as('ADMIN').post('/users', {
      email: 'npi-typo@example.org',
      name: 'Dr. Typo',
      role: 'SURGEON',
      password: 'correct-horse-battery-staple',
      npi: '1234567894',
    });
    expect(created.status).toBe(400);
    expect(errorPaths(created)).toEqual(['npi']);
    expect((await clinic.as('ADMIN').get(surgeon())).body).toEqual(before);
  });

  it('is ADMIN-only', async () => {
    const res = await clinic.as('BILLING').patch(surgeon(), { npi: SURGEON_NPI });
    expect(res.status).toBe(403);
  });
});
