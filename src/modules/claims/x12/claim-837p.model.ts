import type { Money } from '../../../common/money';

/**
 * What the 837P builder reads: one interchange of claims from one billing provider, every value
 * the 005010X222A1 guide needs and nothing the builder would have to look up. The claims module
 * fills it from its tables; the builder neither reads a database nor decides numbers (control
 * numbers come from the caller's per-clinic sequences).
 */
export interface Claim837pBatch {
  interchange: InterchangeHeader;
  /** Loop 1000A: who sends the file (the practice, as the clearinghouse knows it). */
  submitter: { name: string; id: string; contactName: string; contactPhone: string };
  /** Loop 1000B: who receives it (the clearinghouse). */
  receiver: { name: string; id: string };
  /** Loops 2000A/2010AA. */
  billingProvider: BillingProvider;
  claims: Claim837p[];
}

/** ISA and GS. Sender and receiver ids are ISA06/ISA08 (qualifier ZZ) and GS02/GS03. */
export interface InterchangeHeader {
  senderId: string;
  receiverId: string;
  /** ISA13/IEA02, written as 9 digits; unique and increasing per clinic (the caller's sequence). */
  interchangeControlNumber: number;
  /** GS06/GE02. */
  groupControlNumber: number;
  /** `YYYY-MM-DD` and `HH:MM`, the clinic's clock: ISA09/ISA10, GS04/GS05, BHT04/BHT05. */
  date: string;
  time: string;
  /** ISA15: `P` production, `T` test. */
  usage: 'P' | 'T';
}

export interface PostalAddress837 {
  line1: string;
  line2?: string;
  city: string;
  /** Two-letter state code. */
  state: string;
  /** Five or nine digits, no hyphen; the billing provider's must be nine (ZIP+4). */
  zip: string;
}

export interface BillingProvider {
  /** NM103: the practice's legal name. */
  name: string;
  npi: string;
  /** REF*EI: the federal tax id, nine digits. */
  ein: string;
  /** PRV03: the provider taxonomy code, e.g. `208200000X` (plastic surgery). */
  taxonomy: string;
  address: PostalAddress837;
}

export interface PersonName {
  last: string;
  first: string;
}

/**
 * SBR02/PAT01 individual relationship codes of the guide: 18 self, 01 spouse, 19 child,
 * 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other.
 */
export type PatientRelationship = '18' | '01' | '19' | '20' | '21' | '39' | '40' | '53' | 'G8';

export interface Person837 {
  name: PersonName;
  /** `YYYY-MM-DD` (DMG02). */
  dateOfBirth: string;
  sex: 'M' | 'F' | 'U';
  address: PostalAddress837;
}

export interface Claim837p {
  /** Loop 2010BB. `payerId` is what the clearinghouse routes by (NM109, qualifier PI). */
  payer: { name: string; payerId: string };
  /** Loops 2000B/2010BA: the insured person. */
  subscriber: Person837 & { memberId: string; groupNumber?: string };
  /** The patient's relationship to the subscriber; `18` (self) means no loop 2000C. */
  relationship: PatientRelationship;
  /** Loops 2000C/2010CA: required when `relationship` is not `18`. */
  patient?: Person837;
  /** Loop 2300. */
  claim: ClaimInformation;
  /** Loop 2310B, when the rendering surgeon is not the billing provider. */
  renderingProvider?: { name: PersonName; npi: string; taxonomy?: string };
  /**
   * Loop 2310C: where the surgery took place, when that is not the billing provider's address
   * (the guide requires it then: an outpatient hospital, 22, or an ambulatory surgical center, 24).
   */
  serviceFacility?: { name: string; npi?: string; address: PostalAddress837 };
  /** Loop 2400, in order (LX01 numbers them from 1). */
  lines: ServiceLine837[];
}

/** CLM05-3: 1 original, 7 replacement of a prior claim, 8 void of a prior claim. */
export type ClaimFrequency = '1' | '7' | '8';

export interface ClaimInformation {
  /** CLM01: the patient control number, echoed back in the 835's CLP01. */
  patientControlNumber: string;
  /** CLM02: must equal the sum of the lines' charges. */
  totalCharge: Money;
  /** CLM05-1: 11 office, 22 outpatient hospital, 24 ambulatory surgical center, ... */
  placeOfService: string;
  frequency: ClaimFrequency;
  /** REF*F8: the payer's claim control number of the claim a 7 or 8 replaces or voids. */
  originalClaimReference?: string;
  /** REF*G1. */
  priorAuthorizationNumber?: string;
  /** HI: ICD-10-CM without the dot, principal first (ABK), then the others (ABF); 1 to 12. */
  diagnosisCodes: string[];
}

export interface ServiceLine837 {
  /** SV101-2: CPT or HCPCS, e.g. `19357`, `L8600`. */
  procedureCode: string;
  /** SV101-3..6: at most 4. */
  modifiers: string[];
  /** SV102. */
  charge: Money;
  /** SV104 (SV103 = UN). A whole number of units. */
  units: number;
  /** SV107: 1-based positions in `diagnosisCodes`, 1 to 4 of them. */
  diagnosisPointers: number[];
  /** DTP*472, `YYYY-MM-DD`. */
  serviceDate: string;
  /** NTE*ADD: e.g. the serial numbers of an implant. At most 80 characters. */
  note?: string;
}
