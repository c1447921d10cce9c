import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import {
  daysSince,
  daysUntil,
  displayUdi,
  duplicateLines,
  expiryStatus,
  gs1CheckDigit,
  gtinProblem,
  heldFor,
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

describe('gtinProblem', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['00884521112349', null],
    [' 00884521112349 ', null],
    ['00884521112340', 'Wrong check digit: a GTIN starting 0088452111234 ends in 9, not 0'],
    ['0088452111234', 'A 14-digit GTIN'],
    ['0088452111234x', 'A 14-digit GTIN'],
  ])('%j → %j', (gtin, problem) => {
    expect(gtinProblem(gtin)).toBe(problem);
  });

  it('computes the GS1 mod-10 digit', () => {
    expect(gs1CheckDigit('0088452111234')).toBe(9);
    expect(gs1CheckDigit('0000000000000')).toBe(0);
    // GS1's own worked example (GTIN-13 629104150021 → 3), left-padded to 13 digits.
    expect(gs1CheckDigit('0629104150021')).toBe(3);
  });
});

describe('how long a hold has been held', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  it('counts whole days, and never below 0', () => {
    expect(daysSince('2026-11-28T09:00:00Z', now)).toBe(0);
    expect(daysSince('2026-11-27T11:59:00Z', now)).toBe(1);
    expect(daysSince('2026-11-10T12:00:00Z', now)).toBe(18);
    expect(daysSince('2026-11-29T12:00:00Z', now)).toBe(0);
    expect(heldFor(0)).toBe('Less than a day');
    expect(heldFor(1)).toBe('1 day');
    expect(heldFor(18)).toBe('18 days');
  });
});
