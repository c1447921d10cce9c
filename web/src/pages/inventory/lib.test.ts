import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import {
  daysUntil,
  displayUdi,
  duplicateLines,
  expiryStatus,
  needsItemChoice,
  scanErrors,
} from './lib';

describe('expiryStatus', () => {
  const today = '2026-11-28';

  it('counts whole calendar days', () => {
    expect(daysUntil('2026-12-28', today)).toBe(30);
    expect(daysUntil('2026-11-27', today)).toBe(-1);
  });

  it('flags a lot past its expiry, and one within 30 days', () => {
    expect(expiryStatus('2026-11-27', today)).toBe('expired');
    expect(expiryStatus('2026-11-28', today)).toBe('soon'); // usable on its expiry day
    expect(expiryStatus('2026-12-28', today)).toBe('soon');
    expect(expiryStatus('2026-12-29', today)).toBe('ok');
    expect(expiryStatus(null, today)).toBe('none');
  });
});

describe('scanned labels', () => {
  it('shows the GS separator', () => {
    expect(displayUdi('01008845211123491727063010LOT123\u001d21SN1')).toBe(
      '01008845211123491727063010LOT123⟨GS⟩21SN1',
    );
  });

  it('names the earlier line of a duplicate', () => {
    expect(duplicateLines(['a', 'b', 'a', 'a'])).toEqual([null, null, 1, 1]);
  });

  it('reads the line of each refused label', () => {
    const error = new ApiError({
      status: 409,
      code: 'DUPLICATE',
      errors: [
        { path: 'udis[2].serialNumbers', message: 'Already received' },
        { path: 'udis[0]', message: 'Bad check digit' },
        { path: 'udi', message: 'ignored' },
      ],
    });
    expect(scanErrors(error)).toEqual({ 0: 'Bad check digit', 2: 'Already received' });
    expect(scanErrors(new Error('network'))).toEqual({});
  });
});

describe('needsItemChoice', () => {
  it('is the 400 for a serial number several items share', () => {
    const shared = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'itemId', message: 'Several items have serial number X: name the item' }],
    });
    expect(needsItemChoice(shared)).toBe(true);
    expect(needsItemChoice(new ApiError({ status: 404, code: 'NOT_FOUND' }))).toBe(false);
  });
});
