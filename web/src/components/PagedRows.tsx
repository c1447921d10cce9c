import type { MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PagedList } from '../api/paged';
import { LoadMore } from './LoadMore';
import { QueryState } from './QueryState';

/**
 * A paged list (`usePagedList`) on screen: loading, error or `empty` until it has rows, then the
 * rows as `children` draws them and "Load more" under them while the API has more.
 */
export function PagedRows<T>({
  query,
  empty,
  loadMoreLabel,
  loadMoreMt,
  children,
}: {
  query: PagedList<T>;
  empty: ReactNode;
  /** The button's text, and so its name: "Load more plans". */
  loadMoreLabel?: string;
  loadMoreMt?: MantineSpacing;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <QueryState query={query} isEmpty={(rows) => rows.length === 0} empty={empty}>
      {(rows) => (
        <>
          {children(rows)}
          <LoadMore query={query} label={loadMoreLabel} mt={loadMoreMt} />
        </>
      )}
    </QueryState>
  );
}
