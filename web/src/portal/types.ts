import type { components } from '../api/schema';

type Schemas = components['schemas'];

/**
 * The portal API's answers (docs/patient-portal.md), from the generated schema; the ones whose
 * routes are not on main yet (consent, FDA checklist, payment plans, implant cards) are written
 * from issue 18's contract until they are.
 */
export type Overview = Schemas['PortalOverviewDto_Output'];
export type PortalQuote = Schemas['PortalQuoteDto_Output'];

export interface PortalConsent {
  title: string;
  body: string;
  contentHash: string;
  status: string;
  signature: null | {
    signerName: string;
    signedAt: string;
    method: string;
    ipAddress: string | null;
    userAgent: string | null;
    linkId: string | null;
  };
}

export interface PortalFdaChecklist {
  required: boolean;
  title: string;
  sections: { key: string; heading: string; body: string }[];
  contentHash: string;
  status: string;
  initials: Record<string, string> | null;
  signerName: string | null;
  patientSignedAt: string | null;
  surgeonAttestedAt: string | null;
  surgeonName: string | null;
}

export interface PortalPaymentPlans {
  offers: {
    id: string;
    depositAmount: string;
    installmentCount: number;
    frequency: string;
    firstDueDate: string;
    installments: { number: number; dueDate: string; amount: string }[];
  }[];
  chosen: null | {
    paymentPlanNumber: string;
    depositAmount: string;
    balance: string;
    installments: {
      number: number;
      dueDate: string;
      amount: string;
      paidAmount: string;
      status: string;
    }[];
  };
}

export interface PortalImplantCards {
  cards: {
    manufacturer: string | null;
    deviceName: string;
    size: string | null;
    shape: string | null;
    lotNumber: string | null;
    serialNumber: string | null;
    udi: string | null;
    surgeryDate: string;
    surgeonName: string | null;
    clinicName: string;
    clinicPhone: string | null;
  }[];
}
