import type { AdjustmentGroup } from '../x12/remittance-835.model';
import type {
  PatientRelationship,
  Person837,
  PostalAddress837,
  PersonName,
} from '../x12/claim-837p.model';

/**
 * What a claim copies when it is made (`claims.snapshot`): the parts of `Claim837p` that are not
 * columns of the claim. JSON only (no `Money`), so it round-trips through jsonb unchanged.
 */
export interface Claim837pSnapshot {
  payer: { name: string; payerId: string };
  subscriber: Person837 & { memberId: string; groupNumber?: string };
  relationship: PatientRelationship;
  patient?: Person837;
  renderingProvider?: { name: PersonName; npi: string; taxonomy?: string };
  serviceFacility?: { name: string; npi?: string; address: PostalAddress837 };
}

/** A CAS triple as stored: the amount as a decimal string. */
export interface RemittanceAdjustmentJson {
  group: AdjustmentGroup;
  reason: string;
  amount: string;
  quantity?: number;
}

/** An SVC as stored, with the claim line it was matched to (null when none matched). */
export interface RemittanceServiceJson {
  segmentIndex: number;
  procedureCode: string;
  modifiers: string[];
  charge: string;
  paid: string;
  units: number;
  claimLineNumber: number | null;
  adjustments: RemittanceAdjustmentJson[];
}
