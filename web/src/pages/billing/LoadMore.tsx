import { Button, Center, Stack } from '@mantine/core';
import { ProblemAlert } from '../../components/ProblemAlert';

/** The "Load more" button under a cursor-paged list, and the error of the page it failed to load. */
export function LoadMore({
  query,
}: {
  query: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isFetchNextPageError: boolean;
    error: unknown;
    fetchNextPage: () => Promise<unknown>;
  };
}) {
  if (!query.hasNextPage && !query.isFetchNextPageError) return null;
  return (
    <Stack mt="md">
      {query.isFetchNextPageError && (
        <ProblemAlert error={query.error} title="Could not load more" />
      )}
      {query.hasNextPage && (
        <Center>
          <Button
            variant="default"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            Load more
          </Button>
        </Center>
      )}
    </Stack>
  );
}
