import { describe, expect, it } from 'vitest';
import { missingSteps } from './ApproveView';
import { dateOfBirth, rememberDateOfBirth, takeTokenFromAddress, token } from './credentials';
import { isoDateOfBirth } from './DobGate';
import { patientSteps } from './HomeView';
import type { Overview } from './types';
import { maskEmail } from '../pages/plans/PatientLinks';

const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456'; // 43 base64url characters

function overview(steps: Partial<Overview['steps']>): Overview {
  return {
    clinic: { name: 'Bay Clinic', phone: '+1 415 555 0100' },
    patient: { firstName: 'Maria' },
    link: { expiresAt: '2026-12-07T10:00:00Z' },
    plan: {
      planNumber: 'PLAN-2026-001',
      procedureName: 'Breast Augmentation',
      status: 'QUOTED',
      approvedAt: null,
      approvedByPatient: false,
    },
    steps: {
      quote: 'AVAILABLE',
      consent: 'PENDING',
      fdaChecklist: 'NOT_REQUIRED',
      approval: 'NOT_YET',
      paymentPlan: 'NONE',
      implantCards: 0,
      ...steps,
    },
  };
}

describe('the link in the address', () => {
  it('keeps the token in this tab only and takes it out of the address', () => {
    window.history.replaceState(null, '', `/p/${TOKEN}#consent`);
    expect(takeTokenFromAddress(window.location, window.history)).toBe(TOKEN);
    expect(window.location.pathname).toBe('/p/');
    expect(window.location.hash).toBe('#consent');
    expect(window.location.href).not.toContain(TOKEN);
    expect(sessionStorage.getItem('contour.portal.token')).toBe(TOKEN);
    expect(localStorage.length).toBe(0);
    // A reload of /p/ finds it again.
    expect(takeTokenFromAddress(window.location, window.history)).toBe(TOKEN);
    expect(token()).toBe(TOKEN);
  });

  it('forgets the date of birth confirmed for another link', () => {
    window.history.replaceState(null, '', `/p/${TOKEN}`);
    takeTokenFromAddress(window.location, window.history);
    rememberDateOfBirth('1990-03-14');
    const other = TOKEN.replace('a', 'b');
    window.history.replaceState(null, '', `/p/${other}`);
    expect(takeTokenFromAddress(window.location, window.history)).toBe(other);
    rememberDateOfBirth(null);
    expect(dateOfBirth()).toBeNull();
    expect(sessionStorage.getItem('contour.portal.dob')).toBeNull();
  });

  it('answers no link for a malformed token, and still takes it out of the address', () => {
    window.history.replaceState(null, '', '/p/not-a-token');
    expect(takeTokenFromAddress(window.location, window.history)).toBeNull();
    expect(window.location.pathname).toBe('/p/');
  });
});

describe('the date of birth', () => {
  it('reads three fields as a calendar date', () => {
    expect(isoDateOfBirth('1990', '3', '14')).toBe('1990-03-14');
    expect(isoDateOfBirth(' 1990 ', '12', '1')).toBe('1990-12-01');
  });

  it('refuses a day that does not exist, a short year, a future date', () => {
    expect(isoDateOfBirth('1990', '2', '30')).toBeNull();
    expect(isoDateOfBirth('90', '3', '14')).toBeNull();
    expect(isoDateOfBirth('1990', '', '14')).toBeNull();
    expect(isoDateOfBirth(String(new Date().getFullYear() + 1), '1', '1')).toBeNull();
  });
});

describe('the steps', () => {
  it('lists the checklist and the payment plan only when they apply, in plain words', () => {
    const plain = patientSteps(overview({}));
    expect(plain.map((s) => s.view)).toEqual(['quote', 'consent', 'approve']);
    const all = patientSteps(
      overview({ fdaChecklist: 'PENDING', paymentPlan: 'OFFERED', implantCards: 2 }),
    );
    expect(all.map((s) => s.view)).toEqual([
      'quote',
      'consent',
      'checklist',
      'approve',
      'payment-plan',
      'implant-card',
    ]);
    // No staff words: no status code reaches the patient.
    for (const step of all) expect(step.status).not.toMatch(/[A-Z]{2,}_?[A-Z]*/);
  });

  it('says what is left before the patient can approve', () => {
    expect(missingSteps(overview({ fdaChecklist: 'PENDING' }))).toEqual([
      'Sign your consent form.',
      'Initial and sign the breast implant checklist.',
    ]);
    expect(
      missingSteps(
        overview({ consent: 'SIGNED', fdaChecklist: 'PATIENT_SIGNED', quote: 'EXPIRED' }),
      ),
    ).toEqual(['Your price has expired: the clinic will send you a new one.']);
  });
});

describe('the staff panel', () => {
  it('masks the address the link goes to', () => {
    expect(maskEmail('maria.lopez@example.com')).toBe('m•••@example.com');
    expect(maskEmail('al@x.org')).toBe('a•••@x.org');
    expect(maskEmail('nonsense')).toBe('•••');
  });
});
