/**
 * The portal API's answers (docs/patient-portal.md). Written from the contract until the
 * generated schema has them.
 */
export interface Overview {
  clinic: { name: string; phone: string | null };
  patient: { firstName: string };
  link: { expiresAt: string };
  plan: {
    planNumber: string;
    procedureName: string;
    status: string;
    approvedAt: string | null;
    approvedByPatient: boolean;
  };
  steps: {
    quote: 'AVAILABLE' | 'EXPIRED' | 'NONE';
    consent: 'NONE' | 'PENDING' | 'SIGNED' | 'REVOKED';
    fdaChecklist: 'NOT_REQUIRED' | 'PENDING' | 'PATIENT_SIGNED' | 'COMPLETED';
    approval: 'NOT_YET' | 'READY' | 'APPROVED';
    paymentPlan: 'NONE' | 'OFFERED' | 'CHOSEN';
    implantCards: number;
  };
}

export interface PortalQuote {
  quoteNumber: string;
  status: string;
  validUntil: string;
  total: string;
  insurancePortion: string;
  patientPortion: string;
  lines: {
    description: string;
    code: string | null;
    quantity: number;
    unitPrice: string;
    amount: string;
    payer: 'INSURANCE' | 'PATIENT';
  }[];
}

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
