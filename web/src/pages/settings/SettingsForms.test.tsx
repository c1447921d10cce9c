import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { FeeModal } from './FeeSchedulePage';
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
