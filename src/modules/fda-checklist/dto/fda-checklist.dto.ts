import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { FDA_CHECKLIST_STATUSES } from '../repositories/fda-checklist.schema';
import { FdaChecklistSectionOutput } from './fda-checklist-template.dto';

/** A plan's checklist as the readiness check and the portal's overview name it. */
export const FDA_CHECKLIST_PLAN_STATUSES = [
  'NOT_REQUIRED',
  'PENDING',
  'PATIENT_SIGNED',
  'COMPLETED',
] as const;
export type FdaChecklistPlanStatus = (typeof FDA_CHECKLIST_PLAN_STATUSES)[number];

/**
 * The patient's signature: initials for every section (1–4 letters each), the typed full name,
 * and the hash of the text shown. The portal's `POST …/fda-checklist/sign` and the staff's
 * in-clinic `POST /procedure-plans/:id/fda-checklist/sign` take it.
 */
export const SignFdaChecklistBody = z.strictObject({
  initials: z.record(
    z.string().max(40),
    z
      .string()
      .trim()
      .regex(/^\p{L}{1,4}$/u, 'Initials: 1 to 4 letters'),
  ),
  signerName: z.string().trim().min(1).max(200),
  contentHash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'The 64-hex-digit SHA-256 contentHash of the checklist')
    .transform((h) => h.toLowerCase()),
});
export type SignFdaChecklistBody = z.infer<typeof SignFdaChecklistBody>;
export class SignFdaChecklistDto extends createZodDto(SignFdaChecklistBody) {}

/** What the patient sees through the link (docs/issue 18 contract). */
export const PatientFdaChecklistSchema = z.object({
  required: z.boolean(),
  title: z.string().nullable(),
  sections: z.array(FdaChecklistSectionOutput),
  contentHash: z.string().nullable(),
  status: z.enum(FDA_CHECKLIST_PLAN_STATUSES),
  initials: z.record(z.string(), z.string()).nullable(),
  signerName: z.string().nullable(),
  patientSignedAt: z.string().nullable(),
  surgeonAttestedAt: z.string().nullable(),
  surgeonName: z.string().nullable(),
});
export type PatientFdaChecklistResponse = z.infer<typeof PatientFdaChecklistSchema>;

export const FdaChecklistSchema = z.object({
  id: z.uuid(),
  procedurePlanId: z.uuid(),
  templateVersion: z.number().int(),
  title: z.string(),
  sections: z.array(FdaChecklistSectionOutput),
  surgeonAttestation: z.string(),
  contentHash: z.string(),
  status: z.enum(FDA_CHECKLIST_STATUSES),
  initials: z.record(z.string(), z.string()).nullable(),
  signerName: z.string().nullable(),
  patientSignedAt: z.string().nullable(),
  /** PATIENT_LINK: the patient signed through their link; IN_CLINIC: staff recorded it. */
  signedThrough: z.enum(['PATIENT_LINK', 'IN_CLINIC']).nullable(),
  recordedById: z.uuid().nullable(),
  attestedById: z.uuid().nullable(),
  surgeonName: z.string().nullable(),
  attestedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** `GET /procedure-plans/:id/fda-checklist`: whether the plan needs it, and its checklist. */
export const PlanFdaChecklistSchema = z.object({
  required: z.boolean(),
  status: z.enum(FDA_CHECKLIST_PLAN_STATUSES),
  /** Null when not required, or required but the clinic has no active checklist template. */
  checklist: FdaChecklistSchema.nullable(),
});
export type PlanFdaChecklistResponse = z.infer<typeof PlanFdaChecklistSchema>;
export class PlanFdaChecklistDto extends createZodDto(PlanFdaChecklistSchema) {}
