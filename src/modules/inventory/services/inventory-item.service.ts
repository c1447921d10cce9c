import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import type {
  CreateInventoryItemBody,
  InventoryItemResponse,
  ListInventoryItemsQuery,
  UpdateInventoryItemBody,
} from '../dto/inventory-item.dto';
import { InventoryItemRepository } from '../repositories/inventory-item.repository';
import { toInventoryItemResponse } from './inventory-item.mapper';

const ENTITY = 'InventoryItem';

@Injectable()
export class InventoryItemService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly items: InventoryItemRepository,
    private readonly audit: AuditWriter,
  ) {}

  createItem(caller: Caller, body: CreateInventoryItemBody): Promise<InventoryItemResponse> {
    return this.tx.run(async (db) => {
      assertImplantKindFits(body.category, body.implantKind ?? null);
      if (await this.items.findByCode(db, caller.clinicId, body.code)) throw codeTaken();
      let item;
      try {
        item = await this.items.insert(db, {
          clinicId: caller.clinicId,
          id: newId(),
          code: body.code,
          name: body.name,
          category: body.category,
          manufacturer: body.manufacturer ?? null,
          size: body.size ?? null,
          shape: body.shape ?? null,
          unitPrice: body.unitPrice.toDecimal(),
          isBillable: body.isBillable,
          requiresSerialNumber: body.requiresSerialNumber,
          hcpcsCode: body.hcpcsCode ?? null,
          gtin: body.gtin ?? null,
          implantKind: body.implantKind ?? null,
        });
      } catch (error) {
        if (isUniqueViolation(error, 'inventory_items_code_unique')) throw codeTaken();
        if (isUniqueViolation(error, 'inventory_items_gtin_unique')) {
          throw new Duplicate('An item with this GTIN already exists', 'gtin');
        }
        throw error;
      }
      await this.audit.record(db, caller, {
        action: 'inventory-item.create',
        entityType: ENTITY,
        entityId: item.id,
        changedFields: Object.keys(body),
      });
      return toInventoryItemResponse(item);
    });
  }

  /** Edits an item; `active: false` retires it. An item is never deleted: stock and plans refer to it. */
  updateItem(
    caller: Caller,
    id: string,
    body: UpdateInventoryItemBody,
    ifMatch: number | undefined,
  ): Promise<InventoryItemResponse> {
    return this.tx.run(async (db) => {
      const current = lockedAtVersion(
        await this.items.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      assertImplantKindFits(
        body.category ?? current.category,
        body.implantKind === undefined ? current.implantKind : body.implantKind,
      );
      const { unitPrice, ...rest } = body;
      let updated;
      try {
        updated = await this.items.update(db, caller.clinicId, id, {
          ...rest,
          ...(unitPrice === undefined ? {} : { unitPrice: unitPrice.toDecimal() }),
        });
      } catch (error) {
        if (isUniqueViolation(error, 'inventory_items_gtin_unique')) {
          throw new Duplicate('An item with this GTIN already exists', 'gtin');
        }
        throw error;
      }
      await this.audit.record(db, caller, {
        action: body.active === false ? 'inventory-item.deactivate' : 'inventory-item.update',
        entityType: ENTITY,
        entityId: id,
        changedFields: Object.keys(body),
      });
      return toInventoryItemResponse(updated);
    });
  }

  async getItem(caller: Caller, id: string): Promise<InventoryItemResponse> {
    const item = await this.items.findById(this.tx.db, caller.clinicId, id);
    if (!item) throw new NotFound(ENTITY, id);
    return toInventoryItemResponse(item);
  }

  async listItems(
    caller: Caller,
    query: ListInventoryItemsQuery,
  ): Promise<Page<InventoryItemResponse>> {
    const page = await this.items.list(this.tx.db, caller.clinicId, query, query);
    return { data: page.data.map(toInventoryItemResponse), nextCursor: page.nextCursor };
  }
}

/** An implant kind names what kind of implant an item is: only an IMPLANT has one. */
function assertImplantKindFits(category: string, implantKind: string | null): void {
  if (implantKind !== null && category !== 'IMPLANT')
    throw ValidationFailed.field(
      'implantKind',
      'Only an item of category IMPLANT has an implant kind',
    );
}

function codeTaken(): Duplicate {
  return new Duplicate('An item with this code already exists in this clinic', 'code');
}
