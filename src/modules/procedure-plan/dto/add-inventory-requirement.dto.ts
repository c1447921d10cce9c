import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { InventoryItemCode } from '../../inventory';

/** The seed's ProcedureInventoryRequirement, by item id or by item code (exactly one). */
export const AddInventoryRequirementBody = z
  .strictObject({
    inventoryItemId: z.uuid().optional(),
    inventoryItemCode: InventoryItemCode.optional(),
    quantity: z.number().int().min(1).max(1000),
    requiresSerialNumber: z.boolean().optional(),
    sizeRequirement: z.string().trim().min(1).max(50).nullish(),
    shapeRequirement: z.string().trim().min(1).max(50).nullish(),
    isRequired: z.boolean().default(true),
  })
  .refine((r) => (r.inventoryItemId === undefined) !== (r.inventoryItemCode === undefined), {
    message: 'Give exactly one of inventoryItemId and inventoryItemCode',
    path: ['inventoryItemId'],
  });
export type AddInventoryRequirementBody = z.infer<typeof AddInventoryRequirementBody>;
export class AddInventoryRequirementDto extends createZodDto(AddInventoryRequirementBody) {}

export const RequirementParams = z.strictObject({ id: z.uuid(), requirementId: z.uuid() });
export class RequirementParamsDto extends createZodDto(RequirementParams) {}
