import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import type { components } from '../../api/schema';
import { PagedRows } from '../../components/PagedRows';
import { StatusBadge } from '../../components/StatusBadge';
import { formatMoney } from '../../lib/format';
import { SECTION_PAGE } from './queries';
import { Section } from './Section';

type Plan = components['schemas']['ProcedurePlanDto_Output'];

export function PlansSection({ patientId }: { patientId: string }) {
  const plans = usePagedList({
    queryKey: ['procedure-plans', 'list', { patientId }],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/procedure-plans', {
          params: { query: { patientId, limit: SECTION_PAGE, cursor } },
        }),
      ),
  });
  return (
    <Section title="Procedure plans">
      <PagedRows
        query={plans}
        empty="No procedure plans yet."
        loadMoreLabel="Load more plans"
        loadMoreMt={0}
      >
        {(rows) => <PlanTable plans={rows} />}
      </PagedRows>
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
