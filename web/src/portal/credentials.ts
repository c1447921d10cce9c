/**
 * The patient's credential: the link's token (the part of `/p/<token>` after `/p/`) and the date
 * of birth they confirmed. Both live in this tab's sessionStorage only (never localStorage, never
 * a cookie): closing the tab forgets them. The token leaves the address bar as soon as the page
 * has read it (`history.replaceState` to `/p/`), so it is not left in the history, on the screen
 * or in a screenshot (docs/patient-portal-web.md).
 */

const TOKEN_KEY = 'contour.portal.token';
const DOB_KEY = 'contour.portal.dob';
const CLINIC_KEY = 'contour.portal.clinic';

/** 256 random bits as base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface ClinicContact {
  readonly name: string;
  readonly phone: string | null;
}

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (a private window that allows none): the page works until it is reloaded.
  }
}

let memoryToken: string | null = null;
let memoryDob: string | null = null;

/**
 * Reads the token from the address (`/p/<token>`), keeps it, and takes it out of the address;
 * without one in the address, the token this tab kept before (a reload of `/p/`). A new token
 * forgets the date of birth confirmed for another link.
 */
export function takeTokenFromAddress(location: Location, history: History): string | null {
  const match = /^\/p\/([^/?#]+)\/?$/.exec(location.pathname);
  const fromPath = match?.[1] ?? null;
  if (fromPath !== null) {
    history.replaceState(history.state, '', `/p/${location.hash}`);
    if (!TOKEN.test(fromPath)) return null;
    if (read(TOKEN_KEY) !== fromPath) rememberDateOfBirth(null);
    write(TOKEN_KEY, fromPath);
    memoryToken = fromPath;
    return fromPath;
  }
  memoryToken = read(TOKEN_KEY);
  return memoryToken !== null && TOKEN.test(memoryToken) ? memoryToken : null;
}

export function token(): string | null {
  return memoryToken;
}

export function dateOfBirth(): string | null {
  return memoryDob ?? read(DOB_KEY);
}

export function rememberDateOfBirth(value: string | null): void {
  memoryDob = value;
  write(DOB_KEY, value);
}

/** The clinic's name and phone, kept once seen, so a page that can no longer be used names them. */
export function rememberClinic(clinic: ClinicContact): void {
  write(CLINIC_KEY, JSON.stringify({ name: clinic.name, phone: clinic.phone }));
}

export function knownClinic(): ClinicContact | null {
  const raw = read(CLINIC_KEY);
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<ClinicContact>;
    return typeof value.name === 'string'
      ? { name: value.name, phone: typeof value.phone === 'string' ? value.phone : null }
      : null;
  } catch {
    return null;
  }
}

/** Forgets the credential (the link can no longer be used): nothing of it stays in the tab. */
export function forgetCredential(): void {
  memoryToken = null;
  memoryDob = null;
  write(TOKEN_KEY, null);
  write(DOB_KEY, null);
}
