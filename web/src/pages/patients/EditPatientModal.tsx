import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { patientQuery } from '../../api/queries';
import { applyFieldErrors, notifyError, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { todayIso } from '../../lib/format';
import {
  patientToForm,
  toUpdateBody,
  validatePatientForm,
  type Patient,
  type PatientFormValues,
} from './patientForm';
import { PATIENT_FIELD_PATHS, PatientFields } from './PatientFields';

export function EditPatientModal({
  patient,
  opened,
  onClose,
}: {
  patient: Patient;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Edit patient" size="xl">
      {/* Mounted on opening, so the form starts from the record as it is then. */}
      {opened && <EditPatientForm patient={patient} onClose={onClose} />}
    </Modal>
  );
}

/**
 * Edits the record as it was when the form opened: its `version` goes in `If-Match`, so a change
 * someone else saved meanwhile answers 412 instead of being overwritten.
 */
function EditPatientForm({ patient, onClose }: { patient: Patient; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [base, setBase] = useState(patient);
  const [placed, setPlaced] = useState<string[]>([]);
  const [reloading, setReloading] = useState(false);
  const form = useForm({
    initialValues: patientToForm(patient),
    validate: (values) => validatePatientForm(values, todayIso()),
  });
  const save = useMutation({
    mutationFn: (values: PatientFormValues) =>
      unwrap(
        api.PATCH('/api/v1/patients/{id}', {
          params: { path: { id: base.id } },
          headers: ifMatch(base.version),
          body: toUpdateBody(base, values),
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(patientQuery(updated.id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['patients'] });
      notifySuccess('Patient updated');
      onClose();
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });
  const stale = save.error instanceof ApiError && save.error.status === 412;

  /** After a 412: the record as it is now, in the form and as the version to edit. */
  const reload = async () => {
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({ ...patientQuery(base.id), staleTime: 0 });
      setBase(fresh);
      form.setValues(patientToForm(fresh));
      form.resetDirty(patientToForm(fresh));
      form.clearErrors();
      save.reset();
    } catch (error) {
      notifyError(error);
    } finally {
      setReloading(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setPlaced([]);
        if (Object.keys(toUpdateBody(base, values)).length === 0) onClose();
        else save.mutate(values);
      })}
    >
      <Stack>
        <PatientFields form={form} withMrn={false} />
        <ProblemAlert
          error={save.error}
          title={stale ? 'This patient was changed by someone else' : 'Could not save the patient'}
          shownFields={placed.filter((p) => PATIENT_FIELD_PATHS.includes(p))}
        />
        <Group justify="flex-end" wrap="wrap">
          {stale && (
            <Button variant="light" loading={reloading} onClick={() => void reload()}>
              Reload patient
            </Button>
          )}
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={stale}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
