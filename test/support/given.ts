import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import type { Role } from '../../src/common/auth/caller';
import { ClinicService } from '../../src/modules/clinic/services/clinic.service';
import { GENERAL_CONSENT_CODE } from '../../src/modules/consent/services/general-consent';
import { Api, type ApiResponse } from './api';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct-horse-battery-staple';

export interface StaffMember {
  id: string;
  email: string;
  role: Role;
  token: string;
}

export interface ClinicWithStaff {
  clinicId: string;
  staff: Record<Role, StaffMember>;
  /** The API as one member of staff. */
  as(role: Role): Api;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@clinic.example`;
}

/** One-line setup for tests: a clinic through the real service, one user per role through the API. */
export class Given {
  constructor(private readonly t: TestApp) {}

  async clinicWithStaff(name = 'Test Clinic'): Promise<ClinicWithStaff> {
    const adminEmail = uniqueEmail('admin');
    const created = await this.t.app
      .get(ClinicService)
      .createClinicWithAdmin({ name, adminEmail, adminPassword: PASSWORD });
    const adminToken = await this.login(adminEmail);
    const admin = this.t.api.withToken(adminToken);
    const staff = {
      ADMIN: { id: created.adminId, email: adminEmail, role: 'ADMIN', token: adminToken },
    } as Record<Role, StaffMember>;
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const) {
      const email = uniqueEmail(role.toLowerCase());
      const res = await admin.post('/users', {
        email,
        name: `Test ${role}`,
        role,
        password: PASSWORD,
      });
      if (res.status !== 201) throw new Error(`creating ${role}: ${res.status} ${res.text}`);
      staff[role] = { id: res.body.id, email, role, token: await this.login(email) };
    }
    return {
      clinicId: created.clinicId,
      staff,
      as: (role) => this.t.api.withToken(staff[role].token),
    };
  }

  async login(email: string, password = PASSWORD): Promise<string> {
    const res = await this.t.api.post('/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
    return res.body.accessToken as string;
  }

  async patient(clinic: ClinicWithStaff, overrides: Record<string, unknown> = {}): Promise<any> {
    const res = await clinic.as('COORDINATOR').post('/patients', {
      firstName: 'Jane',
      lastName: 'Doe',
      dateOfBirth: '1985-04-12',
      sexAtBirth: 'FEMALE',
      ...overrides,
    });
    if (res.status !== 201) throw new Error(`creating patient: ${res.status} ${res.text}`);
    return res.body;
  }

  /**
   * The seed's breast augmentation, quoted and approved over HTTP (docs/api.md): fee schedule 19325,
   * the implant item, a patient, a COSMETIC plan needing two implants, its quote (8000.00 by
   * default, all patient-paid), then approval, which makes the quote ACCEPTED.
   */
  async acceptedQuote(
    clinic: ClinicWithStaff,
    overrides: AcceptedQuoteOverrides = {},
  ): Promise<AcceptedQuote> {
    const itemCode = overrides.itemCode ?? 'breast-implant-300cc-round';
    const expectStatus = (what: string, res: ApiResponse, status: number) => {
      if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
      return res.body;
    };
    expectStatus(
      'fee schedule 19325',
      await clinic.as('BILLING').request('PUT', '/fee-schedule/19325', {
        description: 'Breast augmentation with implant',
        surgeonFee: overrides.surgeonFee ?? '7000.00',
        facilityFee: overrides.facilityFee ?? '200.00',
      }),
      200,
    );
    const item = await clinic.as('NURSE').post('/inventory/items', {
      code: itemCode,
      name: 'Breast implant 300cc round',
      category: 'IMPLANT',
      unitPrice: overrides.implantUnitPrice ?? '400.00',
      isBillable: true,
      requiresSerialNumber: true,
    });
    // The clinic's catalog may hold the item already (a second quote in one clinic).
    if (item.status !== 201 && item.body?.code !== 'DUPLICATE')
      throw new Error(`inventory item: ${item.status} ${item.text}`);
    const patient = await this.patient(clinic, overrides.patient ?? {});
    const plan = expectStatus(
      'procedure plan',
      await clinic.as('COORDINATOR').post('/procedure-plans', {
        patientId: patient.id,
        procedureName: 'Breast Augmentation',
        procedureType: 'COSMETIC',
        primaryCPTCode: '19325',
        cptCodes: ['19325'],
        inventoryRequirements: [{ inventoryItemCode: itemCode, quantity: 2 }],
      }),
      201,
    );
    const issued = expectStatus(
      'quote',
      await clinic.as('COORDINATOR').post(`/procedure-plans/${plan.id}/quote`, {}),
      201,
    );
    const approved =
      overrides.approve === false
        ? plan
        : expectStatus(
            'approval',
            await clinic.as('COORDINATOR').post(`/procedure-plans/${plan.id}/approve`, {}),
            200,
          );
    const quote = expectStatus(
      'quote',
      await clinic.as('BILLING').get(`/quotes/${issued.id}`),
      200,
    );
    return { patient, plan: approved, quote };
  }
}

export interface AddedStaffMember extends StaffMember {
  name: string;
  password: string;
  /** The API as this user. */
  api: Api;
}

/** One more user of `role` in `clinic`, created by its ADMIN through the API, already signed in. */
export async function addStaffMember(
  t: TestApp,
  clinic: ClinicWithStaff,
  role: Role,
  overrides: { email?: string; name?: string; password?: string } = {},
): Promise<AddedStaffMember> {
  const email = overrides.email ?? uniqueEmail(role.toLowerCase());
  const name = overrides.name ?? `Added ${role}`;
  const password = overrides.password ?? PASSWORD;
  const res = await clinic.as('ADMIN').post('/users', { email, name, role, password });
  if (res.status !== 201) throw new Error(`creating ${role}: ${res.status} ${res.text}`);
  const token = await new Given(t).login(email, password);
  return {
    id: res.body.id,
    email: res.body.email,
    name,
    role,
    password,
    token,
    api: t.api.withToken(token),
  };
}

/** A valid `POST /patients` body; override or add any field. */
export function patientBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    firstName: 'Jane',
    lastName: 'Doe',
    dateOfBirth: '1985-04-12',
    sexAtBirth: 'FEMALE',
    ...overrides,
  };
}

/** How many rows of `table` one clinic has, read from the database (what the API cannot show). */
export async function countRows(
  t: TestApp,
  table:
    | 'patients'
    | 'consultations'
    | 'audit_events'
    | 'idempotency_keys'
    | 'remittances'
    | 'remittance_claims'
    | 'bill_payments'
    | 'bill_adjustments'
    | 'claims'
    | 'claim_lines'
    | 'claim_events'
    | 'claim_submissions',
  clinicId: string,
  where: SQL = sql`true`,
): Promise<number> {
  const result = await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE clinic_id = ${clinicId} AND ${where}`,
    );
  return z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(result).rows[0].n;
}

