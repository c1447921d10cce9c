import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const ClinicSchema = z.object({ id: z.uuid(), name: z.string(), createdAt: z.string() });
export type ClinicResponse = z.infer<typeof ClinicSchema>;
export class ClinicDto extends createZodDto(ClinicSchema) {}

export const ClinicName = z.string().trim().min(1).max(200);
