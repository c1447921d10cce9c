import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/problem';
import { useSurgeons } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { DateTimeField } from '../../components/DateTimeField';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import {
  defaultConsultationDate,
  toConsultationBody,
  validateConsultationForm,
  type ConsultationFormValues,
} from './consultationForm';

const FIELDS = ['surgeonId', 'consultationDate', 'reason', 'notes'];

export function NewConsultationModal({
  patientId,
  opened,
  onClose,
}: {
  patientId: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="New consultation" size="lg">
      {opened && <NewConsultationForm patientId={patientId} onClose={onClose} />}
    </Modal>
  );
}

function NewConsultationForm({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const surgeons = useSurgeons();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<ConsultationFormValues>({
    initialValues: {
      // A surgeon recording their own consultation need not pick themselves.
      surgeonId: user?.role === 'SURGEON' ? user.id : null,
      consultationDate: defaultConsultationDate(),
      reason: '',
      notes: '',
    },
    validate: validateConsultationForm,
  });
  const create = useMutation({
    mutationFn: (values: ConsultationFormValues) =>
      unwrap(api.POST('/api/v1/consultations', { body: toConsultationBody(patientId, values) })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      notifySuccess('Consultation recorded');
      onClose();
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });
  const options = (surgeons.data ?? [])
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, label: u.name }));

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setPlaced([]);
        create.mutate(values);
      })}
    >
      <Stack>
        <Select
          label="Surgeon"
          withAsterisk
          searchable
          placeholder={surgeons.isPending ? 'Loading surgeons…' : 'Choose'}
          data={options}
          nothingFoundMessage="No surgeon by that name"
          {...form.getInputProps('surgeonId')}
          error={
            form.errors.surgeonId ??
            (surgeons.isError ? `Could not load surgeons: ${describeError(surgeons.error)}` : null)
          }
        />
        <DateTimeField
          label="Consultation date"
          withAsterisk
          placeholder="2026-11-24 09:30"
          {...form.getInputProps('consultationDate')}
        />
        <Textarea
          label="Reason"
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('reason')}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('notes')}
        />
        <ProblemAlert
          error={create.error}
          title="Could not create the consultation"
          shownFields={placed.filter((p) => FIELDS.includes(p))}
        />
        <Group justify="flex-end" wrap="wrap">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create consultation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
