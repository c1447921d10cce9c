import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { PriorAuth } from './types';

interface DecisionValues {
  status: 'APPROVED' | 'DENIED';
  authorizationNumber: string;
  validFrom: string | null;
  validTo: string | null;
  notes: string;
}

/** "Record decision": the payer's answer to a submitted request, approved (with its window) or denied. */
export function PriorAuthDecision({ pa }: { pa: PriorAuth }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="xs" variant="light" onClick={open}>
        Record decision
      </Button>
      <Modal opened={opened} onClose={close} title={`Payer’s decision on ${pa.referenceNumber}`}>
        {opened && <DecisionForm pa={pa} onDone={close} />}
      </Modal>
    </>
  );
}

function DecisionForm({ pa, onDone }: { pa: PriorAuth; onDone: () => void }) {
  const invalidate = useInvalidate();
  const [shownFields, setShownFields] = useState<string[]>([]);
  const form = useForm<DecisionValues>({
    initialValues: {
      status: 'APPROVED',
      authorizationNumber: '',
      validFrom: null,
      validTo: null,
      notes: '',
    },
    validate: (v) => {
      if (v.status === 'DENIED') return {};
      const errors: Record<string, string> = {};
      if (v.authorizationNumber.trim() === '') {
        errors.authorizationNumber = 'Enter the payer’s authorization number';
      }
      if (v.validFrom === null) errors.validFrom = 'Enter the first day it is valid';
      if (v.validTo === null) errors.validTo = 'Enter the last day it is valid';
      else if (v.validFrom !== null && v.validTo < v.validFrom) {
        errors.validTo = 'The last day is before the first';
      }
      return errors;
    },
  });
  const decide = useMutation({
    mutationFn: (v: DecisionValues) => {
      const notes = v.notes.trim() === '' ? undefined : v.notes.trim();
      const body =
        v.status === 'DENIED'
          ? { status: v.status, notes }
          : {
              status: v.status,
              authorizationNumber: v.authorizationNumber.trim(),
              validFrom: v.validFrom ?? undefined,
              validTo: v.validTo ?? undefined,
              notes,
            };
      return unwrap(
        api.POST('/api/v1/prior-authorizations/{id}/decision', {
          params: { path: { id: pa.id } },
          headers: ifMatch(pa.version),
          body,
        }),
      );
    },
    onMutate: () => setShownFields([]),
    onSuccess: async (saved) => {
      await invalidate(['prior-authorizations'], ['procedure-plans', saved.procedurePlanId]);
      notifySuccess(
        `${saved.referenceNumber} ${saved.status === 'APPROVED' ? 'approved' : 'denied'}`,
      );
      onDone();
    },
    onError: (error) => setShownFields(applyFieldErrors(form, error)),
  });
  const approved = form.getValues().status === 'APPROVED';
  return (
    <form onSubmit={form.onSubmit((v) => decide.mutate(v))}>
      <Stack gap="sm">
        <Text size="sm">Requested codes: {pa.cptCodes.join(', ')}</Text>
        <div>
          <Text size="sm" fw={500} id="decision-label">
            Decision
          </Text>
          <SegmentedControl
            role="radiogroup"
            aria-labelledby="decision-label"
            data={[
              { value: 'APPROVED', label: 'Approved' },
              { value: 'DENIED', label: 'Denied' },
            ]}
            {...form.getInputProps('status')}
          />
        </div>
        {approved && (
          <>
            <TextInput
              label="Authorization number"
              withAsterisk
              {...form.getInputProps('authorizationNumber')}
            />
            <Group grow align="flex-start">
              <DateInput
                label="Valid from"
                withAsterisk
                valueFormat="MMM D, YYYY"
                {...form.getInputProps('validFrom')}
              />
              <DateInput
                label="Valid to"
                withAsterisk
                valueFormat="MMM D, YYYY"
                minDate={form.getValues().validFrom ?? undefined}
                {...form.getInputProps('validTo')}
              />
            </Group>
          </>
        )}
        <Textarea label="Decision notes" autosize minRows={2} {...form.getInputProps('notes')} />
        <ProblemAlert error={decide.error} title="Not recorded" shownFields={shownFields} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Back
          </Button>
          <Button type="submit" loading={decide.isPending}>
            Save decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
