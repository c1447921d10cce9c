import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { MoneyOutput } from '../../../common/money';
import { CLAIM_STATUSES } from '../repositories/claims.schema';
import { UNMATCHED_REASONS, type UnmatchedReason } from '../services/remittance-plan';

/** The largest 835 taken, as `text/plain` or as `x12` in JSON: 1,000 CLPs fit many times over. */
export const MAX_835_BYTES = 10 * 1024 * 1024;

const X12Text = z.string().min(1, 'The 835 is empty').max(MAX_835_BYTES);

/**
 * `POST /remittances`: the 835 as received, either the whole `text/plain` body or `{ x12 }` in
 * JSON. Whether it reads, counts and balances is the service's check (400 INVALID_X12).
 */
export const PostRemittanceJsonBody = z.strictObject({ x12: X12Text });
export const PostRemittanceBody = z.union([X12Text, PostRemittanceJsonBody]);
export type PostRemittanceBody = z.infer<typeof PostRemittanceBody>;

export const PostRemittanceQuery = z.strictObject({
  /** `true`: answer what would post, computed by the same code, and change nothing. */
  preview: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type PostRemittanceQuery = z.infer<typeof PostRemittanceQuery>;
export class PostRemittanceQueryDto extends createZodDto(PostRemittanceQuery) {}

export const ListRemittancesQuery = z.strictObject({ ...pageQueryShape });
export type ListRemittancesQuery = z.infer<typeof ListRemittancesQuery>;
export class ListRemittancesQueryDto extends createZodDto(ListRemittancesQuery) {}

/** A CAS triple: CAS01 group, the CARC reason, the amount (negative gives back), the quantity. */
const AdjustmentSchema = z.object({
  group: z.enum(['CO', 'OA', 'PI', 'PR']),
  reason: z.string(),
  amount: MoneyOutput,
  quantity: z.number().nullable(),
});

/** An SVC as read, with the claim line it was matched to (null when none). */
const ServiceSchema = z.object({
  segmentIndex: z.number().int(),
  procedureCode: z.string(),
  modifiers: z.array(z.string()),
  charge: MoneyOutput,
  paid: MoneyOutput,
  units: z.number(),
  claimLineNumber: z.number().int().nullable(),
  adjustments: z.array(AdjustmentSchema),
});

/** What a CLP says, matched or not. */
const ClpShape = {
  /** The CLP's 1-based position in the interchange (ISA is 1). */
  segmentIndex: z.number().int(),
  /** CLP01. */
  patientControlNumber: z.string(),
  /** CLP02: 1 processed as primary, 4 denied, 22 reversal, … */
  statusCode: z.string(),
  /** CLP03 and CLP04. */
  charge: MoneyOutput,
  paid: MoneyOutput,
  /** Σ CAS CO, OA and PI (claim and lines): off the insurer's balance. */
  adjusted: MoneyOutput,
  /** Σ CAS PR (claim and lines): moved to the patient's balance. */
  patientResponsibility: MoneyOutput,
  /** CLP07, the payer's claim control number. */
  payerClaimControlNumber: z.string().nullable(),
  /** The claim-level CAS. */
  adjustments: z.array(AdjustmentSchema),
  services: z.array(ServiceSchema),
};

export const RemittanceClaimSchema = z.object({
  claimId: z.uuid(),
  claimNumber: z.string(),
  /** The status this CLP gave the claim. */
  status: z.enum(CLAIM_STATUSES),
  ...ClpShape,
});

const UNMATCHED_REASON_CODES = Object.keys(UNMATCHED_REASONS) as [
  UnmatchedReason,
  ...UnmatchedReason[],
];

export const UnmatchedClaimSchema = z.object({
  /** Why it was kept without posting: NO_SUCH_CLAIM, CLAIM_VOID, REVERSAL, … */
  reason: z.enum(UNMATCHED_REASON_CODES),
  /** The reason in words. */
  detail: z.string(),
  ...ClpShape,
});

export const RemittanceSchema = z.object({
  /** Null in a preview, which stores nothing. */
  id: z.uuid().nullable(),
  /** True when `?preview=true`: computed, nothing written. */
  preview: z.boolean(),
  /** TRN02: the check or EFT number. */
  traceNumber: z.string(),
  /** The payer as the 835 names it (N1*PR N104, else REF*2U, else TRN03; else N102). */
  payerIdentifier: z.string(),
  payerName: z.string(),
  /** The clinic's payer with that payer id, when there is one. */
  payerId: z.uuid().nullable(),
  /** BPR02. */
  paymentTotal: MoneyOutput,
  /** BPR04: ACH, CHK, NON, … */
  paymentMethod: z.string(),
  /** BPR16, YYYY-MM-DD. */
  paymentDate: z.string().nullable(),
  /** PLB: positive taken from the payment (a recovery), negative added (interest). */
  providerAdjustments: z.array(
    z.object({
      segmentIndex: z.number().int(),
      reason: z.string(),
      reference: z.string().nullable(),
      amount: MoneyOutput,
    }),
  ),
  /** The CLPs posted to claims, in the order of the file. */
  claims: z.array(RemittanceClaimSchema),
  /** The CLPs kept without posting, in the order of the file: never dropped. */
  unmatched: z.array(UnmatchedClaimSchema),
  /** Null in a preview. */
  createdAt: z.string().nullable(),
});
export type RemittanceResponse = z.infer<typeof RemittanceSchema>;
export class RemittanceDto extends createZodDto(RemittanceSchema) {}

export const RemittanceSummarySchema = z.object({
  id: z.uuid(),
  traceNumber: z.string(),
  payerIdentifier: z.string(),
  payerName: z.string(),
  payerId: z.uuid().nullable(),
  paymentTotal: MoneyOutput,
  paymentMethod: z.string(),
  paymentDate: z.string().nullable(),
  /** How many CLPs posted to claims, and how many were kept unmatched. */
  claimCount: z.number().int(),
  unmatchedCount: z.number().int(),
  createdAt: z.string(),
});
export type RemittanceSummaryResponse = z.infer<typeof RemittanceSummarySchema>;
export class RemittancePageDto extends createZodDto(pageSchema(RemittanceSummarySchema)) {}
