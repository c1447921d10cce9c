import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AddRequirementForm } from './AddRequirementForm';
import { AllocateBatchModal } from './AllocateBatchModal';
import { Section } from './Section';
import type { Availability, Plan, Requirement } from './types';

/** What the surgery needs from inventory, what is reserved for it, and what is missing. */
export function PlanRequirements({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  const availability = useQuery({
    queryKey: ['procedure-plans', plan.id, 'availability'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/procedure-plans/{id}/inventory/availability', {
          params: { path: { id: plan.id } },
        }),
      ),
    enabled: plan.inventoryRequirements.length > 0,
  });
  const byRequirement = new Map(availability.data?.data.map((a) => [a.requirementId, a]));
  const editable =
    can('plans.requirements') && (plan.status === 'DRAFT' || plan.status === 'QUOTED');
  const allocatable =
    can('inventory.allocate') && plan.status !== 'COMPLETED' && plan.status !== 'CANCELLED';

  return (
    <Section id="plan-inventory" title="Inventory requirements">
      <Stack gap="md">
        {plan.inventoryRequirements.length === 0 ? (
          <Text size="sm">No implants or supplies are required yet.</Text>
        ) : (
          <>
            <ProblemAlert error={availability.error} title="Could not load availability" />
            <Table.ScrollContainer minWidth={740}>
              <Table striped withTableBorder verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Item</Table.Th>
                    <Table.Th>Size / shape</Table.Th>
                    <Table.Th ta="right">Required</Table.Th>
                    <Table.Th ta="right">Allocated</Table.Th>
                    <Table.Th ta="right">Available</Table.Th>
                    <Table.Th ta="right">Shortfall</Table.Th>
                    <Table.Th>Serial numbers</Table.Th>
                    {(editable || allocatable) && <Table.Th>Actions</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.inventoryRequirements.map((r) => (
                    <RequirementRow
                      key={r.id}
                      planId={plan.id}
                      planVersion={plan.version}
                      requirement={r}
                      availability={byRequirement.get(r.id)}
                      editable={editable}
                      allocatable={allocatable}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        {editable && <AddRequirementForm plan={plan} />}
      </Stack>
    </Section>
  );
}

function RequirementRow({
  planId,
  planVersion,
  requirement: r,
  availability: a,
  editable,
  allocatable,
}: {
  planId: string;
  /** The plan's version as the page shows it: each action names it in If-Match. */
  planVersion: number;
  requirement: Requirement;
  availability: Availability | undefined;
  editable: boolean;
  allocatable: boolean;
}) {
  const invalidate = useInvalidate();
  const done = async (message: string) => {
    // A change to a quoted plan's requirements withdraws its quote and returns it to Draft.
    await invalidate(['procedure-plans'], ['inventory'], ['quotes']);
    notifySuccess(message);
  };
  const path = {
    params: { path: { id: planId, requirementId: r.id } },
    headers: ifMatch(planVersion),
  };
  // A refusal (a 412 above all) usually means the plan changed: show it as it is now.
  const failed = (error: unknown) => {
    notifyError(error);
    void invalidate(['procedure-plans', planId]);
  };
  const allocate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/inventory/{requirementId}/allocate', {
          ...path,
          body: {},
        }),
      ),
    onSuccess: (saved) =>
      done(
        saved.serialNumbers.length > 0
          ? `Reserved ${saved.serialNumbers.join(', ')}`
          : `Reserved ${saved.quantity} × ${saved.inventoryItemName}`,
      ),
    onError: failed,
  });
  const release = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/procedure-plans/{id}/inventory/{requirementId}/release', path)),
    onSuccess: () => done(`Released ${r.inventoryItemName}`),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/procedure-plans/{id}/inventory/{requirementId}', path)),
    onSuccess: () => done(`Removed ${r.inventoryItemName}`),
    onError: failed,
  });
  const size = [r.sizeRequirement, r.shapeRequirement].filter((s) => s !== null).join(' · ');

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {r.inventoryItemName}
        </Text>
        <Text size="xs" c="dimmed">
          {r.inventoryItemCode}
          {r.requiresSerialNumber && ' · serial-tracked'}
          {!r.isRequired && ' · optional'}
        </Text>
      </Table.Td>
      <Table.Td>{size || '—'}</Table.Td>
      <Table.Td ta="right">{a?.required ?? r.quantity}</Table.Td>
      <Table.Td ta="right">{a?.allocated ?? '…'}</Table.Td>
      <Table.Td ta="right">{a?.available ?? '…'}</Table.Td>
      <Table.Td ta="right">
        {a === undefined ? (
          '…'
        ) : a.shortfall > 0 ? (
          <Text span c="red.8" fw={700} size="sm">
            {a.shortfall}
          </Text>
        ) : (
          0
        )}
      </Table.Td>
      <Table.Td>{r.serialNumbers.length > 0 ? r.serialNumbers.join(', ') : '—'}</Table.Td>
      {(editable || allocatable) && (
        <Table.Td>
          <Group gap={6} wrap="wrap">
            {allocatable && !r.isPreAllocated && (
              <>
                <Button size="xs" onClick={() => allocate.mutate()} loading={allocate.isPending}>
                  Allocate
                </Button>
                <AllocateBatchModal planId={planId} planVersion={planVersion} requirement={r} />
              </>
            )}
            {allocatable && r.isPreAllocated && (
              <Button
                size="xs"
                variant="default"
                onClick={() => release.mutate()}
                loading={release.isPending}
              >
                Release
              </Button>
            )}
            {editable && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => remove.mutate()}
                loading={remove.isPending}
              >
                Remove
              </Button>
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
