import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ROLES } from '../../../common/auth/caller';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { Npi, TaxonomyCode } from '../../codes';

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
export const Password = z.string().min(12, 'At least 12 characters').max(200);
const PersonName = z.string().trim().min(1).max(200);

export const UserSchema = z.object({
  id: z.uuid(),
  clinicId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  /** A surgeon's NPI (the rendering provider of her claims), or null. */
  npi: z.string().nullable(),
  taxonomyCode: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserResponse = z.infer<typeof UserSchema>;
export class UserDto extends createZodDto(UserSchema) {}
export class UserPageDto extends createZodDto(pageSchema(UserSchema)) {}

export const CreateUserBody = z.strictObject({
  email: Email,
  name: PersonName,
  role: z.enum(ROLES),
  password: Password,
  npi: Npi.optional(),
  taxonomyCode: TaxonomyCode.optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export class CreateUserDto extends createZodDto(CreateUserBody) {}

export const UpdateUserBody = z
  .strictObject({
    email: Email.optional(),
    name: PersonName.optional(),
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    password: Password.optional(),
    /** null clears it. */
    npi: Npi.nullable().optional(),
    taxonomyCode: TaxonomyCode.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Name at least one field to change' });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;
export class UpdateUserDto extends createZodDto(UpdateUserBody) {}

export const ListUsersQuery = z.strictObject({
  ...pageQueryShape,
  role: z.enum(ROLES).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
export class ListUsersQueryDto extends createZodDto(ListUsersQuery) {}
