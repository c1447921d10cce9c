import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { MoneyOutput } from '../../../common/money';
import { CLAIM_STATUSES } from '../repositories/claims.schema';

/** `POST /claims`: one claim for the INSURANCE lines of a bill. */
export const CreateClaimBody = z.strictObject({ billId: z.uuid() });
export type CreateClaimBody = z.infer<typeof CreateClaimBody>;
export class CreateClaimDto extends createZodDto(CreateClaimBody) {}

/** A payer's claim control number (CLP07; REF*F8 of a corrected claim). */
const PayerClaimControlNumber = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9 ._-]+$/, 'Letters, digits, spaces, dots, dashes or underscores');

/** `POST /claims/:id/corrections`: 7 replaces the claim with a new one, 8 voids it at the payer. */
export const CorrectClaimBody = z.strictObject({
  frequency: z.enum(['7', '8']),
  payerClaimControlNumber: PayerClaimControlNumber.optional(),
});
export type CorrectClaimBody = z.infer<typeof CorrectClaimBody>;
export class CorrectClaimDto extends createZodDto(CorrectClaimBody) {}

/** `POST /claims/:id/reject` and `/void`: why. */
export const ClaimReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export type ClaimReasonBody = z.infer<typeof ClaimReasonBody>;
export class ClaimReasonDto extends createZodDto(ClaimReasonBody) {}

export const ListClaimsQuery = z.strictObject({
  ...pageQueryShape,
  status: z.enum(CLAIM_STATUSES).optional(),
  payerId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  billId: z.uuid().optional(),
});
export type ListClaimsQuery = z.infer<typeof ListClaimsQuery>;
export class ListClaimsQueryDto extends createZodDto(ListClaimsQuery) {}

/** `POST /claims/submissions`: the DRAFT claims to send in one interchange. */
export const CreateSubmissionBody = z.strictObject({
  claimIds: z
    .array(z.uuid())
    .min(1)
    .max(5000)
    .refine((ids) => new Set(ids).size === ids.length, 'Each claim once'),
});
export type CreateSubmissionBody = z.infer<typeof CreateSubmissionBody>;
export class CreateSubmissionDto extends createZodDto(CreateSubmissionBody) {}

export const ListSubmissionsQuery = z.strictObject({ ...pageQueryShape });
export type ListSubmissionsQuery = z.infer<typeof ListSubmissionsQuery>;
export class ListSubmissionsQueryDto extends createZodDto(ListSubmissionsQuery) {}

const ClaimSummaryFields = {
  id: z.uuid(),
  claimNumber: z.string(),
  billId: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  payer: z.object({ id: z.uuid(), name: z.string(), payerId: z.string() }),
  status: z.enum(CLAIM_STATUSES),
  /** CLM05-3: 1 original, 7 replacement, 8 void. */
  frequency: z.enum(['1', '7', '8']),
  originalClaimId: z.uuid().nullable(),
  totalCharge: MoneyOutput,
  paid: MoneyOutput,
  adjusted: MoneyOutput,
  patientResponsibility: MoneyOutput,
  serviceDate: z.string(),
  submittedAt: z.string().nullable(),
  /** Whole days since it was last submitted (aging); null while never submitted. */
  daysSinceSubmission: z.number().int().nullable(),
  statusReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const ClaimSummarySchema = z.object(ClaimSummaryFields);
export type ClaimSummaryResponse = z.infer<typeof ClaimSummarySchema>;
export class ClaimPageDto extends createZodDto(pageSchema(ClaimSummarySchema)) {}

export const ClaimLineSchema = z.object({
  lineNumber: z.number().int(),
  billLineNumber: z.number().int(),
  procedureCode: z.string(),
  modifiers: z.array(z.string()),
  description: z.string(),
  units: z.number().int(),
  charge: MoneyOutput,
  diagnosisPointers: z.array(z.number().int()),
  serviceDate: z.string(),
  note: z.string().nullable(),
  paid: MoneyOutput,
  adjusted: MoneyOutput,
  patientResponsibility: MoneyOutput,
});

const PersonSchema = z.object({
  name: z.object({ last: z.string(), first: z.string() }),
  dateOfBirth: z.string(),
  sex: z.enum(['M', 'F', 'U']),
});

export const ClaimSchema = z.object({
  ...ClaimSummaryFields,
  placeOfService: z.string(),
  priorAuthorizationNumber: z.string().nullable(),
  /** ICD-10-CM without the dot, principal first. */
  diagnosisCodes: z.array(z.string()),
  renderingProviderId: z.uuid().nullable(),
  payerClaimControlNumber: z.string().nullable(),
  adjudicatedAt: z.string().nullable(),
  /** What was copied when the claim was made (docs/claims.md "Making a claim"). */
  subscriber: PersonSchema.extend({ memberId: z.string(), groupNumber: z.string().nullable() }),
  relationship: z.string(),
  renderingProvider: z
    .object({
      name: z.object({ last: z.string(), first: z.string() }),
      npi: z.string(),
      taxonomy: z.string().nullable(),
    })
    .nullable(),
  lines: z.array(ClaimLineSchema),
  /** The bill's FACILITY lines marked INSURANCE, left out of the 837P (an 837I's). */
  excludedLines: z.array(z.object({ billLineNumber: z.number().int(), reason: z.string() })),
  history: z.array(
    z.object({
      event: z.string(),
      fromStatus: z.enum(CLAIM_STATUSES).nullable(),
      toStatus: z.enum(CLAIM_STATUSES),
      actorId: z.uuid(),
      submissionId: z.uuid().nullable(),
      remittanceId: z.uuid().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
  submissions: z.array(
    z.object({ id: z.uuid(), interchangeControlNumber: z.number().int(), createdAt: z.string() }),
  ),
  /** The 835 postings of the claim (`remittance_claims`), oldest first. */
  remittances: z.array(
    z.object({
      remittanceId: z.uuid(),
      traceNumber: z.string(),
      segmentIndex: z.number().int(),
      paid: MoneyOutput,
      adjusted: MoneyOutput,
      patientResponsibility: MoneyOutput,
      status: z.enum(CLAIM_STATUSES).nullable(),
    }),
  ),
});
export type ClaimResponse = z.infer<typeof ClaimSchema>;
export class ClaimDto extends createZodDto(ClaimSchema) {}

export const SubmissionSchema = z.object({
  id: z.uuid(),
  /** ISA13/IEA02 and GS06/GE02. */
  interchangeControlNumber: z.number().int(),
  groupControlNumber: z.number().int(),
  claimIds: z.array(z.uuid()),
  /** The 837P as sent, byte for byte (`GET …/837p` serves the same text). */
  x12: z.string(),
  submittedById: z.uuid(),
  createdAt: z.string(),
});
export type SubmissionResponse = z.infer<typeof SubmissionSchema>;
export class SubmissionDto extends createZodDto(SubmissionSchema) {}

/** A list item: the file itself is left out (`GET /claims/submissions/:id` has it). */
export const SubmissionSummarySchema = SubmissionSchema.omit({ x12: true });
export type SubmissionSummaryResponse = z.infer<typeof SubmissionSummarySchema>;
export class SubmissionPageDto extends createZodDto(pageSchema(SubmissionSummarySchema)) {}
