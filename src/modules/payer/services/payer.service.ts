import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import type {
  CreatePayerBody,
  ListPayersQuery,
  PayerResponse,
  UpdatePayerBody,
} from '../dto/payer.dto';
import { PayerRepository, type PayerRow } from '../repositories/payer.repository';

const ENTITY = 'Payer';

/** The insurers a clinic bills (docs/claims.md "Set-up"); BILLING and ADMIN keep the list. */
@Injectable()
export class PayerService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly payers: PayerRepository,
    private readonly audit: AuditWriter,
  ) {}

  createPayer(caller: Caller, body: CreatePayerBody): Promise<PayerResponse> {
    return this.tx.run(async (db) => {
      await this.assertPayerIdFree(db, caller.clinicId, body.payerId);
      const payer = await this.writing(() =>
        this.payers.insert(db, {
          clinicId: caller.clinicId,
          id: newId(),
          name: body.name,
          payerId: body.payerId,
          address: body.address ?? null,
        }),
      );
      await this.audit.record(db, caller, {
        action: 'payer.create',
        entityType: ENTITY,
        entityId: payer.id,
        changedFields: Object.keys(body),
      });
      return toPayerResponse(payer);
    });
  }

  async getPayer(caller: Caller, id: string): Promise<PayerResponse> {
    const payer = await this.payers.findById(this.tx.db, caller.clinicId, id);
    if (!payer) throw new NotFound(ENTITY, id);
    return toPayerResponse(payer);
  }

  async listPayers(caller: Caller, query: ListPayersQuery): Promise<Page<PayerResponse>> {
    const page = await this.payers.list(this.tx.db, caller.clinicId, query);
    return { data: page.data.map(toPayerResponse), nextCursor: page.nextCursor };
  }

  updatePayer(
    caller: Caller,
    id: string,
    body: UpdatePayerBody,
    ifMatch: number | undefined,
  ): Promise<PayerResponse> {
    return this.tx.run(async (db) => {
      const current = lockedAtVersion(
        await this.payers.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      if (body.payerId !== undefined && body.payerId !== current.payerId)
        await this.assertPayerIdFree(db, caller.clinicId, body.payerId);
      const updated = await this.writing(() => this.payers.update(db, caller.clinicId, id, body));
      await this.audit.record(db, caller, {
        action: 'payer.update',
        entityType: ENTITY,
        entityId: id,
        changedFields: Object.keys(body),
      });
      return toPayerResponse(updated);
    });
  }

  /** For a patient's insurance: the clinic's payer, or undefined when it has none by this id. */
  async findPayer(db: Db, clinicId: ClinicId, id: string): Promise<PayerRow | undefined> {
    return this.payers.findById(db, clinicId, id);
  }

  private async assertPayerIdFree(db: Db, clinicId: ClinicId, payerId: string): Promise<void> {
    if (await this.payers.payerIdTaken(db, clinicId, payerId)) throw payerIdTaken();
  }

  /** A concurrent write that took the payer id first still answers 409, not 500. */
  private async writing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'payers_payer_id_unique')) throw payerIdTaken();
      throw error;
    }
  }
}

function payerIdTaken(): Duplicate {
  return new Duplicate('A payer with this payer id already exists in this clinic', 'payerId');
}

function toPayerResponse(row: PayerRow): PayerResponse {
  return {
    id: row.id,
    name: row.name,
    payerId: row.payerId,
    address: row.address ? { ...row.address, line2: row.address.line2 ?? null } : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
