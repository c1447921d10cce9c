import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './problem';

/** Caching for the whole app: fresh for 15 s, no retry of a 4xx (it will not change its mind). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
