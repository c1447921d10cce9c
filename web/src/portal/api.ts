import { ApiError } from '../api/problem';
import { dateOfBirth, token } from './credentials';

/**
 * The patients' pages' own client of `/api/v1/patient-portal/…` (docs/patient-portal.md): the
 * link's token as a bearer credential and the confirmed date of birth in
 * `X-Patient-Date-Of-Birth` on every call; no cookie, no CSRF. Not the staff app's client (that
 * one is bound to the staff session).
 */

const BASE = '/api/v1/patient-portal';

let onLinkInvalid: () => void = () => undefined;

/** What to do when the API says the link can no longer be used (401 PATIENT_LINK_INVALID). */
export function setLinkInvalidHandler(handler: () => void): void {
  onLinkInvalid = handler;
}

function headers(dob: string | null, json: boolean): Headers {
  const h = new Headers();
  h.set('authorization', `Bearer ${token() ?? ''}`);
  if (dob !== null) h.set('x-patient-date-of-birth', dob);
  if (json) h.set('content-type', 'application/json');
  return h;
}

async function send(
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  dob: string | null = dateOfBirth(),
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method,
      headers: headers(dob, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw ApiError.from(0, undefined);
  }
  if (!response.ok) {
    let problem: unknown;
    try {
      problem = await response.json();
    } catch {
      problem = undefined;
    }
    const error = ApiError.from(response.status, problem);
    if (response.status === 401) onLinkInvalid();
    throw error;
  }
  return response;
}

/** A JSON call; any answer but 2xx is thrown as an ApiError (problem+json). */
export async function portalCall<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  dob?: string,
): Promise<T> {
  const response = await send(method, path, body, dob);
  return (await response.json()) as T;
}

/**
 * Saves a PDF the portal serves (the quote, the signed consent, the implant card) under
 * `fileName`: fetched with the credential headers (a plain link could not send them), then handed
 * to the browser as a download, which a phone opens in its PDF viewer to read, share or print.
 */
export async function downloadPdf(path: string, fileName: string): Promise<void> {
  const response = await send('GET', path, undefined);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The answer to a wrong date of birth: how many tries are left before the link locks. */
export function attemptsLeft(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'PATIENT_LINK_DOB_MISMATCH') return null;
  const left = (error.problem as { attemptsLeft?: unknown }).attemptsLeft;
  return typeof left === 'number' ? left : null;
}
