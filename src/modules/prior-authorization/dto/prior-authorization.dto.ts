import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { CptCode, Icd10Code } from '../../codes';
import { PRIOR_AUTH_STATUSES } from '../repositories/prior-authorization.schema';

const IsoDate = z.iso.date({ message: 'A date as YYYY-MM-DD' });

function isDate(value: string | undefined): value is string {
  return IsoDate.safeParse(value).success;
}

/**
 * `POST /procedure-plans/:id/prior-authorizations`. Every field may be left out: codes default to
 * the plan's insured codes and diagnoses, payer and member id to the patient's insurance. Whether
 * the codes belong to the plan and are billable is the service's check.
 */
export const CreatePriorAuthorizationBody = z
  .strictObject({
    payerName: z.string().trim().min(1).max(200).optional(),
    memberId: z.string().trim().min(1).max(100).optional(),
    cptCodes: z.array(CptCode).min(1).max(20).optional(),
    diagnosisCodes: z.array(Icd10Code).min(1).max(25).optional(),
  })
  .optional()
  .transform((b) => b ?? {});
export type CreatePriorAuthorizationBody = z.infer<typeof CreatePriorAuthorizationBody>;
export class CreatePriorAuthorizationDto extends createZodDto(CreatePriorAuthorizationBody) {}

/** `POST /prior-authorizations/:id/submit`: no body, or `{}`. */
export const SubmitPriorAuthorizationBody = z
  .strictObject({})
  .optional()
  .transform((b) => b ?? {});
export class SubmitPriorAuthorizationDto extends createZodDto(SubmitPriorAuthorizationBody) {}

export const PRIOR_AUTH_DECISIONS = ['APPROVED', 'DENIED'] as const;

/**
 * `POST /prior-authorizations/:id/decision`: the payer's answer. An approval carries the payer's
 * number and validity window; a denial carries neither (only notes). Whether the approved codes
 * were requested is the service's check.
 */
export const RecordDecisionBody = z
  .strictObject({
    status: z.enum(PRIOR_AUTH_DECISIONS),
    authorizationNumber: z.string().trim().min(1).max(100).optional(),
    approvedCptCodes: z.array(CptCode).min(1).max(20).optional(),
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    notes: z.string().trim().max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.status === 'APPROVED') {
      for (const field of ['authorizationNumber', 'validFrom', 'validTo'] as const) {
        if (body[field] === undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: 'Required for an approval' });
      }
      // A malformed date has its own issue already; ordering needs two real dates.
      if (isDate(body.validFrom) && isDate(body.validTo) && body.validTo < body.validFrom)
        ctx.addIssue({
          code: 'custom',
          path: ['validTo'],
          message: `Must not be before validFrom (${body.validFrom})`,
        });
      return;
    }
    for (const field of [
      'authorizationNumber',
      'approvedCptCodes',
      'validFrom',
      'validTo',
    ] as const) {
      if (body[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: 'A denial has no authorization number, approved codes or validity window',
        });
    }
  });
export type RecordDecisionBody = z.infer<typeof RecordDecisionBody>;
export class RecordDecisionDto extends createZodDto(RecordDecisionBody) {}

export const CancelPriorAuthorizationBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type CancelPriorAuthorizationBody = z.infer<typeof CancelPriorAuthorizationBody>;
export class CancelPriorAuthorizationDto extends createZodDto(CancelPriorAuthorizationBody) {}

export const ListPriorAuthorizationsQuery = z.strictObject({
  ...pageQueryShape,
  procedurePlanId: z.uuid().optional(),
  status: z.enum(PRIOR_AUTH_STATUSES).optional(),
});
export type ListPriorAuthorizationsQuery = z.infer<typeof ListPriorAuthorizationsQuery>;
export class ListPriorAuthorizationsQueryDto extends createZodDto(ListPriorAuthorizationsQuery) {}

/** The one shape every prior-authorization route answers with; `notes` are the decision's notes. */
export const PriorAuthorizationSchema = z.object({
  id: z.uuid(),
  referenceNumber: z.string(),
  procedurePlanId: z.uuid(),
  patientId: z.uuid(),
  payerName: z.string(),
  memberId: z.string(),
  cptCodes: z.array(z.string()),
  diagnosisCodes: z.array(z.string()),
  status: z.enum(PRIOR_AUTH_STATUSES),
  authorizationNumber: z.string().nullable(),
  approvedCptCodes: z.array(z.string()),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  notes: z.string().nullable(),
  createdById: z.uuid(),
  submittedAt: z.string().nullable(),
  submittedById: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  decidedById: z.uuid().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PriorAuthorizationResponse = z.infer<typeof PriorAuthorizationSchema>;
export class PriorAuthorizationDto extends createZodDto(PriorAuthorizationSchema) {}
export class PriorAuthorizationPageDto extends createZodDto(pageSchema(PriorAuthorizationSchema)) {}
