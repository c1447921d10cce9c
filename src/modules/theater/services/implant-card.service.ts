import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId, PatientLinkActor } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { InvalidStateTransition, NotFound } from '../../../common/errors/domain-error';
import { invariant } from '../../../common/invariant';
import { pdfFile, type PdfFile } from '../../../common/pdf/pdf-file';
import { zonedDate } from '../../../common/time-zone';
import { gs1ElementString } from '../../inventory';
import { UserQueries } from '../../user';
import type { ImplantCard } from '../dto/implant-card.dto';
import { SurgicalCaseRepository, type CaseRow } from '../repositories/surgical-case.repository';
import { implantCardsPdf } from './implant-card.pdf';

const ENTITY = 'SurgicalCase';

interface CardContent {
  theCase: CaseRow;
  clinic: { name: string; phone: string | null };
  patientName: string;
  cards: ImplantCard[];
}
const ACTION = 'surgical-case.read-implant-card';

/**
 * The patient's device cards (docs/theater.md "Implant card"): one per implant a COMPLETED case
 * used, for the staff (`GET /surgical-cases/:id/implant-card`) and the patient link.
 */
@Injectable()
export class ImplantCardService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: SurgicalCaseRepository,
    private readonly users: UserQueries,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * The cards of a plan's case, in the caller's transaction: none unless the case is COMPLETED.
   * It audits nothing: the caller (the portal) records the read for its actor.
   */
  async cardsForPlan(db: Db, clinicId: ClinicId, planId: string): Promise<ImplantCard[]> {
    const theCase = await this.cases.completedOfPlan(db, clinicId, planId);
    return theCase ? (await this.cardsOf(db, clinicId, theCase)).cards : [];
  }

  /** The staff's PDF of a COMPLETED case's cards (409 before); audited as a read of the case. */
  async pdfForCase(caller: Caller, caseId: string): Promise<PdfFile> {
    const content = await this.tx.run(async (db) => {
      const theCase = await this.cases.findById(db, caller.clinicId, caseId);
      if (!theCase) throw new NotFound(ENTITY, caseId);
      if (theCase.status !== 'COMPLETED')
        throw new InvalidStateTransition(
          theCase.status,
          'print the implant card',
          `The implant card is printed once the case is COMPLETED; this case is ${theCase.status}`,
        );
      const content = await this.cardsOf(db, caller.clinicId, theCase);
      await this.audit.recordReads(db, caller, ACTION, ENTITY, [theCase.id]);
      return content;
    });
    return this.pdf(content);
  }

  /**
   * The same PDF for the patient, found only through the link's plan and patient: 409 until the
   * surgery is completed. Audited for the link.
   */
  async pdfForPlan(actor: PatientLinkActor): Promise<PdfFile> {
    const content = await this.tx.run(async (db) => {
      const theCase = await this.cases.completedOfPlan(db, actor.clinicId, actor.procedurePlanId);
      if (!theCase || theCase.patientId !== actor.patientId)
        throw new InvalidStateTransition(
          'NOT_COMPLETED',
          'print the implant card',
          'Your implant card is ready once your surgery is completed',
        );
      const content = await this.cardsOf(db, actor.clinicId, theCase);
      await this.audit.record(db, actor.audit, {
        action: ACTION,
        entityType: ENTITY,
        entityId: theCase.id,
        metadata: { via: 'patient-link' },
      });
      return content;
    });
    return this.pdf(content);
  }

  private async cardsOf(db: Db, clinicId: ClinicId, theCase: CaseRow): Promise<CardContent> {
    const clinic = await this.cases.cardClinic(db, clinicId);
    invariant(clinic, "a case's clinic exists");
    const surgeon = await this.users.findById(db, clinicId, theCase.surgeonId);
    const patientName = (await this.cases.patientNames(db, clinicId, [theCase.patientId])).get(
      theCase.patientId,
    );
    invariant(patientName !== undefined, "a case's patient exists");
    // The day of the surgery on the clinic's calendar: when it started (a completed case did).
    const surgeryDate = zonedDate(theCase.startedAt ?? theCase.scheduledStart, clinic.timeZone);
    const used = await this.cases.implantsUsed(db, clinicId, theCase.id);
    const cards = used.flatMap((u) =>
      // A serial-numbered unit is one usage of 1; an IMPLANT item without serials, one card each.
      Array.from({ length: u.serialNumber ? 1 : u.quantity }, () => ({
        manufacturer: u.manufacturer,
        deviceName: u.itemName,
        size: u.size,
        shape: u.shape,
        lotNumber: u.batchNumber,
        serialNumber: u.serialNumber,
        udi: u.gtin
          ? gs1ElementString({
              gtin: u.gtin,
              expiresOn: u.expiresAt,
              lot: u.batchNumber,
              serial: u.serialNumber,
            })
          : null,
        surgeryDate,
        surgeonName: surgeon?.name ?? '',
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
      })),
    );
    return { theCase, clinic, patientName, cards };
  }

  private async pdf(content: CardContent): Promise<PdfFile> {
    const pdf = await implantCardsPdf({
      clinic: content.clinic,
      patientName: content.patientName,
      caseNumber: content.theCase.caseNumber,
      cards: content.cards,
    });
    return pdfFile(`implant-cards-${content.theCase.caseNumber}`, pdf);
  }
}
