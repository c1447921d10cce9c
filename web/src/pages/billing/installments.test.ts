import { describe, expect, it } from 'vitest';
import { installmentRemaining, isOverdue, nextInstallment, planPreview } from './installments';
import type { Installment } from './types';

const installment = (over: Partial<Installment>): Installment => ({
  number: 1,
  dueDate: '2027-01-31',
  amount: '333.33',
  paidAmount: '0.00',
  status: 'PENDING',
  ...over,
});

describe('installments', () => {
  it('answers what is left on a partly paid installment, to the cent', () => {
    expect(
      installmentRemaining(installment({ paidAmount: '100.10', status: 'PARTIALLY_PAID' })),
    ).toBe('233.23');
  });

  it('calls an unpaid installment overdue only after its due date', () => {
    expect(isOverdue(installment({}), '2027-01-31')).toBe(false);
    expect(isOverdue(installment({}), '2027-02-01')).toBe(true);
    expect(isOverdue(installment({ status: 'PAID', paidAmount: '333.33' }), '2027-02-01')).toBe(
      false,
    );
  });

  it('finds the oldest installment not paid in full', () => {
    const plan = {
      installments: [
        installment({ number: 2, dueDate: '2027-02-28' }),
        installment({ number: 1, status: 'PAID', paidAmount: '333.33' }),
      ],
    };
    expect(nextInstallment(plan)?.number).toBe(2);
    expect(nextInstallment({ installments: [] })).toBeUndefined();
  });
});

describe('planPreview', () => {
  it('splits the patient portion less the deposit as the API will', () => {
    expect(planPreview('8000.00', '7000', 3)).toEqual({
      financed: '1000.00',
      installments: ['333.33', '333.33', '333.34'],
    });
  });

  it('shows nothing while the inputs make no plan', () => {
    expect(planPreview('8000.00', '8000.00', 3)).toBeNull();
    expect(planPreview('8000.00', '12.505', 3)).toBeNull();
    expect(planPreview('8000.00', '100', '')).toBeNull();
  });
});
