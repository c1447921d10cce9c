import { Box, Button, Group, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { BoardColumn, COLUMN_MIN_WIDTH } from './BoardColumn';
import { boardFilterParams, readBoardFilters, type BoardFilters } from './boardFilters';
import { SurgeonSelect } from './SurgeonSelect';
import type { PlanStatus } from './types';

const COLUMNS: readonly PlanStatus[] = ['DRAFT', 'QUOTED', 'APPROVED', 'SCHEDULED', 'COMPLETED'];

/** `/plans`: one column per status, filtered by surgeon and date range. */
export function PlanBoard() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = readBoardFilters(params);
  const update = (change: Partial<BoardFilters>) =>
    setParams(boardFilterParams({ ...filters, ...change }), { replace: true });

  return (
    <>
      <PageHeader title="Plan board">
        {can('plans.write') && (
          <Button component={Link} to="/plans/new">
            New plan
          </Button>
        )}
      </PageHeader>
      <Group mb="md" wrap="wrap" align="flex-end">
        <SurgeonSelect
          label="Surgeon"
          placeholder="All surgeons"
          clearable
          clearButtonProps={{ 'aria-label': 'Clear surgeon' }}
          w={220}
          value={filters.surgeonId}
          onChange={(surgeonId) => update({ surgeonId })}
        />
        <DateInput
          label="From"
          placeholder="Any date"
          valueFormat="MMM D, YYYY"
          clearable
          clearButtonProps={{ 'aria-label': 'Clear from date' }}
          w={170}
          value={filters.from}
          maxDate={filters.to ?? undefined}
          onChange={(from) => update({ from })}
        />
        <DateInput
          label="To"
          placeholder="Any date"
          valueFormat="MMM D, YYYY"
          clearable
          clearButtonProps={{ 'aria-label': 'Clear to date' }}
          w={170}
          value={filters.to}
          minDate={filters.from ?? undefined}
          onChange={(to) => update({ to })}
        />
        <Text size="xs" c="dimmed" pb={8}>
          Dates are the day a plan was created.
        </Text>
      </Group>
      {/*
        All five columns fit the main area at 1024 px (792 px); narrower than five minimum
        columns (a phone) the board scrolls sideways (focusable, so by keyboard too).
      */}
      <Box
        component="section"
        aria-label="Plans by status"
        tabIndex={0}
        style={{ overflowX: 'auto' }}
        pb="sm"
      >
        <Group
          wrap="nowrap"
          align="flex-start"
          gap="sm"
          miw={COLUMNS.length * COLUMN_MIN_WIDTH + (COLUMNS.length - 1) * 12}
        >
          {COLUMNS.map((status) => (
            <BoardColumn key={status} status={status} filters={filters} />
          ))}
        </Group>
      </Box>
    </>
  );
}
