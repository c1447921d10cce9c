import { describe, expect, it } from 'vitest';
import { ClaimDraftBuilder, splitName } from '../src/modules/claims/services/claim-draft.builder';

describe("the rendering surgeon's name on NM1*82", () => {
  it.each([
    ['Dr. Marcus Reed', { first: 'Marcus', last: 'Reed' }],
    ['Dr Ana Lee', { first: 'Ana', last: 'Lee' }],
    ['Marcus Reed, MD', { first: 'Marcus', last: 'Reed' }],
    ['Dr. Nneka Okafor MD FACS', { first: 'Nneka', last: 'Okafor' }],
    ['Ana María de la Cruz', { first: 'Ana María de la', last: 'Cruz' }],
    ['Reed', { first: '', last: 'Reed' }],
    ['Dr.', { first: '', last: 'Dr.' }],
  ])('%s → %o', (name, parts) => {
    expect(splitName(name)).toEqual(parts);
  });
});

describe('which INSURANCE lines of a bill go on the 837P', () => {
  const line = (lineNumber: number, kind: string, payer: string) =>
    ({ lineNumber, kind, payer }) as Parameters<typeof ClaimDraftBuilder.insuredLines>[0][number];

  it('claims procedures and supplies, and names the facility and anesthesia lines it leaves out', () => {
    const { claimed, excluded } = ClaimDraftBuilder.insuredLines([
      line(1, 'PROCEDURE', 'INSURANCE'),
      line(2, 'FACILITY', 'INSURANCE'),
      line(3, 'ANESTHESIA', 'INSURANCE'),
      line(4, 'SUPPLY', 'INSURANCE'),
      line(5, 'PROCEDURE', 'PATIENT'),
      line(6, 'ANESTHESIA', 'PATIENT'),
    ]);
    expect(claimed.map((l) => l.lineNumber)).toEqual([1, 4]);
    expect(excluded).toEqual([
      { billLineNumber: 2, reason: expect.stringContaining('837I') },
      { billLineNumber: 3, reason: expect.stringContaining('ASA code') },
    ]);
  });
});
