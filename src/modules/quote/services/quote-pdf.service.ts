import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Actor, Caller, PatientLinkActor } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
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
import { QuoteRepository, type QuoteRow } from '../repositories/quote.repository';
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
    return this.render(caller, (db) => this.quotes.findById(db, caller.clinicId, quoteId), quoteId);
  }

  /** The quote of the link's plan (its live one), for the patient (docs/patient-portal.md). */
  async renderForPatient(actor: PatientLinkActor): Promise<PdfFile> {
    return this.render(actor.audit, (db) =>
      this.quotes.liveForPlan(db, actor.clinicId, actor.procedurePlanId),
    );
  }

  private async render(
    actor: Actor,
    find: (db: Db) => Promise<QuoteRow | undefined>,
    quoteId?: string,
  ): Promise<PdfFile> {
    const content = await this.tx.run(async (db): Promise<QuoteDocument> => {
      const clinic = await this.clinics.getOwnClinic(actor);
      const quote = await find(db);
      if (!quote) throw new NotFound('Quote', quoteId);
      const lines = await this.quotes.linesOf(db, actor.clinicId, quote.id);
      const patient = await this.patients.findPatient(db, actor.clinicId, quote.patientId);
      invariant(patient, "a quote's patient is its clinic's (composite foreign key)");
      await this.audit.recordReads(db, actor, 'quote.read-pdf', 'Quote', [quote.id]);
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
