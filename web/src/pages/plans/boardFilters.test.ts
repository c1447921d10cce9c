import { describe, expect, it } from 'vitest';
import { boardFilterParams, planListQuery, readBoardFilters } from './boardFilters';

describe('board filters', () => {
  it('reads the filters from the address, ignoring what is not a date', () => {
    const params = new URLSearchParams('surgeonId=u1&from=2026-12-01&to=soon');
    expect(readBoardFilters(params)).toEqual({ surgeonId: 'u1', from: '2026-12-01', to: null });
  });

  it('writes only the filters that are set', () => {
    expect(boardFilterParams({ surgeonId: null, from: '2026-12-01', to: null })).toEqual({
      from: '2026-12-01',
    });
  });

  it('asks one column for 50 plans of its status, with the filters that are set', () => {
    expect(planListQuery('QUOTED', { surgeonId: 'u1', from: null, to: null }, undefined)).toEqual({
      status: 'QUOTED',
      limit: 50,
      cursor: undefined,
      surgeonId: 'u1',
      from: undefined,
      to: undefined,
    });
  });
});
