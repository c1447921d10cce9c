import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { AuditWriter } from '../../../common/audit/audit-writer';
import { trustedClinicId, type Caller, type ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { defaultClinicTimeZone } from '../../../common/time-zone';
import { PasswordHasher, UserQueries, UserService } from '../../user';
import type { ClinicResponse, UpdateClinicBody } from '../dto/clinic.dto';
import { ClinicRepository, type ClinicRow } from '../repositories/clinic.repository';
import { ClinicCreationHooks } from './clinic-creation-hooks';

export interface NewClinic {
  name: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  /** IANA zone, already checked; absent: defaultClinicTimeZone() (docs/clinic.md). */
  timeZone?: string;
}

export interface CreatedClinic {
  clinicId: string;
  adminId: string;
  adminEmail: string;
  timeZone: string;
}

// Serializes first-start bootstraps of several instances against one database.
const BOOTSTRAP_LOCK_KEY = 0x626f6f74;

@Injectable()
export class ClinicService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clinics: ClinicRepository,
    private readonly users: UserQueries,
    private readonly userService: UserService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditWriter,
    private readonly creationHooks: ClinicCreationHooks,
  ) {}

  /** A tenant and its first ADMIN, whole or not at all. */
  async createClinicWithAdmin(clinic: NewClinic): Promise<CreatedClinic> {
    const passwordHash = await this.hasher.hash(clinic.adminPassword);
    return this.tx.run((db) => this.insertClinicWithAdmin(db, clinic, passwordHash));
  }

  /**
   * On a first start (no user at all), creates the first clinic and admin. Returns undefined when
   * users already exist, so a restart never creates a second one.
   */
  async bootstrapFirstClinic(clinic: NewClinic): Promise<CreatedClinic | undefined> {
    const passwordHash = await this.hasher.hash(clinic.adminPassword);
    return this.tx.run(async (db) => {
      await db.execute(sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`);
      if ((await this.users.countAll(db)) > 0) return undefined;
      return this.insertClinicWithAdmin(db, clinic, passwordHash);
    });
  }

  async hasAnyUser(): Promise<boolean> {
    return (await this.users.countAll(this.tx.db)) > 0;
  }

  async getOwnClinic(caller: Pick<Caller, 'clinicId'>): Promise<ClinicResponse> {
    const clinic = await this.clinics.findById(this.tx.db, caller.clinicId);
    if (!clinic) throw new NotFound('Clinic', caller.clinicId);
    return toClinicResponse(clinic);
  }

  /** ADMIN edits the clinic's name, address, phone and time zone. Audited (field names only). */
  updateClinic(
    caller: Caller,
    body: UpdateClinicBody,
    ifMatch: number | undefined,
  ): Promise<ClinicResponse> {
    return this.tx.run(async (db) => {
      lockedAtVersion(
        await this.clinics.lockById(db, caller.clinicId),
        ifMatch,
        'Clinic',
        caller.clinicId,
      );
      const updated = await this.clinics.update(db, caller.clinicId, body);
      await this.audit.record(db, caller, {
        action: 'clinic.update',
        entityType: 'Clinic',
        entityId: caller.clinicId,
        changedFields: Object.keys(body),
      });
      return toClinicResponse(updated);
    });
  }

  /**
   * The IANA zone a clinic's times are shown and printed in, for other modules (theater's day,
   * PDFs). Pass the use case's `db` to read inside its transaction.
   */
  async timeZoneOf(clinicId: ClinicId, db: Db = this.tx.db): Promise<string> {
    const timeZone = await this.clinics.timeZoneOf(db, clinicId);
    if (timeZone === undefined) throw new NotFound('Clinic', clinicId);
    return timeZone;
  }

  private async insertClinicWithAdmin(
    db: Db,
    clinic: NewClinic,
    passwordHash: string,
  ): Promise<CreatedClinic> {
    const clinicId = trustedClinicId(newId());
    const timeZone = clinic.timeZone ?? defaultClinicTimeZone();
    await this.clinics.insert(db, { id: clinicId, name: clinic.name, timeZone });
    const admin = await this.userService.insertUser(db, clinicId, {
      email: clinic.adminEmail.toLowerCase(),
      name: clinic.adminName ?? 'Administrator',
      role: 'ADMIN',
      passwordHash,
    });
    const actor = { clinicId, userId: null, requestId: null };
    await this.audit.record(db, actor, {
      action: 'clinic.create',
      entityType: 'Clinic',
      entityId: clinicId,
    });
    await this.audit.record(db, actor, {
      action: 'user.create',
      entityType: 'User',
      entityId: admin.id,
      changedFields: ['email', 'name', 'role', 'password'],
    });
    // Consent seeds the general surgical consent: every surgical plan needs one to sign,
    // whatever its codes (docs/consents.md).
    await this.creationHooks.run(db, actor, admin.id);
    return { clinicId, adminId: admin.id, adminEmail: admin.email, timeZone };
  }
}

function toClinicResponse(clinic: ClinicRow): ClinicResponse {
  return {
    id: clinic.id,
    name: clinic.name,
    address: clinic.address ?? null,
    phone: clinic.phone,
    timeZone: clinic.timeZone,
    version: clinic.version,
    createdAt: clinic.createdAt.toISOString(),
    updatedAt: clinic.updatedAt.toISOString(),
  };
}
