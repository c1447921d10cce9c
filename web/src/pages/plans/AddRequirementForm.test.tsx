import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { api } from '../../api/client';
import { renderWithProviders } from '../../test/render';
import { AddRequirementForm, derivedFromItem } from './AddRequirementForm';
import type { InventoryItem, Plan } from './types';

const IMPLANT = {
  id: '00000000-0000-4000-8000-0000000000a1',
  code: 'breast-implant-300cc-round',
  name: 'Silicone breast implant 300cc round',
  size: '300cc',
  shape: 'Round',
  requiresSerialNumber: true,
  active: true,
} as InventoryItem;

const ok = (data: unknown, status = 200) => ({ data, response: new Response(null, { status }) });

function fakeApi() {
  vi.restoreAllMocks();
  vi.spyOn(api, 'GET').mockImplementation(((path: string) => {
    if (path === '/api/v1/inventory/items')
      return Promise.resolve(ok({ data: [IMPLANT], nextCursor: null }));
    throw new Error(`unexpected GET ${path}`);
  }) as never);
  return vi
    .spyOn(api, 'POST')
    .mockImplementation((() =>
      Promise.resolve(ok({ id: 'r1', inventoryItemName: IMPLANT.name }, 201))) as never);
}

afterAll(() => vi.restoreAllMocks());

function plan(status: Plan['status']): Plan {
  return { id: '00000000-0000-4000-8000-0000000000b1', version: 3, status } as Plan;
}

async function chooseImplant() {
  fireEvent.click(screen.getByPlaceholderText(/Search the catalog|Loading the catalog/));
  const option = await screen.findByRole('option', {
    name: /Silicone breast implant/,
    hidden: true,
  });
  fireEvent.click(option);
}

describe('derivedFromItem', () => {
  it('takes serial tracking, size and shape from the catalog item', () => {
    expect(derivedFromItem(IMPLANT)).toEqual({
      requiresSerialNumber: true,
      sizeRequirement: '300cc',
      shapeRequirement: 'Round',
    });
    expect(derivedFromItem({ ...IMPLANT, size: null, shape: null })).toMatchObject({
      sizeRequirement: null,
      shapeRequirement: null,
    });
  });
});

describe('AddRequirementForm', () => {
  it("shows the item's size and shape read-only and sends them with the requirement", async () => {
    const post = fakeApi();
    renderWithProviders(<AddRequirementForm plan={plan('DRAFT')} />);
    await chooseImplant();
    const size = screen.getByRole<HTMLInputElement>('textbox', { name: 'Size' });
    const shape = screen.getByRole<HTMLInputElement>('textbox', { name: 'Shape' });
    await waitFor(() => expect(size.value).toBe('300cc'));
    expect(shape.value).toBe('Round');
    expect(size.readOnly && shape.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Add requirement' }));
    await waitFor(() => expect(post).toHaveBeenCalled());
    expect(post.mock.calls[0]?.[1]).toMatchObject({
      body: {
        inventoryItemId: IMPLANT.id,
        quantity: 1,
        requiresSerialNumber: true,
        sizeRequirement: '300cc',
        shapeRequirement: 'Round',
      },
    });
  });

  it('on a quoted plan, asks before withdrawing the quote, and adds only when confirmed', async () => {
    const post = fakeApi();
    renderWithProviders(<AddRequirementForm plan={plan('QUOTED')} />);
    await chooseImplant();
    fireEvent.click(screen.getByRole('button', { name: 'Add requirement' }));
    const dialog = await screen.findByRole('dialog', { name: 'Withdraw the quote?' });
    expect(dialog.textContent).toContain('withdraws its current quote');
    expect(dialog.textContent).toContain('returns to Draft');
    fireEvent.click(screen.getByRole('button', { name: 'Keep the quote' }));
    expect(post).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Add requirement' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw the quote and add' }));
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
  });
});
