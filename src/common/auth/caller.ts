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
