// The public file of the consent module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './consent.module';
export * from './services/consent-template-hooks';
export * from './services/consent-template.service';
export * from './services/general-consent';
export * from './services/plan-consent.service';
export * from './consent-pdf.module';
export {
  PatientConsentDto,
  PatientConsentSchema,
  PatientSignConsentBody,
  PatientSignConsentDto,
  type PatientConsentResponse,
} from './dto/consent.dto';
export type { SignatureChannel } from './repositories/consent.schema';
export * from './services/consent.service';
export * from './services/consent-pdf.service';
export { currentConsentOfPlanJson } from './repositories/consent-instance.repository';
