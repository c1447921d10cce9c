import { Injectable } from '@nestjs/common';
import { and, asc, eq } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { paymentPlanOffers, type PaymentPlanOfferStatus } from './payment-plan.schema';

export type PaymentPlanOfferRow = typeof paymentPlanOffers.$inferSelect;
export type NewPaymentPlanOffer = Omit<
  typeof paymentPlanOffers.$inferInsert,
  | 'status'
  | 'chosenAt'
  | 'chosenByPatientLinkId'
  | 'paymentPlanId'
  | 'withdrawnAt'
  | 'withdrawnById'
  | 'createdAt'
  | 'updatedAt'
>;
/** What a status change writes beside the status (PaymentPlanOfferLifecycle). */
export type OfferChanges = Partial<
  Pick<
    PaymentPlanOfferRow,
    'chosenAt' | 'chosenByPatientLinkId' | 'paymentPlanId' | 'withdrawnAt' | 'withdrawnById'
  >
>;

const offersById = preparedRowById('payment_plan_offers_by_id', paymentPlanOffers);
const offersLockedById = preparedRowById(
  'payment_plan_offers_locked_by_id',
  paymentPlanOffers,
  'update',
);

@Injectable()
export class PaymentPlanOfferRepository {
  async insert(db: Db, offer: NewPaymentPlanOffer): Promise<PaymentPlanOfferRow> {
    return returnedRow(
      await db.insert(paymentPlanOffers).values(offer).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  findById(db: Db, clinicId: ClinicId, id: string): Promise<PaymentPlanOfferRow | undefined> {
    return offersById(db, clinicId, id);
  }

  /** SELECT … FOR UPDATE, taken after the quote's lock (the module's one lock order). */
  lockById(db: Db, clinicId: ClinicId, id: string): Promise<PaymentPlanOfferRow | undefined> {
    return offersLockedById(db, clinicId, id);
  }

  /** A quote's offers, oldest first, optionally of one status. */
  async ofQuote(
    db: Db,
    clinicId: ClinicId,
    quoteId: string,
    status?: PaymentPlanOfferStatus,
  ): Promise<PaymentPlanOfferRow[]> {
    return db
      .select()
      .from(paymentPlanOffers)
      .where(
        and(
          eq(paymentPlanOffers.clinicId, clinicId),
          eq(paymentPlanOffers.quoteId, quoteId),
          status === undefined ? undefined : eq(paymentPlanOffers.status, status),
        ),
      )
      .orderBy(asc(paymentPlanOffers.createdAt), asc(paymentPlanOffers.id));
  }

  /** Written only by PaymentPlanOfferLifecycle. */
  async updateStatus(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: PaymentPlanOfferStatus,
    changes: OfferChanges | undefined,
  ): Promise<PaymentPlanOfferRow> {
    return returnedRow(
      await db
        .update(paymentPlanOffers)
        .set({ ...changes, status, updatedAt: new Date() })
        .where(byTenantKey(paymentPlanOffers, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }
}
