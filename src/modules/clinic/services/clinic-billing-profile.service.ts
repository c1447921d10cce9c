import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { assertVersion } from '../../../common/http/versioning';
import { invariant } from '../../../common/invariant';
import type {
  BillingProfileResponse,
  PutBillingProfileBody,
} from '../dto/clinic-billing-profile.dto';
import {
  ClinicBillingProfileRepository,
  type BillingProfileColumns,
  type BillingProfileRow,
} from '../repositories/clinic-billing-profile.repository';
import { BillingProfileNotSet } from './billing-profile-not-set.error';

const ENTITY = 'ClinicBillingProfile';

/** The clinic's billing profile (docs/claims.md "Set-up"): ADMIN writes it, BILLING reads it. */
@Injectable()
export class ClinicBillingProfileService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly profiles: ClinicBillingProfileRepository,
    private readonly audit: AuditWriter,
  ) {}

  async getProfile(caller: Caller): Promise<BillingProfileResponse> {
    const profile = await this.profiles.find(this.tx.db, caller.clinicId);
    if (!profile) throw new BillingProfileNotSet();
    return toBillingProfileResponse(profile);
  }

  /** The profile the claim builder writes into loop 2010AA, or undefined when none is set. */
  async findProfile(db: Db, clinicId: ClinicId): Promise<BillingProfileResponse | undefined> {
    const profile = await this.profiles.find(db, clinicId);
    return profile && toBillingProfileResponse(profile);
  }

  /**
   * Creates or replaces the profile. With `If-Match`, the profile must be at that version; a
   * profile not set yet counts as version 0 (`If-Match: "0"`: only if nobody has set it).
   */
  putProfile(
    caller: Caller,
    body: PutBillingProfileBody,
    ifMatch: number | undefined,
  ): Promise<BillingProfileResponse> {
    return this.tx.run(async (db) => {
      const columns: BillingProfileColumns = body;
      let current = await this.profiles.lock(db, caller.clinicId);
      if (!current) {
        assertVersion(0, ifMatch);
        const created = await this.profiles.insertIfAbsent(db, caller.clinicId, columns);
        if (created) {
          await this.record(db, caller, 'create', Object.keys(columns));
          return toBillingProfileResponse(created);
        }
        // A concurrent PUT created it after our read: this one replaces it like any later one.
        current = await this.profiles.lock(db, caller.clinicId);
        invariant(current, 'the conflicting insert committed before ours gave up');
      }
      assertVersion(current.version, ifMatch);
      const updated = await this.profiles.update(db, caller.clinicId, columns);
      await this.record(db, caller, 'update', changedColumns(current, columns));
      return toBillingProfileResponse(updated);
    });
  }

  /** Field names only, never the values (docs/security.md). */
  private record(
    db: Db,
    caller: Caller,
    event: 'create' | 'update',
    changedFields: string[],
  ): Promise<void> {
    return this.audit.record(db, caller, {
      action: `clinic-billing-profile.${event}`,
      entityType: ENTITY,
      entityId: caller.clinicId,
      changedFields,
    });
  }
}

function changedColumns(current: BillingProfileRow, next: BillingProfileColumns): string[] {
  return (Object.keys(next) as (keyof BillingProfileColumns)[]).filter(
    (key) => !isDeepStrictEqual(current[key], next[key]),
  );
}

function toBillingProfileResponse(row: BillingProfileRow): BillingProfileResponse {
  return {
    legalName: row.legalName,
    npi: row.npi,
    taxId: row.taxId,
    taxonomyCode: row.taxonomyCode,
    address: { ...row.address, line2: row.address.line2 ?? null },
    submitterId: row.submitterId,
    receiverId: row.receiverId,
    defaultPlaceOfService: row.defaultPlaceOfService,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
