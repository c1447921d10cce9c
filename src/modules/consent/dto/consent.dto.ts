import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import {
  CONSENT_RELATIONSHIPS,
  CONSENT_STATUSES,
  MAX_SIGNATURE_BYTES,
  SIGNATURE_CHANNELS,
  SIGNATURE_METHODS,
} from '../repositories/consent.schema';
import { pngDataUrlProblem } from '../services/signature-image';

const MAX_TYPED_SIGNATURE = 200;
// A drawn signature is an image as a data URL, as a signature pad's canvas exports it.
const DRAWN_SIGNATURE = /^data:image\/(?:png|jpeg|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

export const SignConsentBody = z
  .strictObject({
    signerName: z.string().trim().min(1).max(200),
    relationship: z.enum(CONSENT_RELATIONSHIPS),
    signatureMethod: z.enum(SIGNATURE_METHODS),
    signatureData: z.string().min(1).max(MAX_SIGNATURE_BYTES),
    /** The hash of the text the signer was shown (GET /consents/:id): proves what was signed. */
    contentHash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'The 64-hex-digit SHA-256 contentHash of the consent')
      .transform((h) => h.toLowerCase()),
    witnessId: z.uuid().nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.signatureMethod === 'TYPED' && body.signatureData.trim().length === 0) {
      ctx.addIssue({ code: 'custom', path: ['signatureData'], message: 'Must not be blank' });
    }
    if (body.signatureMethod === 'TYPED' && body.signatureData.length > MAX_TYPED_SIGNATURE) {
      ctx.addIssue({
        code: 'custom',
        path: ['signatureData'],
        message: `A typed signature has at most ${MAX_TYPED_SIGNATURE} characters`,
      });
    }
    if (body.signatureMethod === 'DRAWN' && !DRAWN_SIGNATURE.test(body.signatureData)) {
      ctx.addIssue({
        code: 'custom',
        path: ['signatureData'],
        message: 'A drawn signature is a base64 data URL of a PNG, JPEG or SVG image',
      });
    }
  });
export type SignConsentBody = z.infer<typeof SignConsentBody>;
export class SignConsentDto extends createZodDto(SignConsentBody) {}

export const RevokeConsentBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type RevokeConsentBody = z.infer<typeof RevokeConsentBody>;
export class RevokeConsentDto extends createZodDto(RevokeConsentBody) {}

export const ListConsentsQuery = z.strictObject({
  ...pageQueryShape,
  procedurePlanId: z.uuid().optional(),
  patientId: z.uuid().optional(),
});
export type ListConsentsQuery = z.infer<typeof ListConsentsQuery>;
export class ListConsentsQueryDto extends createZodDto(ListConsentsQuery) {}

/**
 * What the patient sends through their link (docs/consents.md "The patient's own signature"): the
 * typed full name, the drawn signature as a PNG data URL, and the hash of the text shown. The
 * patient portal's controller takes it as its DTO.
 */
export const PatientSignConsentBody = z
  .strictObject({
    signerName: z.string().trim().min(1).max(200),
    signatureImage: z.string().min(1).max(MAX_SIGNATURE_BYTES),
    contentHash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'The 64-hex-digit SHA-256 contentHash of the consent')
      .transform((h) => h.toLowerCase()),
  })
  .superRefine((body, ctx) => {
    const problem = pngDataUrlProblem(body.signatureImage);
    if (problem !== null)
      ctx.addIssue({ code: 'custom', path: ['signatureImage'], message: problem });
  });
export type PatientSignConsentBody = z.infer<typeof PatientSignConsentBody>;
export class PatientSignConsentDto extends createZodDto(PatientSignConsentBody) {}

/** The evidence kept with a signature (E-SIGN Act, UETA): who, when, from where, how, on what. */
export const SignatureEvidenceSchema = z.object({
  signedAt: z.string(),
  /** Null on signatures recorded before the evidence was kept. */
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  method: z.enum(SIGNATURE_METHODS),
  channel: z.enum(SIGNATURE_CHANNELS),
  /** The patient link the patient signed through (channel PATIENT_LINK). */
  patientLinkId: z.uuid().nullable(),
  contentHash: z.string(),
});
export type SignatureEvidence = z.infer<typeof SignatureEvidenceSchema>;

/** The signature itself is stored but never returned. */
export const ConsentSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  procedurePlanId: z.uuid(),
  templateCode: z.string(),
  templateVersion: z.number().int(),
  title: z.string(),
  body: z.string(),
  contentHash: z.string(),
  status: z.enum(CONSENT_STATUSES),
  signedAt: z.string().nullable(),
  signerName: z.string().nullable(),
  relationship: z.enum(CONSENT_RELATIONSHIPS).nullable(),
  signatureMethod: z.enum(SIGNATURE_METHODS).nullable(),
  witnessId: z.uuid().nullable(),
  recordedById: z.uuid().nullable(),
  /** Null until signed; kept after a revocation or a void. */
  evidence: SignatureEvidenceSchema.nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ConsentResponse = z.infer<typeof ConsentSchema>;
export class ConsentDto extends createZodDto(ConsentSchema) {}
export class ConsentPageDto extends createZodDto(pageSchema(ConsentSchema)) {}

/** The plan's consent as the patient sees it through their link (no staff ids). */
export const PatientConsentSchema = z.object({
  title: z.string(),
  body: z.string(),
  contentHash: z.string(),
  status: z.enum(CONSENT_STATUSES),
  signature: z
    .object({
      signerName: z.string(),
      signedAt: z.string(),
      method: z.enum(SIGNATURE_METHODS),
      ipAddress: z.string().nullable(),
      userAgent: z.string().nullable(),
      linkId: z.uuid().nullable(),
    })
    .nullable(),
});
export type PatientConsentResponse = z.infer<typeof PatientConsentSchema>;
export class PatientConsentDto extends createZodDto(PatientConsentSchema) {}
