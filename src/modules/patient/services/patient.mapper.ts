import type { CreatePatientBody, PatientResponse, UpdatePatientBody } from '../dto/patient.dto';
import type { PatientChanges, PatientRow } from '../repositories/patient.repository';

export function toPatientResponse(p: PatientRow): PatientResponse {
  return {
    id: p.id,
    mrn: p.mrn,
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    sexAtBirth: p.sexAtBirth,
    email: p.email,
    phone: p.phone,
    insurance:
      p.insurancePayerName !== null && p.insuranceMemberId !== null
        ? {
            payerName: p.insurancePayerName,
            memberId: p.insuranceMemberId,
            groupNumber: p.insuranceGroupNumber,
          }
        : null,
    address: p.address,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Body fields to columns: only what the body names is written (no mass assignment). */
export function toPatientColumns(body: CreatePatientBody | UpdatePatientBody): PatientChanges {
  const columns: PatientChanges = {};
  if (body.firstName !== undefined) columns.firstName = body.firstName;
  if (body.lastName !== undefined) columns.lastName = body.lastName;
  if (body.dateOfBirth !== undefined) columns.dateOfBirth = body.dateOfBirth;
  if (body.sexAtBirth !== undefined) columns.sexAtBirth = body.sexAtBirth;
  if (body.email !== undefined) columns.email = body.email;
  if (body.phone !== undefined) columns.phone = body.phone;
  if (body.address !== undefined) columns.address = body.address ?? null;
  if (body.insurance !== undefined) {
    columns.insurancePayerName = body.insurance?.payerName ?? null;
    columns.insuranceMemberId = body.insurance?.memberId ?? null;
    columns.insuranceGroupNumber = body.insurance?.groupNumber ?? null;
  }
  return columns;
}
