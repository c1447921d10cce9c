import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { invariant } from '../../../common/invariant';
import { pdfFile, type PdfFile } from '../../../common/pdf/pdf-file';
import {
  details,
  finePrint,
  patientDetails,
  printDocument,
  printedDateTime,
} from '../../../common/pdf/printed-document';
import { type ClinicResponse, ClinicService } from '../../clinic';
import { type PatientResponse, PatientService } from '../../patient';
import type { ConsentResponse } from '../dto/consent.dto';
import { ConsentService, type SignedConsentForPrint } from './consent.service';

interface ConsentDocument extends SignedConsentForPrint {
  clinic: ClinicResponse;
  patient: PatientResponse;
}

const RELATIONSHIP_LABELS: Record<NonNullable<ConsentResponse['relationship']>, string> = {
  SELF: 'The patient',
  GUARDIAN: 'Guardian',
  POWER_OF_ATTORNEY: 'Power of attorney',
};
const METHOD_LABELS: Record<NonNullable<ConsentResponse['signatureMethod']>, string> = {
  TYPED: 'Typed name',
  DRAWN: 'Drawn signature',
};

/** `GET /consents/:id/pdf`: the signed consent for the patient's chart (docs/consents.md). */
@Injectable()
export class ConsentPdfService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly consents: ConsentService,
    private readonly patients: PatientService,
    private readonly clinics: ClinicService,
  ) {}

  async renderConsentPdf(caller: Caller, consentId: string): Promise<PdfFile> {
    const content = await this.tx.run(async (db): Promise<ConsentDocument> => {
      const clinic = await this.clinics.getOwnClinic(caller);
      const signed = await this.consents.signedConsentForPrint(db, caller, consentId);
      const patient = await this.patients.findPatient(
        db,
        caller.clinicId,
        signed.consent.patientId,
      );
      invariant(patient, "a consent's patient is its clinic's (composite foreign key)");
      return { ...signed, clinic, patient };
    });
    const { consent, patient } = content;
    const name = `consent-${consent.templateCode}-v${consent.templateVersion}-${patient.mrn}`;
    return pdfFile(name, await renderPdf(content));
  }
}

function renderPdf({
  clinic,
  patient,
  consent,
  recordedByName,
  witnessName,
}: ConsentDocument): Promise<Buffer> {
  const signedAt = consent.signedAt;
  invariant(signedAt !== null, 'only a signed consent is printed');
  const heading = {
    clinic,
    subtitle: 'Signed informed consent',
    title: consent.title,
    subject: `${consent.templateCode} v${consent.templateVersion}`,
  };
  return printDocument(heading, (doc) => {
    details(doc, [
      ...patientDetails(patient, { dateOfBirth: true }),
      ['Consent', `${consent.templateCode}, version ${consent.templateVersion}`],
      ['Status', consent.status],
    ]);
    doc.moveDown(1.5);
    doc.font('Helvetica-Bold').fontSize(13).text(consent.title);
    doc.moveDown(0.5);
    doc.font('Helvetica').fontSize(10).text(consent.body, { align: 'left' });
    doc.moveDown(1.5);

    doc.font('Helvetica-Bold').fontSize(12).text('Signature');
    doc.moveDown(0.5);
    details(doc, [
      ['Signed by', consent.signerName ?? ''],
      [
        'Relationship',
        consent.relationship === null ? '' : RELATIONSHIP_LABELS[consent.relationship],
      ],
      ['Method', consent.signatureMethod === null ? '' : METHOD_LABELS[consent.signatureMethod]],
      ['Signed at', printedDateTime(signedAt, clinic.timeZone)],
      ['Recorded by', recordedByName ?? ''],
      ['Witness', witnessName ?? 'None'],
    ]);
    if (consent.status === 'REVOKED') {
      doc.moveDown(0.5);
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor('#aa0000')
        .text(
          `REVOKED ${consent.revokedAt ? printedDateTime(consent.revokedAt, clinic.timeZone) : ''}: ${consent.revokeReason ?? ''}`,
        );
      doc.fillColor('black');
    }
    doc.moveDown(1.5);
    finePrint(
      doc,
      `Content hash (SHA-256 of the text above, as shown to the signer): ${consent.contentHash}`,
    );
  });
}
