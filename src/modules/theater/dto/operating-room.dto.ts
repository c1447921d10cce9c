import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';

const RoomName = z.string().trim().min(1).max(100);
/** A time of day, "HH:MM" (24-hour), in the clinic's local time. */
export const TimeOfDay = z
  .string()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Give a time of day as HH:MM (24-hour)');

export const DEFAULT_OPENS_AT = '07:00';
export const DEFAULT_CLOSES_AT = '19:00';

/** closesAt after opensAt ("HH:MM" strings compare in time order). */
const closesAfterOpens = {
  message: 'closesAt must be after opensAt',
  path: ['closesAt'],
};

export const CreateOperatingRoomBody = z
  .strictObject({
    name: RoomName,
    opensAt: TimeOfDay.default(DEFAULT_OPENS_AT),
    closesAt: TimeOfDay.default(DEFAULT_CLOSES_AT),
  })
  .refine((b) => b.closesAt > b.opensAt, closesAfterOpens);
export type CreateOperatingRoomBody = z.infer<typeof CreateOperatingRoomBody>;
export class CreateOperatingRoomDto extends createZodDto(CreateOperatingRoomBody) {}

/**
 * Rename, (de)activate or change the opening hours; a deactivated room takes no new cases and
 * keeps its past ones. One of the hours alone is checked against the other one stored.
 */
export const UpdateOperatingRoomBody = z
  .strictObject({
    name: RoomName.optional(),
    active: z.boolean().optional(),
    opensAt: TimeOfDay.optional(),
    closesAt: TimeOfDay.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Give name, active, opensAt or closesAt',
    path: ['name'],
  })
  .refine(
    (b) => b.opensAt === undefined || b.closesAt === undefined || b.closesAt > b.opensAt,
    closesAfterOpens,
  );
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
  /** Opening hours, "HH:MM" in the clinic's local time. */
  opensAt: z.string(),
  closesAt: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OperatingRoomResponse = z.infer<typeof OperatingRoomSchema>;
export class OperatingRoomDto extends createZodDto(OperatingRoomSchema) {}
export class OperatingRoomPageDto extends createZodDto(pageSchema(OperatingRoomSchema)) {}
