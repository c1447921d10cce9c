import type { Clinic } from '../../api/queries';

export interface ClinicValues {
  name: string;
  phone: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  timeZone: string | null;
}

export function clinicValues(c: Clinic): ClinicValues {
  return {
    name: c.name,
    phone: c.phone ?? '',
    line1: c.address?.line1 ?? '',
    line2: c.address?.line2 ?? '',
    city: c.address?.city ?? '',
    state: c.address?.state ?? '',
    postalCode: c.address?.postalCode ?? '',
    timeZone: c.timeZone,
  };
}

const PHONE = /^\+?[0-9 ().-]{3,40}$/;
const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,14}$/;

/** An address is all or nothing: any of its fields typed asks for line 1, city, state and ZIP. */
function hasAddress(v: ClinicValues): boolean {
  return [v.line1, v.line2, v.city, v.state, v.postalCode].some((f) => f.trim() !== '');
}

function requiredInAddress(label: string) {
  return (value: string, values: ClinicValues) =>
    hasAddress(values) && value.trim() === '' ? `Enter the ${label}, or clear the address` : null;
}

/** The zones this browser knows (IANA names), with the clinic's own even if it does not list it. */
export function timeZoneOptions(current: string | null): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return current !== null && !zones.includes(current) ? [current, ...zones] : zones;
}

export const clinicValidation = {
  name: (v: string) => (v.trim() === '' ? 'Enter the clinic’s name' : null),
  phone: (v: string) =>
    v.trim() === '' || PHONE.test(v.trim())
      ? null
      : 'Digits, spaces, ( ) . - and an optional leading +',
  line1: requiredInAddress('street address'),
  city: requiredInAddress('city'),
  state: requiredInAddress('state'),
  postalCode: (v: string, values: ClinicValues) =>
    requiredInAddress('ZIP code')(v, values) ??
    (v.trim() === '' || POSTAL_CODE.test(v.trim())
      ? null
      : 'Letters, digits, spaces and -, 2 to 15 characters'),
  timeZone: (v: string | null) => (v === null || v === '' ? 'Choose the clinic’s time zone' : null),
};

type ClinicBody = {
  name?: string;
  phone?: string | null;
  address?: {
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    postalCode: string;
  } | null;
  timeZone?: string;
};

/** The PATCH body: only what changed; a cleared phone or address is sent as null. */
export function clinicChanges(c: Clinic, v: ClinicValues): ClinicBody {
  const body: ClinicBody = {};
  if (v.name.trim() !== c.name) body.name = v.name.trim();
  const phone = v.phone.trim() === '' ? null : v.phone.trim();
  if (phone !== c.phone) body.phone = phone;
  const address = hasAddress(v)
    ? {
        line1: v.line1.trim(),
        line2: v.line2.trim() === '' ? null : v.line2.trim(),
        city: v.city.trim(),
        state: v.state.trim(),
        postalCode: v.postalCode.trim(),
      }
    : null;
  if (JSON.stringify(address) !== JSON.stringify(c.address ?? null)) body.address = address;
  if (v.timeZone !== null && v.timeZone !== c.timeZone) body.timeZone = v.timeZone;
  return body;
}

/** `address.postalCode` → `postalCode`: the form's fields are flat. */
export function clinicField(path: string): string {
  return path.replace(/^address\./, '');
}
