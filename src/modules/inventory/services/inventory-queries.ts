import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import {
  InventoryItemRepository,
  type InventoryItemRow,
} from '../repositories/inventory-item.repository';
import {
  InventoryUsageRepository,
  type CaseUsageRow,
} from '../repositories/inventory-usage.repository';

/** What other modules read of the catalog and of usages (procedure-plan, theater, billing). */
@Injectable()
export class InventoryQueries {
  constructor(
    private readonly items: InventoryItemRepository,
    private readonly usages: InventoryUsageRepository,
  ) {}

  itemById(db: Db, clinicId: ClinicId, id: string): Promise<InventoryItemRow | undefined> {
    return this.items.findById(db, clinicId, id);
  }

  itemsByIds(db: Db, clinicId: ClinicId, ids: readonly string[]): Promise<InventoryItemRow[]> {
    return this.items.findByIds(db, clinicId, ids);
  }

  itemsByCodes(
    ...args: Parameters<InventoryItemRepository['findByCodes']>
  ): ReturnType<InventoryItemRepository['findByCodes']> {
    return this.items.findByCodes(...args);
  }

  /** What a case consumed, oldest first. */
  usagesOfCase(db: Db, clinicId: ClinicId, caseId: string): Promise<CaseUsageRow[]> {
    return this.usages.usagesOfCase(db, clinicId, caseId);
  }

  usagesOfCases(
    ...args: Parameters<InventoryUsageRepository['usagesOfCases']>
  ): ReturnType<InventoryUsageRepository['usagesOfCases']> {
    return this.usages.usagesOfCases(...args);
  }
}
