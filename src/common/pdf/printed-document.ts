import PDFDocument from 'pdfkit';
import { zonedDate } from '../time-zone';

export interface PrintedDocumentHeading {
  /** The clinic's name, printed as the title and recorded as the PDF's author. */
  clinicName: string;
  /** What the document is, under the clinic's name ("Itemized statement"). */
  subtitle: string;
  /** The PDF's Title (and optional Subject) metadata. */
  title: string;
  subject?: string;
}

/**
 * The one way Contour prints a document for a patient (quotes, bills): A4, the clinic's name on
 * top, then what `draw` writes. Text streams are left uncompressed (`compress: false`): these are
 * a page or two, and plain streams let tests (and anyone with a text editor) find what they say.
 */
export function printDocument(
  heading: PrintedDocumentHeading,
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: false,
    info: {
      Title: heading.title,
      Author: heading.clinicName,
      ...(heading.subject === undefined ? {} : { Subject: heading.subject }),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(heading.clinicName);
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text(heading.subtitle);
  doc.moveDown(1.5).fillColor('black');
  draw(doc);
  doc.end();
  return done;
}

/** Label–value rows, labels bold in a fixed column. */
export function details(doc: PDFKit.PDFDocument, rows: [string, string][]): void {
  const left = doc.page.margins.left;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).text(label, left, y, { width: 130 });
    doc.font('Helvetica').text(value, left + 140, y);
    doc.x = left;
  }
}

/** A bordered table with a grey bold header row; `rightAligned` columns hold numbers. */
export function table(
  doc: PDFKit.PDFDocument,
  columns: (number | '*')[],
  header: string[],
  rightAligned: number[],
  rows: string[][],
): void {
  const left = doc.page.margins.left;
  const align = (column: number) => ({
    x: rightAligned.includes(column) ? ('right' as const) : ('left' as const),
  });
  doc.font('Helvetica').fontSize(9);
  doc.table({
    position: { x: left },
    columnStyles: columns,
    rowStyles: (row) => (row === 0 ? { backgroundColor: '#eeeeee' } : undefined),
    defaultStyle: { border: 0.5, borderColor: '#999999', padding: 4 },
    data: [
      header.map((text, column) => ({
        text,
        type: 'TH' as const,
        font: { src: 'Helvetica-Bold' },
        align: align(column),
      })),
      ...rows.map((row) => row.map((text, column) => ({ text, align: align(column) }))),
    ],
  });
  doc.x = left;
}

/** Small grey text at the foot of a document. */
export function finePrint(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('Helvetica').fontSize(8).fillColor('#555555').text(text);
  doc.fillColor('black');
}

/** The date of an ISO instant on the clinic's calendar (docs/clinic.md "Time zones"). */
export function printedDate(iso: string, timeZone: string): string {
  return zonedDate(new Date(iso), timeZone);
}

/** "8000.00" → "8,000.00": grouping on the decimal string, no arithmetic. */
export function printedAmount(decimal: string): string {
  const [units = '0', cents = '00'] = decimal.split('.');
  return `${units.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
