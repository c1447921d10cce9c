import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ClaimActionButtons } from './ClaimActions';
import type { Claim } from './types';

function claim(fields: Partial<Claim>): Claim {
  return {
    id: '01a2243e-61b0-73f1-9e58-1c398e23eeff',
    claimNumber: 'CLM-2026-000001',
    billId: '01a2243e-618f-71fd-ae20-eeda0304959a',
    frequency: '1',
    status: 'SUBMITTED',
    payerClaimControlNumber: null,
    version: 2,
    ...fields,
  } as Claim;
}

const buttons = () => screen.queryAllByRole('button').map((b) => b.textContent);

describe('ClaimActionButtons', () => {
  it('offers what the status allows, and nothing else', () => {
    const { unmount } = renderWithProviders(
      <ClaimActionButtons claim={claim({ status: 'SUBMITTED' })} />,
    );
    expect(buttons()).toEqual(['Mark accepted', 'Mark rejected']);
    unmount();
    renderWithProviders(<ClaimActionButtons claim={claim({ status: 'DRAFT' })} />);
    expect(buttons()).toEqual(['Void']);
  });

  it("asks for the payer's claim number before a correction when no 835 has given it", async () => {
    renderWithProviders(<ClaimActionButtons claim={claim({ status: 'ACCEPTED' })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Correct or void at the payer' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Make the new claim' }));
    expect(await screen.findByText(/Type the payer's claim number/)).toBeTruthy();
  });

  it("names the payer's claim number from the 835 instead of asking for it", async () => {
    renderWithProviders(
      <ClaimActionButtons
        claim={claim({ status: 'PARTIALLY_PAID', payerClaimControlNumber: 'NWH-99812' })}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Correct or void at the payer' }));
    expect(await screen.findByText(/NWH-99812 goes in REF\*F8/)).toBeTruthy();
    expect(screen.queryByLabelText(/Payer's claim number/)).toBeNull();
  });
});
