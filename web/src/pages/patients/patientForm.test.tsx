import { Button } from '@mantine/core';
import { useForm } from '@mantine/form';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { applyFieldErrors } from '../../components/forms';
import { renderWithProviders } from '../../test/render';
import {
  ageOn,
  emptyPatientForm,
  toCreateBody,
  toUpdateBody,
  validatePatientForm,
  type Patient,
  type PatientFormValues,
} from './patientForm';
import { PatientFields } from './PatientFields';

const TODAY = '2026-11-28';

function filled(overrides: Partial<PatientFormValues> = {}): PatientFormValues {
  return {
    ...emptyPatientForm(),
    firstName: ' Maria ',
    lastName: 'Lopez',
    dateOfBirth: '1990-03-14',
    sexAtBirth: 'FEMALE',
    ...overrides,
  };
}

const patient: Patient = {
  id: '01a2243e-6046-770a-921c-261cd375b7bf',
  mrn: 'DEMO-0005',
  firstName: 'Maria',
  lastName: 'Lopez',
  dateOfBirth: '1990-03-14',
  sexAtBirth: 'FEMALE',
  email: 'maria@patient.example',
  phone: null,
  insurance: { payerName: 'Harborview Mutual', memberId: 'HVM-1', groupNumber: null },
  address: { line1: '5 Elm St', line2: null, city: 'Salem', state: 'MA', postalCode: '01970' },
  version: 3,
  createdAt: '2026-11-28T22:19:57.381Z',
  updatedAt: '2026-11-28T22:19:57.381Z',
};

describe('validatePatientForm', () => {
  it('asks for every required field of an empty form', () => {
    expect(validatePatientForm(emptyPatientForm(), TODAY)).toEqual({
      firstName: 'Enter the first name',
      lastName: 'Enter the last name',
      dateOfBirth: 'Enter the date of birth',
      sexAtBirth: 'Choose the sex at birth',
    });
  });

  it('accepts a complete form without the optional fields', () => {
    expect(validatePatientForm(filled(), TODAY)).toEqual({});
  });

  it('refuses a date of birth in the future, and accepts today', () => {
    expect(validatePatientForm(filled({ dateOfBirth: '2026-11-29' }), TODAY).dateOfBirth).toBe(
      'Must not be in the future',
    );
    expect(validatePatientForm(filled({ dateOfBirth: TODAY }), TODAY)).toEqual({});
    expect(validatePatientForm(filled({ dateOfBirth: '1899-12-31' }), TODAY).dateOfBirth).toBe(
      'Must be on or after 1900-01-01',
    );
  });

  it('checks the formats the API checks', () => {
    const errors = validatePatientForm(
      filled({ mrn: '-12', email: 'not-an-email', phone: 'call me' }),
      TODAY,
    );
    expect(Object.keys(errors).sort()).toEqual(['email', 'mrn', 'phone']);
    expect(validatePatientForm(filled({ mrn: 'MRN-42', phone: '+1 (555) 010-5' }), TODAY)).toEqual(
      {},
    );
  });

  it('needs the payer and member ID once any insurance field is filled', () => {
    expect(
      validatePatientForm(
        filled({ insurance: { payerName: '', memberId: '', groupNumber: 'G-7' } }),
        TODAY,
      ),
    ).toEqual({
      'insurance.payerName': 'Enter the payer name',
      'insurance.memberId': 'Enter the member ID',
    });
  });
});

describe('the address', () => {
  const address = {
    line1: '12 Harbor Rd',
    line2: '',
    city: 'Portland',
    state: 'me',
    postalCode: '04101',
  };

  it('is sent whole, the state upper-cased and a blank second line as null', () => {
    expect(toCreateBody(filled({ address })).address).toEqual({
      ...address,
      line2: null,
      state: 'ME',
    });
  });

  it('needs street, city, a 2-letter state and a ZIP once any part is filled', () => {
    expect(
      validatePatientForm(
        filled({ address: { line1: '', line2: '', city: '', state: 'Maine', postalCode: '4101' } }),
        TODAY,
      ),
    ).toEqual({
      'address.line1': 'Enter the street address',
      'address.city': 'Enter the city',
      'address.state': 'A 2-letter state code, e.g. NY',
      'address.postalCode': '5 digits, or ZIP+4',
    });
    expect(
      validatePatientForm(filled({ address: { ...address, postalCode: '04101-1234' } }), TODAY),
    ).toEqual({});
  });
});

