export const ROLES = ['ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const;
export type Role = (typeof ROLES)[number];

declare const clinicIdBrand: unique symbol;
/** A clinic id that came from a verified token: only the auth guard (and trusted tools) mint one. */
export type ClinicId = string & { readonly [clinicIdBrand]: true };

export function trustedClinicId(id: string): ClinicId {
  return id as ClinicId;
}

/** The authenticated user making the request; services take it first, and scope by its clinic. */
export interface Caller {
  readonly userId: string;
  readonly clinicId: ClinicId;
  readonly role: Role;
  readonly requestId: string;
}

/**
 * Whoever a change is recorded for: a staff Caller, or a patient acting through a patient link
 * (`PatientLinkActor.audit`). Lifecycles and the audit trail take this, so a patient's signature
 * or approval goes through the same transitions as the staff's.
 */
export interface Actor {
  readonly clinicId: ClinicId;
  /** The staff user, or the patient link's id (docs/patient-portal.md): the audit's actor_id. */
  readonly userId: string;
  readonly requestId: string;
}

/**
 * A patient acting through a patient link (docs/patient-portal.md): one patient, one plan. Its
 * `audit` actor records the link's id as the actor of every read and write.
 */
export interface PatientLinkActor {
  readonly linkId: string;
  readonly clinicId: ClinicId;
  readonly patientId: string;
  readonly procedurePlanId: string;
  readonly requestId: string;
  /** Signature evidence: the client's address and browser, as the request gave them. */
  readonly ipAddress: string;
  readonly userAgent: string;
  /** When the link stops working. */
  readonly expiresAt: Date;
  readonly audit: Actor;
}
