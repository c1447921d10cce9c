import { Button, Card, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleGate } from '../../components/RoleGate';
import { ConsultationSelect } from './ConsultationSelect';
import { PatientSelect } from './PatientSelect';
import { PlanFields } from './PlanFields';
import {
  EMPTY_PLAN_FORM,
  planFieldOf,
  toCreateBody,
  validatePlanForm,
  type PlanFormValues,
} from './planForm';

/** `/plans/new?patientId=&consultationId=`: a new DRAFT plan, then its page. */
export function NewPlanPage() {
  return (
    <RoleGate
      permission="plans.write"
      pageTitle="New plan"
      message="Your role cannot create procedure plans."
    >
      <NewPlanForm />
    </RoleGate>
  );
}

function NewPlanForm() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [shownFields, setShownFields] = useState<string[]>([]);
  const form = useForm<PlanFormValues>({
    initialValues: {
      ...EMPTY_PLAN_FORM,
      patientId: params.get('patientId') || null,
      consultationId: params.get('consultationId') || null,
    },
    validate: (values) => validatePlanForm(values),
  });
  const create = useMutation({
    mutationFn: (values: PlanFormValues) =>
      unwrap(api.POST('/api/v1/procedure-plans', { body: toCreateBody(values) })),
    onMutate: () => setShownFields([]),
    onSuccess: async (plan) => {
      queryClient.setQueryData(['procedure-plans', plan.id], plan);
      await queryClient.invalidateQueries({ queryKey: ['procedure-plans', 'list'] });
      notifySuccess(`Plan ${plan.planNumber} created`);
      void navigate(`/plans/${plan.id}`);
    },
    onError: (error) => setShownFields(applyFieldErrors(form, error, planFieldOf)),
  });

  return (
    <>
      <PageHeader title="New plan">
        <Button variant="default" component={Link} to="/plans">
          Back to the board
        </Button>
      </PageHeader>
      <Card withBorder maw={760} component="form" onSubmit={form.onSubmit((v) => create.mutate(v))}>
        <Stack gap="sm">
          <PatientSelect
            value={form.getValues().patientId}
            onChange={(patientId) => {
              form.setFieldValue('patientId', patientId);
              form.setFieldValue('consultationId', null);
            }}
            error={form.errors.patientId}
          />
          <ConsultationSelect
            patientId={form.getValues().patientId}
            value={form.getValues().consultationId}
            onChange={(id) => form.setFieldValue('consultationId', id)}
            error={form.errors.consultationId}
          />
          <PlanFields form={form} />
          <ProblemAlert
            error={create.error}
            title="The plan was not created"
            shownFields={shownFields}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create plan
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
