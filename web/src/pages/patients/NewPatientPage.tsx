import { Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { todayIso } from '../../lib/format';
import {
  emptyPatientForm,
  toCreateBody,
  validatePatientForm,
  type PatientFormValues,
} from './patientForm';
import { PATIENT_FIELD_PATHS, PatientFields } from './PatientFields';

/** `/patients/new`: register a patient, then open their page. */
export function NewPatientPage() {
  const { can } = useAuth();
  if (!can('patients.write')) return <Navigate to="/patients" replace />;
  return <NewPatientForm />;
}

function NewPatientForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm({
    initialValues: emptyPatientForm(),
    validate: (values) => validatePatientForm(values, todayIso()),
  });
  const create = useMutation({
    mutationFn: (values: PatientFormValues) =>
      unwrap(api.POST('/api/v1/patients', { body: toCreateBody(values) })),
    onSuccess: (patient) => {
      void queryClient.invalidateQueries({ queryKey: ['patients'] });
      queryClient.setQueryData(['patients', patient.id], patient);
      notifySuccess(`${patient.firstName} ${patient.lastName} registered as ${patient.mrn}`);
      void navigate(`/patients/${patient.id}`);
    },
    onError: (error) => {
      // A taken MRN (409 DUPLICATE) names its field too: show it there, like a validation error.
      if (error instanceof ApiError && error.code === 'DUPLICATE' && error.fieldErrors().mrn) {
        form.setFieldError('mrn', error.fieldErrors().mrn);
        setPlaced(['mrn']);
      } else {
        setPlaced(applyFieldErrors(form, error));
      }
    },
  });

  return (
    <>
      <PageHeader title="New patient" />
      <Paper withBorder p="md" maw={860}>
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setPlaced([]);
            create.mutate(values);
          })}
        >
          <Stack>
            <PatientFields form={form} withMrn />
            <ProblemAlert
              error={create.error}
              title="Could not create the patient"
              shownFields={placed.filter((p) => PATIENT_FIELD_PATHS.includes(p))}
            />
            <Group justify="flex-end" wrap="wrap">
              <Button variant="default" component={Link} to="/patients">
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create patient
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
