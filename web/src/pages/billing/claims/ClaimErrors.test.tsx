import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/problem';
import { renderWithProviders } from '../../../test/render';
import type { Bill } from '../types';
import { ClaimDataErrors } from './ClaimDataErrors';
import { CreateClaimsResults, type CreateClaimOutcome } from './CreateClaims';
import { X12Errors } from './RemittancesPage';
import type { Claim } from './types';

const missing = new ApiError({
  status: 422,
  code: 'CLAIM_DATA_MISSING',
  title: 'Unprocessable Entity',
  detail: 'The claim cannot be built: 2 fields are missing',
  errors: [
    { path: 'billingProfile', message: 'The clinic has no billing profile' },
    { path: 'insurance.memberId', message: 'The patient’s insurance has no member id' },
  ],
});

describe('ClaimDataErrors', () => {
  it('lists every missing field with a link to where it is fixed', () => {
    renderWithProviders(
      <ClaimDataErrors
        error={missing}
        title="No claim made"
        patientId="p1"
        procedurePlanId="pl1"
      />,
    );
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('No claim made')).toBeTruthy();
    expect(
      within(alert).getByRole('link', { name: 'Settings → Billing profile' }).getAttribute('href'),
    ).toBe('/settings/billing-profile');
    expect(
      within(alert)
        .getByRole('link', { name: "The patient's insurance for claims" })
        .getAttribute('href'),
    ).toBe('/patients/p1');
    expect(within(alert).getByText(/has no member id/)).toBeTruthy();
    expect(
      within(alert).getByText('The 837P needs 2 things that are missing or wrong:'),
    ).toBeTruthy();
  });

  it('shows any other refusal as the API says it', () => {
    const open = new ApiError({
      status: 409,
      code: 'CLAIM_ALREADY_OPEN',
      title: 'Conflict',
      detail: 'The bill already has an open claim, CLM-2026-0001',
    });
    renderWithProviders(<ClaimDataErrors error={open} title="No claim made" />);
    expect(screen.getByRole('alert').textContent).toContain('already has an open claim');
  });
});

describe('CreateClaimsResults', () => {
  it("gives each bill its claim or the reasons it got none, without hiding the others'", () => {
    const bill = (n: number) =>
      ({
        id: `b${n}`,
        billNumber: `BILL-2026-00${n}`,
        patientId: `p${n}`,
        procedurePlanId: `pl${n}`,
      }) as Bill;
    const outcomes: CreateClaimOutcome[] = [
      {
        bill: bill(1),
        claim: { id: 'c1', claimNumber: 'CLM-2026-0001', totalCharge: '5200.00' } as Claim,
      },
      { bill: bill(2), error: missing },
    ];
    renderWithProviders(<CreateClaimsResults outcomes={outcomes} onClose={() => undefined} />);
    expect(screen.getByText('1 claim made, 1 bill refused')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'CLM-2026-0001' }).getAttribute('href')).toBe(
      '/billing/claims/c1',
    );
    const refusal = screen.getByRole('alert');
    expect(within(refusal).getByText('BILL-2026-002: no claim made')).toBeTruthy();
    expect(
      within(refusal)
        .getByRole('link', { name: "The patient's insurance for claims" })
        .getAttribute('href'),
    ).toBe('/patients/p2');
  });
});

describe('X12Errors', () => {
  it('shows each error of a refused 835 with its segment and position', () => {
    const invalid = new ApiError({
      status: 400,
      code: 'INVALID_X12',
      title: 'Bad Request',
      detail: 'The 835 cannot be read',
      errors: [
        { path: 'BPR02@4', message: 'BPR02 1000.00 is not the sum of CLP04 less PLB' },
        { path: 'SE01@30', message: 'SE01 says 28 segments; the set has 27' },
      ],
    });
    renderWithProviders(<X12Errors error={invalid} />);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/nothing was posted/)).toBeTruthy();
    expect(within(alert).getByText('BPR02')).toBeTruthy();
    expect(within(alert).getByText('segment 4')).toBeTruthy();
    expect(within(alert).getByText('SE01 says 28 segments; the set has 27')).toBeTruthy();
  });
});
