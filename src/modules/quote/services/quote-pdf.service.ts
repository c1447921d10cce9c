import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { invariant } from '../../../common/invariant';
import { ClinicService } from '../../clinic/services/clinic.service';
import type { PatientResponse } from '../../patient/dto/patient.dto';
import { PatientService } from '../../patient/services/patient.service';
import type { QuoteResponse } from '../dto/quote.dto';
import { QuoteRepository } from '../repositories/quote.repository';
import { toQuoteResponse } from './quote.mapper';

export interface QuotePdf {
  /** `<quoteNumber>.pdf`, safe inside a quoted Content-Disposition filename. */
  fileName: string;
  pdf: Buffer;
}

interface QuoteDocument {
  clinicName: string;
  patient: PatientResponse;
  quote: QuoteResponse;
}

const KIND_LABELS: Record<QuoteResponse['lines'][number]['kind'], string> = {
  PROCEDURE: 'Procedure',
  FACILITY: 'Facility',
  ANESTHESIA: 'Anesthesia',
  SUPPLY: 'Supply',
};
const PAYER_LABELS: Record<QuoteResponse['lines'][number]['payer'], string> = {
  INSURANCE: 'Insurance',
  PATIENT: 'Patient',
};

/** `GET /quotes/:id/pdf`: the quote as a document a patient can read and keep (issue 4, item 6). */
@Injectable()
export class QuotePdfService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly quotes: QuoteRepository,
    private readonly patients: PatientService,
    private readonly clinics: ClinicService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async renderQuotePdf(caller: Caller, quoteId: string): Promise<QuotePdf> {
    // Read before the transaction: it uses the plain handle, which PGlite's one connection
    // would only serve after the transaction ends.
    const clinic = await this.clinics.getOwnClinic(caller);
    const content = await this.tx.run(async (db): Promise<QuoteDocument> => {
      const quote = await this.quotes.findById(db, caller.clinicId, quoteId);
      if (!quote) throw new NotFound('Quote', quoteId);
      const lines = await this.quotes.linesOf(db, caller.clinicId, quote.id);
      const patient = await this.patients.findPatient(db, caller.clinicId, quote.patientId);
      invariant(patient, "a quote's patient is its clinic's (composite foreign key)");
      await this.audit.recordReads(db, caller, 'quote.read-pdf', 'Quote', [quote.id]);
      return {
        clinicName: clinic.name,
        patient,
        quote: toQuoteResponse(quote, lines, this.clock.now()),
      };
    });
    return {
      fileName: `${content.quote.quoteNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`,
      pdf: await renderPdf(content),
    };
  }
}

/**
 * Text streams are left uncompressed (`compress: false`): a quote is a page or two, and plain
 * streams let tests (and anyone with a text editor) find what the document says.
 */
function renderPdf({ clinicName, patient, quote }: QuoteDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: false,
    info: { Title: `Quote ${quote.quoteNumber}`, Author: clinicName, Subject: quote.procedureName },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(clinicName);
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text('Cost estimate for your procedure');
  doc.moveDown(1.5).fillColor('black');

  details(doc, [
    ['Quote number', quote.quoteNumber],
    ['Patient', `${patient.firstName} ${patient.lastName}`],
    ['MRN', patient.mrn],
    ['Plan number', quote.planNumber],
    ['Procedure', quote.procedureName],
    ['Issued', dateOf(quote.issuedAt)],
    ['Valid until', dateOf(quote.validUntil)],
    ['Status', quote.status],
  ]);
  doc.moveDown(1.5);

  const left = doc.page.margins.left;
  doc.font('Helvetica').fontSize(9);
  doc.table({
    position: { x: left },
    columnStyles: [58, 100, '*', 28, 62, 62, 50],
    rowStyles: (row) => (row === 0 ? { backgroundColor: '#eeeeee' } : undefined),
    defaultStyle: { border: 0.5, borderColor: '#999999', padding: 4 },
    data: [
      ['Kind', 'Code', 'Description', 'Qty', 'Unit price', 'Amount', 'Paid by'].map(
        (text, column) => ({
          text,
          type: 'TH' as const,
          font: { src: 'Helvetica-Bold' },
          align: { x: column >= 3 && column <= 5 ? ('right' as const) : ('left' as const) },
        }),
      ),
      ...quote.lines.map((line) => [
        KIND_LABELS[line.kind],
        line.code,
        line.description,
        { text: String(line.quantity), align: { x: 'right' as const } },
        { text: amount(line.unitPrice), align: { x: 'right' as const } },
        { text: amount(line.amount), align: { x: 'right' as const } },
        PAYER_LABELS[line.payer],
      ]),
    ],
  });
  doc.x = left;
  doc.moveDown(1.5);

  details(doc, [
    ['Total', amount(quote.total)],
    ['Insurance portion', amount(quote.insurancePortion)],
    ['Patient portion', amount(quote.patientPortion)],
  ]);
  doc.moveDown(2);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#555555')
    .text(
      `This estimate is valid until ${dateOf(quote.validUntil)}. The insurance portion is an ` +
        'estimate and depends on the decision of your insurer; the final bill follows the ' +
        'procedure actually performed and the supplies actually used.',
    );
  doc.end();
  return done;
}

/** Label–value rows, labels bold in a fixed column. */
function details(doc: PDFKit.PDFDocument, rows: [string, string][]): void {
  const left = doc.page.margins.left;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).text(label, left, y, { width: 130 });
    doc.font('Helvetica').text(value, left + 140, y);
    doc.x = left;
  }
}

function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

/** "8000.00" → "8,000.00": grouping on the decimal string, no arithmetic. */
function amount(decimal: string): string {
  const [units = '0', cents = '00'] = decimal.split('.');
  return `${units.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
