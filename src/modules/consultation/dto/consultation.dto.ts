import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';

export const CreateConsultationBody = z.strictObject({
  patientId: z.uuid(),
  surgeonId: z.uuid(),
  consultationDate: z.iso.datetime({
    offset: true,
    message: 'An instant with offset, e.g. 2026-11-24T09:30:00Z',
  }),
  reason: z.string().trim().min(1).max(2000),
  notes: z.string().trim().max(20000).nullish(),
});
export type CreateConsultationBody = z.infer<typeof CreateConsultationBody>;
export class CreateConsultationDto extends createZodDto(CreateConsultationBody) {}

export const ListConsultationsQuery = z.strictObject({
  ...pageQueryShape,
  patientId: z.uuid().optional(),
  surgeonId: z.uuid().optional(),
});
export type ListConsultationsQuery = z.infer<typeof ListConsultationsQuery>;
export class ListConsultationsQueryDto extends createZodDto(ListConsultationsQuery) {}

export const ConsultationSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  surgeonId: z.uuid(),
  consultationDate: z.string(),
  reason: z.string(),
  notes: z.string().nullable(),
  createdById: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConsultationResponse = z.infer<typeof ConsultationSchema>;
export class ConsultationDto extends createZodDto(ConsultationSchema) {}
export class ConsultationPageDto extends createZodDto(pageSchema(ConsultationSchema)) {}
