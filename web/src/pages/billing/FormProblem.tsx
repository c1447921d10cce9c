import { ApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * A form's error, unless every message of it already sits next to its field (a VALIDATION_FAILED
 * whose paths the form placed): then repeating it above the button only adds noise.
 */
export function FormProblem({
  error,
  placed,
  onReload,
}: {
  error: unknown;
  placed: readonly string[];
  onReload?: () => void;
}) {
  if (error === null || error === undefined) return null;
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (errors.length > 0 && errors.every((e) => placed.includes(e.path))) return null;
  return <ProblemAlert error={error} shownFields={placed} onReload={onReload} />;
}
