import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { ValidationFailed } from '../../../common/errors/domain-error';
import type { FieldError } from '../../../common/errors/problem-code';
import { newId } from '../../../common/ids';
import { InventoryQueries } from '../../inventory';
import type { AddInventoryRequirementBody } from '../dto/add-inventory-requirement.dto';
import type { NewRequirement } from '../repositories/procedure-plan.repository';

/** Turns requirement bodies (item by id or by code) into rows, or one 400 naming every bad one. */
@Injectable()
export class RequirementResolver {
  constructor(private readonly items: InventoryQueries) {}

  async resolve(
    db: Db,
    clinicId: ClinicId,
    planId: string,
    bodies: readonly AddInventoryRequirementBody[],
    pathOf: (index: number) => string,
  ): Promise<NewRequirement[]> {
    return (await this.resolveWithItems(db, clinicId, planId, bodies, pathOf)).map((r) => r.row);
  }

  /** `resolve`, each row with its item's code and name (what a requirement's answer shows). */
  async resolveWithItems(
    db: Db,
    clinicId: ClinicId,
    planId: string,
    bodies: readonly AddInventoryRequirementBody[],
    pathOf: (index: number) => string,
  ): Promise<{ row: NewRequirement; itemCode: string; itemName: string }[]> {
    const byId = new Map(
      (
        await this.items.itemsByIds(
          db,
          clinicId,
          bodies.flatMap((b) => (b.inventoryItemId ? [b.inventoryItemId] : [])),
        )
      ).map((i) => [i.id, i]),
    );
    const byCode = new Map(
      (
        await this.items.itemsByCodes(
          db,
          clinicId,
          bodies.flatMap((b) => (b.inventoryItemCode ? [b.inventoryItemCode] : [])),
        )
      ).map((i) => [i.code, i]),
    );
    const errors: FieldError[] = [];
    const rows: { row: NewRequirement; itemCode: string; itemName: string }[] = [];
    bodies.forEach((body, index) => {
      const item = body.inventoryItemId
        ? byId.get(body.inventoryItemId)
        : byCode.get(body.inventoryItemCode ?? '');
      const field = `${pathOf(index)}.${body.inventoryItemId ? 'inventoryItemId' : 'inventoryItemCode'}`;
      if (!item) {
        errors.push({ path: field, message: 'No such inventory item in this clinic' });
        return;
      }
      if (!item.active) {
        errors.push({ path: field, message: `${item.code} is deactivated` });
        return;
      }
      if (body.requiresSerialNumber === true && !item.requiresSerialNumber) {
        errors.push({
          path: `${pathOf(index)}.requiresSerialNumber`,
          message: `${item.code} is not serial-tracked, so no serial numbers can be reserved for it`,
        });
        return;
      }
      rows.push({
        row: {
          clinicId,
          id: newId(),
          planId,
          inventoryItemId: item.id,
          quantity: body.quantity,
          // Serial-tracked items (implants) always need their serial numbers (FDA tracking, the seed).
          requiresSerialNumber: item.requiresSerialNumber,
          sizeRequirement: body.sizeRequirement ?? null,
          shapeRequirement: body.shapeRequirement ?? null,
          isRequired: body.isRequired,
        },
        itemCode: item.code,
        itemName: item.name,
      });
    });
    if (errors.length > 0) throw new ValidationFailed(errors);
    return rows;
  }
}
