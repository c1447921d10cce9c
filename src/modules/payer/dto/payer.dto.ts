import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { PostalAddress, PostalAddressSchema } from '../../../common/postal-address';

const PayerName = z.string().trim().min(1).max(60);
/** The clearinghouse's payer id (NM109 of loop 2010BB), stored upper-case. */
export const X12PayerId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,79}$/, '2 to 80 letters, digits or -, e.g. 60054');

export const CreatePayerBody = z.strictObject({
  name: PayerName,
  payerId: X12PayerId,
  address: PostalAddress.nullish(),
});
export type CreatePayerBody = z.infer<typeof CreatePayerBody>;
export class CreatePayerDto extends createZodDto(CreatePayerBody) {}

/** Any of the fields; `address` null clears it. */
export const UpdatePayerBody = z
  .strictObject({
    name: PayerName.optional(),
    payerId: X12PayerId.optional(),
    address: PostalAddress.nullable().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Give name, payerId or address',
    path: ['name'],
  });
export type UpdatePayerBody = z.infer<typeof UpdatePayerBody>;
export class UpdatePayerDto extends createZodDto(UpdatePayerBody) {}

export const ListPayersQuery = z.strictObject({ ...pageQueryShape });
export type ListPayersQuery = z.infer<typeof ListPayersQuery>;
export class ListPayersQueryDto extends createZodDto(ListPayersQuery) {}

export const PayerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  payerId: z.string(),
  address: PostalAddressSchema.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PayerResponse = z.infer<typeof PayerSchema>;
export class PayerDto extends createZodDto(PayerSchema) {}
export class PayerPageDto extends createZodDto(pageSchema(PayerSchema)) {}
