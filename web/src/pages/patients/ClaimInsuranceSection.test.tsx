import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { InsuranceModal } from './ClaimInsuranceSection';

// The API answers the payer list with one payer; a write is recorded, never sent.
const writes = vi.hoisted(() => [] as string[]);
vi.mock('../../api/client', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api: {
    GET: () =>
      Promise.resolve({
        data: {
          data: [{ id: '0192f0c4-5b0a-7cc1-8a11-0123456789ac', name: 'Aetna', payerId: '60054' }],
          nextCursor: null,
        },
        response: new Response(null, { status: 200 }),
      }),
    PUT: (path: string) => {
      writes.push(path);
      return Promise.resolve({ data: {}, response: new Response(null, { status: 200 }) });
    },
  },
}));

describe('the insurance form', () => {
  it("asks for the policy holder's details when the patient does not hold the policy, before anything is written", async () => {
    renderWithProviders(
      <InsuranceModal
        patientId="0192f0c4-5b0a-7cc1-8a11-0123456789ab"
        insurance={{
          patientId: '0192f0c4-5b0a-7cc1-8a11-0123456789ab',
          payer: { id: '0192f0c4-5b0a-7cc1-8a11-0123456789ac', name: 'Aetna', payerId: '60054' },
          memberId: 'W123',
          groupNumber: null,
          subscriber: {
            relationship: '01',
            firstName: null,
            lastName: null,
            dateOfBirth: null,
            sex: null,
          },
          version: 1,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        }}
        onClose={() => undefined}
      />,
    );
    fireEvent.change(await screen.findByLabelText(/^Member id/), { target: { value: 'W*1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save insurance' }));
    expect(await screen.findByText(/The member id on the card/)).toBeTruthy();
    expect(screen.getByText('Enter the policy holder’s first name')).toBeTruthy();
    expect(screen.getByText('Enter the policy holder’s date of birth')).toBeTruthy();
    expect(screen.getByText('Choose the policy holder’s sex')).toBeTruthy();
    expect(writes).toEqual([]);
  });
});
