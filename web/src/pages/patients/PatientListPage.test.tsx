import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { renderWithProviders } from '../../test/render';
import { PatientListPage } from './PatientListPage';
import type { Patient } from './patientForm';

const patient = (id: string, firstName: string, phone: string | null): Patient => ({
  id,
  mrn: `MRN-${id.slice(-6)}`,
  firstName,
  lastName: 'Doe',
  dateOfBirth: '1985-03-14',
  sexAtBirth: 'FEMALE',
  email: null,
  address: null,
  phone,
  insurance: null,
  version: 1,
  createdAt: '2026-11-28T22:19:57.730Z',
  updatedAt: '2026-11-28T22:19:57.730Z',
});

// What the API answers for each search: one patient by phone, two by date of birth.
const results = vi.hoisted(() => new Map<string, readonly unknown[]>());
results.set('555-010-2233', [
  patient('01a2243e-6046-770a-921c-261cd375b7bf', 'Jane', '555 0102233'),
]);
results.set('1985-03-14', [
  patient('01a2243e-6046-770a-921c-261cd375b7bf', 'Jane', null),
  patient('01a2243e-6046-770a-921c-261cd375b7c0', 'John', null),
]);

vi.mock('../../api/client', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api: {
    GET: (_path: string, init: { params: { query: { search?: string } } }) =>
      Promise.resolve({
        data: { data: results.get(init.params.query.search ?? '') ?? [], nextCursor: null },
        response: new Response(null, { status: 200 }),
      }),
  },
}));
vi.mock('../../auth/AuthProvider', () => ({ useAuth: () => ({ can: () => false }) }));

function renderAt(search: string) {
  renderWithProviders(
    <Routes>
      <Route path="/patients" element={<PatientListPage />} />
      <Route path="/patients/:id" element={<p>Patient chart</p>} />
    </Routes>,
    { route: `/patients?q=${encodeURIComponent(search)}` },
  );
  return screen.getByLabelText(/^Search patients/);
}

describe('PatientListPage', () => {
  it('opens the patient on Enter only when the search shows just one', async () => {
    const input = renderAt('1985-03-14');
    expect(await screen.findByText('Doe, John')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByText('Patient chart')).toBeNull();

    fireEvent.change(input, { target: { value: '555-010-2233' } });
    await waitFor(() => expect(screen.queryByText('Doe, John')).toBeNull());
    expect(screen.getByText('Doe, Jane')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByText('Patient chart')).toBeTruthy();
  });
});
