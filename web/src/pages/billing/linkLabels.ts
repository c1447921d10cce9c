import type { Patient } from '../../api/queries';
import { formatPatientName } from '../../lib/format';

/** The patient links of billing, when the patient cannot be read. */
export const PATIENT_UNAVAILABLE = 'Patient (name unavailable)';

/** A patient link's text on a bill or payment plan page: "Lopez, Maria · MRN-0001". */
export function nameAndMrn(patient: Patient): string {
  return `${formatPatientName(patient)} · ${patient.mrn}`;
}

/** A case link's text on a bill: its number and procedure, "CASE-2026-001 · Breast augmentation". */
export function caseNumberAndProcedure(c: { caseNumber: string; procedureName: string }): string {
  return `${c.caseNumber} · ${c.procedureName}`;
}
