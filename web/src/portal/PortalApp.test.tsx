import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { takeTokenFromAddress } from './credentials';
import { PortalApp } from './PortalApp';
import type { Overview } from './types';

const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456';

const OVERVIEW: Overview = {
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
    fdaChecklist: 'PENDING',
    approval: 'NOT_YET',
    paymentPlan: 'NONE',
    implantCards: 0,
  },
};

function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** The API as the patient's browser sees it: each call answered in turn, each request kept. */
function stubApi(...answers: Response[]): Request[] {
  const requests: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      requests.push(new Request(new URL(input, 'http://localhost'), init));
      const next = answers.shift();
      if (next === undefined) throw new Error('no answer left');
      return Promise.resolve(next);
    }),
  );
  return requests;
}

function openLink() {
  window.history.replaceState(null, '', `/p/${TOKEN}`);
  takeTokenFromAddress(window.location, window.history);
  renderWithProviders(<PortalApp hasLink />);
}

function typeDateOfBirth(month: string, day: string, year: string) {
  fireEvent.change(screen.getByLabelText('Month'), { target: { value: month } });
  fireEvent.change(screen.getByLabelText('Day'), { target: { value: day } });
  fireEvent.change(screen.getByLabelText('Year'), { target: { value: year } });
  fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the patient's pages", () => {
  it('show nothing of the plan before the date of birth, then the steps', async () => {
    const requests = stubApi(
      problem(403, { code: 'PATIENT_LINK_DOB_MISMATCH', attemptsLeft: 3 }),
      new Response(JSON.stringify(OVERVIEW), { headers: { 'content-type': 'application/json' } }),
    );
    openLink();
    expect(screen.queryByText('Breast Augmentation')).toBeNull();
    typeDateOfBirth('3', '15', '1990');
    await screen.findByText(/You have 3 tries left/);
    typeDateOfBirth('3', '14', '1990');
    await screen.findByRole('heading', { name: 'Your surgery plan' });
    // The FDA checklist is a step of this plan; the payment plan is not offered.
    expect(screen.getByText('3. Breast implant checklist (FDA)')).toBeTruthy();
    expect(screen.queryByText(/payment plan/i)).toBeNull();
    const verify = requests[1]!;
    expect(new URL(verify.url).pathname).toBe('/api/v1/patient-portal/verify');
    expect(verify.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await verify.json()).toEqual({ dateOfBirth: '1990-03-14' });
    expect(sessionStorage.getItem('contour.portal.dob')).toBe('1990-03-14');
  });

  it('checks the date before sending it', async () => {
    const requests = stubApi();
    openLink();
    typeDateOfBirth('2', '30', '1990');
    await screen.findByText(/Enter your date of birth/);
    expect(requests).toHaveLength(0);
  });

  it('turn a locked or unknown link into the clear page, and forget it', async () => {
    stubApi(problem(403, { code: 'PATIENT_LINK_DOB_MISMATCH', attemptsLeft: 0 }));
    openLink();
    typeDateOfBirth('1', '1', '1980');
    await screen.findByRole('heading', { name: 'This link can no longer be used' });
    expect(sessionStorage.getItem('contour.portal.token')).toBeNull();

    stubApi(problem(401, { code: 'PATIENT_LINK_INVALID' }));
    openLink();
    typeDateOfBirth('3', '14', '1990');
    await waitFor(() =>
      expect(
        screen.getAllByRole('heading', { name: 'This link can no longer be used' }),
      ).toHaveLength(2),
    );
  });
});
