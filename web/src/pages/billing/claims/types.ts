import type { components } from '../../../api/schema';

/** The claims API's shapes (docs/claims.md), as `npm run api:types` generates them. */
export type Claim = components['schemas']['ClaimDto_Output'];
export type ClaimListItem = components['schemas']['ClaimPageDto_Output']['data'][number];
export type ClaimStatus = Claim['status'];
export type ClaimLine = Claim['lines'][number];
export type ClaimSubmission = components['schemas']['SubmissionDto_Output'];

/**
 * PROVISIONAL, the remittance API's shapes: written from its DTO while the remittance branch was
 * being built; replaced by `components['schemas']` types once it is merged.
 */
export interface RemittanceAdjustment {
  group: 'CO' | 'OA' | 'PI' | 'PR';
  reason: string;
  amount: string;
  quantity: number | null;
}

interface Clp {
  segmentIndex: number;
  patientControlNumber: string;
  statusCode: string;
  charge: string;
  paid: string;
  adjusted: string;
  patientResponsibility: string;
  payerClaimControlNumber: string | null;
  adjustments: RemittanceAdjustment[];
  services: {
    segmentIndex: number;
    procedureCode: string;
    modifiers: string[];
    charge: string;
    paid: string;
    units: number;
    claimLineNumber: number | null;
    adjustments: RemittanceAdjustment[];
  }[];
}

export interface RemittanceClaimResult extends Clp {
  claimId: string;
  claimNumber: string;
  status: ClaimStatus;
}

export interface RemittanceUnmatched extends Clp {
  reason: string;
  detail: string;
}

export interface Remittance {
  id: string | null;
  preview: boolean;
  traceNumber: string;
  payerIdentifier: string;
  payerName: string;
  payerId: string | null;
  paymentTotal: string;
  paymentMethod: string;
  paymentDate: string | null;
  providerAdjustments: {
    segmentIndex: number;
    reason: string;
    reference: string | null;
    amount: string;
  }[];
  claims: RemittanceClaimResult[];
  unmatched: RemittanceUnmatched[];
  createdAt: string | null;
}

export interface RemittanceSummary {
  id: string;
  traceNumber: string;
  payerIdentifier: string;
  payerName: string;
  payerId: string | null;
  paymentTotal: string;
  paymentMethod: string;
  paymentDate: string | null;
  claimCount: number;
  unmatchedCount: number;
  createdAt: string;
}
