import type { components } from '../../api/schema';

export type Bill = components['schemas']['BillDto_Output'];
export type BillStatus = Bill['status'];
export type BillLineItem = Bill['lineItems'][number];
export type BillPayment = Bill['payments'][number];
export type Payer = components['schemas']['RecordBillPaymentDto']['payer'];
export type PaymentMethod = components['schemas']['RecordBillPaymentDto']['method'];
export type PaymentPlan = components['schemas']['PaymentPlanDto_Output'];
export type Installment = PaymentPlan['installments'][number];
export type Frequency = components['schemas']['CreatePaymentPlanDto']['frequency'];
export type Quote = components['schemas']['QuoteDto_Output'];
export type Patient = components['schemas']['PatientDto_Output'];
export type StaffUser = components['schemas']['UserDto_Output'];

/**
 * PROVISIONAL (until the remittance branch is merged): what a bill gains from 835 postings,
 * docs/claims.md "Remittances" — what the insurer adjusted (CO/OA/PI), what moved to the patient
 * (PR), and each posting.
 */
export interface BillAdjustment {
  id?: string;
  kind: string;
  group: string;
  reason: string;
  amount: string;
  billLineNumber: number | null;
  remittanceId: string;
  remittanceClaimId: string;
  recordedAt: string;
}
export type BillWithPostings = Bill &
  Partial<{
    insuranceAdjusted: string;
    transferredToPatient: string;
    adjustments: BillAdjustment[];
  }>;
