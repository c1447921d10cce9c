import type { components } from '../../api/schema';

type AdjustmentBody = components['schemas']['AdjustmentDto'];
export type AdjustmentReason = AdjustmentBody['reason'];
export type Adjustment = components['schemas']['AdjustmentPageDto_Output']['data'][number];

export const ADJUSTMENT_REASONS: readonly { value: AdjustmentReason; label: string }[] = [
  { value: 'COUNT_CORRECTION', label: 'Count correction' },
  { value: 'DAMAGE', label: 'Damaged' },
  { value: 'EXPIRY_WRITE_OFF', label: 'Expired, written off' },
  { value: 'OTHER', label: 'Other' },
];

export function reasonLabel(reason: AdjustmentReason): string {
  return ADJUSTMENT_REASONS.find((r) => r.value === reason)?.label ?? reason;
}

/** A batch adjustment as the form holds it: which way, how many (or which serials), and why. */
export interface AdjustmentFormValues {
  direction: 'REMOVE' | 'ADD';
  quantity: number | string;
  serialNumbers: string[];
  reason: AdjustmentReason | null;
  note: string;
}

export const EMPTY_ADJUSTMENT: AdjustmentFormValues = {
  direction: 'REMOVE',
  quantity: '',
  serialNumbers: [],
  reason: null,
  note: '',
};

const PRINTABLE = /^[\x21-\x7e]{1,40}$/;
const MAX_QUANTITY = 100_000;

/**
 * The API's rules (src/modules/inventory/dto/inventory-stock.dto.ts), checked before sending.
 * Serial-tracked units leave a batch by serial number, one unit each, and arrive only by
 * receiving; a bulk count changes by a whole number. Whether the batch holds that many is the
 * API's to say (it answers INSUFFICIENT_INVENTORY, shown as it is).
 */
export function validateAdjustment(
  v: AdjustmentFormValues,
  serialTracked: boolean,
): Partial<Record<keyof AdjustmentFormValues, string>> {
  const errors: Partial<Record<keyof AdjustmentFormValues, string>> = {};
  if (v.reason === null) errors.reason = 'Choose a reason';
  if (v.note.trim().length > 2000) errors.note = 'At most 2000 characters';
  if (serialTracked) {
    if (v.direction === 'ADD')
      errors.direction = 'Serial-tracked units are added by receiving them';
    if (v.serialNumbers.length === 0)
      errors.serialNumbers = 'Add the serial number of each unit removed';
    const bad = v.serialNumbers.find((s) => !PRINTABLE.test(s));
    if (bad !== undefined)
      errors.serialNumbers = `${bad}: at most 40 printable characters, no spaces`;
  } else {
    const n = Number(v.quantity);
    if (v.quantity === '' || !Number.isInteger(n) || n < 1 || n > MAX_QUANTITY) {
      errors.quantity = 'Enter how many units, 1 or more';
    }
  }
  return errors;
}

/** The signed change of on-hand: removals are negative. */
export function quantityDelta(v: AdjustmentFormValues, serialTracked: boolean): number {
  if (serialTracked) return -v.serialNumbers.length;
  const n = Number(v.quantity);
  return v.direction === 'REMOVE' ? -n : n;
}

export function toAdjustmentBody(v: AdjustmentFormValues, serialTracked: boolean): AdjustmentBody {
  const note = v.note.trim();
  return {
    quantityDelta: quantityDelta(v, serialTracked),
    reason: v.reason ?? 'OTHER',
    note: note === '' ? undefined : note,
    serialNumbers: serialTracked ? v.serialNumbers : undefined,
  };
}

/** "+3", "−2" (a real minus sign, read as "minus" by screen readers). */
export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : `\u2212${-delta}`;
}
