import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { TransactionRunner } from '../../src/common/database/transaction-runner';
import type { Role } from '../../src/common/auth/caller';
import { ClinicService } from '../../src/modules/clinic/services/clinic.service';
import { Api } from './api';
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
  table: 'patients' | 'consultations' | 'audit_events' | 'idempotency_keys',
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
