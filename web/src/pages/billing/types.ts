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

export type BillAdjustment = Bill['adjustments'][number];
