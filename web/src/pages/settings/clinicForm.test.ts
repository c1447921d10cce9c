import { describe, expect, it } from 'vitest';
import type { Clinic } from '../../api/queries';
import {
  clinicChanges,
  clinicField,
  clinicValidation,
  clinicValues,
  timeZoneOptions,
} from './clinicForm';

const clinic: Clinic = {
  id: '01a2243e-61b0-73f1-9e58-1c398e23eeff',
  name: 'Demo Clinic',
  address: null,
  phone: null,
  timeZone: 'America/New_York',
  version: 3,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};

describe('clinicChanges', () => {
  it('sends only what changed', () => {
    const v = { ...clinicValues(clinic), timeZone: 'America/Chicago' };
    expect(clinicChanges(clinic, v)).toEqual({ timeZone: 'America/Chicago' });
    expect(clinicChanges(clinic, clinicValues(clinic))).toEqual({});
  });

  it('sends a whole address, line 2 null when blank, and null to clear one', () => {
    const v = {
      ...clinicValues(clinic),
      line1: ' 1 Main St ',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      phone: '(555) 010-2000',
    };
    const body = clinicChanges(clinic, v);
    expect(body).toEqual({
      phone: '(555) 010-2000',
      address: {
        line1: '1 Main St',
        line2: null,
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
      },
    });
    const withAddress = { ...clinic, address: body.address ?? null, phone: '(555) 010-2000' };
    expect(
      clinicChanges(withAddress, {
        ...clinicValues(withAddress),
        line1: '',
        city: '',
        state: '',
        postalCode: '',
        phone: '',
      }),
    ).toEqual({ address: null, phone: null });
  });
});

describe('clinicValidation', () => {
  it('asks for the rest of an address once any line of it is typed', () => {
    const v = { ...clinicValues(clinic), city: 'Springfield' };
    expect(clinicValidation.line1(v.line1, v)).toMatch(/street address/);
    expect(clinicValidation.postalCode(v.postalCode, v)).toMatch(/ZIP code/);
    const none = clinicValues(clinic);
    expect(clinicValidation.line1(none.line1, none)).toBeNull();
    expect(clinicValidation.phone('call me')).toMatch(/Digits/);
    expect(clinicValidation.timeZone(null)).toMatch(/time zone/);
  });
});

describe('timeZoneOptions', () => {
  it('lists the IANA zones, with the clinic’s own even when the browser does not', () => {
    expect(timeZoneOptions('America/New_York')).toContain('Europe/Paris');
    expect(timeZoneOptions('UTC')[0]).toBe('UTC');
  });
});

describe('clinicField', () => {
  it('places an address error on its flat field', () => {
    expect(clinicField('address.postalCode')).toBe('postalCode');
    expect(clinicField('timeZone')).toBe('timeZone');
  });
});
