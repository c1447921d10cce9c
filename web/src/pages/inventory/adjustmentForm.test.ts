import { describe, expect, it } from 'vitest';
import {
  EMPTY_ADJUSTMENT,
  signed,
  toAdjustmentBody,
  validateAdjustment,
  type AdjustmentFormValues,
} from './adjustmentForm';

const form = (v: Partial<AdjustmentFormValues>): AdjustmentFormValues => ({
  ...EMPTY_ADJUSTMENT,
  ...v,
});

describe('a batch adjustment', () => {
  it('removes a bulk count as a negative delta, adds as a positive one', () => {
    expect(
      toAdjustmentBody(form({ quantity: 3, reason: 'DAMAGE', note: ' Torn packs ' }), false),
    ).toEqual({
      quantityDelta: -3,
      reason: 'DAMAGE',
      note: 'Torn packs',
      serialNumbers: undefined,
    });
    expect(
      toAdjustmentBody(form({ direction: 'ADD', quantity: 2, reason: 'COUNT_CORRECTION' }), false),
    ).toEqual({
      quantityDelta: 2,
      reason: 'COUNT_CORRECTION',
      note: undefined,
      serialNumbers: undefined,
    });
  });

  it('removes serial-tracked units by serial number, one unit each', () => {
    expect(
      toAdjustmentBody(form({ serialNumbers: ['SN1', 'SN2'], reason: 'DAMAGE' }), true),
    ).toMatchObject({ quantityDelta: -2, serialNumbers: ['SN1', 'SN2'] });
  });

  it('asks for a reason, a whole quantity, and serials for a serial-tracked item', () => {
    expect(validateAdjustment(form({ quantity: '' }), false)).toEqual({
      reason: 'Choose a reason',
      quantity: 'Enter how many units, 1 or more',
    });
    expect(validateAdjustment(form({ quantity: 1.5, reason: 'OTHER' }), false)).toEqual({
      quantity: 'Enter how many units, 1 or more',
    });
    expect(validateAdjustment(form({ quantity: 5, reason: 'OTHER' }), false)).toEqual({});
    expect(validateAdjustment(form({ reason: 'DAMAGE' }), true)).toEqual({
      serialNumbers: 'Add the serial number of each unit removed',
    });
    expect(
      validateAdjustment(form({ direction: 'ADD', serialNumbers: ['SN1'], reason: 'OTHER' }), true),
    ).toEqual({ direction: 'Serial-tracked units are added by receiving them' });
  });

  it('leaves whether the batch holds that many to the API', () => {
    expect(validateAdjustment(form({ quantity: 100_000, reason: 'DAMAGE' }), false)).toEqual({});
  });

  it('writes a change with its sign', () => {
    expect(signed(3)).toBe('+3');
    expect(signed(-2)).toBe('\u22122');
  });
});
