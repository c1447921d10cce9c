import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { MoneyInput, MoneyOutput } from '../../../common/money';
import { IMPLANT_KINDS, INVENTORY_CATEGORIES } from '../repositories/inventory-item.schema';
import { gs1CheckDigit, gtinCheckDigitValid } from '../services/gs1-udi';

/** Item codes are the clinic's own readable keys, e.g. `breast-implant-300cc-round`. */
export const InventoryItemCode = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dots, dashes and underscores');
const OptionalText = z.string().trim().min(1).max(200).nullish();

/**
 * A GTIN-14 whose last digit is its GS1 check digit: one mistyped digit would otherwise store a
 * GTIN no UDI label carries, and receiving by scanning would never find the item (docs/udi.md).
 */
export const Gtin = z
  .string()
  .trim()
  .regex(/^\d{14}$/, 'A 14-digit GTIN')
  .superRefine((gtin, ctx) => {
    if (/^\d{14}$/.test(gtin) && !gtinCheckDigitValid(gtin)) {
      ctx.addIssue({
        code: 'custom',
        message: `Wrong check digit: a GTIN starting ${gtin.slice(0, 13)} ends in ${gs1CheckDigit(gtin.slice(0, 13))}, not ${gtin[13]}`,
      });
    }
  });

export const CreateInventoryItemBody = z.strictObject({
  code: InventoryItemCode,
  name: z.string().trim().min(1).max(200),
  category: z.enum(INVENTORY_CATEGORIES),
  manufacturer: OptionalText,
  size: z.string().trim().min(1).max(50).nullish(),
  shape: z.string().trim().min(1).max(50).nullish(),
  unitPrice: MoneyInput,
  isBillable: z.boolean(),
  requiresSerialNumber: z.boolean(),
  hcpcsCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-V][0-9]{4}$/, 'A HCPCS Level II code, e.g. L8600')
    .nullish(),
  gtin: Gtin.nullish(),
  /** BREAST marks a breast implant (docs/fda-checklist.md); only for category IMPLANT. */
  implantKind: z.enum(IMPLANT_KINDS).nullish(),
});
export type CreateInventoryItemBody = z.infer<typeof CreateInventoryItemBody>;
export class CreateInventoryItemDto extends createZodDto(CreateInventoryItemBody) {}

/** Everything but the code can change; `active: false` retires an item (items are never deleted). */
export const UpdateInventoryItemBody = CreateInventoryItemBody.omit({ code: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Name at least one field to change' });
export type UpdateInventoryItemBody = z.infer<typeof UpdateInventoryItemBody>;
export class UpdateInventoryItemDto extends createZodDto(UpdateInventoryItemBody) {}

export const ListInventoryItemsQuery = z.strictObject({
  ...pageQueryShape,
  category: z.enum(INVENTORY_CATEGORIES).optional(),
  search: z.string().trim().min(1).max(100).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListInventoryItemsQuery = z.infer<typeof ListInventoryItemsQuery>;
export class ListInventoryItemsQueryDto extends createZodDto(ListInventoryItemsQuery) {}

export const InventoryItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  category: z.enum(INVENTORY_CATEGORIES),
  manufacturer: z.string().nullable(),
  size: z.string().nullable(),
  shape: z.string().nullable(),
  unitPrice: MoneyOutput,
  isBillable: z.boolean(),
  requiresSerialNumber: z.boolean(),
  hcpcsCode: z.string().nullable(),
  gtin: z.string().nullable(),
  implantKind: z.enum(IMPLANT_KINDS).nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InventoryItemResponse = z.infer<typeof InventoryItemSchema>;
export class InventoryItemDto extends createZodDto(InventoryItemSchema) {}
export class InventoryItemPageDto extends createZodDto(pageSchema(InventoryItemSchema)) {}
