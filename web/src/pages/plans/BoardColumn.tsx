import { Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { patientQuery } from '../../api/queries';
import { LoadMore } from '../../components/LoadMore';
import { QueryState } from '../../components/QueryState';
import { formatMoney, formatPatientName } from '../../lib/format';
import { planListQuery, type BoardFilters } from './boardFilters';
import { titleCase, type Plan, type PlanStatus } from './types';

/** A column's narrowest: five of them and their gaps fit 792 px, the main area at 1024 px. */
export const COLUMN_MIN_WIDTH = 140;

/** One status of the board, 50 plans at a time. */
export function BoardColumn({ status, filters }: { status: PlanStatus; filters: BoardFilters }) {
  const query = usePagedList({
    queryKey: ['procedure-plans', 'list', { status, ...filters }],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/procedure-plans', {
          params: { query: planListQuery(status, filters, cursor) },
        }),
      ),
  });
  const plans = query.data ?? [];
  const names = usePatientNames(plans);
  const headingId = `plan-column-${status}`;

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      p={6}
      style={{ flex: '1 1 0', minWidth: COLUMN_MIN_WIDTH }}
      bg="var(--mantine-color-gray-0)"
    >
      <Group justify="space-between" mb="xs" wrap="nowrap" gap={4}>
        <Title order={2} size="h5" id={headingId}>
          {titleCase(status)}
        </Title>
        {query.isSuccess && (
          <Badge
            style={{ flexShrink: 0 }}
            variant="default"
            aria-label={`${plans.length} ${plans.length === 1 ? 'plan' : 'plans'} shown`}
          >
            {plans.length}
            {query.hasNextPage ? '+' : ''}
          </Badge>
        )}
      </Group>
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} empty="No plans.">
        {() => (
          <Stack gap="xs">
            {plans.map((plan) => (
              <PlanCard key={plan.id} plan={plan} patientName={names.get(plan.patientId)} />
            ))}
            <LoadMore query={query} size="xs" fullWidth mt={0} />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

function PlanCard({ plan, patientName }: { plan: Plan; patientName: string | undefined }) {
  return (
    <Card component={Link} to={`/plans/${plan.id}`} withBorder padding={8} radius="sm">
      {/* On one line even in a 140 px column at 1024 px. */}
      <Text fw={700} fz={13} style={{ whiteSpace: 'nowrap' }}>
        {plan.planNumber}
      </Text>
      <Text size="sm" lineClamp={2}>
        {plan.procedureName}
      </Text>
      <Text size="sm" c="dimmed" lineClamp={1}>
        {patientName ?? 'Patient…'}
      </Text>
      <Text size="sm" mt={4}>
        {plan.estimatedCost === null ? 'Not quoted' : formatMoney(plan.estimatedCost)}
      </Text>
    </Card>
  );
}

/** The names of the column's patients, each fetched once and cached as ['patients', id]. */
function usePatientNames(plans: readonly Plan[]): Map<string, string> {
  const ids = [...new Set(plans.map((p) => p.patientId))];
  const results = useQueries({ queries: ids.map((id) => patientQuery(id)) });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    const id = ids[i];
    if (id === undefined) return;
    if (r.data !== undefined) names.set(id, formatPatientName(r.data));
    else if (r.isError) names.set(id, 'Patient not available');
  });
  return names;
}
