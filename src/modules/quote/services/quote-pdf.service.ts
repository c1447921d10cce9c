import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
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
} from '../../../common/pdf/printed-document';
import { type ClinicResponse, ClinicService } from '../../clinic';
import { type PatientResponse, PatientService } from '../../patient';
import type { QuoteResponse } from '../dto/quote.dto';
import { QuoteRepository } from '../repositories/quote.repository';
import { printLines } from './printed-lines';
import { toQuoteResponse } from './quote.mapper';

interface QuoteDocument {
  clinic: ClinicResponse;
  patient: PatientResponse;
  quote: QuoteResponse;
}

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

  async renderQuotePdf(caller: Caller, quoteId: string): Promise<PdfFile> {
    const content = await this.tx.run(async (db): Promise<QuoteDocument> => {
      const clinic = await this.clinics.getOwnClinic(caller);
      const quote = await this.quotes.findById(db, caller.clinicId, quoteId);
      if (!quote) throw new NotFound('Quote', quoteId);
      const lines = await this.quotes.linesOf(db, caller.clinicId, quote.id);
      const patient = await this.patients.findPatient(db, caller.clinicId, quote.patientId);
      invariant(patient, "a quote's patient is its clinic's (composite foreign key)");
      await this.audit.recordReads(db, caller, 'quote.read-pdf', 'Quote', [quote.id]);
      return {
        clinic,
        patient,
        quote: toQuoteResponse(quote, lines, this.clock.now()),
      };
    });
    return pdfFile(content.quote.quoteNumber, await renderPdf(content));
  }
}

function renderPdf({ clinic, patient, quote }: QuoteDocument): Promise<Buffer> {
  const heading = {
    clinic,
    subtitle: 'Cost estimate for your procedure',
    title: `Quote ${quote.quoteNumber}`,
    subject: quote.procedureName,
  };
  return printDocument(heading, (doc) => {
    details(doc, [
      ['Quote number', quote.quoteNumber],
      ...patientDetails(patient),
      ['Plan number', quote.planNumber],
      ['Procedure', quote.procedureName],
      ['Issued', printedDate(quote.issuedAt, clinic.timeZone)],
      ['Valid until', printedDate(quote.validUntil, clinic.timeZone)],
      ['Status', quote.status],
    ]);
    doc.moveDown(1.5);
    printLines(doc, quote.lines);
    doc.moveDown(1.5);
    details(doc, [
      ['Total', printedAmount(quote.total)],
      ['Insurance portion', printedAmount(quote.insurancePortion)],
      ['Patient portion', printedAmount(quote.patientPortion)],
    ]);
    doc.moveDown(2);
    finePrint(
      doc,
      `This estimate is valid until ${printedDate(quote.validUntil, clinic.timeZone)}. The insurance portion is an ` +
        'estimate and depends on the decision of your insurer; the final bill follows the ' +
        'procedure actually performed and the supplies actually used.',
    );
  });
}
