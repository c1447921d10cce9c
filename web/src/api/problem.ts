/** An API error as docs/api.md defines it: application/problem+json. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
  readonly unmetChecks?: readonly string[];
  readonly requestId?: string;
}

/** Thrown by every API call that does not succeed, so queries and mutations see one error type. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `The server answered ${problem.status}`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  /** The message of a VALIDATION_FAILED error for one field (`path` as the API names it). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { path, message } of this.problem.errors ?? []) out[path] ??= message;
    return out;
  }

  static from(status: number, body: unknown): ApiError {
    if (typeof body === 'object' && body !== null && 'status' in body) {
      return new ApiError(body as Problem);
    }
    return new ApiError({
      status,
      title: status === 0 ? 'Network error' : `HTTP ${status}`,
      detail:
        status === 0
          ? 'The server could not be reached. Check the connection and try again.'
          : typeof body === 'string' && body.length > 0 && body.length < 300
            ? body
            : `The server answered ${status}.`,
    });
  }
}

/** What to tell a person about an error: the API's detail, or the message of anything else. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
