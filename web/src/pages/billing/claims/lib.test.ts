import { describe, expect, it } from 'vitest';
import {
  adjustmentTotals,
  agingLabel,
  canClaimBill,
  canMakeNewClaim,
  claimActions,
  fixLinkFor,
  serialsOfNote,
  sumMoney,
  transitionLabel,
  x12ErrorPlace,
  x12FileName,
} from './lib';

describe('claimActions', () => {
  it('follows the statuses table of docs/claims.md', () => {
    const of = (status: Parameters<typeof claimActions>[0]['status'], frequency = '1') =>
      claimActions({ status, frequency });
    expect(of('DRAFT')).toEqual({ accept: false, reject: false, void: true, correct: false });
    expect(of('SUBMITTED')).toEqual({ accept: true, reject: true, void: false, correct: false });
    expect(of('ACCEPTED')).toEqual({ accept: false, reject: true, void: false, correct: true });
    expect(of('REJECTED')).toEqual({ accept: false, reject: false, void: true, correct: false });
    for (const s of ['PAID', 'PARTIALLY_PAID', 'DENIED'] as const) {
      expect(of(s)).toEqual({ accept: false, reject: false, void: false, correct: true });
    }
    expect(of('VOID')).toEqual({ accept: false, reject: false, void: false, correct: false });
  });

  it('does not correct a void claim (frequency 8) again', () => {
    expect(claimActions({ status: 'ACCEPTED', frequency: '8' }).correct).toBe(false);
  });
});

describe('agingLabel', () => {
  it('counts days since submission, and nothing before it', () => {
    expect(agingLabel(null)).toBe('—');
    expect(agingLabel(0)).toBe('today');
    expect(agingLabel(1)).toBe('1 day');
    expect(agingLabel(45)).toBe('45 days');
  });
});

describe('canClaimBill', () => {
  it('takes an open bill that the insurer still owes on', () => {
    expect(canClaimBill({ status: 'OPEN', insuranceBalance: '6000.00' })).toBe(true);
    expect(canClaimBill({ status: 'OPEN', insuranceBalance: '0.00' })).toBe(false);
    expect(canClaimBill({ status: 'PAID', insuranceBalance: '10.00' })).toBe(false);
    expect(canClaimBill({ status: 'VOID', insuranceBalance: '10.00' })).toBe(false);
  });
});

describe('fixLinkFor', () => {
  const context = { patientId: 'p1', procedurePlanId: 'plan1' };
  it('sends each missing field to the screen that edits it', () => {
    expect(fixLinkFor({ path: 'billingProfile', message: 'No billing profile' }, context)?.to).toBe(
      '/settings/billing-profile',
    );
    expect(
      fixLinkFor({ path: 'renderingProvider.npi', message: 'The surgeon has no NPI' }, context)?.to,
    ).toBe('/settings/users');
    expect(fixLinkFor({ path: 'insurance.memberId', message: 'No member id' }, context)?.to).toBe(
      '/patients/p1',
    );
    expect(fixLinkFor({ path: 'insurance', message: 'No insurance on file' }, context)?.label).toBe(
      "The patient's insurance for claims",
    );
    expect(fixLinkFor({ path: 'payer.payerId', message: 'The payer has no id' }, context)?.to).toBe(
      '/settings/payers',
    );
    expect(fixLinkFor({ path: 'diagnosisCodes', message: 'No diagnosis' }, context)?.to).toBe(
      '/plans/plan1',
    );
  });

  it('reads the message when the path is vague, and gives up when it names nothing', () => {
    expect(
      fixLinkFor({ path: '', message: 'The clinic has no billing profile' }, context)?.to,
    ).toBe('/settings/billing-profile');
    expect(fixLinkFor({ path: 'x12.ISA13', message: 'Out of range' }, context)).toBeNull();
  });
});

describe('serialsOfNote', () => {
  it("reads an implant line's NTE serials, and keeps any other note as text", () => {
    expect(serialsOfNote('SN SN12345 SN12346')).toEqual({
      serials: ['SN12345', 'SN12346'],
      text: null,
    });
    expect(serialsOfNote('Left side')).toEqual({ serials: [], text: 'Left side' });
    expect(serialsOfNote(null)).toEqual({ serials: [], text: null });
  });
});

describe('helpers', () => {
  it('sums money to the cent, names files, and words transitions', () => {
    expect(sumMoney(['0.10', '0.20', '1000.05'])).toBe('1000.35');
    expect(sumMoney([])).toBe('0.00');
    expect(x12FileName('837P', 12)).toBe('837P-000000012.txt');
    expect(transitionLabel(null, 'DRAFT')).toBe('DRAFT');
    expect(transitionLabel('SUBMITTED', 'PARTIALLY_PAID')).toBe('SUBMITTED → PARTIALLY PAID');
  });
});

describe('adjustmentTotals', () => {
  it("sums a CLP's CAS by group and reason, its own and its lines', to the cent", () => {
    expect(
      adjustmentTotals({
        adjustments: [{ group: 'PR', reason: '1', amount: '500.00' }],
        services: [
          {
            adjustments: [
              { group: 'CO', reason: '45', amount: '1000.10' },
              { group: 'PR', reason: '2', amount: '100.00' },
            ],
          },
          { adjustments: [{ group: 'CO', reason: '45', amount: '199.90' }] },
        ],
      }),
    ).toEqual([
      { code: 'PR-1', group: 'PR', amount: '500.00' },
      { code: 'CO-45', group: 'CO', amount: '1200.00' },
      { code: 'PR-2', group: 'PR', amount: '100.00' },
    ]);
  });
});

describe('x12ErrorPlace', () => {
  it('names the segment and its position, from the fields or the path', () => {
    expect(x12ErrorPlace({ path: 'BPR02@4', segment: 'BPR', segmentIndex: 4 })).toEqual({
      segment: 'BPR02',
      position: 'segment 4',
    });
    expect(x12ErrorPlace({ path: 'SE01@30' })).toEqual({ segment: 'SE01', position: 'segment 30' });
    expect(x12ErrorPlace({ path: '' })).toEqual({ segment: '—', position: '—' });
  });
});

describe('canMakeNewClaim', () => {
  it('lets a bill have a new claim only when each of its claims is void or rejected', () => {
    expect(canMakeNewClaim([])).toBe(true);
    expect(canMakeNewClaim([{ status: 'VOID' }, { status: 'REJECTED' }])).toBe(true);
    expect(canMakeNewClaim([{ status: 'VOID' }, { status: 'SUBMITTED' }])).toBe(false);
    expect(canMakeNewClaim([{ status: 'PARTIALLY_PAID' }])).toBe(false);
  });
});
