import { Alert, List } from '@mantine/core';
import { ApiError, describeError } from '../api/problem';

/**
 * An error in plain words: the API's detail, and each reason it lists (a 409's errors[]). Never a
 * stack trace or a code.
 */
export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  if (error === null || error === undefined) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const reasons = (problem?.errors ?? []).map((e) => e.message);
  const network = problem?.status === 0;
  return (
    <Alert color="red" title={title ?? 'That did not work'} role="alert">
      {network
        ? 'We could not reach the clinic’s server. Check your connection and try again.'
        : describeError(error)}
      {reasons.length > 0 && (
        <List size="sm" mt="xs">
          {reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
