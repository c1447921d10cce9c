import { ApiOperation } from '@nestjs/swagger';
import { isProblemCode, type ProblemCode } from '../errors/problem-code';

const API_ERRORS_KEY = 'contour:api-errors';

export interface ApiOperationDocOptions {
  /** A few words, imperative: "Approve a quoted plan". */
  summary: string;
  /**
   * What the route does and what it changes. Not who may call it: the document adds that from
   * `@Roles` / `@Public`, so it cannot drift from what the guard enforces.
   */
  description: string;
  /**
   * The codes this route's service can answer with. The ones every route of its kind can answer
   * (401, 403, 400, 404 on `{id}`, POST's idempotency codes, 503) are added by
   * `describeOperations` and need not be listed.
   */
  errors?: readonly ProblemCode[];
}

/** Documents a handler for the OpenAPI document: its summary, description and error codes. */
export function ApiOperationDoc({
  summary,
  description,
  errors = [],
}: ApiOperationDocOptions): MethodDecorator {
  return (target, key, descriptor) => {
    ApiOperation({ summary, description })(target, key, descriptor);
    documentErrors(target, key, errors);
  };
}

/**
 * Adds codes to those a handler documents. Parameter decorators call it too (`@IfMatch()` adds
 * VERSION_MISMATCH), before the method's own decorators run, so codes are merged, never replaced.
 */
export function documentErrors(
  prototype: object,
  key: string | symbol,
  codes: readonly ProblemCode[],
): void {
  const merged = new Set([...documentedErrors(prototype, key), ...codes]);
  Reflect.defineMetadata(API_ERRORS_KEY, [...merged], prototype, key);
}

export function documentedErrors(prototype: object, key: string | symbol): ProblemCode[] {
  const codes: unknown = Reflect.getMetadata(API_ERRORS_KEY, prototype, key);
  return Array.isArray(codes) ? codes.filter(isProblemCode) : [];
}
