import { Card, SimpleGrid, Stack, type SimpleGridProps } from '@mantine/core';
import { useQuery, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

/** A billing record's page by the `:id` of its route: loading, error, then the record. */
export function RecordById<T>({
  query,
  children,
}: {
  query: (id: string) => { queryKey: QueryKey; queryFn: () => Promise<T> };
  children: (record: T) => ReactNode;
}) {
  const { id = '' } = useParams();
  return <QueryState query={useQuery(query(id))}>{children}</QueryState>;
}

/**
 * The page of a money document (a bill, a payment plan): its title and actions, the card of
 * facts that say who and what it is for, then its sections (totals, the payment form, lines or
 * installments, payments).
 */
export function MoneyDocument({
  title,
  actions,
  factCols,
  facts,
  factsFooter,
  children,
}: {
  title: string;
  /** The header's buttons (PDF, void). */
  actions: ReactNode;
  factCols: SimpleGridProps['cols'];
  /** `Fact`s: status, patient, … */
  facts: ReactNode;
  /** Under the facts (a link to the audit trail). */
  factsFooter?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="lg">
      <div>
        <PageHeader title={title}>{actions}</PageHeader>
        <Card withBorder>
          <SimpleGrid cols={factCols} spacing="md">
            {facts}
          </SimpleGrid>
          {factsFooter}
        </Card>
      </div>
      {children}
    </Stack>
  );
}
