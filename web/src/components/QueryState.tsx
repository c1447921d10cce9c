import { Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PageLoader } from './PageLoader';
import { ProblemAlert } from './ProblemAlert';

/**
 * The three states every screen has before its content: loading, error (with the API's detail),
 * and empty (`isEmpty` on the data, with the sentence to show).
 */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: UseQueryResult<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return <PageLoader />;
  }
  if (query.isError) return <ProblemAlert error={query.error} title="Could not load this" />;
  if (isEmpty?.(query.data) === true) {
    return (
      <Text c="dimmed" py="md">
        {empty ?? 'Nothing here yet.'}
      </Text>
    );
  }
  return <>{children(query.data)}</>;
}
