import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { assertVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { invariant } from '../../../common/invariant';
import type { Money } from '../../../common/money';
import type {
  FeeScheduleEntryResponse,
  ListFeeScheduleQuery,
  PutFeeScheduleEntryBody,
} from '../dto/fee-schedule.dto';
import {
  FeeScheduleRepository,
  type FeeScheduleEntryColumns,
  type FeeScheduleEntryRow,
} from '../repositories/fee-schedule.repository';
import {
  toFeeEntry,
  toFeeScheduleColumns,
  toFeeScheduleEntryResponse,
} from './fee-schedule.mapper';

const ENTITY = 'FeeScheduleEntry';

/** A fee schedule entry as the quote builder prices with it (docs/design.md §6). */
export interface FeeEntry {
  /** The base code, without modifiers. */
  cptCode: string;
  description: string;
  surgeonFee: Money;
  facilityFee: Money;
  anesthesiaFee: Money;
}

@Injectable()
export class FeeScheduleService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly entries: FeeScheduleRepository,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * Creates or replaces the entry of a base CPT code. With `If-Match`, the entry must be at that
   * version; an entry that does not exist yet counts as version 0, so `If-Match: "0"` means
   * "only if nobody has created it".
   */
  putEntry(
    caller: Caller,
    cptCode: string,
    body: PutFeeScheduleEntryBody,
    ifMatch: number | undefined,
  ): Promise<FeeScheduleEntryResponse> {
    return this.tx.run(async (db) => {
      const columns = toFeeScheduleColumns(body);
      let current = await this.entries.lockByCode(db, caller.clinicId, cptCode);
      if (!current) {
        assertVersion(0, ifMatch);
        const created = await this.entries.insertIfAbsent(db, {
          ...columns,
          clinicId: caller.clinicId,
          id: newId(),
          cptCode,
        });
        if (created) {
          await this.audit.record(db, caller, {
            action: 'fee-schedule-entry.create',
            entityType: ENTITY,
            entityId: created.id,
            changedFields: ['cptCode', ...Object.keys(columns)],
          });
          return toFeeScheduleEntryResponse(created);
        }
        // A concurrent PUT created it after our read: its insert has committed, so this PUT
        // replaces that entry like any later one.
        current = await this.entries.lockByCode(db, caller.clinicId, cptCode);
        invariant(current, 'the conflicting insert committed before ours gave up');
      }
      assertVersion(current.version, ifMatch);
      const updated = await this.entries.update(db, caller.clinicId, current.id, columns);
      await this.audit.record(db, caller, {
        action: 'fee-schedule-entry.update',
        entityType: ENTITY,
        entityId: current.id,
        changedFields: changedColumns(current, columns),
      });
      return toFeeScheduleEntryResponse(updated);
    });
  }

  getEntry(caller: Caller, cptCode: string): Promise<FeeScheduleEntryResponse> {
    return this.tx.run(async (db) => {
      const entry = await this.entries.findByCode(db, caller.clinicId, cptCode);
      if (!entry) throw new NotFound(ENTITY, cptCode);
      return toFeeScheduleEntryResponse(entry);
    });
  }

  listEntries(
    caller: Caller,
    query: ListFeeScheduleQuery,
  ): Promise<Page<FeeScheduleEntryResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.entries.list(db, caller.clinicId, query.search, query);
      return { data: page.data.map(toFeeScheduleEntryResponse), nextCursor: page.nextCursor };
    });
  }

  /**
   * The clinic's entries for these base CPT codes (strip modifiers with `baseCptCode` first),
   * keyed by code; a code the clinic does not offer is simply absent from the map. Runs in the
   * caller's transaction.
   */
  async entriesFor(
    db: Db,
    clinicId: ClinicId,
    baseCodes: readonly string[],
  ): Promise<Map<string, FeeEntry>> {
    const rows = await this.entries.findByCodes(db, clinicId, [...new Set(baseCodes)]);
    return new Map(rows.map((row) => [row.cptCode, toFeeEntry(row)]));
  }
}

/** The names of the columns a PUT actually changes, for the audit trail (names only, no values). */
function changedColumns(current: FeeScheduleEntryRow, next: FeeScheduleEntryColumns): string[] {
  return (Object.keys(next) as (keyof FeeScheduleEntryColumns)[]).filter(
    (key) => current[key] !== next[key],
  );
}
