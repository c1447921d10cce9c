import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SerialNumber, SerialNumbers } from '../../components/SerialNumber';
import { AddRequirementForm } from './AddRequirementForm';
import { AllocateBatchModal } from './AllocateBatchModal';
import { QuoteWithdrawConfirm } from './QuoteWithdrawConfirm';
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
  // A completed plan's reservations were consumed: it shows what the surgery used instead.
  const completed = plan.status === 'COMPLETED';

  if (completed && plan.inventoryRequirements.length > 0) {
    return (
      <Section id="plan-inventory" title="Implants and supplies">
        <ProblemAlert error={availability.error} title="Could not load what was used" />
        <UsedTable plan={plan} byRequirement={byRequirement} />
      </Section>
    );
  }

  return (
    <Section id="plan-inventory" title="Implants and supplies">
      <Stack gap="md">
        {plan.inventoryRequirements.length === 0 ? (
          <Text size="sm">No implants or supplies are required yet.</Text>
        ) : (
          <>
            <ProblemAlert error={availability.error} title="Could not load availability" />
            <Table.ScrollContainer minWidth={700}>
              {/* Every column, Actions too, fits the main area at 1024 px. */}
              <Table striped withTableBorder verticalSpacing="xs" horizontalSpacing="xs">
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
                      quoted={plan.status === 'QUOTED'}
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

/** A completed plan: what each requirement used (serials and lots), nothing missing. */
function UsedTable({
  plan,
  byRequirement,
}: {
  plan: Plan;
  byRequirement: Map<string, Availability>;
}) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped withTableBorder verticalSpacing="xs" aria-label="Used in surgery">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Size / shape</Table.Th>
            <Table.Th ta="right">Required</Table.Th>
            <Table.Th ta="right">Used</Table.Th>
            <Table.Th>Serial numbers and lots</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.inventoryRequirements.map((r) => {
            const a = byRequirement.get(r.id);
            return (
              <Table.Tr key={r.id} data-requirement={r.inventoryItemCode}>
                <Table.Td>
                  <ItemName requirement={r} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{sizeAndShape(r) || '—'}</Table.Td>
                <Table.Td ta="right">{r.quantity}</Table.Td>
                <Table.Td ta="right">{a?.used ?? '…'}</Table.Td>
                <Table.Td>
                  {a === undefined ? (
                    '…'
                  ) : a.usedUnits.length === 0 ? (
                    'None recorded'
                  ) : (
                    <Stack gap={2}>
                      {a.usedUnits.map((u, i) => (
                        <Text key={`${u.serialNumber ?? ''}:${u.lotNumber}:${i}`} size="sm">
                          {u.serialNumber !== null ? (
                            <SerialNumber>{u.serialNumber}</SerialNumber>
                          ) : (
                            `${u.quantity} ×`
                          )}{' '}
                          <Text span size="sm" c="dimmed">
                            lot <SerialNumber>{u.lotNumber}</SerialNumber>
                          </Text>
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function sizeAndShape(r: Requirement): string {
  return [r.sizeRequirement, r.shapeRequirement].filter((s) => s !== null).join(' · ');
}

function ItemName({ requirement: r }: { requirement: Requirement }) {
  return (
    <>
      <Text size="sm" fw={600}>
        {r.inventoryItemName}
      </Text>
      <Text size="xs" c="dimmed">
        {r.inventoryItemCode}
        {r.requiresSerialNumber && ' · serial-tracked'}
        {!r.isRequired && ' · optional'}
      </Text>
    </>
  );
}

function RequirementRow({
  planId,
  planVersion,
  quoted,
  requirement: r,
  availability: a,
  editable,
  allocatable,
}: {
  planId: string;
  /** The plan's version as the page shows it: each action names it in If-Match. */
  planVersion: number;
  /** Removing from a quoted plan withdraws its quote: asked first. */
  quoted: boolean;
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
  // The version travels as the mutation's variable, read when the button is clicked: a click
  // just after the plan re-rendered (e.g. right after approval) must not send the version before.
  const path = (version: number) => ({
    params: { path: { id: planId, requirementId: r.id } },
    headers: ifMatch(version),
  });
  // A refusal (a 412 above all) usually means the plan changed: show it as it is now.
  const failed = (error: unknown) => {
    notifyError(error);
    void invalidate(['procedure-plans', planId]);
  };
  const allocate = useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/inventory/{requirementId}/allocate', {
          ...path(version),
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
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/inventory/{requirementId}/release', path(version)),
      ),
    onSuccess: () => done(`Released ${r.inventoryItemName}`),
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: (version: number) =>
      unwrap(api.DELETE('/api/v1/procedure-plans/{id}/inventory/{requirementId}', path(version))),
    onSuccess: () => done(`Removed ${r.inventoryItemName}`),
    onError: failed,
  });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const size = sizeAndShape(r);

  return (
    <Table.Tr data-requirement={r.inventoryItemCode}>
      <Table.Td>
        <ItemName requirement={r} />
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
      <Table.Td>
        <SerialNumbers serials={r.serialNumbers} />
      </Table.Td>
      {(editable || allocatable) && (
        <Table.Td>
          <Group gap={6} wrap="wrap">
            {allocatable && !r.isPreAllocated && (
              <>
                <Button
                  size="xs"
                  onClick={() => allocate.mutate(planVersion)}
                  loading={allocate.isPending}
                >
                  Allocate
                </Button>
                <AllocateBatchModal planId={planId} planVersion={planVersion} requirement={r} />
              </>
            )}
            {allocatable && r.isPreAllocated && (
              <Button
                size="xs"
                variant="default"
                onClick={() => release.mutate(planVersion)}
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
                onClick={() => (quoted ? setConfirmRemove(true) : remove.mutate(planVersion))}
                loading={remove.isPending}
              >
                Remove
              </Button>
            )}
            <QuoteWithdrawConfirm
              opened={confirmRemove}
              change={`Removing ${r.inventoryItemName}`}
              confirmLabel="Withdraw the quote and remove"
              onConfirm={() => remove.mutate(planVersion)}
              onClose={() => setConfirmRemove(false)}
            />
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
