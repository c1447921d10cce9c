import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';

const RoomName = z.string().trim().min(1).max(100);

export const CreateExamRoomBody = z.strictObject({ name: RoomName });
export type CreateExamRoomBody = z.infer<typeof CreateExamRoomBody>;
export class CreateExamRoomDto extends createZodDto(CreateExamRoomBody) {}

/** Rename, or deactivate with `{ "active": false }` (a deactivated room takes no new bookings). */
export const UpdateExamRoomBody = z
  .strictObject({ name: RoomName.optional(), active: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.active !== undefined, {
    message: 'Give name or active',
    path: ['name'],
  });
export type UpdateExamRoomBody = z.infer<typeof UpdateExamRoomBody>;
export class UpdateExamRoomDto extends createZodDto(UpdateExamRoomBody) {}

export const ListExamRoomsQuery = z.strictObject({
  ...pageQueryShape,
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListExamRoomsQuery = z.infer<typeof ListExamRoomsQuery>;
export class ListExamRoomsQueryDto extends createZodDto(ListExamRoomsQuery) {}

export const ExamRoomSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ExamRoomResponse = z.infer<typeof ExamRoomSchema>;
export class ExamRoomDto extends createZodDto(ExamRoomSchema) {}
export class ExamRoomPageDto extends createZodDto(pageSchema(ExamRoomSchema)) {}
