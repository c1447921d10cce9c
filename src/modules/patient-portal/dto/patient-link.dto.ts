import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PATIENT_LINK_CHANNELS } from '../repositories/patient-link.schema';

export const PATIENT_LINK_STATUSES = ['ACTIVE', 'EXPIRED', 'REVOKED', 'LOCKED'] as const;
export type PatientLinkStatus = (typeof PATIENT_LINK_STATUSES)[number];

export const CreatePatientLinkBody = z.strictObject({
  /** EMAIL: sent to the patient's address; COPY: the url is answered once, for staff to hand over. */
  channel: z.enum(PATIENT_LINK_CHANNELS),
  expiresInHours: z.number().int().min(1).max(168).default(72),
});
export type CreatePatientLinkBody = z.infer<typeof CreatePatientLinkBody>;
export class CreatePatientLinkDto extends createZodDto(CreatePatientLinkBody) {}

export const PatientLinkCreatedSchema = z.object({
  id: z.uuid(),
  expiresAt: z.string(),
  /** Only for a COPY link, and only in this answer: the token is never stored. */
  url: z.string().optional(),
});
export type PatientLinkCreated = z.infer<typeof PatientLinkCreatedSchema>;
export class PatientLinkCreatedDto extends createZodDto(PatientLinkCreatedSchema) {}

export const PatientLinkSchema = z.object({
  id: z.uuid(),
  procedurePlanId: z.uuid(),
  channel: z.enum(PATIENT_LINK_CHANNELS),
  /** The address an EMAIL link went to, masked (`j•••@example.com`); null for COPY. */
  sentTo: z.string().nullable(),
  status: z.enum(PATIENT_LINK_STATUSES),
  failedAttempts: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type PatientLinkResponse = z.infer<typeof PatientLinkSchema>;
export class PatientLinkDto extends createZodDto(PatientLinkSchema) {}

export const PatientLinkListSchema = z.object({
  data: z.array(PatientLinkSchema),
  /** False when the server has no SMTP_URL: only COPY links can be made. */
  emailAvailable: z.boolean(),
});
export type PatientLinkList = z.infer<typeof PatientLinkListSchema>;
export class PatientLinkListDto extends createZodDto(PatientLinkListSchema) {}
