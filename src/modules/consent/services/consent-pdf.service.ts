import { Injectable } from '@nestjs/common';
import type { Caller, ClinicId, PatientLinkActor } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
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
import { decodeSignatureImage } from './signature-image';

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

/**
 * `GET /consents/:id/pdf`, and the patient's own copy through their link: the signed consent for
 * the patient's chart (docs/consents.md).
 */
@Injectable()
export class ConsentPdfService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly consents: ConsentService,
    private readonly patients: PatientService,
    private readonly clinics: ClinicService,
  ) {}

  async renderConsentPdf(caller: Caller, consentId: string): Promise<PdfFile> {
    return this.render(caller.clinicId, (db) =>
      this.consents.signedConsentForPrint(db, caller, consentId),
    );
  }

  /**
   * The patient's signed consent (their plan's current one) as the staff route prints it, for the
   * patient portal to send; audited as `consent.read-pdf` by the link. 404 without a consent, 409
   * before it is signed.
   */
  async pdfForPatient(actor: PatientLinkActor): Promise<PdfFile> {
    return this.render(actor.clinicId, (db) =>
      this.consents.patientSignedConsentForPrint(db, actor),
    );
  }

  private async render(
    clinicId: ClinicId,
    signedConsent: (db: Db) => Promise<SignedConsentForPrint>,
  ): Promise<PdfFile> {
    const content = await this.tx.run(async (db): Promise<ConsentDocument> => {
      const signed = await signedConsent(db);
      const clinic = await this.clinics.getOwnClinic({ clinicId });
      const patient = await this.patients.findPatient(db, clinicId, signed.consent.patientId);
      invariant(patient, "a consent's patient is its clinic's (composite foreign key)");
      return { ...signed, clinic, patient };
    });
    const { consent, patient } = content;
    const name = `consent-${consent.templateCode}-v${consent.templateVersion}-${patient.mrn}`;
    return pdfFile(name, await renderPdf(content));
  }
}

const CHANNEL_LABELS: Record<NonNullable<ConsentResponse['evidence']>['channel'], string> = {
  STAFF: 'In the clinic, recorded by staff',
  PATIENT_LINK: "By the patient, through the patient's link",
};

function renderPdf({
  clinic,
  patient,
  consent,
  recordedByName,
  witnessName,
  signatureData,
}: ConsentDocument): Promise<Buffer> {
  const evidence = consent.evidence;
  invariant(evidence !== null, 'only a signed consent is printed');
  const heading = {
    clinic,
    subtitle: 'Signed informed consent',
    title: consent.title,
    subject: `${consent.templateCode} v${consent.templateVersion}`,
  };
  const throughLink = evidence.channel === 'PATIENT_LINK';
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

    keepTogether(doc, 200);
    doc.font('Helvetica-Bold').fontSize(12).text('Signature');
    doc.moveDown(0.5);
    printSignature(doc, consent.signatureMethod, signatureData);
    details(doc, [
      ['Signed by', consent.signerName ?? ''],
      [
        'Relationship',
        consent.relationship === null ? '' : RELATIONSHIP_LABELS[consent.relationship],
      ],
      ['Signed at', printedDateTime(evidence.signedAt, clinic.timeZone)],
      ['Recorded by', throughLink ? 'The patient, through their link' : (recordedByName ?? '')],
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

    keepTogether(doc, 160);
    doc.font('Helvetica-Bold').fontSize(12).text('Evidence');
    doc.moveDown(0.5);
    details(doc, [
      ['Method', METHOD_LABELS[evidence.method]],
      ['Channel', CHANNEL_LABELS[evidence.channel]],
      ...(evidence.patientLinkId === null
        ? []
        : [['Patient link', evidence.patientLinkId] as [string, string]]),
      ['Signed at', printedDateTime(evidence.signedAt, clinic.timeZone)],
      ['Signed at (UTC)', evidence.signedAt],
      ['IP address', evidence.ipAddress ?? 'Not recorded'],
      ['User agent', evidence.userAgent ?? 'Not recorded'],
    ]);
    doc.moveDown(1);
    finePrint(
      doc,
      `Content hash (SHA-256 of the text above, as shown to the signer): ${evidence.contentHash}`,
    );
  });
}

/** A new page unless `height` points are left on this one (the signature block stays whole). */
function keepTogether(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * The signature as given: a drawn PNG or JPEG printed as its image, a drawn SVG noted (pdfkit
 * draws no SVG), a typed one as the typed text. An image pdfkit cannot read is noted, never a
 * failed print.
 */
function printSignature(
  doc: PDFKit.PDFDocument,
  method: ConsentResponse['signatureMethod'],
  signatureData: string | null,
): void {
  const left = doc.page.margins.left;
  if (method === 'TYPED' && signatureData !== null) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(14)
      .text(signatureData, left + 140);
    doc.x = left;
    doc.moveDown(0.5);
    return;
  }
  const image = signatureData === null ? null : decodeSignatureImage(signatureData);
  let note: string | null = null;
  if (image === null) note = 'Drawn signature: no image on file';
  else if (image.type === 'SVG') note = 'Drawn signature on file (SVG)';
  else {
    const top = doc.y;
    try {
      doc.image(image.bytes, left + 140, top, { fit: [240, 90] });
      doc
        .rect(left + 140, top, 240, 90)
        .lineWidth(0.5)
        .strokeColor('#999999')
        .stroke();
      doc.strokeColor('black');
      doc.y = top + 96;
    } catch {
      doc.y = top;
      note = 'Drawn signature on file (its image could not be printed)';
    }
  }
  if (note !== null) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(10)
      .text(note, left + 140);
  }
  doc.x = left;
  doc.moveDown(0.3);
}
