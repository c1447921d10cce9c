import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ClaimInsuranceSection } from './ClaimInsuranceSection';

const PATIENT = '0192f0c4-5b0a-7cc1-8a11-0123456789ab';

// The patient's insurance for claims as the API answers it: none (404) for this patient.
vi.mock('../../api/client', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api: {
    GET: () =>
      Promise.resolve({
        error: { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND' },
        response: new Response(null, { status: 404 }),
      }),
  },
}));
vi.mock('../../auth/AuthProvider', () => ({ useAuth: () => ({ can: () => true }) }));

describe("the patient page's insurance card", () => {
  it("shows the record's free-text insurance as a note when nothing is set up for claims", async () => {
    renderWithProviders(
      <ClaimInsuranceSection
        patientId={PATIENT}
        note={{ payerName: 'Harborview', memberId: 'HVM-1', groupNumber: 'G-7' }}
      />,
    );
    expect(await screen.findByText(/Not set up for claims yet/)).toBeTruthy();
    expect(screen.getByText('Harborview, member HVM-1, group G-7')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add insurance for claims' })).toBeTruthy();
    expect(screen.getAllByRole('region')).toHaveLength(1);
  });

  it('says self-pay only when there is neither', async () => {
    renderWithProviders(<ClaimInsuranceSection patientId={PATIENT} note={null} />);
    expect(await screen.findByText('No insurance on file (self-pay).')).toBeTruthy();
    expect(screen.queryByTestId('insurance-note')).toBeNull();
  });
});
