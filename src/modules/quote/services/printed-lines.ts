import { printedAmount, table } from '../../../common/pdf/printed-document';
import type { Payer, QuoteLineKind } from '../repositories/quote.schema';

/** A priced line as a quote or a bill prints it: the code and description as that document words them. */
export interface PrintedLine {
  kind: QuoteLineKind;
  code: string;
  description: string;
  quantity: number;
  unitPrice: string;
  amount: string;
  payer: Payer;
}

const KIND_LABELS: Record<QuoteLineKind, string> = {
  PROCEDURE: 'Procedure',
  FACILITY: 'Facility',
  ANESTHESIA: 'Anesthesia',
  SUPPLY: 'Supply',
};

/** Who pays, as a printed document says it. */
export const PAYER_LABELS: Record<Payer, string> = {
  INSURANCE: 'Insurance',
  PATIENT: 'Patient',
};

/**
 * The table of priced lines, the same on a quote and on the bill that follows it, so a patient
 * can lay one beside the other: kind, code, description, quantity, unit price, amount, payer.
 */
export function printLines(doc: PDFKit.PDFDocument, lines: readonly PrintedLine[]): void {
  table(
    doc,
    ['fit', 'fit', '*', 'fit', 'fit', 'fit', 'fit'],
    ['Kind', 'Code', 'Description', 'Qty', 'Unit price', 'Amount', 'Paid by'],
    [3, 4, 5],
    lines.map((line) => [
      KIND_LABELS[line.kind],
      line.code,
      line.description,
      String(line.quantity),
      printedAmount(line.unitPrice),
      printedAmount(line.amount),
      PAYER_LABELS[line.payer],
    ]),
  );
}
