import type { components } from '../../api/schema';

export type Patient = components['schemas']['PatientDto_Output'];
export type SexAtBirth = Patient['sexAtBirth'];
type CreatePatientBody = components['schemas']['CreatePatientDto'];
type UpdatePatientBody = components['schemas']['UpdatePatientDto'];
type Insurance = NonNullable<Patient['insurance']>;
type Address = NonNullable<Patient['address']>;

/** What the patient form holds: text as typed, `null` for an empty date or select. */
export interface PatientFormValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  sexAtBirth: string | null;
  mrn: string;
  email: string;
  phone: string;
  insurance: { payerName: string; memberId: string; groupNumber: string };
  address: { line1: string; line2: string; city: string; state: string; postalCode: string };
}

const NO_ADDRESS = { line1: '', line2: '', city: '', state: '', postalCode: '' };

export const SEX_OPTIONS: readonly { value: SexAtBirth; label: string }[] = [
  { value: 'FEMALE', label: 'Female' },
  { value: 'MALE', label: 'Male' },
  { value: 'UNKNOWN', label: 'Unknown' },
];

export function sexLabel(sex: SexAtBirth): string {
  return SEX_OPTIONS.find((o) => o.value === sex)?.label ?? sex;
}

// The API's own rules (src/modules/patient/dto/patient.dto.ts), checked before sending.
const MRN = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{3,40}$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const US_STATE = /^[A-Za-z]{2}$/;
const ZIP = /^\d{5}(?:-?\d{4})?$/;

export function emptyPatientForm(): PatientFormValues {
  return {
    firstName: '',
    lastName: '',
    dateOfBirth: null,
    sexAtBirth: null,
    mrn: '',
    email: '',
    phone: '',
    insurance: { payerName: '', memberId: '', groupNumber: '' },
    address: { ...NO_ADDRESS },
  };
}

export function patientToForm(patient: Patient): PatientFormValues {
  return {
    firstName: patient.firstName,
    lastName: patient.lastName,
    dateOfBirth: patient.dateOfBirth,
    sexAtBirth: patient.sexAtBirth,
    mrn: patient.mrn,
    email: patient.email ?? '',
    phone: patient.phone ?? '',
    insurance: {
      payerName: patient.insurance?.payerName ?? '',
      memberId: patient.insurance?.memberId ?? '',
      groupNumber: patient.insurance?.groupNumber ?? '',
    },
    address:
      patient.address === null
        ? { ...NO_ADDRESS }
        : { ...patient.address, line2: patient.address.line2 ?? '' },
  };
}

function isSex(value: string | null): value is SexAtBirth {
  return SEX_OPTIONS.some((o) => o.value === value);
}

/** The insurance block as the API takes it: `null` when every field is blank. */
function insuranceOf(values: PatientFormValues): Insurance | null {
  const payerName = values.insurance.payerName.trim();
  const memberId = values.insurance.memberId.trim();
  const groupNumber = values.insurance.groupNumber.trim();
  if (payerName === '' && memberId === '' && groupNumber === '') return null;
  return { payerName, memberId, groupNumber: groupNumber === '' ? null : groupNumber };
}

/** The address as the API takes it: `null` when every field is blank; the state upper-cased. */
function addressOf(values: PatientFormValues): Address | null {
  const a = values.address;
  const [line1, line2, city, state, postalCode] = [
    a.line1,
    a.line2,
    a.city,
    a.state,
    a.postalCode,
  ].map((v) => v.trim()) as [string, string, string, string, string];
  if ([line1, line2, city, state, postalCode].every((v) => v === '')) return null;
  return {
    line1,
    line2: line2 === '' ? null : line2,
    city,
    state: state.toUpperCase(),
    postalCode,
  };
}

function sameAddress(a: Address | null, b: Address | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.line1 === b.line1 &&
    (a.line2 ?? null) === (b.line2 ?? null) &&
    a.city === b.city &&
    a.state === b.state &&
    a.postalCode.replace('-', '') === b.postalCode.replace('-', '')
  );
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The form's own checks, keyed by form path (`insurance.memberId`), before anything is sent:
 * required fields, a date of birth not after `today` (YYYY-MM-DD), and the API's formats.
 */
