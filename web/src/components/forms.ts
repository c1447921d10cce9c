import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiError, describeError } from '../api/problem';
import { STALE_RECORD } from './ProblemAlert';

/**
 * Puts the messages of an error that names fields (VALIDATION_FAILED, or DUPLICATE for a taken
 * MRN or code) next to the fields they name (`errors[].path`, e.g. `insurance.memberId`), and
 * answers the paths it placed; the rest belong in a ProblemAlert.
 */
export function applyFieldErrors<T>(
  form: UseFormReturnType<T>,
  error: unknown,
  pathToField: (path: string) => string = (path) => path,
): string[] {
  if (!(error instanceof ApiError) || (error.problem.errors ?? []).length === 0) return [];
  const placed: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    const field = pathToField(path);
    if (field in (form.getValues() as object) || field.includes('.')) {
      form.setFieldError(field, message);
      placed.push(path);
    }
  }
  return placed;
}

// The close button is an icon: it needs a name for screen readers.
const closeButtonProps = { 'aria-label': 'Close notification' };

export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps, autoClose: 5000 });
}

export function notifyError(error: unknown): void {
  const stale = error instanceof ApiError && error.status === 412;
  notifications.show({
    color: 'red',
    title: 'Not done',
    message: stale ? `${describeError(error)} ${STALE_RECORD}` : describeError(error),
    closeButtonProps,
    // Longer to read than a success, but it still goes: the page keeps the details.
    autoClose: 10000,
  });
}
