import { Alert, List } from '@mantine/core';
import { ApiError, describeError } from '../api/problem';

/** Ends a message with a full stop, so a following sentence reads as one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * An error as a person reads it: the API's `detail`, the checks still unmet for a blocked
 * schedule, and, for a form's VALIDATION_FAILED, the fields that the form does not show itself.
 */
export function ProblemAlert({
  error,
  title,
  shownFields = [],
}: {
  error: unknown;
  title?: string;
  shownFields?: readonly string[];
}) {
  if (error === null || error === undefined) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const otherFields = (problem?.errors ?? []).filter((e) => !shownFields.includes(e.path));
  return (
    <Alert color="red" title={title ?? problem?.title ?? 'Something went wrong'} role="alert">
      {sentence(describeError(error))}
      {problem?.status === 412 && (
        <>
          {' '}
          Someone else changed this record after you opened it. Reload it to see their change, then
          make yours again.
        </>
      )}
      {otherFields.length > 0 && (
        <List size="sm" mt="xs">
          {otherFields.map((e) => (
            <List.Item key={`${e.path}:${e.message}`}>
              {e.path === '' ? e.message : `${e.path}: ${e.message}`}
            </List.Item>
          ))}
        </List>
      )}
      {problem?.unmetChecks !== undefined && problem.unmetChecks.length > 0 && (
        <List size="sm" mt="xs">
          {problem.unmetChecks.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
