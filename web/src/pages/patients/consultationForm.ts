import type { components } from '../../api/schema';
import { instantOfPickerValue, pickerValueAt } from '../../lib/clinicTime';

type CreateConsultationBody = components['schemas']['CreateConsultationDto'];

/** `consultationDate` is the picker's "YYYY-MM-DD HH:mm:ss" on the clinic's clock, not yet an instant. */
export interface ConsultationFormValues {
  surgeonId: string | null;
  consultationDate: string | null;
  reason: string;
  notes: string;
}

/** The next quarter hour from `now`, as the picker writes it: a consultation recorded as it happens. */
export function defaultConsultationDate(now: Date = new Date()): string {
  const quarter = 15 * 60_000;
  return pickerValueAt(new Date(Math.ceil(now.getTime() / quarter) * quarter));
}

export function validateConsultationForm(values: ConsultationFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.surgeonId === null || values.surgeonId === '') errors.surgeonId = 'Choose the surgeon';
  if (values.consultationDate === null || values.consultationDate === '') {
    errors.consultationDate = 'Choose the date and time';
  } else if (instantOfPickerValue(values.consultationDate) === null) {
    errors.consultationDate = 'Not a valid date and time';
  }
  const reason = values.reason.trim();
  if (reason === '') errors.reason = 'Enter the reason for the consultation';
  else if (reason.length > 2000) errors.reason = 'At most 2,000 characters';
  if (values.notes.trim().length > 20000) errors.notes = 'At most 20,000 characters';
  return errors;
}

/** The body of `POST /consultations` from a validated form: the clinic's time as an ISO instant. */
export function toConsultationBody(
  patientId: string,
  values: ConsultationFormValues,
): CreateConsultationBody {
  if (values.surgeonId === null || values.consultationDate === null) {
    throw new Error('Validate the form first');
  }
  const notes = values.notes.trim();
  return {
    patientId,
    surgeonId: values.surgeonId,
    consultationDate: instantOfPickerValue(values.consultationDate)?.toISOString() ?? '',
    reason: values.reason.trim(),
    ...(notes !== '' && { notes }),
  };
}
