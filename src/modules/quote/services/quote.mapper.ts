import { Money } from '../../../common/money';
import type { QuoteResponse } from '../dto/quote.dto';
import type { QuoteLineRow, QuoteRow } from '../repositories/quote.repository';
import type { QuoteStatus } from '../repositories/quote.schema';

/** An ISSUED quote past its validity reads as EXPIRED; nothing needs to rewrite it. */
export function effectiveQuoteStatus(quote: QuoteRow, now: Date): QuoteStatus {
  return quote.status === 'ISSUED' && quote.validUntil.getTime() < now.getTime()
    ? 'EXPIRED'
    : quote.status;
}

export function toQuoteResponse(quote: QuoteRow, lines: QuoteLineRow[], now: Date): QuoteResponse {
  const decimal = (value: string) => Money.fromDecimal(value).toDecimal();
  return {
    id: quote.id,
    quoteNumber: quote.quoteNumber,
    procedurePlanId: quote.procedurePlanId,
    patientId: quote.patientId,
    planNumber: quote.planNumber,
    procedureName: quote.procedureName,
    procedureCode: quote.procedureCode,
    status: effectiveQuoteStatus(quote, now),
    issuedAt: quote.issuedAt.toISOString(),
    validUntil: quote.validUntil.toISOString(),
    acceptedAt: quote.acceptedAt?.toISOString() ?? null,
    lines: lines.map((l) => ({
      kind: l.kind,
      code: l.code,
      description: l.description,
      quantity: l.quantity,
      unitPrice: decimal(l.unitPrice),
      amount: decimal(l.amount),
      payer: l.payer,
    })),
    total: decimal(quote.total),
    insurancePortion: decimal(quote.insurancePortion),
    patientPortion: decimal(quote.patientPortion),
  };
}
