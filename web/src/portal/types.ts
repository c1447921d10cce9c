import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** The portal API's answers (docs/patient-portal.md), from the generated schema. */
export type Overview = Schemas['PortalOverviewDto_Output'];
export type PortalQuote = Schemas['PortalQuoteDto_Output'];
export type PortalConsent = Schemas['PatientConsentDto_Output'];
export type PortalPaymentPlans = Schemas['PortalPaymentPlansDto_Output'];
export type PortalImplantCards = Schemas['PortalImplantCardsDto_Output'];

export type PortalFdaChecklist = Schemas['PortalFdaChecklistDto_Output'];