describe('toCreateBody', () => {
  it('trims, and leaves blank optional fields out', () => {
    expect(toCreateBody(filled({ email: '  ' }))).toEqual({
      firstName: 'Maria',
      lastName: 'Lopez',
      dateOfBirth: '1990-03-14',
      sexAtBirth: 'FEMALE',
    });
  });

  it('sends the insurance block with a missing group number as null', () => {
    const body = toCreateBody(
      filled({ mrn: 'A-1', insurance: { payerName: 'Acme', memberId: 'M1', groupNumber: '' } }),
    );
    expect(body.mrn).toBe('A-1');
    expect(body.insurance).toEqual({ payerName: 'Acme', memberId: 'M1', groupNumber: null });
  });
});

describe('toUpdateBody', () => {
  const unchanged = (): PatientFormValues => ({
    firstName: 'Maria',
    lastName: 'Lopez',
    dateOfBirth: '1990-03-14',
    sexAtBirth: 'FEMALE',
    mrn: 'DEMO-0005',
    email: 'maria@patient.example',
    phone: '',
    insurance: { payerName: 'Harborview Mutual', memberId: 'HVM-1', groupNumber: '' },
    address: { line1: '5 Elm St', line2: '', city: 'Salem', state: 'MA', postalCode: '01970' },
  });

  it('is empty when nothing changed', () => {
    expect(toUpdateBody(patient, unchanged())).toEqual({});
  });

  it('sends only what changed, and a cleared field as null', () => {
    expect(
      toUpdateBody(patient, {
        ...unchanged(),
        lastName: 'Lopez-Garcia',
        email: '',
        insurance: { payerName: '', memberId: '', groupNumber: '' },
      }),
    ).toEqual({ lastName: 'Lopez-Garcia', email: null, insurance: null });
  });

  it('sends the whole address when a part changed, and null when it was cleared', () => {
    const moved = { ...unchanged().address, line2: 'Apt 2', state: 'ma' };
    expect(toUpdateBody(patient, { ...unchanged(), address: moved })).toEqual({
      address: {
        line1: '5 Elm St',
        line2: 'Apt 2',
        city: 'Salem',
        state: 'MA',
        postalCode: '01970',
      },
    });
    const blank = { line1: '', line2: '', city: '', state: '', postalCode: '' };
    expect(toUpdateBody(patient, { ...unchanged(), address: blank })).toEqual({ address: null });
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('1990-03-14', '2026-03-13')).toBe(35);
    expect(ageOn('1990-03-14', '2026-03-14')).toBe(36);
    expect(ageOn('not a date', '2026-03-14')).toBeNull();
  });
});

/** The patient form as the pages use it: validation on submit, the API's errors by path. */
function Harness({ apiError }: { apiError?: ApiError }) {
  const form = useForm({
    initialValues: apiError === undefined ? emptyPatientForm() : filled(),
    validate: (values) => validatePatientForm(values, TODAY),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(() => {
        if (apiError !== undefined) applyFieldErrors(form, apiError);
      })}
    >
      <PatientFields form={form} withMrn />
      <Button type="submit">Create patient</Button>
    </form>
  );
}

describe('the patient form', () => {
  it('shows its own errors next to the fields, without sending', async () => {
    renderWithProviders(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Create patient' }));
    await waitFor(() => expect(screen.getByText('Enter the first name')).toBeTruthy());
    expect(screen.getByText('Enter the date of birth')).toBeTruthy();
    expect(screen.getByText('Choose the sex at birth')).toBeTruthy();
    expect(screen.getByLabelText(/First name/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('Enter the member ID')).toBeNull();
  });

  it("puts the API's VALIDATION_FAILED on the nested insurance field", async () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is not valid',
      errors: [{ path: 'insurance.memberId', message: 'Too long' }],
    });
    renderWithProviders(<Harness apiError={error} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create patient' }));
    await waitFor(() => expect(screen.getByText('Too long')).toBeTruthy());
    expect(screen.getByLabelText('Member ID').getAttribute('aria-invalid')).toBe('true');
  });
});
