import {
  keepPreviousData,
  useInfiniteQuery,
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryResult,
} from '@tanstack/react-query';

/** One page of a list as the API answers it (docs/api.md, "Pagination"). */
export interface Page<T> {
  readonly data: T[];
  readonly nextCursor: string | null;
}

type Cursor = string | undefined;

/** A paged list as a screen reads it: `data` is every row loaded so far. */
export type PagedList<T> = UseInfiniteQueryResult<T[]>;

/** Upper bound on pages of one list, so a server bug cannot loop the browser forever. */
const MAX_PAGES = 50;

/** Every row of a keyset-paged list, read in one go (`limit` 100 a page, following `nextCursor`). */
export async function allPages<T>(page: (cursor: Cursor) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: Cursor;
  for (let i = 0; i < MAX_PAGES; i++) {
    const { data, nextCursor } = await page(cursor);
    rows.push(...data);
    if (nextCursor === null) return rows;
    cursor = nextCursor;
  }
  return rows;
}

function rowsOf<T>(data: InfiniteData<Page<T>, Cursor>): T[] {
  return data.pages.flatMap((p) => p.data);
}

/**
 * A list read a page at a time, the next page when "Load more" (`LoadMore`) asks for it: `data`
 * is every row loaded so far. `page(cursor)` asks the API for the page after `cursor` (the first
 * page for `undefined`). The key gets `'pages'` at its end, so a paged list never shares a cache
 * entry with a one-page query of the same filters, and invalidating the resource refreshes it.
 * `keepPrevious` keeps the rows on screen while new filters load, instead of a spinner per key.
 */
export function usePagedList<T>({
  queryKey,
  page,
  keepPrevious = false,
}: {
  queryKey: QueryKey;
  page: (cursor: Cursor) => Promise<Page<T>>;
  keepPrevious?: boolean;
}): PagedList<T> {
  return useInfiniteQuery({
    queryKey: [...queryKey, 'pages'],
    queryFn: ({ pageParam }) => page(pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: rowsOf<T>,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}
