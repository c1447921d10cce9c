import { Money } from '../../../common/money';
import type { PostalAddress } from '../../../common/postal-address';
import type { BillingProfileResponse } from '../../clinic';
import type { ClaimLineRow, ClaimRow } from '../repositories/claim.repository';
import type {
  BillingProvider,
  Claim837p,
  Claim837pBatch,
  InterchangeHeader,
  PostalAddress837,
} from '../x12/claim-837p.model';

/** A postal address as the 837P writes it: no empty second line, the ZIP's digits only. */
export function address837(address: PostalAddress): PostalAddress837 {
  return {
    line1: address.line1,
    ...(address.line2 ? { line2: address.line2 } : {}),
    city: address.city,
    state: address.state.toUpperCase(),
    zip: address.postalCode.replace(/\D/g, ''),
  };
}

/** Loops 2000A/2010AA from the clinic's billing profile, as it is when the file is written. */
export function billingProviderOf(profile: BillingProfileResponse): BillingProvider {
  return {
    name: profile.legalName,
    npi: profile.npi,
    ein: profile.taxId,
    taxonomy: profile.taxonomyCode,
    address: address837(profile.address),
  };
}

/**
 * One claim of the batch from its rows: the snapshot made with the claim, its lines, and the
 * payer's claim number of the claim a 7 or 8 replaces or voids (REF*F8).
 */
export function claim837pOf(
  claim: ClaimRow,
  lines: readonly ClaimLineRow[],
  originalClaimReference: string | undefined,
): Claim837p {
  const s = claim.snapshot;
  return {
    payer: s.payer,
    subscriber: s.subscriber,
    relationship: s.relationship,
    ...(s.patient ? { patient: s.patient } : {}),
    claim: {
      patientControlNumber: claim.claimNumber,
      totalCharge: Money.fromDecimal(claim.totalCharge),
      placeOfService: claim.placeOfService,
      frequency: claim.frequency,
      ...(claim.frequency === '1' ? {} : { originalClaimReference: originalClaimReference ?? '' }),
      ...(claim.priorAuthorizationNumber
        ? { priorAuthorizationNumber: claim.priorAuthorizationNumber }
        : {}),
      diagnosisCodes: claim.diagnosisCodes,
    },
    ...(s.renderingProvider ? { renderingProvider: s.renderingProvider } : {}),
    ...(s.serviceFacility ? { serviceFacility: s.serviceFacility } : {}),
    lines: lines.map((l) => ({
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      charge: Money.fromDecimal(l.charge),
      units: l.units,
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: l.serviceDate,
      ...(l.note ? { note: l.note } : {}),
    })),
  };
}

/** The interchange: the clinic's profile names the parties; the caller gives the numbers. */
export function batchOf(
  profile: BillingProfileResponse,
  contact: { name: string; phone: string },
  header: Omit<InterchangeHeader, 'senderId' | 'receiverId'>,
  claims: Claim837p[],
): Claim837pBatch {
  return {
    interchange: { ...header, senderId: profile.submitterId, receiverId: profile.receiverId },
    submitter: {
      name: profile.legalName,
      id: profile.submitterId,
      contactName: contact.name,
      contactPhone: contact.phone.replace(/\D/g, ''),
    },
    // The profile keeps the clearinghouse's id, not its name: NM103 of 1000B repeats the id.
    receiver: { name: profile.receiverId, id: profile.receiverId },
    billingProvider: billingProviderOf(profile),
    claims,
  };
}
