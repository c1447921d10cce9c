import { Box, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { patientQuery, useInvalidate } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors, notifyError, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { PriorAuthDecision } from './PriorAuthDecision';
import { Section } from './Section';
import type { Plan, PriorAuth } from './types';

/** The plan's requests to the insurer: list, request, submit, record the payer's decision. */
export function PriorAuthorizations({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  const list = useQuery({
    queryKey: ['prior-authorizations', 'list', { procedurePlanId: plan.id }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/prior-authorizations', {
          params: { query: { procedurePlanId: plan.id, limit: 100 } },
        }),
      ),
  });
  const open = plan.status !== 'CANCELLED' && plan.status !== 'COMPLETED';
  return (
    <Section id="plan-prior-auth" title="Prior authorization">
      <Stack gap="md">
        <QueryState
          query={list}
          isEmpty={(page) => page.data.length === 0}
          empty="No prior authorization has been requested for this plan."
        >
          {(page) => <PriorAuthTable items={page.data} canWrite={can('priorAuth.write')} />}
        </QueryState>
        {can('priorAuth.write') && open && <RequestPriorAuth plan={plan} />}
      </Stack>
    </Section>
  );
}

function PriorAuthTable({ items, canWrite }: { items: PriorAuth[]; canWrite: boolean }) {
  // Only a draft (to submit) or a submitted request (to decide) has something to do.
  const actions =
    canWrite && items.some((pa) => pa.status === 'DRAFT' || pa.status === 'SUBMITTED');
  return (
    <Table.ScrollContainer minWidth={740}>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reference</Table.Th>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Member ID</Table.Th>
            <Table.Th>CPT codes</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Authorization</Table.Th>
            <Table.Th>Valid</Table.Th>
            {actions && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((pa) => (
            <Table.Tr key={pa.id}>
              <Table.Td>{pa.referenceNumber}</Table.Td>
              <Table.Td>{pa.payerName}</Table.Td>
              <Table.Td>{pa.memberId}</Table.Td>
              <Table.Td>
                {pa.status === 'APPROVED' ? pa.approvedCptCodes.join(', ') : pa.cptCodes.join(', ')}
              </Table.Td>
              <Table.Td>
                <Box miw={96}>
                  <StatusBadge status={pa.status} />
                </Box>
                {pa.notes !== null && (
                  <Text size="xs" c="dimmed">
                    {pa.notes}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{pa.authorizationNumber ?? '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {pa.validFrom === null ? (
                  '—'
                ) : (
                  <>
                    {formatDate(pa.validFrom)} to
                    <br />
                    {formatDate(pa.validTo)}
                  </>
                )}
              </Table.Td>
              {actions && (
                <Table.Td>
                  <PriorAuthActions pa={pa} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PriorAuthActions({ pa }: { pa: PriorAuth }) {
  const invalidate = useInvalidate();
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/prior-authorizations/{id}/submit', {
          params: { path: { id: pa.id } },
          headers: ifMatch(pa.version),
          body: {},
        }),
      ),
    onSuccess: async (saved) => {
      await invalidate(['prior-authorizations'], ['procedure-plans', saved.procedurePlanId]);
      notifySuccess(`${saved.referenceNumber} submitted to ${saved.payerName}`);
    },
    onError: notifyError,
  });
  if (pa.status === 'DRAFT') {
    return (
      <Button size="xs" onClick={() => submit.mutate()} loading={submit.isPending}>
        Submit to payer
      </Button>
    );
  }
  if (pa.status === 'SUBMITTED') return <PriorAuthDecision pa={pa} />;
  return null;
}

function RequestPriorAuth({ plan }: { plan: Plan }) {
  const invalidate = useInvalidate();
  const patient = useQuery(patientQuery(plan.patientId));
  const insurance = patient.data?.insurance ?? null;
  const [shownFields, setShownFields] = useState<string[]>([]);
  const form = useForm({ initialValues: { payerName: '', memberId: '' } });
  const request = useMutation({
    mutationFn: (values: { payerName: string; memberId: string }) =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/prior-authorizations', {
          params: { path: { id: plan.id } },
          headers: ifMatch(plan.version),
          // Left blank, the API takes the patient's insurance.
          body: {
            payerName: values.payerName.trim() || undefined,
            memberId: values.memberId.trim() || undefined,
          },
        }),
      ),
    onMutate: () => setShownFields([]),
    onSuccess: async (saved) => {
      await invalidate(['prior-authorizations'], ['procedure-plans', plan.id]);
      notifySuccess(`Prior authorization ${saved.referenceNumber} created as a draft`);
      form.reset();
    },
    onError: (error) => setShownFields(applyFieldErrors(form, error)),
  });
  return (
    <form
      onSubmit={form.onSubmit((values) => request.mutate(values))}
      aria-labelledby="request-pa-title"
    >
      <Stack gap="xs">
        <Title order={3} size="h5" id="request-pa-title">
          New request
        </Title>
        <Text size="sm" c="dimmed">
          Asks for the plan’s insured codes (
          {plan.procedureType === 'HYBRID'
            ? plan.insuranceCptCodes.join(', ')
            : plan.cptCodes.join(', ')}
          ) with its diagnosis codes.
          {insurance === null
            ? ' The patient has no insurance on file: name the payer.'
            : ' Leave the payer blank to use the patient’s insurance.'}
        </Text>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Payer name"
            placeholder={insurance?.payerName ?? ''}
            w={240}
            {...form.getInputProps('payerName')}
          />
          <TextInput
            label="Member ID"
            placeholder={insurance?.memberId ?? ''}
            w={200}
            {...form.getInputProps('memberId')}
          />
        </Group>
        <ProblemAlert
          error={request.error}
          title="The request was not created"
          shownFields={shownFields}
          onReload={() => {
            request.reset();
            void invalidate(['procedure-plans', plan.id]);
          }}
        />
        <Group>
          <Button type="submit" variant="light" loading={request.isPending}>
            Request prior authorization
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