export interface AcceptedQuoteOverrides {
  surgeonFee?: string;
  facilityFee?: string;
  /** Used only when the clinic's catalog does not hold the item yet. */
  implantUnitPrice?: string;
  itemCode?: string;
  patient?: Record<string, unknown>;
  /** false: stop before approval, leaving the quote ISSUED (and the plan QUOTED). */
  approve?: boolean;
}

export interface AcceptedQuote {
  patient: any;
  /** The plan as approval answered it (APPROVED), or as created when not approved. */
  plan: any;
  /** The quote read back after approval (ACCEPTED), or ISSUED when not approved. */
  quote: any;
}

/**
 * Retires the clinic's general surgical consent, so a plan no procedure-specific template covers
 * gets no consent at all: for tests of the matching rule, or of a clinic that lost it.
 */
export async function deactivateGeneralConsent(clinic: ClinicWithStaff): Promise<void> {
  const admin = clinic.as('ADMIN');
  const list = await admin.get(`/consent-templates?code=${GENERAL_CONSENT_CODE}&active=true`);
  if (list.status !== 200) throw new Error(`listing templates: ${list.status} ${list.text}`);
  for (const template of list.body.data) {
    const res = await admin.patch(`/consent-templates/${template.id}`, { active: false });
    if (res.status !== 200) throw new Error(`retiring a template: ${res.status} ${res.text}`);
  }
}
