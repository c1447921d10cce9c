import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { RecordBillPaymentForm } from './RecordBillPaymentForm';
import type { Bill } from './types';

const bill: Bill = {
  id: '01a2243e-61b0-73f1-9e58-1c398e23eeff',
  billNumber: 'BILL-2026-001',
  surgicalCaseId: '01a2243e-618f-71fd-ae20-eeda0304959a',
  procedurePlanId: '01a2243e-614f-7760-971b-55ddc83b1fd9',
  patientId: '01a2243e-6046-770a-921c-261cd375b7bf',
  quoteId: null,
  status: 'OPEN',
  total: '8000.00',
  insuranceTotal: '0.00',
  patientTotal: '8000.00',
  insurancePaid: '0.00',
  patientPaid: '2000.00',
  insuranceAdjusted: '0.00',
  transferredToPatient: '0.00',
  paid: '2000.00',
  insuranceBalance: '0.00',
  patientBalance: '6000.00',
  balance: '6000.00',
  refundDue: '0.00',
  issuedAt: '2026-11-28T22:19:57.744Z',
  paidAt: null,
  voidedAt: null,
  voidReason: null,
  lineItems: [],
  payments: [],
  adjustments: [],
  version: 2,
  createdAt: '2026-11-28T22:19:57.730Z',
  updatedAt: '2026-11-28T22:19:57.756Z',
};

const amountInput = () => screen.getByLabelText<HTMLInputElement>(/^Amount/);

describe('RecordBillPaymentForm', () => {
  it('starts at the balance of the payer that still owes', () => {
    renderWithProviders(<RecordBillPaymentForm bill={bill} />);
    expect(amountInput().value).toBe('6000.00');
    expect(screen.getByText('Patient balance: $6,000.00')).toBeTruthy();
  });

  it('refuses an amount with more than two decimals next to the field, before any request', async () => {
    renderWithProviders(<RecordBillPaymentForm bill={bill} />);
    fireEvent.change(amountInput(), { target: { value: '12.505' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect(await screen.findByText(/at most two decimals/)).toBeTruthy();
    expect(amountInput().getAttribute('aria-invalid')).toBe('true');
  });
});
