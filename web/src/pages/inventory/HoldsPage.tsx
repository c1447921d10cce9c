import {
  Anchor,
  Button,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, ifMatch, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { useInvalidate } from '../../api/queries';
import { notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PagedRows } from '../../components/PagedRows';
import { RoleGate } from '../../components/RoleGate';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatPatientName } from '../../lib/format';
import { HOLD_AGES, holdAge, holdsByRequirement, type RequirementHold } from './holds';
import { daysSince, heldFor, units } from './lib';
import { inventoryKeys } from './queries';
import { NOWRAP } from './shared';

function useHolds(olderThanDays: number) {
  return usePagedList({
    queryKey: inventoryKeys.holds(olderThanDays),
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/inventory/holds', {
          params: { query: { olderThanDays, limit: 100, cursor } },
        }),
      ),
    keepPrevious: true,
  });
}

/** What a hold is, as a sentence: "2 units of Silicone implant 300cc (SN-1, SN-2)". */
function describeHold(h: RequirementHold): string {
  const serials = h.serialNumbers.length > 0 ? ` (${h.serialNumbers.join(', ')})` : '';
  return `${units(h.quantity)} of ${h.itemName}${serials}`;
}

/**
 * "Release": gives a requirement's units back to the shelf, naming the plan's version as the list
 * read it (If-Match). The plan then shows the requirement unallocated.
 */
function ReleaseButton({ hold }: { hold: RequirementHold }) {
  const [opened, { open, close }] = useDisclosure(false);
  const invalidate = useInvalidate();
  const release = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/inventory/{requirementId}/release', {
          params: { path: { id: hold.procedurePlanId, requirementId: hold.requirementId } },
          headers: ifMatch(hold.planVersion),
        }),
      ),
    onSuccess: async () => {
      await invalidate(inventoryKeys.all, ['procedure-plans']);
      notifySuccess(`Released ${describeHold(hold)} from ${hold.planNumber}`);
      close();
    },
  });
  const done = () => {
    release.reset();
    close();
  };
  return (
    <>
      <Button
        size="compact-sm"
        variant="default"
        onClick={open}
        aria-label={`Release the hold of ${hold.planNumber} on ${hold.itemName}`}
      >
        Release
      </Button>
      <Modal opened={opened} onClose={done} title={`Release the hold of ${hold.planNumber}?`}>
        <Stack>
          <Text>
            {describeHold(hold)} go back on the shelf for other plans. {hold.planNumber} will need
            them allocated again before surgery.
          </Text>
          <ProblemAlert
            error={release.error}
            title="Not released"
            onReload={() => {
              release.reset();
              void invalidate(inventoryKeys.all);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={done}>
              Cancel
            </Button>
            <Button color="red.8" loading={release.isPending} onClick={() => release.mutate()}>
              Release
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function HoldsTable({ holds }: { holds: RequirementHold[] }) {
  const now = new Date();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped aria-label="Stock holds">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th>Held</Table.Th>
            <Table.Th style={NOWRAP}>Held for</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {holds.map((h) => (
            <Table.Tr key={h.requirementId}>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Anchor
                    fz="inherit"
                    component={Link}
                    to={`/plans/${h.procedurePlanId}`}
                    style={NOWRAP}
                  >
                    {h.planNumber}
                  </Anchor>
                  <StatusBadge status={h.planStatus} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <Anchor fz="inherit" component={Link} to={`/patients/${h.patientId}`}>
                  {formatPatientName(h)}
                </Anchor>
                <Text size="xs" c="dimmed" style={NOWRAP}>
                  {/^MRN/i.test(h.mrn) ? h.mrn : `MRN ${h.mrn}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor fz="inherit" component={Link} to={`/inventory/items/${h.itemId}`}>
                  {h.itemName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {h.itemCode}
                </Text>
              </Table.Td>
              <Table.Td>
                {h.serialNumbers.length > 0 ? (
                  <Stack gap={0}>
                    {h.serialNumbers.map((s) => (
                      <Text key={s} span fz="inherit" style={NOWRAP}>
                        {s}
                      </Text>
                    ))}
                  </Stack>
                ) : (
                  units(h.quantity)
                )}
                <Text size="xs" c="dimmed" style={NOWRAP}>
                  Batch {h.batchNumbers.join(', ')}
                </Text>
              </Table.Td>
              <Table.Td style={NOWRAP}>
                {heldFor(daysSince(h.allocatedAt, now))}
                <Text size="xs" c="dimmed">
                  since {formatDate(h.allocatedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <ReleaseButton hold={h} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Holds() {
  const [params, setParams] = useSearchParams();
  const days = holdAge(params.get('olderThanDays'));
  const query = useHolds(days);
  return (
    <>
      <Text mb="md" maw={720}>
        Implants and supplies reserved for plans the patient has not approved yet, oldest first.
        Release a hold that is no longer needed: its units go back on the shelf for other plans.
      </Text>
      <Input.Wrapper label="Held" mb="md">
        <div>
          <SegmentedControl
            value={String(days)}
            onChange={(value) =>
              setParams(value === '0' ? {} : { olderThanDays: value }, { replace: true })
            }
            data={HOLD_AGES.map((a) => ({ value: String(a.days), label: a.label }))}
          />
        </div>
      </Input.Wrapper>
      <PagedRows
        query={query}
        empty={
          days === 0
            ? 'No stock is held for a plan awaiting approval.'
            : `No hold is older than ${days} days.`
        }
        loadMoreLabel="Load more holds"
      >
        {(rows) => <HoldsTable holds={holdsByRequirement(rows)} />}
      </PagedRows>
    </>
  );
}

/** Stock holds (NURSE, COORDINATOR, SURGEON, ADMIN): who holds which units, for how long. */
export function HoldsPage() {
  return (
    <>
      <PageHeader title="Stock holds" />
      <RoleGate
        permission="inventory.allocate"
        message="Stock holds are for nurses, coordinators, surgeons and administrators."
      >
        <Holds />
      </RoleGate>
    </>
  );
}
