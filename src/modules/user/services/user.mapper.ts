import type { UserRow } from '../repositories/user.repository';
import type { UserResponse } from '../dto/user.dto';

export function toUserResponse(u: UserRow): UserResponse {
  return {
    id: u.id,
    clinicId: u.clinicId,
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.active,
    npi: u.npi,
    taxonomyCode: u.taxonomyCode,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
