import { Anchor, Paper, SimpleGrid, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { REPORTS } from './catalog';

/** The reports this role may open, each with what it answers. */
export function ReportsIndexPage() {
  const { can } = useAuth();
  const reports = REPORTS.filter((r) => can(r.permission));
  // Back from a report ("All reports" keeps its range and surgeon): the next one opens on them.
  const [params] = useSearchParams();
  const search = params.has('from') && params.has('to') ? `?${params.toString()}` : '';
  return (
    <>
      <PageHeader title="Reports" />
      <Text c="dimmed" mb="md">
        Computed from the records when opened, over the clinic&apos;s days; each shows a chart, its
        figures and the table behind them, and downloads as CSV.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" p={0} m={0}>
        {reports.map((r) => (
          <Paper
            key={r.name}
            component="li"
            withBorder
            p="md"
            radius="md"
            style={{ listStyle: 'none' }}
            data-testid="report-card"
          >
            <Anchor component={Link} to={`/reports/${r.name}${search}`} fw={700} size="lg">
              {r.title}
            </Anchor>
            <Text size="sm" mt={4}>
              {r.description}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </>
  );
}
