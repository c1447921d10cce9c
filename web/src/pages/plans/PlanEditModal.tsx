import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { planQuery, useInvalidate } from '../../api/queries';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ConsultationSelect } from './ConsultationSelect';
import { PlanFields } from './PlanFields';
import {
  planFieldOf,
  planToFormValues,
  toUpdateBody,
  validatePlanForm,
  type PlanFormValues,
} from './planForm';
import type { Plan } from './types';

/** "Edit": the plan's fields in a form, saved with PATCH and the version it was read at. */
export function PlanEditModal({ plan }: { plan: Plan }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="default" onClick={open}>
        Edit
      </Button>
      <Modal opened={opened} onClose={close} title="Edit plan" size="lg">
        {opened && <EditForm plan={plan} onDone={close} />}
      </Modal>
    </>
  );
}

function EditForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  // The version the form was filled from: a save names it, so someone else's change is a 412.
  const [base, setBase] = useState(plan);
  const [shownFields, setShownFields] = useState<string[]>([]);
  const form = useForm<PlanFormValues>({
    initialValues: planToFormValues(plan),
    validate: (values) => validatePlanForm(values, { requirePatient: false }),
  });
  const save = useMutation({
    mutationFn: (values: PlanFormValues) =>
      unwrap(
        api.PATCH('/api/v1/procedure-plans/{id}', {
          params: { path: { id: base.id } },
          headers: ifMatch(base.version),
          body: toUpdateBody(values, base),
        }),
      ),
    onMutate: () => setShownFields([]),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['procedure-plans', saved.id], saved);
      // New codes may withdraw the quote and replace a pending consent.
      await invalidate(['procedure-plans'], ['quotes'], ['consents']);
      notifySuccess(`Plan ${saved.planNumber} saved`);
      onDone();
    },
    onError: (error) => setShownFields(applyFieldErrors(form, error, planFieldOf)),
  });
  const reload = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...planQuery(plan.id), staleTime: 0 }),
    onSuccess: (fresh) => {
      setBase(fresh);
      form.setValues(planToFormValues(fresh));
      form.resetDirty();
      save.reset();
      void queryClient.invalidateQueries({ queryKey: ['procedure-plans'] });
    },
  });
  const stale = save.error instanceof ApiError && save.error.status === 412;

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        if (Object.keys(toUpdateBody(values, base)).length === 0) onDone();
        else save.mutate(values);
      })}
    >
      <Stack gap="sm">
        {base.status === 'QUOTED' && (
          <Alert color="yellow" role="note">
            This plan is quoted: saving a change withdraws the quote and returns the plan to Draft.
          </Alert>
        )}
        <ConsultationSelect
          patientId={base.patientId}
          value={form.getValues().consultationId}
          onChange={(id) => form.setFieldValue('consultationId', id)}
          error={form.errors.consultationId}
        />
        <PlanFields form={form} />
        <ProblemAlert error={save.error} title="Not saved" shownFields={shownFields} />
        <ProblemAlert error={reload.error} title="Could not reload the plan" />
        <Group justify="flex-end">
          {stale && (
            <Button variant="default" onClick={() => reload.mutate()} loading={reload.isPending}>
              Reload
            </Button>
          )}
          <Button variant="default" onClick={onDone}>
            Discard changes
          </Button>
          <Button type="submit" loading={save.isPending} disabled={stale}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
