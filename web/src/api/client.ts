import createClient, { type Middleware } from 'openapi-fetch';
import { sessionStore } from '../auth/session';
import { ApiError } from './problem';
import type { paths } from './schema';

let onUnauthenticated: () => void = () => undefined;

/** The AuthProvider registers what to do when a token stops working (expired, revoked). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const auth: Middleware = {
  onRequest({ request }) {
    const session = sessionStore.read();
    if (session !== null) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A failed sign-in, or a wrong current password, is the form's business (the password form
    // checks the session itself); any other 401 ends the session.
    const formsOwn = ['/auth/login', '/auth/change-password'].some((p) => request.url.endsWith(p));
    if (response.status === 401 && !formsOwn) onUnauthenticated();
    return response;
  },
};

/** The one client of the API: typed by the OpenAPI document (`npm run api:types`). */
export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

interface FetchResult<D> {
  readonly data?: D;
  readonly error?: unknown;
  readonly response: Response;
}

/** Awaits a call of `api` and answers its data, or throws the problem+json as an ApiError. */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  let result: FetchResult<D>;
  try {
    result = await call;
  } catch {
    throw ApiError.from(0, undefined);
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) throw ApiError.from(response.status, error);
  return data as D;
}

/** The `If-Match` header for a write that must not overwrite someone else's change (412). */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

/**
 * Opens a PDF the API serves (quotes, bills): fetched with the session's token, since a plain
 * link carries none, then shown in a new tab.
 */
export async function openPdf(path: string): Promise<void> {
  const session = sessionStore.read();
  const response = await fetch(path, {
    headers: session === null ? {} : { authorization: `Bearer ${session.token}` },
  });
  if (response.status === 401) onUnauthenticated();
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw ApiError.from(response.status, body);
  }
  const url = URL.createObjectURL(await response.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
