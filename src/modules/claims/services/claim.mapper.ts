import { Money } from '../../../common/money';
import type { ClaimResponse, ClaimSummaryResponse, SubmissionResponse } from '../dto/claim.dto';
import type {
  ClaimEventRow,
  ClaimLineRow,
  ClaimListRow,
  ClaimRemittanceRow,
  SubmissionRow,
} from '../repositories/claim.repository';
import type { ExcludedLine } from './claim-draft.builder';

const DAY_MS = 24 * 3600 * 1000;
const money = (value: string) => Money.fromDecimal(value).toDecimal();

export function toClaimSummary(row: ClaimListRow, now: Date): ClaimSummaryResponse {
  const c = row.claim;
  return {
    id: c.id,
    claimNumber: c.claimNumber,
    billId: c.billId,
    patientId: c.patientId,
    patientName: `${row.patientFirstName} ${row.patientLastName}`,
    payer: { id: c.payerRef, name: row.payerName, payerId: row.payerPayerId },
    status: c.status,
    frequency: c.frequency,
    originalClaimId: c.originalClaimId,
    totalCharge: money(c.totalCharge),
    paid: money(c.paidAmount),
    adjusted: money(c.adjustedAmount),
    patientResponsibility: money(c.patientResponsibility),
    serviceDate: c.serviceDate,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    daysSinceSubmission: c.submittedAt
      ? Math.max(0, Math.floor((now.getTime() - c.submittedAt.getTime()) / DAY_MS))
      : null,
    statusReason: c.statusReason,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export interface ClaimParts {
  lines: readonly ClaimLineRow[];
  events: readonly ClaimEventRow[];
  submissions: readonly { id: string; interchangeControlNumber: number; createdAt: Date }[];
  remittances: readonly ClaimRemittanceRow[];
  excludedLines: readonly ExcludedLine[];
}

export function toClaimResponse(row: ClaimListRow, parts: ClaimParts, now: Date): ClaimResponse {
  const c = row.claim;
  const s = c.snapshot;
  return {
    ...toClaimSummary(row, now),
    placeOfService: c.placeOfService,
    priorAuthorizationNumber: c.priorAuthorizationNumber,
    diagnosisCodes: c.diagnosisCodes,
    renderingProviderId: c.renderingProviderId,
    payerClaimControlNumber: c.payerClaimControlNumber,
    adjudicatedAt: c.adjudicatedAt?.toISOString() ?? null,
    subscriber: {
      name: s.subscriber.name,
      dateOfBirth: s.subscriber.dateOfBirth,
      sex: s.subscriber.sex,
      memberId: s.subscriber.memberId,
      groupNumber: s.subscriber.groupNumber ?? null,
    },
    relationship: s.relationship,
    renderingProvider: s.renderingProvider
      ? {
          name: s.renderingProvider.name,
          npi: s.renderingProvider.npi,
          taxonomy: s.renderingProvider.taxonomy ?? null,
        }
      : null,
    lines: parts.lines.map((l) => ({
      lineNumber: l.lineNumber,
      billLineNumber: l.billLineNumber,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      description: l.description,
      units: l.units,
      charge: money(l.charge),
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: l.serviceDate,
      note: l.note,
      paid: money(l.paidAmount),
      adjusted: money(l.adjustedAmount),
      patientResponsibility: money(l.patientResponsibility),
    })),
    excludedLines: [...parts.excludedLines],
    history: parts.events.map((e) => ({
      event: e.event,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorId: e.actorId,
      submissionId: e.submissionId,
      remittanceId: e.remittanceId,
      note: e.note,
      at: e.at.toISOString(),
    })),
    submissions: parts.submissions.map((x) => ({
      id: x.id,
      interchangeControlNumber: x.interchangeControlNumber,
      createdAt: x.createdAt.toISOString(),
    })),
    // What the CLP did not pay and did not make the patient's: CLP03 − CLP04 − CLP05.
    remittances: parts.remittances.map((r) => ({
      remittanceId: r.remittanceId,
      traceNumber: r.traceNumber,
      segmentIndex: r.segmentIndex,
      paid: money(r.paid),
      adjusted: Money.fromDecimal(r.charge)
        .minus(Money.fromDecimal(r.paid))
        .minus(Money.fromDecimal(r.patientResponsibility))
        .toDecimal(),
      patientResponsibility: money(r.patientResponsibility),
      status: r.resultStatus,
    })),
  };
}

export function toSubmissionResponse(row: SubmissionRow): SubmissionResponse {
  return {
    id: row.id,
    interchangeControlNumber: row.interchangeControlNumber,
    groupControlNumber: row.groupControlNumber,
    claimIds: row.claimIds,
    x12: row.x12,
    submittedById: row.submittedById,
    createdAt: row.createdAt.toISOString(),
  };
}
