import { useMutation } from '@tanstack/react-query';
import { notifySuccess } from '../../components/forms';
import { useInvalidateAfterCaseChange } from './queries';

/**
 * A change to a case: notifies `success` and refreshes every case and plan (and `extra` keys,
 * e.g. stock and bills), and refreshes them after a failure too, since a 409 or 412 usually means
 * the case changed under the screen.
 */
export function useCaseMutation<V>(
  run: (vars: V) => Promise<unknown>,
  success: (vars: V) => string,
  extra: readonly (readonly string[])[] = [],
) {
  const invalidate = useInvalidateAfterCaseChange();
  return useMutation({
    mutationFn: run,
    onSuccess: async (_data, vars) => {
      notifySuccess(success(vars));
      await invalidate(extra);
    },
    onError: () => invalidate(extra),
  });
}
