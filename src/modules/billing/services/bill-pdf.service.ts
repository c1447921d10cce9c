import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { invariant } from '../../../common/invariant';
import { ClinicService } from '../../clinic/services/clinic.service';
import type { PatientResponse } from '../../patient/dto/patient.dto';
import { PatientService } from '../../patient/services/patient.service';
import type { BillResponse } from '../dto/bill.dto';
import { BillingRepository } from '../repositories/billing.repository';
import { toBillResponse } from './bill.mapper';

export interface BillPdf {
  /** `<billNumber>.pdf`, safe inside a quoted Content-Disposition filename. */
  fileName: string;
  pdf: Buffer;
}

interface BillDocument {
  clinicName: string;
  patient: PatientResponse;
  caseNumber: string;
  bill: BillResponse;
}

type Line = BillResponse['lineItems'][number];

const KIND_LABELS: Record<Line['kind'], string> = {
  PROCEDURE: 'Procedure',
  FACILITY: 'Facility',
  ANESTHESIA: 'Anesthesia',
  SUPPLY: 'Supply',
};
const PAYER_LABELS: Record<Line['payer'], string> = {
  INSURANCE: 'Insurance',
  PATIENT: 'Patient',
};
const METHOD_LABELS: Record<BillResponse['payments'][number]['method'], string> = {
  CASH: 'Cash',
  CARD: 'Card',
  CHECK: 'Check',
  BANK_TRANSFER: 'Bank transfer',
  OTHER: 'Other',
};

/** `GET /bills/:id/pdf`: the itemized statement a patient receives, implant serial numbers included. */
@Injectable()
export class BillPdfService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly bills: BillingRepository,
    private readonly patients: PatientService,
    private readonly clinics: ClinicService,
    private readonly audit: AuditWriter,
  ) {}

  async renderBillPdf(caller: Caller, billId: string): Promise<BillPdf> {
    // Read before the transaction: it uses the plain handle, which PGlite's one connection
    // would only serve after the transaction ends.
    const clinic = await this.clinics.getOwnClinic(caller);
    const content = await this.tx.run(async (db): Promise<BillDocument> => {
      const bill = await this.bills.findById(db, caller.clinicId, billId);
      if (!bill) throw new NotFound('Bill', billId);
      const lines = await this.bills.linesOf(db, caller.clinicId, [bill.id]);
      const payments = await this.bills.paymentsOf(db, caller.clinicId, [bill.id]);
      const patient = await this.patients.findPatient(db, caller.clinicId, bill.patientId);
      invariant(patient, "a bill's patient is its clinic's (composite foreign key)");
      const caseNumber = await this.bills.caseNumberOf(db, caller.clinicId, bill.surgicalCaseId);
      invariant(caseNumber !== undefined, "a bill's case is its clinic's (composite foreign key)");
      await this.audit.recordReads(db, caller, 'bill.read-pdf', 'Bill', [bill.id]);
      return {
        clinicName: clinic.name,
        patient,
        caseNumber,
        bill: toBillResponse(bill, lines, payments),
      };
    });
    return {
      fileName: `${content.bill.billNumber.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`,
      pdf: await renderPdf(content),
    };
  }
}

/**
 * Text streams are left uncompressed (`compress: false`), as for quotes: a statement is a page
 * or two, and plain streams let tests (and anyone with a text editor) find what it says.
 */
function renderPdf({ clinicName, patient, caseNumber, bill }: BillDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: false,
    info: { Title: `Statement ${bill.billNumber}`, Author: clinicName },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(clinicName);
  doc.font('Helvetica').fontSize(10).fillColor('#555555').text('Itemized statement');
  doc.moveDown(1.5).fillColor('black');

  details(doc, [
    ['Bill number', bill.billNumber],
    ['Patient', `${patient.firstName} ${patient.lastName}`],
    ['MRN', patient.mrn],
    ['Surgical case', caseNumber],
    ['Issued', dateOf(bill.issuedAt)],
    ['Status', bill.status],
  ]);
  if (bill.status === 'VOID') {
    doc.moveDown(0.5);
    doc
      .font('Helvetica-Bold')
      .fillColor('#aa0000')
      .text(`VOID since ${dateOf(bill.voidedAt ?? bill.updatedAt)}: ${bill.voidReason ?? ''}`);
    doc.fillColor('black');
  }
  doc.moveDown(1.5);

  table(
    doc,
    [46, 62, '*', 26, 60, 60, 50],
    ['Kind', 'Code', 'Description', 'Qty', 'Unit price', 'Amount', 'Paid by'],
    [3, 4, 5],
    bill.lineItems.map((line) => [
      KIND_LABELS[line.kind],
      [line.procedureCode, ...line.modifiers].join('-'),
      describeLine(line),
      String(line.quantity),
      amount(line.unitPrice),
      amount(line.amount),
      PAYER_LABELS[line.payer],
    ]),
  );
  doc.moveDown(1.5);

  details(doc, [
    ['Total', amount(bill.total)],
    ['Insurance total', amount(bill.insuranceTotal)],
    ['Patient total', amount(bill.patientTotal)],
  ]);
  doc.moveDown(1.5);

  doc.font('Helvetica-Bold').fontSize(12).text('Payments received');
  doc.moveDown(0.5);
  if (bill.payments.length === 0) {
    doc.font('Helvetica').fontSize(10).text('None yet.');
  } else {
    table(
      doc,
      [80, 70, 90, '*', 70],
      ['Received', 'Payer', 'Method', 'Reference', 'Amount'],
      [4],
      bill.payments.map((p) => [
        dateOf(p.receivedAt),
        PAYER_LABELS[p.payer],
        METHOD_LABELS[p.method],
        p.reference ?? '',
        amount(p.amount),
      ]),
    );
  }
  doc.moveDown(1.5);

  details(doc, [
    ['Paid', amount(bill.paid)],
    ['Insurance balance', amount(bill.insuranceBalance)],
    ['Patient balance', amount(bill.patientBalance)],
    ['Balance due', amount(bill.balance)],
  ]);
  doc.moveDown(2);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor('#555555')
    .text(
      'This statement lists the procedures performed and the supplies used, with the serial ' +
        'numbers of implanted devices. Keep it with your records.',
    );
  doc.end();
  return done;
}

/**
 * The description, and under it each serial number on a line of its own: a serial wrapped at one
 * of its hyphens would no longer read (or search) as itself.
 */
function describeLine(line: Line): string {
  return line.serialNumbers.length > 0
    ? [line.description, 'Serial numbers:', ...line.serialNumbers].join('\n')
    : line.description;
}

/** A bordered table with a grey bold header row; `rightAligned` columns hold numbers. */
function table(
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