export function validatePatientForm(
  values: PatientFormValues,
  today: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = (field: 'firstName' | 'lastName', label: string) => {
    const value = values[field].trim();
    if (value === '') errors[field] = `Enter the ${label}`;
    else if (value.length > 100) errors[field] = 'At most 100 characters';
  };
  name('firstName', 'first name');
  name('lastName', 'last name');

  const dob = values.dateOfBirth;
  if (dob === null || dob === '') errors.dateOfBirth = 'Enter the date of birth';
  else if (!CALENDAR_DATE.test(dob)) errors.dateOfBirth = 'A date as YYYY-MM-DD';
  else if (dob > today) errors.dateOfBirth = 'Must not be in the future';
  else if (dob < '1900-01-01') errors.dateOfBirth = 'Must be on or after 1900-01-01';

  if (!isSex(values.sexAtBirth)) errors.sexAtBirth = 'Choose the sex at birth';

  const mrn = values.mrn.trim();
  if (mrn.length > 40) errors.mrn = 'At most 40 characters';
  else if (mrn !== '' && !MRN.test(mrn)) errors.mrn = 'Letters, digits and dashes';

  const email = values.email.trim();
  if (email !== '' && (!EMAIL.test(email) || email.length > 254)) {
    errors.email = 'Enter a valid email address';
  }
  const phone = values.phone.trim();
  if (phone !== '' && !PHONE.test(phone)) {
    errors.phone = 'Digits, spaces, ( ) . - and an optional leading +';
  }

  const insurance = insuranceOf(values);
  if (insurance !== null) {
    if (insurance.payerName === '') errors['insurance.payerName'] = 'Enter the payer name';
    else if (insurance.payerName.length > 200) errors['insurance.payerName'] = 'Too long';
    if (insurance.memberId === '') errors['insurance.memberId'] = 'Enter the member ID';
    else if (insurance.memberId.length > 100) errors['insurance.memberId'] = 'Too long';
    if ((insurance.groupNumber ?? '').length > 100) errors['insurance.groupNumber'] = 'Too long';
  }

  const address = addressOf(values);
  if (address !== null) {
    if (address.line1 === '') errors['address.line1'] = 'Enter the street address';
    else if (address.line1.length > 200) errors['address.line1'] = 'Too long';
    if ((address.line2 ?? '').length > 200) errors['address.line2'] = 'Too long';
    if (address.city === '') errors['address.city'] = 'Enter the city';
    else if (address.city.length > 100) errors['address.city'] = 'Too long';
    if (!US_STATE.test(address.state)) errors['address.state'] = 'A 2-letter state code, e.g. NY';
    if (!ZIP.test(address.postalCode)) errors['address.postalCode'] = '5 digits, or ZIP+4';
  }
  return errors;
}

/** The body of `POST /patients` from a validated form; blank optional fields are left out. */
export function toCreateBody(values: PatientFormValues): CreatePatientBody {
  const { dateOfBirth, sexAtBirth } = values;
  if (dateOfBirth === null || !isSex(sexAtBirth)) throw new Error('Validate the form first');
  const mrn = blankToNull(values.mrn);
  const email = blankToNull(values.email);
  const phone = blankToNull(values.phone);
  const insurance = insuranceOf(values);
  const address = addressOf(values);
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    dateOfBirth,
    sexAtBirth,
    ...(mrn !== null && { mrn }),
    ...(email !== null && { email }),
    ...(phone !== null && { phone }),
    ...(insurance !== null && { insurance }),
    ...(address !== null && { address }),
  };
}

function sameInsurance(a: Insurance | null, b: Insurance | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.payerName === b.payerName &&
    a.memberId === b.memberId &&
    (a.groupNumber ?? null) === (b.groupNumber ?? null)
  );
}

/**
 * The body of `PATCH /patients/:id`: only the fields that differ from the record the edit started
 * from (a cleared email, phone or insurance is sent as `null`). Empty when nothing changed.
 */
export function toUpdateBody(original: Patient, values: PatientFormValues): UpdatePatientBody {
  const body: UpdatePatientBody = {};
  const firstName = values.firstName.trim();
  const lastName = values.lastName.trim();
  if (firstName !== original.firstName) body.firstName = firstName;
  if (lastName !== original.lastName) body.lastName = lastName;
  if (values.dateOfBirth !== null && values.dateOfBirth !== original.dateOfBirth) {
    body.dateOfBirth = values.dateOfBirth;
  }
  if (isSex(values.sexAtBirth) && values.sexAtBirth !== original.sexAtBirth) {
    body.sexAtBirth = values.sexAtBirth;
  }
  const email = blankToNull(values.email);
  if (email !== original.email) body.email = email;
  const phone = blankToNull(values.phone);
  if (phone !== original.phone) body.phone = phone;
  const insurance = insuranceOf(values);
  if (!sameInsurance(insurance, original.insurance)) body.insurance = insurance;
  const address = addressOf(values);
  if (!sameAddress(address, original.address)) body.address = address;
  return body;
}

/** The address on one line, as the patient page and lists show it. */
export function addressLine(address: Address | null): string | null {
  if (address === null) return null;
  const street = [address.line1, address.line2].filter(Boolean).join(', ');
  return `${street}, ${address.city}, ${address.state} ${address.postalCode}`;
}

/** Whole years between a date of birth and `today` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): number | null {
  if (!CALENDAR_DATE.test(dateOfBirth) || !CALENDAR_DATE.test(today)) return null;
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
