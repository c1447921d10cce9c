import PDFDocument from 'pdfkit';
import { zonedDate } from '../time-zone';
import type { PostalAddress } from '../postal-address';

export interface PrintedDocumentHeading {
  /**
   * The clinic: its name printed as the title and recorded as the PDF's author; under the name,
   * where to reach it (its address and phone, as far as it has them), when they are given.
   */
  clinic: { name: string; address?: PostalAddress | null; phone?: string | null };
  /** What the document is, under the clinic's name ("Itemized statement"). */
  subtitle: string;
  /** The PDF's Title (and optional Subject) metadata. */
  title: string;
  subject?: string;
}

/** A page's margins in points; the default is 50 all round. */
export interface PrintedPageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * The one way Contour prints a document (quotes, bills, consents, the theater day, implant
 * cards): A4, the clinic's name on top, then what `draw` writes. Text streams are left uncompressed
 * (`compress: false`): these are a page or two, and plain streams let tests (and anyone with a
 * text editor) find what they say.
 */
export function printDocument(
  heading: PrintedDocumentHeading,
  draw: (doc: PDFKit.PDFDocument) => void,
  page: { margins?: PrintedPageMargins } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    ...(page.margins ? { margins: page.margins } : { margin: 50 }),
    compress: false,
    info: {
      Title: heading.title,
      Author: heading.clinic.name,
      ...(heading.subject === undefined ? {} : { Subject: heading.subject }),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { clinic } = heading;
  doc.font('Helvetica-Bold').fontSize(18).text(clinic.name);
  const contactLines = [
    ...(clinic.address ? addressLines(clinic.address) : []),
    ...(clinic.phone ? [`Phone ${clinic.phone}`] : []),
  ];
  if (contactLines.length > 0) doc.font('Helvetica').fontSize(9).text(contactLines.join('\n'));
  doc.moveDown(0.3);
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

const CELL_PADDING = 4;
const TABLE_FONT_SIZE = 9;

/**
 * A bordered table with a grey bold header row; `rightAligned` columns hold numbers. A column is
 * a width in points, `'fit'` (as wide as its widest line, header included, so a code, serial or
 * amount never wraps) or `'*'` (the width left; its text wraps at spaces, and it is kept at
 * least as wide as its longest word, so no word is broken either).
 */
export function table(
  doc: PDFKit.PDFDocument,
  columns: (number | '*' | 'fit')[],
  header: string[],
  rightAligned: number[],
  rows: string[][],
): void {
  const left = doc.page.margins.left;
  const align = (column: number) => ({
    x: rightAligned.includes(column) ? ('right' as const) : ('left' as const),
  });
  doc.font('Helvetica').fontSize(TABLE_FONT_SIZE);
  doc.table({
    position: { x: left },
    columnStyles: fittedWidths(doc, columns, header, rows),
    rowStyles: (row) => (row === 0 ? { backgroundColor: '#eeeeee' } : undefined),
    defaultStyle: { border: 0.5, borderColor: '#999999', padding: CELL_PADDING },
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

/** The widths of `table`'s columns, measured in the fonts the table prints in. */
export function fittedWidths(
  doc: PDFKit.PDFDocument,
  columns: (number | '*' | 'fit')[],
  header: string[],
  rows: string[][],
): number[] {
  const measure = (text: string, font: string) => {
    doc.font(font).fontSize(TABLE_FONT_SIZE);
    return doc.widthOfString(text);
  };
  // Padding both sides, the border, and a point so rounding never wraps a line that just fits.
  const cell = (textWidth: number) => Math.ceil(textWidth + 2 * CELL_PADDING + 2);
  const widest = (column: number, pieces: (text: string) => string[]) =>
    Math.max(
      ...pieces(header[column] ?? '').map((p) => measure(p, 'Helvetica-Bold')),
      ...rows.flatMap((row) => pieces(row[column] ?? '').map((p) => measure(p, 'Helvetica'))),
    );
  const lines = (text: string) => text.split('\n');
  const words = (text: string) => text.split(/\s+/);
  const widths = columns.map((c, column) =>
    c === 'fit' ? cell(widest(column, lines)) : c === '*' ? 0 : c,
  );
  const available = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const flexible = columns.flatMap((c, column) => (c === '*' ? [column] : []));
  const left = available - widths.reduce((a, b) => a + b, 0);
  for (const column of flexible)
    widths[column] = Math.max(cell(widest(column, words)), Math.floor(left / flexible.length));
  doc.font('Helvetica').fontSize(TABLE_FONT_SIZE);
  return widths;
}

/** The patient a document is for, as `patientDetails` prints them. */
export interface PrintedPatient {
  firstName: string;
  lastName: string;
  mrn: string;
  dateOfBirth: string;
  address: PostalAddress | null;
}

/**
 * The `details` rows that name the patient: name, MRN, the date of birth when asked for, and the
 * address when the clinic has it.
 */
export function patientDetails(
  patient: PrintedPatient,
  { dateOfBirth = false }: { dateOfBirth?: boolean } = {},
): [string, string][] {
  return [
    ['Patient', `${patient.firstName} ${patient.lastName}`],
    ['MRN', patient.mrn],
    ...(dateOfBirth ? [['Date of birth', patient.dateOfBirth] as [string, string]] : []),
    ...(patient.address
      ? [['Address', addressLines(patient.address).join('\n')] as [string, string]]
      : []),
  ];
}

/** Small grey text at the foot of a document. */
export function finePrint(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('Helvetica').fontSize(8).fillColor('#555555').text(text);
  doc.fillColor('black');
}

/** A postal address as printed: street lines, then city, state and postal code. */
export function addressLines(address: PostalAddress): string[] {
  return [
    address.line1,
    ...(address.line2 ? [address.line2] : []),
    `${address.city}, ${address.state} ${address.postalCode}`,
  ];
}

/** The date of an ISO instant on the clinic's calendar (docs/clinic.md "Time zones"). */
export function printedDate(iso: string, timeZone: string): string {
  return zonedDate(new Date(iso), timeZone);
}

/**
 * An instant as a wall-clock time in `timeZone`, naming the zone so a reader elsewhere is not
 * misled: `2026-12-02 09:14 EST (America/New_York)`.
 */
export function printedDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')} (${timeZone})`;
}

/** "8000.00" → "8,000.00": grouping on the decimal string, no arithmetic. */
export function printedAmount(decimal: string): string {
  const [units = '0', cents = '00'] = decimal.split('.');
  return `${units.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
