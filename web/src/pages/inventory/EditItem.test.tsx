import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ActiveToggle, EditItemButton } from './EditItem';
import type { Item } from './queries';

const implant: Item = {
  id: '01a2243e-618f-71fd-ae20-eeda0304959a',
  code: 'breast-implant-300cc-round',
  name: 'Silicone breast implant 300cc round',
  category: 'IMPLANT',
  manufacturer: 'Mentor',
  size: '300cc',
  shape: 'Round',
  unitPrice: '400.00',
  isBillable: true,
  requiresSerialNumber: true,
  hcpcsCode: 'L8600',
  gtin: null,
  implantKind: null,
  active: true,
  version: 3,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};

const patch = vi.fn((_path: string, init: { body: Partial<Item> }) =>
  Promise.resolve({
    data: { ...implant, ...init.body, version: 4 },
    response: new Response(null, { status: 200 }),
  }),
);
vi.mock('../../api/client', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  api: { PATCH: (path: string, init: { body: Partial<Item> }) => patch(path, init) },
}));

beforeEach(() => {
  patch.mockClear();
});

describe('EditItemButton', () => {
  it('refuses a wrong GTIN check digit without sending, then saves only what changed at the version read', async () => {
    renderWithProviders(<EditItemButton item={implant} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit item' }));
    const gtin = await screen.findByLabelText('GTIN');
    fireEvent.change(gtin, { target: { value: '00884521112340' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(
      await screen.findByText('Wrong check digit: a GTIN starting 0088452111234 ends in 9, not 0'),
    ).toBeTruthy();
    expect(patch).not.toHaveBeenCalled();

    fireEvent.change(gtin, { target: { value: '00884521112349' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(patch).toHaveBeenCalledWith('/api/v1/inventory/items/{id}', {
      params: { path: { id: implant.id } },
      headers: { 'If-Match': '"3"' },
      body: { gtin: '00884521112349' },
    });
  });
});

describe('ActiveToggle', () => {
  it('deactivates an item only once asked, at the version read', async () => {
    renderWithProviders(<ActiveToggle item={implant} />);
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: `Deactivate ${implant.code}?` });
    expect(patch).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    expect(patch).toHaveBeenCalledWith('/api/v1/inventory/items/{id}', {
      params: { path: { id: implant.id } },
      headers: { 'If-Match': '"3"' },
      body: { active: false },
    });
  });
});
