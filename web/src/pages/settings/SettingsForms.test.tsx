import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { BillingProfileForm } from './BillingProfilePage';
import { FeeModal } from './FeeSchedulePage';
import { PayerModal } from './PayersPage';
import { UserModal } from './StaffPage';
import { RoomModal } from './OperatingRoomsPage';

describe('the fee form', () => {
  it('checks the CPT code and each amount before anything is sent', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    renderWithProviders(<FeeModal entry={null} onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText(/^CPT code/), { target: { value: '19325-50' } });
    fireEvent.change(screen.getByLabelText(/^Surgeon fee/), { target: { value: '7000.005' } });
    fireEvent.change(screen.getByLabelText(/^Facility fee/), { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save fee' }));
    expect(await screen.findByText(/A base CPT code/)).toBeTruthy();
    expect(screen.getByText('Enter the procedure’s description')).toBeTruthy();
    expect(screen.getAllByText(/at most two decimals/)).toHaveLength(2);
    // The anesthesia fee may stay blank (0.00).
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe('the room form', () => {
  it('wants a name and a closing time after the opening time', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    renderWithProviders(<RoomModal room={null} onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText(/^Opens at/), { target: { value: '18:00' } });
    fireEvent.change(screen.getByLabelText(/^Closes at/), { target: { value: '08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save room' }));
    expect(await screen.findByText('Enter a name, e.g. OR 1')).toBeTruthy();
    expect(screen.getByText('Must be after the opening time')).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe('the billing profile form', () => {
  it('starts empty while none is set and checks NPI, EIN and ZIP+4 before anything is sent', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    renderWithProviders(<BillingProfileForm profile={null} />);
    fireEvent.change(await screen.findByLabelText(/^Billing NPI/), {
      target: { value: '123456789' },
    });
    fireEvent.change(screen.getByLabelText(/^Federal tax id/), { target: { value: '12-34' } });
    fireEvent.change(screen.getByLabelText(/^ZIP\+4/), { target: { value: '10001' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save billing profile' }));
    expect(await screen.findByText('An NPI is 10 digits')).toBeTruthy();
    expect(screen.getByText('An EIN is 9 digits, e.g. 12-3456789')).toBeTruthy();
    expect(screen.getByText('A ZIP+4: 9 digits, e.g. 10001-2345')).toBeTruthy();
    expect(screen.getByText('Enter the legal name')).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe('the payer form', () => {
  it('wants a name and a payer id of letters, digits or -', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    renderWithProviders(<PayerModal payer={null} onClose={() => undefined} />);
    fireEvent.change(await screen.findByLabelText(/^Payer id/), { target: { value: 'A*B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save payer' }));
    expect(await screen.findByText('Enter the payer’s name')).toBeTruthy();
    expect(screen.getByText(/letters, digits or -, e.g. 60054/)).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe("a surgeon's NPI and taxonomy on the staff form", () => {
  it('are shown for a surgeon and checked before anything is sent', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const surgeon = {
      id: '0192f0c4-5b0a-7cc1-8a11-0123456789ab',
      clinicId: '0192f0c4-5b0a-7cc1-8a11-0123456789ac',
      email: 'ada@clinic.example',
      name: 'Dr. Ada',
      role: 'SURGEON' as const,
      active: true,
      npi: null,
      taxonomyCode: null,
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    renderWithProviders(
      <UserModal user={surgeon} onlyActiveAdmin={false} onClose={() => undefined} />,
    );
    fireEvent.change(await screen.findByLabelText(/^NPI/), { target: { value: '12345' } });
    fireEvent.change(screen.getByLabelText(/^Taxonomy code/), { target: { value: '2082' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('An NPI is 10 digits')).toBeTruthy();
    expect(screen.getByText(/10 characters ending in X/)).toBeTruthy();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
