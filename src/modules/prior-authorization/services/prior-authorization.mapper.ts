import type { PriorAuthorizationResponse } from '../dto/prior-authorization.dto';
import type { PriorAuthorizationRow } from '../repositories/prior-authorization.repository';

export function toPriorAuthorizationResponse(a: PriorAuthorizationRow): PriorAuthorizationResponse {
  return {
    id: a.id,
    referenceNumber: a.referenceNumber,
    procedurePlanId: a.procedurePlanId,
    patientId: a.patientId,
    payerName: a.payerName,
    memberId: a.memberId,
    cptCodes: a.cptCodes,
    diagnosisCodes: a.diagnosisCodes,
    status: a.status,
    authorizationNumber: a.authorizationNumber,
    approvedCptCodes: a.approvedCptCodes,
    validFrom: a.validFrom,
    validTo: a.validTo,
    notes: a.decisionNotes,
    createdById: a.createdById,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    submittedById: a.submittedById,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decidedById: a.decidedById,
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    cancelReason: a.cancelReason,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
