import type { components } from '../../api/schema';
import { parseMoneyInput } from '../../lib/money';
import { gtinProblem } from './lib';
import type { Category, Item } from './queries';

type NewItem = components['schemas']['CreateInventoryItemDto'];
type ItemChange = components['schemas']['UpdateInventoryItemDto'];

/** A catalog item's fields as the new-item and edit forms hold them (text as typed). */
export interface ItemFormValues {
  code: string;
  name: string;
  category: Category | null;
  manufacturer: string;
  size: string;
  shape: string;
  unitPrice: string;
  isBillable: boolean;
  requiresSerialNumber: boolean;
  hcpcsCode: string;
  gtin: string;
  /** An IMPLANT marked as a breast implant (`implantKind: BREAST`): its plans need the FDA checklist. */
  breastImplant: boolean;
}

export const EMPTY_ITEM: ItemFormValues = {
  code: '',
  name: '',
  category: null,
  manufacturer: '',
  size: '',
  shape: '',
  unitPrice: '',
  isBillable: true,
  requiresSerialNumber: false,
  hcpcsCode: '',
  gtin: '',
  breastImplant: false,
};

export function itemToFormValues(item: Item): ItemFormValues {
  return {
    code: item.code,
    name: item.name,
    category: item.category,
    manufacturer: item.manufacturer ?? '',
    size: item.size ?? '',
    shape: item.shape ?? '',
    unitPrice: item.unitPrice,
    isBillable: item.isBillable,
    requiresSerialNumber: item.requiresSerialNumber,
    hcpcsCode: item.hcpcsCode ?? '',
    gtin: item.gtin ?? '',
    breastImplant: item.implantKind === 'BREAST',
  };
}

// The API's own rules (src/modules/inventory/dto/inventory-item.dto.ts), checked before sending.
export const itemValidation = {
  code: (v: string) =>
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v.trim())
      ? null
      : 'Letters, digits, dots, dashes and underscores, e.g. breast-implant-300cc-round',
  name: (v: string) => (v.trim() === '' ? 'Enter the name' : null),
  category: (v: Category | null) => (v === null ? 'Choose a category' : null),
  unitPrice: (v: string) => (parseMoneyInput(v) === null ? 'Enter an amount, e.g. 400.00' : null),
  hcpcsCode: (v: string) =>
    v.trim() === '' || /^[A-Va-v]\d{4}$/.test(v.trim()) ? null : 'A HCPCS code, e.g. L8600',
  gtin: gtinProblem,
};

/** An optional text: null (cleared) when blank. */
function optional(value: string): string | null {
  const text = value.trim();
  return text === '' ? null : text;
}

function fields(v: ItemFormValues) {
  return {
    name: v.name.trim(),
    category: v.category ?? 'OTHER',
    manufacturer: optional(v.manufacturer),
    size: optional(v.size),
    shape: optional(v.shape),
    unitPrice: parseMoneyInput(v.unitPrice) ?? v.unitPrice,
    isBillable: v.isBillable,
    requiresSerialNumber: v.requiresSerialNumber,
    hcpcsCode: optional(v.hcpcsCode)?.toUpperCase() ?? null,
    gtin: optional(v.gtin),
    // Only an implant has a kind: another category clears it.
    implantKind: v.category === 'IMPLANT' && v.breastImplant ? ('BREAST' as const) : null,
  } satisfies ItemChange;
}

/** A new item: blank optional fields are left out of the request. */
export function toCreateBody(v: ItemFormValues): NewItem {
  const f = fields(v);
  return {
    code: v.code.trim(),
    ...f,
    manufacturer: f.manufacturer ?? undefined,
    size: f.size ?? undefined,
    shape: f.shape ?? undefined,
    hcpcsCode: f.hcpcsCode ?? undefined,
    gtin: f.gtin ?? undefined,
    implantKind: f.implantKind ?? undefined,
  };
}

/**
 * Only what the form changed, so a save never rewrites a field it did not touch; a cleared
 * optional field is sent as null. Empty when nothing changed.
 */
export function toUpdateBody(v: ItemFormValues, item: Item): ItemChange {
  const next = fields(v);
  const current = fields(itemToFormValues(item));
  const change: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] !== current[key]) change[key] = next[key];
  }
  return change;
}
