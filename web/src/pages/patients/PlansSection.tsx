import { Anchor, Table } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { LoadMore } from '../../components/LoadMore';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatMoney } from '../../lib/format';
import { nextCursor, SECTION_PAGE } from './queries';
import { Section } from './Section';

type Plan = components['schemas']['ProcedurePlanDto_Output'];

export function PlansSection({ patientId }: { patientId: string }) {
  const plans = useInfiniteQuery({
    queryKey: ['procedure-plans', 'list', { patientId }],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/procedure-plans', {
          params: { query: { patientId, limit: SECTION_PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextCursor,
  });
  return (
    <Section title="Procedure plans">
      <QueryState
        query={plans}
        isEmpty={(data) => data.pages.every((p) => p.data.length === 0)}
        empty="No procedure plans yet."
      >
        {(data) => (
          <>
            <PlanTable plans={data.pages.flatMap((p) => p.data)} />
            <LoadMore query={plans} label="Load more plans" mt={0} />
          </>
        )}
      </QueryState>
    </Section>
  );
}

function PlanTable({ plans }: { plans: readonly Plan[] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Plan</Table.Th>
            <Table.Th>Procedure</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Estimated cost</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => (
            <Table.Tr key={plan.id}>
              <Table.Td>
                <Anchor component={Link} to={`/plans/${plan.id}`}>
                  {plan.planNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{plan.procedureName}</Table.Td>
              <Table.Td>
                <StatusBadge status={plan.status} />
              </Table.Td>
              <Table.Td ta="right">{formatMoney(plan.estimatedCost)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
