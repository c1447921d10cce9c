import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  BillingRepository,
  type BillChanges,
  type BillRow,
} from '../repositories/billing.repository';
import { BILL_STATUSES, type BillStatus } from '../repositories/billing.schema';

export const BILL_EVENTS = ['record-payment', 'credit', 'post-remittance', 'void'] as const;
export type BillEvent = (typeof BILL_EVENTS)[number];

/** What the guards read: whether the bill is paid in full after the event, whether it has payments. */
export interface BillFacts {
  settled: boolean;
  hasPayments: boolean;
}

/**
 * A bill's state machine (docs/billing.md). A bill is created OPEN, or PAID when nothing is owed.
 * `record-payment` (a payer's money) and `credit` (deposits and payment-plan payments credited
 * by PrepaymentService) leave it OPEN or make it PAID; a credit to a PAID or VOID bill keeps its
 * status (the excess is `refundDue`). `post-remittance` (an 835's payments and adjustments, posted
 * by the claims module through `BillingService.postRemittance`) takes only an OPEN bill. Only an OPEN bill with no payment can be voided. Only the
 * billing module writes a bill's status, always through `BillLifecycle`.
 */
export const BILL_TRANSITIONS = new TransitionTable<BillStatus, BillEvent, BillFacts>(
  BILL_STATUSES,
  BILL_EVENTS,
  [
    { from: 'OPEN', event: 'record-payment', to: 'PAID', guard: (f) => f.settled },
    { from: 'OPEN', event: 'record-payment', to: 'OPEN', guard: (f) => !f.settled },
    { from: 'OPEN', event: 'credit', to: 'PAID', guard: (f) => f.settled },
    { from: 'OPEN', event: 'credit', to: 'OPEN', guard: (f) => !f.settled },
    { from: 'PAID', event: 'credit', to: 'PAID' },
    { from: 'VOID', event: 'credit', to: 'VOID' },
    { from: 'OPEN', event: 'post-remittance', to: 'PAID', guard: (f) => f.settled },
    { from: 'OPEN', event: 'post-remittance', to: 'OPEN', guard: (f) => !f.settled },
    {
      from: 'OPEN',
      event: 'void',
      to: 'VOID',
      guard: (f) => !f.hasPayments,
      refusal: 'payments or insurer adjustments were recorded against it',
    },
  ],
);

/**
 * Writes a bill's status with the money or the void that changes it, and `bill.<event>`. A credit
 * fires with `audit: false`: PrepaymentService records the credit under its own action.
 */
@Injectable()
export class BillLifecycle extends StatusLifecycle<
  BillStatus,
  BillEvent,
  BillRow,
  Omit<BillChanges, 'status'>,
  BillFacts
> {
  protected readonly table = BILL_TRANSITIONS;
  protected readonly entityType = 'Bill';
  protected readonly action = 'bill';

  constructor(
    private readonly bills: BillingRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: BillStatus,
    changes: Omit<BillChanges, 'status'> | undefined,
  ): Promise<BillRow> {
    return this.bills.update(db, clinicId, id, { ...changes, status });
  }
}
