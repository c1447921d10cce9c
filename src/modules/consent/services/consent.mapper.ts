import type {
  ConsentResponse,
  PatientConsentResponse,
  SignatureEvidence,
} from '../dto/consent.dto';
import type { ConsentTemplateResponse } from '../dto/consent-template.dto';
import type { ConsentInstanceRow } from '../repositories/consent-instance.repository';
import type { ConsentTemplateRow } from '../repositories/consent-template.repository';

export function toConsentTemplateResponse(t: ConsentTemplateRow): ConsentTemplateResponse {
  return {
    id: t.id,
    code: t.code,
    version: t.version,
    title: t.title,
    body: t.body,
    cptCodes: t.cptCodes,
    active: t.active,
    createdById: t.createdById,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function toConsentResponse(c: ConsentInstanceRow): ConsentResponse {
  return {
    id: c.id,
    patientId: c.patientId,
    procedurePlanId: c.procedurePlanId,
    templateCode: c.templateCode,
    templateVersion: c.templateVersion,
    title: c.title,
    body: c.body,
    contentHash: c.contentHash,
    status: c.status,
    signedAt: c.signedAt?.toISOString() ?? null,
    signerName: c.signerName,
    relationship: c.relationship,
    signatureMethod: c.signatureMethod,
    witnessId: c.witnessId,
    recordedById: c.recordedById,
    evidence: signatureEvidence(c),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokeReason: c.revokeReason,
    voidedAt: c.voidedAt?.toISOString() ?? null,
    voidReason: c.voidReason,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The evidence kept with the signature; null before signing. */
export function signatureEvidence(c: ConsentInstanceRow): SignatureEvidence | null {
  if (c.signedAt === null || c.signatureMethod === null) return null;
  return {
    signedAt: c.signedAt.toISOString(),
    ipAddress: c.signedIpAddress,
    userAgent: c.signedUserAgent,
    method: c.signatureMethod,
    channel: c.signatureChannel ?? 'STAFF',
    patientLinkId: c.patientLinkId,
    contentHash: c.contentHash,
  };
}

/** The plan's consent as its patient sees it: the text, its hash, and their signature's evidence. */
export function toPatientConsentResponse(c: ConsentInstanceRow): PatientConsentResponse {
  const evidence = signatureEvidence(c);
  return {
    title: c.title,
    body: c.body,
    contentHash: c.contentHash,
    status: c.status,
    signature:
      evidence === null
        ? null
        : {
            signerName: c.signerName ?? '',
            signedAt: evidence.signedAt,
            method: evidence.method,
            ipAddress: evidence.ipAddress,
            userAgent: evidence.userAgent,
            linkId: evidence.patientLinkId,
          },
  };
}
