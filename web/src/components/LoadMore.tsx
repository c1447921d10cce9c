import { Button, Center, Stack, type MantineSize, type MantineSpacing } from '@mantine/core';
import { ProblemAlert } from './ProblemAlert';

/** What LoadMore reads of a `useInfiniteQuery` result. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

/**
 * The "Load more" button under a cursor-paged list (`useInfiniteQuery`), and the error of the
 * page it failed to load; nothing once the last page is in.
 */
export function LoadMore({
  query,
  label = 'Load more',
  size,
  fullWidth = false,
  mt = 'md',
}: {
  query: PagedQuery;
  /** The button's text, and so its name: "Load more plans". */
  label?: string;
  size?: MantineSize;
  /** The button fills its container (a narrow column) instead of standing centred. */
  fullWidth?: boolean;
  mt?: MantineSpacing;
}) {
  if (!query.hasNextPage && !query.isFetchNextPageError) return null;
  const button = (
    <Button
      variant="default"
      size={size}
      fullWidth={fullWidth}
      loading={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {label}
    </Button>
  );
  return (
    <Stack mt={mt} gap="md">
      {query.isFetchNextPageError && (
        <ProblemAlert error={query.error} title="Could not load more" />
      )}
      {query.hasNextPage && (fullWidth ? button : <Center>{button}</Center>)}
    </Stack>
  );
}
