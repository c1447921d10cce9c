import { describe, expect, it } from 'vitest';
import {
  EMPTY_ITEM,
  itemToFormValues,
  itemValidation,
  toCreateBody,
  toUpdateBody,
} from './itemForm';
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

describe('the edit form of a catalog item', () => {
  it('sends nothing when nothing changed', () => {
    expect(toUpdateBody(itemToFormValues(implant), implant)).toEqual({});
  });

  it('sends only the fields changed, a cleared one as null', () => {
    const values = {
      ...itemToFormValues(implant),
      gtin: ' 00884521112349 ',
      manufacturer: '',
      unitPrice: '$1,250.5',
      hcpcsCode: 'l8600',
    };
    expect(toUpdateBody(values, implant)).toEqual({
      gtin: '00884521112349',
      manufacturer: null,
      unitPrice: '1250.50',
    });
  });

  it('marks an implant as a breast implant, and clears the kind when the category changes', () => {
    const marked = { ...itemToFormValues(implant), breastImplant: true };
    expect(toUpdateBody(marked, implant)).toEqual({ implantKind: 'BREAST' });
    const breast = { ...implant, implantKind: 'BREAST' as const };
    expect(itemToFormValues(breast).breastImplant).toBe(true);
    const recategorised = { ...itemToFormValues(breast), category: 'OTHER' as const };
    expect(toUpdateBody(recategorised, breast)).toEqual({ category: 'OTHER', implantKind: null });
  });

  it('refuses a GTIN with a wrong check digit before sending, in the API’s words', () => {
    expect(itemValidation.gtin('00884521112340')).toBe(
      'Wrong check digit: a GTIN starting 0088452111234 ends in 9, not 0',
    );
    expect(itemValidation.gtin('')).toBeNull();
    expect(itemValidation.hcpcsCode('L860')).toBe('A HCPCS code, e.g. L8600');
    expect(itemValidation.unitPrice('12.345')).toBe('Enter an amount, e.g. 400.00');
  });
});

describe('the new-item form', () => {
  it('leaves blank optional fields out', () => {
    expect(
      toCreateBody({
        ...EMPTY_ITEM,
        code: ' sutures ',
        name: 'Sutures',
        category: 'SUTURE',
        unitPrice: '12.5',
        hcpcsCode: 'a4550',
      }),
    ).toEqual({
      code: 'sutures',
      name: 'Sutures',
      category: 'SUTURE',
      manufacturer: undefined,
      size: undefined,
      shape: undefined,
      unitPrice: '12.50',
      isBillable: true,
      requiresSerialNumber: false,
      hcpcsCode: 'A4550',
      gtin: undefined,
    });
  });
});
