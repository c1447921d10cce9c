import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { invariant } from '../../../common/invariant';
import { pdfFile, type PdfFile } from '../../../common/pdf/pdf-file';
import {
  details,
  finePrint,
  patientDetails,
  printDocument,
  printedAmount,
  printedDate,
  table,
} from '../../../common/pdf/printed-document';
import { type ClinicResponse, ClinicService } from '../../clinic';
import { type PatientResponse, PatientService } from '../../patient';
import { PAYER_LABELS, printLines } from '../../quote';
import type { BillResponse } from '../dto/bill.dto';
import { BillingRepository } from '../repositories/billing.repository';
import { toBillResponse } from './bill.mapper';

interface BillDocument {
  clinic: ClinicResponse;
  patient: PatientResponse;
  caseNumber: string;
  bill: BillResponse;
}

type Line = BillResponse['lineItems'][number];

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

  async renderBillPdf(caller: Caller, billId: string): Promise<PdfFile> {
    const content = await this.tx.run(async (db): Promise<BillDocument> => {
      const clinic = await this.clinics.getOwnClinic(caller);
      const bill = await this.bills.findById(db, caller.clinicId, billId);
      if (!bill) throw new NotFound('Bill', billId);
      const lines = await this.bills.linesOf(db, caller.clinicId, [bill.id]);
      const payments = await this.bills.paymentsOf(db, caller.clinicId, [bill.id]);
      const adjustments = await this.bills.adjustmentsOf(db, caller.clinicId, [bill.id]);
      const patient = await this.patients.findPatient(db, caller.clinicId, bill.patientId);
      invariant(patient, "a bill's patient is its clinic's (composite foreign key)");
      const caseNumber = await this.bills.caseNumberOf(db, caller.clinicId, bill.surgicalCaseId);
      invariant(caseNumber !== undefined, "a bill's case is its clinic's (composite foreign key)");
      await this.audit.recordReads(db, caller, 'bill.read-pdf', 'Bill', [bill.id]);
      return {
        clinic,
        patient,
        caseNumber,
        bill: toBillResponse(bill, lines, payments, adjustments),
      };
    });
    return pdfFile(content.bill.billNumber, await renderPdf(content));
  }
}

function renderPdf({ clinic, patient, caseNumber, bill }: BillDocument): Promise<Buffer> {
  const heading = {
    clinic,
    subtitle: 'Itemized statement',
    title: `Statement ${bill.billNumber}`,
  };
  return printDocument(heading, (doc) => {
    details(doc, [
      ['Bill number', bill.billNumber],
      ...patientDetails(patient),
      ['Surgical case', caseNumber],
      ['Issued', printedDate(bill.issuedAt, clinic.timeZone)],
      ['Status', bill.status],
    ]);
    if (bill.status === 'VOID') {
      doc.moveDown(0.5);
      doc
        .font('Helvetica-Bold')
        .fillColor('#aa0000')
        .text(
          `VOID since ${printedDate(bill.voidedAt ?? bill.updatedAt, clinic.timeZone)}: ${bill.voidReason ?? ''}`,
        );
      doc.fillColor('black');
    }
    doc.moveDown(1.5);

    printLines(
      doc,
      bill.lineItems.map((line) => ({
        ...line,
        code: [line.procedureCode, ...line.modifiers].join('-'),
        description: describeLine(line),
      })),
    );
    doc.moveDown(1.5);
    details(doc, [
      ['Total', printedAmount(bill.total)],
      ['Insurance total', printedAmount(bill.insuranceTotal)],
      ['Patient total', printedAmount(bill.patientTotal)],
    ]);
    doc.moveDown(1.5);

    doc.font('Helvetica-Bold').fontSize(12).text('Payments received');
    doc.moveDown(0.5);
    if (bill.payments.length === 0) {
      doc.font('Helvetica').fontSize(10).text('None yet.');
    } else {
      table(
        doc,
        ['fit', 'fit', 'fit', '*', 'fit'],
        ['Received', 'Payer', 'Method', 'Reference', 'Amount'],
        [4],
        bill.payments.map((p) => [
          printedDate(p.receivedAt, clinic.timeZone),
          PAYER_LABELS[p.payer],
          METHOD_LABELS[p.method],
          p.reference ?? '',
          printedAmount(p.amount),
        ]),
      );
    }
    doc.moveDown(1.5);
    details(doc, [
      ['Paid', printedAmount(bill.paid)],
      ...(bill.insuranceAdjusted === '0.00'
        ? []
        : [['Insurance adjustments', printedAmount(bill.insuranceAdjusted)] as [string, string]]),
      ...(bill.transferredToPatient === '0.00'
        ? []
        : [
            ['Patient responsibility from insurance', printedAmount(bill.transferredToPatient)] as [
              string,
              string,
            ],
          ]),
      ['Insurance balance', printedAmount(bill.insuranceBalance)],
      ['Patient balance', printedAmount(bill.patientBalance)],
      ['Balance due', printedAmount(bill.balance)],
    ]);
    doc.moveDown(2);
    finePrint(
      doc,
      'This statement lists the procedures performed and the supplies used, with the serial ' +
        'numbers of implanted devices. Keep it with your records.',
    );
  });
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
