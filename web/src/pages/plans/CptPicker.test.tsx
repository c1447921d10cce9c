import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { renderWithProviders } from '../../test/render';
import { CptPicker } from './CptPicker';

const ENTRIES = [
  { cptCode: '19325', description: 'Breast augmentation with implant' },
  { cptCode: '15877', description: 'Suction assisted lipectomy; trunk' },
].map((e, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  ...e,
  surgeonFee: '7000.00',
  facilityFee: '200.00',
  anesthesiaFee: '0.00',
  version: 1,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
}));

const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

interface Init {
  params: { query?: { search?: string }; path: { cptCode: string } };
}

/** The fee schedule as the API answers it: `search` words match the code or the description. */
function fakeFeeSchedule() {
  vi.restoreAllMocks();
  return vi.spyOn(api, 'GET').mockImplementation((async (path: string, init: Init) => {
    await Promise.resolve();
    if (path === '/api/v1/fee-schedule') {
      const search = (init.params.query?.search ?? '').toLowerCase();
      const data = ENTRIES.filter(
        (e) => e.cptCode.startsWith(search) || e.description.toLowerCase().includes(search),
      );
      return ok({ data, nextCursor: null });
    }
    if (path === '/api/v1/fee-schedule/{cptCode}') {
      const entry = ENTRIES.find((e) => e.cptCode === init.params.path.cptCode);
      return entry === undefined
        ? {
            error: { code: 'NOT_FOUND', status: 404, title: 'Not found' },
            response: new Response(null, { status: 404 }),
          }
        : ok(entry);
    }
    throw new Error(`unexpected GET ${path}`);
  }) as never);
}

function Harness({ onChange, max }: { onChange: (codes: string[]) => void; max?: number }) {
  const [codes, setCodes] = useState<string[]>([]);
  return (
    <CptPicker
      label="CPT codes"
      value={codes}
      max={max}
      onChange={(next) => {
        setCodes(next);
        onChange(next);
      }}
    />
  );
}

// Kept until the file ends: a query still settling after a test must not reach the network.
afterAll(() => vi.restoreAllMocks());

/** An option of the dropdown (it may still be fading in: happy-dom runs no transitions). */
const findOption = (name: string | RegExp) => screen.findByRole('option', { name, hidden: true });

describe('CptPicker', () => {
  it('finds a fee-schedule code by its procedure name and shows the name once picked', async () => {
    fakeFeeSchedule();
    const onChange = vi.fn();
    renderWithProviders(<Harness onChange={onChange} />);
    const input = screen.getByLabelText('CPT codes');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'augmentation' } });
    // Only the matching entry stays once the search answers.
    await waitFor(() => {
      expect(screen.queryByRole('option', { name: /15877/, hidden: true })).toBeNull();
      screen.getByRole('option', { name: /19325 Breast augmentation/, hidden: true });
    });
    fireEvent.click(screen.getByRole('option', { name: /19325/, hidden: true }));
    expect(onChange).toHaveBeenLastCalledWith(['19325']);
    // The picked code is listed with its procedure name, from the fee schedule.
    await waitFor(() =>
      expect(screen.getByRole('listitem').textContent).toBe(
        '19325 Breast augmentation with implant',
      ),
    );
  });

  it('takes a code with a modifier as typed, and names a code the schedule lacks', async () => {
    fakeFeeSchedule();
    const onChange = vi.fn();
    renderWithProviders(<Harness onChange={onChange} />);
    const input = screen.getByLabelText('CPT codes');
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '15830-50' } });
    fireEvent.click(await findOption('Use 15830-50'));
    expect(onChange).toHaveBeenLastCalledWith(['15830-50']);
    await waitFor(() =>
      expect(screen.getByRole('listitem').textContent).toBe('15830-50 (not in the fee schedule)'),
    );
  });

  it('with max 1, a new pick replaces the code', async () => {
    fakeFeeSchedule();
    const onChange = vi.fn();
    renderWithProviders(<Harness onChange={onChange} max={1} />);
    const input = screen.getByLabelText('CPT codes');
    for (const [search, option, other] of [
      ['193', /19325/, /15877/],
      ['lipectomy', /15877/, /19325/],
    ] as const) {
      fireEvent.focus(input);
      fireEvent.change(input, { target: { value: search } });
      await waitFor(() => {
        expect(screen.queryByRole('option', { name: other, hidden: true })).toBeNull();
        screen.getByRole('option', { name: option, hidden: true });
      });
      fireEvent.click(screen.getByRole('option', { name: option, hidden: true }));
    }
    expect(onChange.mock.calls).toEqual([[['19325']], [['15877']]]);
  });
});
