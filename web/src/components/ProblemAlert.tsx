import { Alert, Button, List } from '@mantine/core';
import { ApiError, describeError } from '../api/problem';

/** What a 412 means to the person who acted: every screen explains it in these words. */
export const STALE_RECORD =
  'Someone else changed this record after you opened it. Reload it to see their change, then make yours again.';

/** Ends a message with a full stop, so a following sentence reads as one. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * An error as a person reads it: the API's `detail`, the checks still unmet for a blocked
 * schedule, and, for a form's VALIDATION_FAILED, the fields that the form does not show itself.
 * A 412 (the record changed since the screen read it) is explained, with a Reload button when
 * the screen gives `onReload`.
 */
export function ProblemAlert({
  error,
  title,
  shownFields = [],
  onReload,
}: {
  error: unknown;
  title?: string;
  shownFields?: readonly string[];
  onReload?: () => void;
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
          {STALE_RECORD}
          {onReload !== undefined && (
            <div>
              <Button variant="default" size="xs" mt="xs" onClick={onReload}>
                Reload
              </Button>
            </div>
          )}
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
