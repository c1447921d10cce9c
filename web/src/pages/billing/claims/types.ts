/**
 * The claims and remittances API shapes the screens read (docs/claims.md). PROVISIONAL: written
 * from the contract while the backend was being built; replaced by `components['schemas']`
 * types once the claims and remittance branches are merged and `npm run api:types` has run.
 */
export type ClaimStatus =
  'DRAFT' | 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'PAID' | 'PARTIALLY_PAID' | 'DENIED' | 'VOID';

export interface ClaimListItem {
  id: string;
  claimNumber: string;
  status: ClaimStatus;
  frequency: '1' | '7' | '8';
  billId: string;
  patientId: string;
  patientName: string;
  payer: { id: string; name: string; payerId: string };
  originalClaimId: string | null;
  totalCharge: string;
  paid: string;
  adjusted: string;
  patientResponsibility: string;
  serviceDate: string;
  submittedAt: string | null;
  daysSinceSubmission: number | null;
  statusReason: string | null;
  version: number;
  createdAt: string;
}

export interface ClaimLine {
  lineNumber: number;
  billLineNumber: number;
  procedureCode: string;
  modifiers: string[];
  description: string;
  units: number;
  charge: string;
  diagnosisPointers: number[];
  serviceDate: string;
  note: string | null;
  paid: string;
  adjusted: string;
  patientResponsibility: string;
}

export interface ClaimEvent {
  event: string;
  fromStatus: ClaimStatus | null;
  toStatus: ClaimStatus;
  actorId: string;
  submissionId: string | null;
  remittanceId: string | null;
  note: string | null;
  at: string;
}

export interface ClaimSubmissionRef {
  id: string;
  interchangeControlNumber: number;
  createdAt: string;
}

export interface ClaimRemittancePosting {
  remittanceId: string;
  traceNumber: string;
  segmentIndex: number;
  paid: string;
  adjusted: string;
  patientResponsibility: string;
  status: ClaimStatus | null;
}

export interface Claim extends ClaimListItem {
  placeOfService: string;
  priorAuthorizationNumber: string | null;
  diagnosisCodes: string[];
  payerClaimControlNumber: string | null;
  subscriber: {
    name: { last: string; first: string };
    dateOfBirth: string;
    sex: 'M' | 'F' | 'U';
    memberId: string;
    groupNumber: string | null;
  };
  relationship: string;
  renderingProvider: {
    name: { last: string; first: string };
    npi: string;
    taxonomy: string | null;
  } | null;
  lines: ClaimLine[];
  history: ClaimEvent[];
  submissions: ClaimSubmissionRef[];
  remittances: ClaimRemittancePosting[];
}

export interface ClaimSubmission {
  id: string;
  interchangeControlNumber: number;
  groupControlNumber: number;
  claimIds: string[];
  x12: string;
  createdAt: string;
}

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
