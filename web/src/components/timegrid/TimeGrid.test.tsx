import { fireEvent, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clinicTimeZone, setClinicTimeZone } from '../../lib/clinicTime';
import { dayRange } from '../../lib/clinicDays';
import { renderWithProviders } from '../../test/render';
import { slotCells, type SlotCell } from './placement';
import { TimeGrid, type TimeGridLane } from './TimeGrid';

let before: string;
beforeAll(() => {
  before = clinicTimeZone();
  setClinicTimeZone('America/Chicago');
});
afterAll(() => setClinicTimeZone(before));

function lane(): TimeGridLane {
  const { start, end } = dayRange('2026-12-07');
  const busy = [{ start: '2026-12-07T15:00:00.000Z', end: '2026-12-07T16:00:00.000Z' }];
  const free = slotCells('2026-12-07', { first: 8, end: 11 }, 30, busy);
  return {
    id: 'p1',
    name: 'Dr. Lee',
    dayStart: start,
    dayEnd: end,
    open: [{ from: 8 * 60, to: 10 * 60 }],
    blocks: [{ key: 'a', spans: busy, content: <span>Booked visit</span>, testId: 'block' }],
    slots: free.map((cell) => ({ cell, free: cell.minute === 8 * 60 })),
  };
}

describe('TimeGrid', () => {
  it('offers every empty half hour as a named button and hands its cell back', () => {
    const onSlot = vi.fn<(lane: TimeGridLane, cell: SlotCell) => void>();
    renderWithProviders(
      <TimeGrid lanes={[lane()]} hours={{ first: 8, end: 11 }} caption="Day" onSlot={onSlot} />,
    );
    // 09:00–10:00 Chicago (15:00–16:00Z) is booked: 08:00, 08:30, 10:00 and 10:30 are left.
    const names = screen.getAllByTestId('slot-cell').map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual([
      'Book Dr. Lee at 8:00 AM (free slot)',
      'Book Dr. Lee at 8:30 AM',
      'Book Dr. Lee at 10:00 AM',
      'Book Dr. Lee at 10:30 AM',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Book Dr. Lee at 10:00 AM' }));
    expect(onSlot.mock.calls[0]?.[1].start.toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(screen.getByText('Booked visit')).toBeTruthy();
  });

  it('is reached with the keyboard: native buttons in time order, none taken out of the tab order', () => {
    renderWithProviders(
      <TimeGrid lanes={[lane()]} hours={{ first: 8, end: 11 }} caption="Day" onSlot={vi.fn()} />,
    );
    const cells = screen.getAllByTestId('slot-cell');
    expect(cells.every((b) => b.tagName === 'BUTTON' && b.tabIndex === 0)).toBe(true);
    cells[1]?.focus();
    expect(document.activeElement).toBe(cells[1]);
  });

  it('hands back the whole stretch a drag covers, and no single cell', () => {
    const onSlot = vi.fn<(lane: TimeGridLane, cell: SlotCell) => void>();
    renderWithProviders(
      <TimeGrid lanes={[lane()]} hours={{ first: 8, end: 11 }} caption="Day" onSlot={onSlot} />,
    );
    const eight = screen.getByRole('button', { name: 'Book Dr. Lee at 8:00 AM (free slot)' });
    const half = screen.getByRole('button', { name: 'Book Dr. Lee at 8:30 AM' });
    fireEvent.pointerDown(eight, { button: 0 });
    fireEvent.pointerEnter(half);
    expect(half.hasAttribute('data-picked')).toBe(true);
    fireEvent.pointerUp(window);
    fireEvent.click(half);
    expect(onSlot).toHaveBeenCalledTimes(1);
    const stretch = onSlot.mock.calls[0]?.[1];
    // 08:00–09:00 Chicago.
    expect([stretch?.start.toISOString(), stretch?.end.toISOString()]).toEqual([
      '2026-12-07T14:00:00.000Z',
      '2026-12-07T15:00:00.000Z',
    ]);
  });

  it('draws no buttons without onSlot (the theater day)', () => {
    renderWithProviders(<TimeGrid lanes={[lane()]} hours={{ first: 8, end: 11 }} caption="Day" />);
    expect(screen.queryAllByTestId('slot-cell')).toHaveLength(0);
  });
});
