import createClient, { type Middleware } from 'openapi-fetch';
import { csrfToken } from '../auth/session';
import { ApiError } from './problem';
import type { paths } from './schema';

let onUnauthenticated: () => void = () => undefined;

/** The AuthProvider registers what to do when the session stops working (ended, idle, revoked). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Calls whose 401 the AuthProvider handles itself (sign-in, the session check, the password form). */
const HANDLED_401 = ['/auth/session', '/auth/session/change-password'];

/**
 * The session is the browser's httpOnly cookie, sent by fetch on its own (same origin); a write
 * also carries the CSRF cookie's value in X-CSRF-Token (docs/security.md "Web sessions").
 */
const auth: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (!['GET', 'HEAD'].includes(request.method) && token !== undefined) {
      request.headers.set('x-csrf-token', token);
    }
    return request;
  },
  onResponse({ request, response }) {
    const handled = HANDLED_401.some((p) => new URL(request.url).pathname.endsWith(p));
    if (response.status === 401 && !handled) onUnauthenticated();
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
 * Opens a PDF the API serves (quotes, bills): fetched with the session cookie, then shown in a
 * new tab as a blob (so an error can be shown here as a problem, not as a page of JSON).
 */
export async function openPdf(path: string): Promise<void> {
  const response = await fetch(path);
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

/** The file name a `Content-Disposition: attachment; filename="…"` header gives, if any. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (disposition === null) return undefined;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1] !== undefined) return decodeURIComponent(encoded[1]);
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}

/**
 * Saves a text file the API serves (an 837P interchange, a report's CSV): fetched with the session
 * cookie, then handed to the browser as a download, so an error shows as a problem here. It is
 * saved under `fileName`, or else the name the server gives (`Content-Disposition`).
 */
export async function downloadText(path: string, fileName?: string): Promise<void> {
  const response = await fetch(path);
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
  const link = document.createElement('a');
  link.href = url;
  link.download =
    fileName ?? fileNameOf(response.headers.get('content-disposition')) ?? 'download.txt';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
