import {
  Box,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { allPages } from '../../api/paged';
import { ApiError } from '../../api/problem';
import { useInvalidate } from '../../api/queries';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { Facts, Section } from './Section';

type Insurance = components['schemas']['PatientInsuranceDto_Output'];
type Relationship = Insurance['subscriber']['relationship'];
type Sex = NonNullable<Insurance['subscriber']['sex']>;

export const RELATIONSHIPS: readonly { value: Relationship; label: string }[] = [
  { value: '18', label: 'Self (the patient holds the policy)' },
  { value: '01', label: 'Spouse' },
  { value: '19', label: 'Child' },
  { value: 'G8', label: 'Other relationship' },
];
const SEXES: readonly { value: Sex; label: string }[] = [
  { value: 'FEMALE', label: 'Female' },
  { value: 'MALE', label: 'Male' },
  { value: 'UNKNOWN', label: 'Unknown' },
];
const relationshipLabel = (r: Relationship) => RELATIONSHIPS.find((o) => o.value === r)?.label ?? r;

const insuranceKey = (patientId: string) => ['patients', patientId, 'insurance'] as const;

/** The primary insurance for claims, or null when none is on file (404). */
function useClaimInsurance(patientId: string) {
  return useQuery({
    queryKey: insuranceKey(patientId),
    queryFn: async (): Promise<Insurance | null> => {
      try {
        return await unwrap(
          api.GET('/api/v1/patients/{id}/insurance', { params: { path: { id: patientId } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

function usePayerOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['payers', 'list', 'all'],
    enabled,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET('/api/v1/payers', { params: { query: { limit: 100, cursor } } })),
      ),
  });
}

export interface InsuranceValues {
  payerId: string | null;
  memberId: string;
  groupNumber: string;
  relationship: Relationship;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex | null;
}

const CARD_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]{0,49}$/;
const ifOther = (message: string) => (v: string | null, values: InsuranceValues) =>
  values.relationship !== '18' && (v === null || v.trim() === '') ? message : null;

export const insuranceValidation = {
  payerId: (v: string | null) => (v === null ? 'Choose the payer' : null),
  memberId: (v: string) =>
    CARD_NUMBER.test(v.trim()) ? null : 'The member id on the card: letters, digits, spaces and -',
  groupNumber: (v: string) =>
    v.trim() === '' || CARD_NUMBER.test(v.trim()) ? null : 'Letters, digits, spaces and -',
  firstName: ifOther('Enter the policy holder’s first name'),
  lastName: ifOther('Enter the policy holder’s last name'),
  dateOfBirth: ifOther('Enter the policy holder’s date of birth'),
  sex: ifOther('Choose the policy holder’s sex'),
};

function bodyOf(v: InsuranceValues) {
  const card = {
    payerId: v.payerId ?? '',
    memberId: v.memberId.trim(),
    groupNumber: v.groupNumber.trim() === '' ? null : v.groupNumber.trim(),
  };
  if (v.relationship === '18') return { ...card, subscriber: { relationship: '18' as const } };
  return {
    ...card,
    subscriber: {
      relationship: v.relationship,
      firstName: v.firstName.trim(),
      lastName: v.lastName.trim(),
      dateOfBirth: v.dateOfBirth,
      sex: v.sex ?? 'UNKNOWN',
    },
  };
}

/** Set or replace the patient's primary insurance (`PUT`, If-Match its version, 0 when none). */
export function InsuranceModal({
  patientId,
  insurance,
  onClose,
}: {
  patientId: string;
  insurance: Insurance | null;
  onClose: () => void;
}) {
  const invalidate = useInvalidate();
  const payers = usePayerOptions(true);
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<InsuranceValues>({
    initialValues: {
      payerId: insurance?.payer.id ?? null,
      memberId: insurance?.memberId ?? '',
      groupNumber: insurance?.groupNumber ?? '',
      relationship: insurance?.subscriber.relationship ?? '18',
      firstName: insurance?.subscriber.firstName ?? '',
      lastName: insurance?.subscriber.lastName ?? '',
      dateOfBirth: insurance?.subscriber.dateOfBirth ?? '',
      sex: insurance?.subscriber.sex ?? null,
    },
    validate: insuranceValidation,
  });
  const save = useMutation({
    mutationFn: (v: InsuranceValues) =>
      unwrap(
        api.PUT('/api/v1/patients/{id}/insurance', {
          params: { path: { id: patientId }, header: ifMatch(insurance?.version ?? 0) },
          body: bodyOf(v),
        }),
      ),
    onSuccess: async () => {
      await invalidate(insuranceKey(patientId));
      notifySuccess('Insurance saved');
      onClose();
    },
    onError: (error) =>
      setShown(applyFieldErrors(form, error, (path) => path.replace(/^subscriber\./, ''))),
  });
  const other = form.getValues().relationship !== '18';
  return (
    <Modal opened onClose={onClose} title="Insurance for claims" size="lg">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack>
          <ProblemAlert
            error={save.error ?? payers.error}
            title="Insurance not saved"
            shownFields={shown}
            onReload={() => {
              void invalidate(insuranceKey(patientId));
              onClose();
            }}
          />
          <Select
            label="Payer"
            required
            searchable
            data-autofocus
            data={(payers.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.name} (${p.payerId})`,
            }))}
            nothingFoundMessage="No such payer: an admin or billing adds payers in Settings"
            {...form.getInputProps('payerId')}
          />
          <SimpleGrid cols={2}>
            <TextInput label="Member id" required {...form.getInputProps('memberId')} />
            <TextInput label="Group number" {...form.getInputProps('groupNumber')} />
          </SimpleGrid>
          <Select
            label="Policy holder"
            required
            allowDeselect={false}
            data={RELATIONSHIPS.map((r) => ({ ...r }))}
            {...form.getInputProps('relationship')}
          />
          {other && (
            <SimpleGrid cols={2}>
              <TextInput
                label="Holder's first name"
                required
                {...form.getInputProps('firstName')}
              />
              <TextInput label="Holder's last name" required {...form.getInputProps('lastName')} />
              <TextInput
                type="date"
                label="Holder's date of birth"
                required
                {...form.getInputProps('dateOfBirth')}
              />
              <Select
                label="Holder's sex"
                required
                data={SEXES.map((s) => ({ ...s }))}
                {...form.getInputProps('sex')}
              />
            </SimpleGrid>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save insurance
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The free-text insurance of the patient record (`patient.insurance`), edited with the patient. */
export type InsuranceNote = {
  payerName: string;
  memberId: string;
  groupNumber: string | null;
} | null;

const BORDER = '1px solid var(--mantine-color-default-border)';

const noteLine = (n: NonNullable<InsuranceNote>) =>
  [n.payerName, `member ${n.memberId}`, n.groupNumber === null ? null : `group ${n.groupNumber}`]
    .filter((part) => part !== null)
    .join(', ');

/**
 * The patient's insurance in one card: the primary insurance claims are sent to
 * (`/patients/:id/insurance`, docs/claims.md "Set-up": a payer of the clinic's list, the card's
 * numbers and the policy holder), edited here; and under it the free-text note the patient record
 * still keeps (prior authorizations start from it), edited with the patient ("Edit").
 */
export function ClaimInsuranceSection({
  patientId,
  note,
}: {
  patientId: string;
  note: InsuranceNote;
}) {
  const { can } = useAuth();
  const insurance = useClaimInsurance(patientId);
  const [editing, setEditing] = useState(false);
  return (
    <Section
      title="Insurance"
      actions={
        can('insurance.write') &&
        insurance.isSuccess && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            {insurance.data === null ? 'Add insurance for claims' : 'Edit insurance'}
          </Button>
        )
      }
    >
      <QueryState query={insurance}>
        {(i) =>
          i === null ? (
            <Text c="dimmed">
              {note === null
                ? 'No insurance on file (self-pay).'
                : 'Not set up for claims yet: choose the payer and enter the card.'}
            </Text>
          ) : (
            <Facts
              rows={[
                ['Payer', `${i.payer.name} (${i.payer.payerId})`],
                ['Member id', i.memberId],
                ['Group number', i.groupNumber ?? '—'],
                ['Policy holder', relationshipLabel(i.subscriber.relationship)],
                ...(i.subscriber.relationship === '18'
                  ? []
                  : [
                      [
                        'Holder',
                        `${i.subscriber.firstName ?? ''} ${i.subscriber.lastName ?? ''}, born ${formatDate(i.subscriber.dateOfBirth ?? '')}`,
                      ] as const,
                    ]),
              ]}
            />
          )
        }
      </QueryState>
      {note !== null && (
        <Box data-testid="insurance-note" pt="sm" style={{ borderTop: BORDER }}>
          <Text size="sm" fw={600}>
            Note on the patient record
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {noteLine(note)}
          </Text>
          <Text size="xs" c="dimmed">
            {can('patients.write')
              ? 'As entered with the patient (Edit, at the top, changes it); not sent on claims.'
              : 'As entered with the patient; not sent on claims.'}
          </Text>
        </Box>
      )}
      {editing && insurance.isSuccess && (
        <InsuranceModal
          patientId={patientId}
          insurance={insurance.data}
          onClose={() => setEditing(false)}
        />
      )}
    </Section>
  );
}
