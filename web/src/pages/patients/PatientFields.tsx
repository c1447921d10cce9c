import { Fieldset, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { todayIso } from '../../lib/format';
import { SEX_OPTIONS, type PatientFormValues } from './patientForm';

/** The form paths these fields show, so a ProblemAlert lists only the API's other errors. */
export const PATIENT_FIELD_PATHS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'sexAtBirth',
  'mrn',
  'email',
  'phone',
  'insurance.payerName',
  'insurance.memberId',
  'insurance.groupNumber',
  'address.line1',
  'address.line2',
  'address.city',
  'address.state',
  'address.postalCode',
];

/** The inputs of the patient form, for creating (with the MRN) and editing (without). */
export function PatientFields({
  form,
  withMrn,
}: {
  form: UseFormReturnType<PatientFormValues>;
  withMrn: boolean;
}) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="First name" withAsterisk {...form.getInputProps('firstName')} />
        <TextInput label="Last name" withAsterisk {...form.getInputProps('lastName')} />
        <DateInput
          label="Date of birth"
          withAsterisk
          placeholder="YYYY-MM-DD"
          minDate="1900-01-01"
          // Future days are greyed in the calendar, but a typed one stays, so the form can say why.
          excludeDate={(date) => date > todayIso()}
          defaultLevel="decade"
          {...form.getInputProps('dateOfBirth')}
        />
        <Select
          label="Sex at birth"
          withAsterisk
          placeholder="Choose"
          data={SEX_OPTIONS as { value: string; label: string }[]}
          {...form.getInputProps('sexAtBirth')}
        />
        {withMrn && (
          <TextInput
            label="MRN"
            description="Leave empty to have one assigned"
            {...form.getInputProps('mrn')}
          />
        )}
        <TextInput label="Email" type="email" {...form.getInputProps('email')} />
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
      </SimpleGrid>
      <Fieldset legend="Address (optional)">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Street address"
            autoComplete="address-line1"
            {...form.getInputProps('address.line1')}
          />
          <TextInput
            label="Apartment, suite (optional)"
            autoComplete="address-line2"
            {...form.getInputProps('address.line2')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
          <TextInput
            label="City"
            autoComplete="address-level2"
            {...form.getInputProps('address.city')}
          />
          <TextInput
            label="State"
            placeholder="NY"
            maxLength={2}
            autoComplete="address-level1"
            {...form.getInputProps('address.state')}
          />
          <TextInput
            label="ZIP code"
            placeholder="12345"
            autoComplete="postal-code"
            {...form.getInputProps('address.postalCode')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Insurance note (optional)">
        <Text size="sm" c="dimmed" mb="xs">
          As the patient gives it; prior authorizations start from it. The insurance claims are sent
          to is chosen from the clinic&apos;s payers on the patient page.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Payer name" {...form.getInputProps('insurance.payerName')} />
          <TextInput label="Member ID" {...form.getInputProps('insurance.memberId')} />
          <TextInput label="Group number" {...form.getInputProps('insurance.groupNumber')} />
        </SimpleGrid>
      </Fieldset>
    </>
  );
}
