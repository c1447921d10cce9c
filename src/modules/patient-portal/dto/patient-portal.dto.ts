import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PatientPaymentPlansSchema } from '../../payment-plan';
import { ImplantCardSchema } from '../../theater';

export const VerifyPatientBody = z.strictObject({
  dateOfBirth: z.iso.date({ message: 'A date as YYYY-MM-DD' }),
});
export type VerifyPatientBody = z.infer<typeof VerifyPatientBody>;
export class VerifyPatientDto extends createZodDto(VerifyPatientBody) {}

const Money = z.string();

export const PortalOverviewSchema = z.object({
  clinic: z.object({ name: z.string(), phone: z.string().nullable() }),
  patient: z.object({ firstName: z.string() }),
  link: z.object({ expiresAt: z.string() }),
  plan: z.object({
    planNumber: z.string(),
    procedureName: z.string(),
    status: z.string(),
    approvedAt: z.string().nullable(),
    approvedByPatient: z.boolean(),
  }),
  steps: z.object({
    quote: z.enum(['AVAILABLE', 'EXPIRED', 'NONE']),
    consent: z.enum(['NONE', 'PENDING', 'SIGNED', 'REVOKED']),
    fdaChecklist: z.enum(['NOT_REQUIRED', 'PENDING', 'PATIENT_SIGNED', 'COMPLETED']),
    approval: z.enum(['NOT_YET', 'READY', 'APPROVED']),
    paymentPlan: z.enum(['NONE', 'OFFERED', 'CHOSEN']),
    implantCards: z.number().int(),
  }),
});
export type PortalOverview = z.infer<typeof PortalOverviewSchema>;
export class PortalOverviewDto extends createZodDto(PortalOverviewSchema) {}

export const PortalQuoteSchema = z.object({
  quoteNumber: z.string(),
  /** ISSUED (open to approve), ACCEPTED (approved), EXPIRED. */
  status: z.string(),
  validUntil: z.string(),
  total: Money,
  insurancePortion: Money,
  patientPortion: Money,
  lines: z.array(
    z.object({
      description: z.string(),
      code: z.string(),
      quantity: z.number(),
      unitPrice: Money,
      amount: Money,
      payer: z.enum(['INSURANCE', 'PATIENT']),
    }),
  ),
});
export type PortalQuote = z.infer<typeof PortalQuoteSchema>;
export class PortalQuoteDto extends createZodDto(PortalQuoteSchema) {}

export class PortalPaymentPlansDto extends createZodDto(PatientPaymentPlansSchema) {}

export const PortalImplantCardsSchema = z.object({ cards: z.array(ImplantCardSchema) });
export type PortalImplantCards = z.infer<typeof PortalImplantCardsSchema>;
export class PortalImplantCardsDto extends createZodDto(PortalImplantCardsSchema) {}
