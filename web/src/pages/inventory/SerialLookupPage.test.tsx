import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { renderWithProviders } from '../../test/render';
import { SerialLookupPage } from './SerialLookupPage';
import type { Unit } from './queries';

const implanted: Unit = {
  serialNumber: 'SN12345',
  itemId: '01a2243e-618f-71fd-ae20-eeda0304959a',
  itemCode: 'IMPL-350',
  batchId: '01a2243e-614f-7760-971b-55ddc83b1fd9',
  batchNumber: 'LOT-1',
  status: 'CONSUMED',
  procedurePlanId: null,
  surgicalCaseId: null,
  patientId: '01a2243e-6046-770a-921c-261cd375b7bf',
  consumedAt: '2026-11-28T22:19:57.730Z',
};

// The API finds the unit whatever the case the serial is typed in.
vi.mock('../../api/client', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api: {
    GET: () => Promise.resolve({ data: implanted, response: new Response(null, { status: 200 }) }),
  },
}));
vi.mock('../../auth/AuthProvider', () => ({ useAuth: () => ({ can: () => true }) }));

describe('SerialLookupPage', () => {
  it('looks a serial up on Enter, and on Enter again opens the unit shown', async () => {
    renderWithProviders(
      <Routes>
        <Route path="/inventory/units" element={<SerialLookupPage />} />
        <Route path="/patients/:id" element={<p>Patient chart</p>} />
      </Routes>,
      { route: '/inventory/units' },
    );
    // Enter in the field submits its form.
    const pressEnter = () => {
      const form = screen.getByLabelText('Serial number').closest('form');
      if (form === null) throw new Error('the serial field is in no form');
      fireEvent.submit(form);
    };
    fireEvent.change(screen.getByLabelText('Serial number'), { target: { value: 'sn12345' } });
    pressEnter();
    expect(await screen.findByText('SN12345')).toBeTruthy();
    expect(screen.queryByText('Patient chart')).toBeNull();

    pressEnter();
    expect(await screen.findByText('Patient chart')).toBeTruthy();
  });
});
