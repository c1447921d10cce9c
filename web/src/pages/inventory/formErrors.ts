import type { UseFormReturnType } from '@mantine/form';
import { applyFieldErrors } from '../../components/forms';
import { duplicateFieldErrors } from './lib';

/**
 * `applyFieldErrors`, plus a DUPLICATE's field (a taken code, GTIN or serial number) next to its
 * input. Answers the API paths placed, for the ProblemAlert's `shownFields`.
 */
export function placeFieldErrors<T>(
  form: UseFormReturnType<T>,
  error: unknown,
  pathToField: (path: string) => string = (path) => path,
): string[] {
  const placed = applyFieldErrors(form, error, pathToField);
  for (const [path, message] of Object.entries(duplicateFieldErrors(error))) {
    const field = pathToField(path);
    if (field in (form.getValues() as object)) {
      form.setFieldError(field, message);
      placed.push(path);
    }
  }
  return placed;
}

/** `serialNumbers[3]` → `serialNumbers`: the form shows the list as one input. */
export function topField(path: string): string {
  return path.replace(/[[.].*$/, '');
}
