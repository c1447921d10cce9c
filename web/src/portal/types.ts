import type { components } from '../api/schema';

type Schemas = components['schemas'];

/**
 * The portal API's answers (docs/patient-portal.md), from the generated schema; the FDA
 * checklist's, whose routes are not on main yet, is written from issue 18's contract until they
 * are.
 */
export type Overview = Schemas['PortalOverviewDto_Output'];
export type PortalQuote = Schemas['PortalQuoteDto_Output'];
export type PortalConsent = Schemas['PatientConsentDto_Output'];
export type PortalPaymentPlans = Schemas['PortalPaymentPlansDto_Output'];
export type PortalImplantCards = Schemas['PortalImplantCardsDto_Output'];

export interface PortalFdaChecklist {
  required: boolean;
  title: string | null;
  sections: { key: string; heading: string; body: string }[];
  contentHash: string | null;
  status: string;
  initials: Record<string, string> | null;
  signerName: string | null;
  patientSignedAt: string | null;
  surgeonAttestedAt: string | null;
  surgeonName: string | null;
}
