import type { Money } from '../../../common/money';

/**
 * One 835 (005010X221A1) transaction, ST to SE: one payment (or advice of no payment) from one
 * payer. An interchange may carry several; each balances on its own. Amounts are exact `Money`.
 * `segmentIndex` is the 1-based position in the interchange (ISA is 1), so the claims module can
 * point at the CLP a posting came from.
 */
export interface Remittance835 {
  /** ST02. */
  transactionControlNumber: string;
  /** BPR: BPR02 total paid, BPR03 C (credit) or D (debit), BPR04 method (ACH, CHK, NON…), BPR16. */
  payment: { amount: Money; creditDebit: string; method: string; date?: string };
  /** TRN02: the check or EFT trace number; with the payer, what makes a remittance unique. */
  traceNumber: string;
  /**
   * Loop 1000A, N1*PR: N102 the payer's name; the id is N104 when sent, else REF*2U (the
   * payer's identification number), else TRN03 (the payer's "1" + EIN).
   */
  payer: { name: string; id?: string };
  /** DTM*405 of the header: the production date. */
  productionDate?: string;
  /** Loop 2100, in order. */
  claims: RemittanceClaim[];
  /** PLB: adjustments to the whole payment, not to one claim. */
  providerAdjustments: ProviderAdjustment[];
}

/** CAS group codes of 5010: contractual, other, payer initiated, patient responsibility. */
export type AdjustmentGroup = 'CO' | 'OA' | 'PI' | 'PR';

/** One CAS triple: CAS01 group, then reason (CARC), amount, optional quantity. */
export interface Adjustment {
  group: AdjustmentGroup;
  reason: string;
  amount: Money;
  quantity?: number;
}

export interface RemittanceClaim {
  segmentIndex: number;
  /** CLP01: our CLM01, how the claim is found. */
  patientControlNumber: string;
  /** CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19–21 forwarded, 22 reversal, 23 not ours, 25 predetermination. */
  status: string;
  /** CLP03. */
  charge: Money;
  /** CLP04. */
  paid: Money;
  /** CLP05, zero when absent. */
  patientResponsibility: Money;
  /** CLP07: the payer's own number, the REF*F8 of a later corrected claim. */
  payerClaimControlNumber?: string;
  /** CAS between CLP and the first SVC. */
  adjustments: Adjustment[];
  /** DTM*232/233 (statement period), *050 (received) etc.: qualifier → YYYY-MM-DD. */
  dates: Record<string, string>;
  /** Loop 2110. */
  services: ServicePayment[];
}

export interface ServicePayment {
  segmentIndex: number;
  /** SVC01-1: HC (CPT/HCPCS) and others. */
  qualifier: string;
  /** SVC01-2. */
  procedureCode: string;
  /** SVC01-3..6. */
  modifiers: string[];
  /** SVC02. */
  charge: Money;
  /** SVC03. */
  paid: Money;
  /** SVC05, 1 when absent (the guide's default). */
  units: number;
  adjustments: Adjustment[];
  /** DTM*472 (or the first of 150/151): YYYY-MM-DD. */
  serviceDate?: string;
}

/** One PLB pair: a positive amount reduces the payment (a recovery), a negative one adds to it. */
export interface ProviderAdjustment {
  segmentIndex: number;
  /** PLB01. */
  providerId: string;
  /** PLB03-1: WO overpayment recovery, L6 interest, FB forwarding balance, ... */
  reason: string;
  /** PLB03-2. */
  reference?: string;
  amount: Money;
}
