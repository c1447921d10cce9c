import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';

const RoomName = z.string().trim().min(1).max(100);

export const CreateOperatingRoomBody = z.strictObject({ name: RoomName });
export type CreateOperatingRoomBody = z.infer<typeof CreateOperatingRoomBody>;
export class CreateOperatingRoomDto extends createZodDto(CreateOperatingRoomBody) {}

/** Rename or (de)activate; a deactivated room takes no new cases and keeps its past ones. */
export const UpdateOperatingRoomBody = z
  .strictObject({ name: RoomName.optional(), active: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.active !== undefined, {
    message: 'Give name or active',
    path: ['name'],
  });
export type UpdateOperatingRoomBody = z.infer<typeof UpdateOperatingRoomBody>;
export class UpdateOperatingRoomDto extends createZodDto(UpdateOperatingRoomBody) {}

export const ListOperatingRoomsQuery = z.strictObject({
  ...pageQueryShape,
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListOperatingRoomsQuery = z.infer<typeof ListOperatingRoomsQuery>;
export class ListOperatingRoomsQueryDto extends createZodDto(ListOperatingRoomsQuery) {}

export const OperatingRoomSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OperatingRoomResponse = z.infer<typeof OperatingRoomSchema>;
export class OperatingRoomDto extends createZodDto(OperatingRoomSchema) {}
export class OperatingRoomPageDto extends createZodDto(pageSchema(OperatingRoomSchema)) {}
