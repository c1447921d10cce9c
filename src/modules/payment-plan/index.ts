// The public file of the payment-plan module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './payment-plan.module';
export type { PaymentPlanRow, PaymentRow } from './repositories/payment-plan.repository';
export * from './services/payment-plan-payment-hooks';
export * from './services/payment-plan-queries';
export { PatientPaymentPlansSchema, type PatientPaymentPlans } from './dto/payment-plan.dto';
export { PaymentPlanOfferService } from './services/payment-plan-offer.service';
