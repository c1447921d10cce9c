import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fittedWidths } from '../src/common/pdf/printed-document';

// The measure every cell needs: its text in the table's 9 pt font, padding 4 each side.
function needed(doc: PDFKit.PDFDocument, text: string, font = 'Helvetica'): number {
  doc.font(font).fontSize(9);
  return doc.widthOfString(text) + 8;
}

describe('fittedWidths (the columns of a printed table)', () => {
  const doc = new PDFDocument({ size: 'A4', margin: 50 });
  const header = ['Kind', 'Code', 'Description', 'Qty', 'Unit price', 'Amount', 'Paid by'];
  const rows = [
    [
      'Anesthesia',
      '19325-50-LT',
      'Breast augmentation with implant, bilateral, with capsulectomy and mastopexy\nSerial numbers:\nSN-ABCDEFGHIJ-0123456',
      '12',
      '12,345.00',
      '148,140.00',
      'Insurance',
    ],
  ];

  it('makes a fitted column as wide as its widest line, header included, so nothing in it wraps', () => {
    const widths = fittedWidths(doc, ['fit', 'fit', '*', 'fit', 'fit', 'fit', 'fit'], header, rows);

    expect(widths[0]).toBeGreaterThanOrEqual(needed(doc, 'Anesthesia'));
    expect(widths[1]).toBeGreaterThanOrEqual(needed(doc, '19325-50-LT'));
    expect(widths[4]).toBeGreaterThanOrEqual(needed(doc, 'Unit price', 'Helvetica-Bold'));
    expect(widths[5]).toBeGreaterThanOrEqual(needed(doc, '148,140.00'));
    expect(widths[6]).toBeGreaterThanOrEqual(needed(doc, 'Insurance'));
  });

  it('gives the flexible column the rest of the page, never less than its longest word', () => {
    const widths = fittedWidths(doc, ['fit', 'fit', '*', 'fit', 'fit', 'fit', 'fit'], header, rows);

    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(595 - 100 + 1);
    expect(widths[2]).toBeGreaterThanOrEqual(needed(doc, 'SN-ABCDEFGHIJ-0123456'));
    expect(widths[2]).toBeLessThan(needed(doc, rows[0]![2]!.split('\n')[0]!));
  });

  it('keeps a width given in points', () => {
    expect(fittedWidths(doc, [80, '*'], ['a', 'b'], [['x', 'y']])[0]).toBe(80);
  });
});
