import dayjs from 'dayjs';
import type { components } from '../../api/schema';

type CreateConsultationBody = components['schemas']['CreateConsultationDto'];

/** `consultationDate` is the picker's local "YYYY-MM-DD HH:mm:ss", not yet an instant. */
export interface ConsultationFormValues {
  surgeonId: string | null;
  consultationDate: string | null;
  reason: string;
  notes: string;
}

/** The next quarter hour from `now`, as the picker writes it: a consultation recorded as it happens. */
export function defaultConsultationDate(now: Date = new Date()): string {
  const minutes = Math.ceil(now.getMinutes() / 15) * 15;
  return dayjs(now).startOf('hour').add(minutes, 'minute').format('YYYY-MM-DD HH:mm:00');
}

export function validateConsultationForm(values: ConsultationFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.surgeonId === null || values.surgeonId === '') errors.surgeonId = 'Choose the surgeon';
  if (values.consultationDate === null || values.consultationDate === '') {
    errors.consultationDate = 'Choose the date and time';
  } else if (!dayjs(values.consultationDate).isValid()) {
    errors.consultationDate = 'Not a valid date and time';
  }
  const reason = values.reason.trim();
  if (reason === '') errors.reason = 'Enter the reason for the consultation';
  else if (reason.length > 2000) errors.reason = 'At most 2,000 characters';
  if (values.notes.trim().length > 20000) errors.notes = 'At most 20,000 characters';
  return errors;
}

/** The body of `POST /consultations` from a validated form: the local time as an ISO instant. */
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
    consultationDate: dayjs(values.consultationDate).toISOString(),
    reason: values.reason.trim(),
    ...(notes !== '' && { notes }),
  };
}
