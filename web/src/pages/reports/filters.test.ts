import { describe, expect, it } from 'vitest';
import {
  dayCount,
  defaultRange,
  filtersQuery,
  monthStart,
  presetOf,
  rangePresets,
  readFilters,
} from './filters';

const TODAY = '2026-12-04';
const SURGEON = '0b6f4c1e-2d3a-4f5b-8c7d-9e0a1b2c3d4e';

describe('report ranges', () => {
  it('counts both ends and steps months across a year', () => {
    expect(dayCount('2026-01-01', '2026-01-31')).toBe(31);
    expect(dayCount('2026-03-08', '2026-03-08')).toBe(1);
    expect(monthStart('2026-12-04')).toBe('2026-12-01');
    expect(monthStart('2026-01-15', -2)).toBe('2025-11-01');
    expect(monthStart('2026-01-15', -11)).toBe('2025-02-01');
  });

  it('defaults to this month so far and the two before', () => {
    expect(defaultRange(TODAY)).toEqual({ from: '2026-10-01', to: TODAY });
    expect(defaultRange('2026-02-10')).toEqual({ from: '2025-12-01', to: '2026-02-10' });
  });

  it('offers the presets relative to the clinic day, and knows which one a range is', () => {
    const byValue = Object.fromEntries(rangePresets(TODAY).map((p) => [p.value, [p.from, p.to]]));
    expect(byValue).toEqual({
      'this-month': ['2026-12-01', TODAY],
      'last-month': ['2026-11-01', '2026-11-30'],
      'last-3-months': ['2026-10-01', TODAY],
      'last-12-months': ['2026-01-01', TODAY],
      'this-year': ['2026-01-01', TODAY],
      'last-year': ['2025-01-01', '2025-12-31'],
    });
    expect(presetOf({ from: '2026-11-01', to: '2026-11-30' }, TODAY)).toBe('last-month');
    expect(presetOf({ from: '2026-11-02', to: '2026-11-30' }, TODAY)).toBeNull();
  });
});

describe('the filters in the URL', () => {
  it('reads the range and the surgeon', () => {
    const read = readFilters(
      new URLSearchParams(`from=2026-09-01&to=2026-09-30&surgeonId=${SURGEON}`),
      TODAY,
    );
    expect(read).toEqual({
      filters: { from: '2026-09-01', to: '2026-09-30', surgeonId: SURGEON },
      incomplete: false,
      errors: {},
    });
  });

  it('fills in the default range for a missing or impossible day, and drops a bad surgeon id', () => {
    const read = readFilters(new URLSearchParams('from=2026-02-30&surgeonId=nope'), TODAY);
    expect(read.filters).toEqual({ from: '2026-10-01', to: TODAY, surgeonId: null });
    expect(read.incomplete).toBe(true);
  });

  it('says what the API would refuse: to before from, more than three years', () => {
    expect(readFilters(new URLSearchParams('from=2026-05-02&to=2026-05-01'), TODAY).errors).toEqual(
      {
        to: 'Must not be before From',
      },
    );
    // 1,096 days is the most: 2024-01-01 to 2026-12-31 is 1,096 days, one more is refused.
    expect(readFilters(new URLSearchParams('from=2024-01-01&to=2026-12-31'), TODAY).errors).toEqual(
      {},
    );
    expect(readFilters(new URLSearchParams('from=2023-12-31&to=2026-12-31'), TODAY).errors.to).toBe(
      'At most three years (1,096 days) after From',
    );
  });

  it('writes the filters in a fixed order, the surgeon only when chosen', () => {
    expect(filtersQuery({ from: '2026-09-01', to: '2026-09-30', surgeonId: null }).toString()).toBe(
      'from=2026-09-01&to=2026-09-30',
    );
    expect(
      filtersQuery({ from: '2026-09-01', to: '2026-09-30', surgeonId: SURGEON }).toString(),
    ).toBe(`from=2026-09-01&to=2026-09-30&surgeonId=${SURGEON}`);
  });
});
