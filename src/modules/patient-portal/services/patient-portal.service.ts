import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { PatientLinkActor } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { invariant } from '../../../common/invariant';
import type { PdfFile } from '../../../common/pdf/pdf-file';
import { ClinicService } from '../../clinic';
import { PlanConsentService } from '../../consent';
import { FdaChecklistService } from '../../fda-checklist';
import { PatientService } from '../../patient';
import { PaymentPlanOfferService } from '../../payment-plan';
import { PlanQueries, ProcedurePlanWorkflowService } from '../../procedure-plan';
import { ImplantCardService } from '../../theater';
import { effectiveQuoteStatus, QuotePdfService, QuoteQueries, toQuoteResponse } from '../../quote';
import type { PortalImplantCards, PortalOverview, PortalQuote } from '../dto/patient-portal.dto';

/** What the patient sees of their plan through the link; every read is audited as the link's. */
@Injectable()
export class PatientPortalService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly plans: PlanQueries,
    private readonly patients: PatientService,
    private readonly clinics: ClinicService,
    private readonly quotes: QuoteQueries,
    private readonly quotePdfs: QuotePdfService,
    private readonly consents: PlanConsentService,
    private readonly workflow: ProcedurePlanWorkflowService,
    private readonly offers: PaymentPlanOfferService,
    private readonly implantCards: ImplantCardService,
    private readonly fdaChecklists: FdaChecklistService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  overview(actor: PatientLinkActor): Promise<PortalOverview> {
    return this.tx.run(async (db) => {
      const overview = await this.readOverview(db, actor);
      await this.audit.recordReads(db, actor.audit, 'procedure-plan.read', 'ProcedurePlan', [
        actor.procedurePlanId,
      ]);
      return overview;
    });
  }

  quote(actor: PatientLinkActor): Promise<PortalQuote> {
    return this.tx.run(async (db) => {
      const quote = await this.quotes.liveForPlan(db, actor.clinicId, actor.procedurePlanId);
      if (!quote) throw new NotFound('Quote');
      const lines = await this.quotes.linesOf(db, actor.clinicId, quote.id);
      const shown = toQuoteResponse(quote, lines, this.clock.now());
      await this.audit.recordReads(db, actor.audit, 'quote.read', 'Quote', [quote.id]);
      return {
        quoteNumber: shown.quoteNumber,
        status: shown.status,
        validUntil: shown.validUntil,
        total: shown.total,
        insurancePortion: shown.insurancePortion,
        patientPortion: shown.patientPortion,
        lines: shown.lines.map((line) => ({
          description: line.description,
          code: line.code,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          amount: line.amount,
          payer: line.payer,
        })),
      };
    });
  }

  quotePdf(actor: PatientLinkActor): Promise<PdfFile> {
    return this.quotePdfs.renderForPatient(actor);
  }

  /**
   * The patient approves the plan: the staff's approval rules, plus a signed consent (and FDA
   * checklist where required), recorded as approved through this link.
   */
  approve(actor: PatientLinkActor): Promise<PortalOverview> {
    return this.tx.run(async (db) => {
      const checklist = await this.fdaChecklists.unmetForApproval(
        db,
        actor.clinicId,
        actor.procedurePlanId,
      );
      await this.workflow.approveAsPatient(actor, checklist);
      return this.readOverview(db, actor);
    });
  }

  implantCardList(actor: PatientLinkActor): Promise<PortalImplantCards> {
    return this.tx.run(async (db) => {
      const cards = await this.implantCards.cardsForPlan(db, actor.clinicId, actor.procedurePlanId);
      await this.audit.recordReads(
        db,
        actor.audit,
        'procedure-plan.read-implant-cards',
        'ProcedurePlan',
        [actor.procedurePlanId],
      );
      return { cards };
    });
  }

  private async readOverview(db: Db, actor: PatientLinkActor): Promise<PortalOverview> {
    const plan = await this.plans.findById(db, actor.clinicId, actor.procedurePlanId);
    invariant(plan, "a link's plan is its clinic's (composite foreign key)");
    const patient = await this.patients.findPatient(db, actor.clinicId, actor.patientId);
    invariant(patient, "a link's patient is its clinic's (composite foreign key)");
    const clinic = await this.clinics.getOwnClinic(actor);
    const quote = await this.quotes.liveForPlan(db, actor.clinicId, plan.id);
    const quoteStatus = quote ? effectiveQuoteStatus(quote, this.clock.now()) : undefined;
    const consent = (await this.consents.summariesForPlans(db, actor.clinicId, [plan.id])).get(
      plan.id,
    );
    const approved =
      plan.approvedAt !== null && plan.status !== 'QUOTED' && plan.status !== 'DRAFT';
    const consentStatus = consent?.status ?? 'NONE';
    const implantCards = await this.implantCards.cardsForPlan(db, actor.clinicId, plan.id);
    const fdaChecklist = await this.fdaChecklists.statusForPlan(db, actor.clinicId, plan.id);
    const checklistSigned = fdaChecklist !== 'PENDING';
    return {
      clinic: { name: clinic.name, phone: clinic.phone },
      patient: { firstName: patient.firstName },
      link: { expiresAt: actor.expiresAt.toISOString() },
      plan: {
        planNumber: plan.planNumber,
        procedureName: plan.procedureName,
        status: plan.status,
        approvedAt: plan.approvedAt?.toISOString() ?? null,
        approvedByPatient: plan.approvedByPatientLinkId !== null,
      },
      steps: {
        quote: !quote ? 'NONE' : quoteStatus === 'EXPIRED' ? 'EXPIRED' : 'AVAILABLE',
        consent: consentStatus,
        fdaChecklist,
        approval: approved
          ? 'APPROVED'
          : plan.status === 'QUOTED' &&
              quoteStatus === 'ISSUED' &&
              consentStatus === 'SIGNED' &&
              checklistSigned
            ? 'READY'
            : 'NOT_YET',
        paymentPlan: await this.offers.paymentPlanStep(db, actor.clinicId, plan.id),
        implantCards: implantCards.length,
      },
    };
  }
}
