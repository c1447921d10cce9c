import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { trustedClinicId, type Caller, type ClinicId, type Role } from '../../common/auth/caller';
import { Clock } from '../../common/clock';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { invariant } from '../../common/invariant';
import { Money } from '../../common/money';
import { zonedDate, zonedInstant } from '../../common/time-zone';
import { RecordBillPaymentBody } from '../../modules/billing/dto/bill.dto';
import { BillingRepository } from '../../modules/billing/repositories/billing.repository';
import { BillingService } from '../../modules/billing/services/billing.service';
import {
  ClaimService,
  ClaimSubmissionService,
  CreateClaimBody,
  CreateSubmissionBody,
  ListSubmissionsQuery,
} from '../../modules/claims';
import { PutBillingProfileBody } from '../../modules/clinic/dto/clinic-billing-profile.dto';
import { UpdateClinicBody } from '../../modules/clinic/dto/clinic.dto';
import { ClinicRepository } from '../../modules/clinic/repositories/clinic.repository';
import { ClinicBillingProfileService } from '../../modules/clinic/services/clinic-billing-profile.service';
import { ClinicService } from '../../modules/clinic/services/clinic.service';
import {
  CreateConsentTemplateBody,
  ListConsentTemplatesQuery,
} from '../../modules/consent/dto/consent-template.dto';
import { SignConsentBody } from '../../modules/consent/dto/consent.dto';
import { ConsentTemplateService } from '../../modules/consent/services/consent-template.service';
import { ConsentService } from '../../modules/consent/services/consent.service';
import { CreateConsultationBody } from '../../modules/consultation/dto/consultation.dto';
import { ConsultationRepository } from '../../modules/consultation/repositories/consultation.repository';
import { ConsultationService } from '../../modules/consultation/services/consultation.service';
import { PutFeeScheduleEntryBody } from '../../modules/fee-schedule/dto/fee-schedule.dto';
import { SignFdaChecklistBody } from '../../modules/fda-checklist/dto/fda-checklist.dto';
import { FdaChecklistService } from '../../modules/fda-checklist/services/fda-checklist.service';
import { FeeScheduleService } from '../../modules/fee-schedule/services/fee-schedule.service';
import {
  CreateInventoryItemBody,
  UpdateInventoryItemBody,
} from '../../modules/inventory/dto/inventory-item.dto';
import { ReceiveBatchBody } from '../../modules/inventory/dto/inventory-stock.dto';
import { InventoryItemRepository } from '../../modules/inventory/repositories/inventory-item.repository';
import { InventoryItemService } from '../../modules/inventory/services/inventory-item.service';
import { InventoryStockService } from '../../modules/inventory/services/inventory-stock.service';
import { CreatePatientBody, UpdatePatientBody } from '../../modules/patient/dto/patient.dto';
import { PatientRepository } from '../../modules/patient/repositories/patient.repository';
import { PatientService } from '../../modules/patient/services/patient.service';
import type { PatientSearch } from '../../modules/patient/services/patient-search';
import {
  CreatePayerBody,
  ListPayersQuery,
  PatientInsuranceService,
  PayerService,
  PutPatientInsuranceBody,
} from '../../modules/payer';
import {
  CreatePriorAuthorizationBody,
  RecordDecisionBody,
} from '../../modules/prior-authorization/dto/prior-authorization.dto';
import { PriorAuthorizationRepository } from '../../modules/prior-authorization/repositories/prior-authorization.repository';
import { PriorAuthorizationWorkflowService } from '../../modules/prior-authorization/services/prior-authorization-workflow.service';
import { PriorAuthorizationService } from '../../modules/prior-authorization/services/prior-authorization.service';
import { PlanQueries } from '../../modules/procedure-plan';
import {
  ApproveProcedurePlanBody,
  CancelProcedurePlanBody,
} from '../../modules/procedure-plan/dto/approve-procedure-plan.dto';
import { CreateProcedurePlanBody } from '../../modules/procedure-plan/dto/create-procedure-plan.dto';
import { ListProcedurePlansQuery } from '../../modules/procedure-plan/dto/list-procedure-plans.dto';
import {
  AllocateRequirementBody,
  type ProcedurePlanResponse,
} from '../../modules/procedure-plan/dto/procedure-plan-response.dto';
import type { PlanStatus } from '../../modules/procedure-plan/repositories/procedure-plan.schema';
import { PlanInventoryService } from '../../modules/procedure-plan/services/plan-inventory.service';
import { PlanPresenter } from '../../modules/procedure-plan/services/plan-presenter';
import { ProcedurePlanWorkflowService } from '../../modules/procedure-plan/services/procedure-plan-workflow.service';
import { ProcedurePlanService } from '../../modules/procedure-plan/services/procedure-plan.service';
import { CreateQuoteBody } from '../../modules/quote/dto/quote.dto';
import { CreateOperatingRoomBody } from '../../modules/theater/dto/operating-room.dto';
import {
  CompleteSurgicalCaseBody,
  CreateSurgicalCaseBody,
} from '../../modules/theater/dto/surgical-case.dto';
import { OperatingRoomRepository } from '../../modules/theater/repositories/operating-room.repository';
import { SurgicalCaseRepository } from '../../modules/theater/repositories/surgical-case.repository';
import { CaseExecutionService } from '../../modules/theater/services/case-execution.service';
import { OperatingRoomService } from '../../modules/theater/services/operating-room.service';
import { ScheduleConflict } from '../../modules/booking';
import { SurgicalCasePresenter } from '../../modules/theater/services/surgical-case.presenter';
import { SurgicalCaseService } from '../../modules/theater/services/surgical-case.service';
import { CreateUserBody, UpdateUserBody } from '../../modules/user/dto/user.dto';
import { UserRepository } from '../../modules/user/repositories/user.repository';
import { UserService } from '../../modules/user/services/user.service';
import {
  BILLING_PROFILE,
  CLINIC_PHONE,
  CONSENT_TEMPLATES,
  DEMO_CLINIC_NAME,
  DEMO_TIME_ZONE,
  FEES,
  ITEMS,
  LOTS,
  OPERATING_ROOMS,
  PAYERS,
  PROVIDER_IDS,
  STAFF,
  STORIES,
  type DemoStory,
  type StaffKey,
} from './demo-data';

export interface DemoAccount {
  role: Role;
  name: string;
  email: string;
  /** Set only when this run created the account: an existing account keeps its password. */
  password?: string;
}

export interface DemoPlan {
  id: string;
  planNumber: string;
  procedureName: string;
  patientMrn: string;
  status: PlanStatus;
  surgicalCaseId: string | null;
}

export interface DemoSummary {
  clinicId: string;
  clinicName: string;
  accounts: DemoAccount[];
  plans: DemoPlan[];
  /** Records created and plan steps taken by this run: 0 when the demo was loaded already. */
  changes: number;
}

/**
 * A step of the demo failed; `step` names it for the one-line message. `accounts` are the users
 * known so far, with the passwords of those created before the failure: the only chance to show them.
 */
export class DemoStepFailed extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
    readonly accounts: readonly DemoAccount[],
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Loads the demo clinic (docs/demo.md) through the same services the API uses, finding each
 * record by its natural key first, so a second run creates nothing and moves nothing on.
 * `out` gets one progress line per step.
 */
export function loadDemo(
  app: INestApplicationContext,
  out: (line: string) => void,
): Promise<DemoSummary> {
  return new DemoLoader(app, out).load();
}

const REQUEST_ID = 'demo';
/** How many later days a case may move to when its slot is taken. */
const MAX_DAYS_SHIFTED = 14;
/** More steps than any plan's whole life takes: a move that changes nothing must not loop. */
const MAX_STEPS_PER_PLAN = 12;
const DAY_MS = 24 * 60 * 60 * 1000;
const PLAN_ORDER: readonly PlanStatus[] = ['DRAFT', 'QUOTED', 'APPROVED', 'SCHEDULED', 'COMPLETED'];

/** The demo clinic and a caller for each of its users. */
interface Staffed {
  id: ClinicId;
  /** IANA zone the story's case hours are in. */
  timeZone: string;
  as: Record<StaffKey, Caller>;
}

/** …and its operating rooms' ids, in OPERATING_ROOMS order. */
interface Clinic extends Staffed {
  rooms: string[];
}

/** The next thing to do to bring a plan to its story's status, or nothing. */
interface Move {
  what: string;
  run: () => Promise<unknown>;
}

class DemoLoader {
  private readonly tx: TransactionRunner;
  private readonly now: Date;
  private changes = 0;
  private readonly accounts: DemoAccount[] = [];

  constructor(
    private readonly app: INestApplicationContext,
    private readonly out: (line: string) => void,
  ) {
    this.tx = app.get(TransactionRunner);
    this.now = app.get(Clock).now();
  }

  async load(): Promise<DemoSummary> {
    const { staffed, clinicName } = await this.step('clinic and staff', () =>
      this.clinicAndStaff(),
    );
    await this.step('fee schedule', () => this.feeSchedule(staffed));
    const items = await this.step('inventory items', () => this.inventoryItems(staffed));
    await this.step('stock', () => this.stock(staffed, items));
    await this.step('consent templates', () => this.consentTemplates(staffed));
    const clinic: Clinic = {
      ...staffed,
      rooms: await this.step('operating rooms', () => this.operatingRooms(staffed)),
    };
    await this.step('billing profile', () => this.billingProfile(staffed));
    const payers = await this.step('payers', () => this.payers(staffed));
    await this.step('surgeon NPIs', () => this.providerIds(staffed));
    const patients = await this.step('patients', () => this.patients(clinic));
    await this.step('claim insurance', () => this.claimInsurance(clinic, patients, payers));
    const consultations = await this.step('consultations', () =>
      this.consultations(clinic, patients),
    );
    const plans: DemoPlan[] = [];
    let newPlans = 0;
    let steps = 0;
    for (const story of STORIES) {
      const patientId = patients.get(story.patient.mrn);
      invariant(patientId, 'every story’s patient was loaded above');
      const result = await this.step(
        `plan "${story.plan.procedureName}" of ${story.patient.mrn}`,
        () => this.plan(clinic, story, patientId, consultations.get(story.patient.mrn)),
      );
      plans.push(result.plan);
      if (result.created) newPlans++;
      steps += result.steps;
    }
    const byStatus = PLAN_ORDER.concat('CANCELLED')
      .map((s) => `${s} ${plans.filter((p) => p.status === s).length}`)
      .join(', ');
    this.out(
      `✓ procedure plans: ${plans.length} (${newPlans} new, ${steps} steps taken): ${byStatus}`,
    );
    this.out(
      this.changes === 0
        ? 'The demo was already loaded: nothing changed.'
        : `Demo loaded: ${this.changes} records created or steps taken.`,
    );
    return {
      clinicId: clinic.id,
      clinicName,
      accounts: this.accounts,
      plans,
      changes: this.changes,
    };
  }

  private async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new DemoStepFailed(name, error, this.accounts);
    }
  }

  /** The clinic is found by its admin's email (emails are unique across clinics), users by email. */
  private async clinicAndStaff(): Promise<{ staffed: Staffed; clinicName: string }> {
    const users = this.app.get(UserRepository);
    const accounts = this.accounts;
    const [adminSpec, ...others] = STAFF;
    invariant(adminSpec?.role === 'ADMIN', 'the first demo user is the clinic’s admin');

    let admin = await users.findByEmailForSignIn(this.tx.db, adminSpec.email);
    let clinicCreated = false;
    if (!admin) {
      const password = newPassword();
      const created = await this.app.get(ClinicService).createClinicWithAdmin({
        name: DEMO_CLINIC_NAME,
        adminEmail: adminSpec.email,
        adminPassword: password,
        adminName: adminSpec.name,
        timeZone: DEMO_TIME_ZONE,
      });
      admin = await users.findById(this.tx.db, trustedClinicId(created.clinicId), created.adminId);
      invariant(admin, 'the admin was created just now');
      accounts.push({ ...accountOf(adminSpec), password });
      clinicCreated = true;
      this.changes += 2;
    } else {
      accounts.push(accountOf(adminSpec));
    }
    const clinicId = trustedClinicId(admin.clinicId);
    const clinicRow = await this.app.get(ClinicRepository).findById(this.tx.db, clinicId);
    invariant(clinicRow, 'a user’s clinic is a foreign key of the user');
    const adminCaller: Caller = {
      userId: admin.id,
      clinicId,
      role: 'ADMIN',
      requestId: REQUEST_ID,
    };

    const as: Partial<Record<StaffKey, Caller>> = { [adminSpec.key]: adminCaller };
    let newUsers = clinicCreated ? 1 : 0;
    for (const spec of others) {
      const existing = await users.findByEmailForSignIn(this.tx.db, spec.email);
      if (existing && existing.clinicId !== clinicId)
        throw new Error(`${spec.email} already belongs to another clinic`);
      let userId = existing?.id;
      if (existing) {
        accounts.push(accountOf(spec));
      } else {
        const password = newPassword();
        const created = await this.app
          .get(UserService)
          .createUser(
            adminCaller,
            CreateUserBody.parse({ email: spec.email, name: spec.name, role: spec.role, password }),
          );
        userId = created.id;
        accounts.push({ ...accountOf(spec), password });
        newUsers++;
        this.changes++;
      }
      invariant(userId, 'the user exists or was created');
      as[spec.key] = { userId, clinicId, role: spec.role, requestId: REQUEST_ID };
    }
    this.out(
      `✓ clinic "${clinicRow.name}": ${clinicCreated ? 'created' : 'exists'}; staff: ${STAFF.length} users (${newUsers} new)`,
    );
    return {
      staffed: { id: clinicId, timeZone: clinicRow.timeZone, as: complete(as) },
      clinicName: clinicRow.name,
    };
  }

  private async feeSchedule(clinic: Staffed): Promise<void> {
    const fees = this.app.get(FeeScheduleService);
    const existing = await this.tx.run((db) =>
      fees.entriesFor(
        db,
        clinic.id,
        FEES.map((f) => f.cptCode),
      ),
    );
    let created = 0;
    for (const { cptCode, ...entry } of FEES) {
      if (existing.has(cptCode)) continue;
      // If-Match "0": only if nobody has created the entry meanwhile; never overwrite a clinic's price.
      await fees.putEntry(clinic.as.billing, cptCode, PutFeeScheduleEntryBody.parse(entry), 0);
      created++;
    }
    this.changes += created;
    this.out(`✓ fee schedule: ${FEES.length} codes (${created} new)`);
  }

  private async inventoryItems(clinic: Staffed): Promise<Map<string, string>> {
    const repository = this.app.get(InventoryItemRepository);
    const service = this.app.get(InventoryItemService);
    const ids = new Map<string, string>();
    let created = 0;
    let gtinsAdded = 0;
    let hcpcsAdded = 0;
    for (const spec of ITEMS) {
      const found = await repository.findByCode(this.tx.db, clinic.id, spec.code);
      if (found) {
        ids.set(spec.code, found.id);
        // A demo loaded before implants had GTINs gets them, so "Receive by UDI" works there
        // too, and the tissue expander its HCPCS code, so its claim line can leave; a GTIN or
        // code the clinic set is never overwritten.
        const gtin = found.gtin === null && spec.gtin ? spec.gtin : undefined;
        const hcpcsCode = found.hcpcsCode === null && spec.hcpcsCode ? spec.hcpcsCode : undefined;
        if (gtin || hcpcsCode) {
          await service.updateItem(
            clinic.as.admin,
            found.id,
            UpdateInventoryItemBody.parse({
              ...(gtin ? { gtin } : {}),
              ...(hcpcsCode ? { hcpcsCode } : {}),
            }),
            found.version,
          );
          if (gtin) gtinsAdded++;
          if (hcpcsCode) hcpcsAdded++;
        }
        continue;
      }
      const item = await service.createItem(clinic.as.admin, CreateInventoryItemBody.parse(spec));
      ids.set(spec.code, item.id);
      created++;
    }
    this.changes += created + gtinsAdded + hcpcsAdded;
    const gtins = gtinsAdded > 0 ? `, ${gtinsAdded} given their GTIN` : '';
    const hcpcs = hcpcsAdded > 0 ? `, ${hcpcsAdded} given their HCPCS code` : '';
    this.out(`✓ inventory items: ${ITEMS.length} (${created} new${gtins}${hcpcs})`);
    return ids;
  }

  private async stock(clinic: Staffed, items: Map<string, string>): Promise<void> {
    const stock = this.app.get(InventoryStockService);
    let created = 0;
    let units = 0;
    for (const lot of LOTS) {
      const itemId = items.get(lot.itemCode);
      invariant(itemId, 'every lot is of a demo item');
      units += lot.serialNumbers?.length ?? 0;
      const onShelf = await stock.stockOfItem(clinic.as.nurse, itemId);
      if (onShelf.batches.some((b) => b.batchNumber === lot.batchNumber)) continue;
      await stock.receiveBatch(
        clinic.as.nurse,
        itemId,
        ReceiveBatchBody.parse({
          batchNumber: lot.batchNumber,
          expiresAt:
            lot.expiresInMonths === undefined ? null : monthsAfter(this.now, lot.expiresInMonths),
          ...(lot.serialNumbers
            ? { serialNumbers: lot.serialNumbers }
            : { quantity: lot.quantity }),
        }),
        undefined,
      );
      created++;
    }
    this.changes += created;
    this.out(
      `✓ stock: ${LOTS.length} lots, ${units} serial-numbered implants (${created} lots new)`,
    );
  }

  private async consentTemplates(clinic: Staffed): Promise<void> {
    const templates = this.app.get(ConsentTemplateService);
    let created = 0;
    for (const spec of CONSENT_TEMPLATES) {
      const page = await templates.listTemplates(
        clinic.as.admin,
        ListConsentTemplatesQuery.parse({ code: spec.code, limit: 100 }),
      );
      if (page.data.some((t) => t.version === spec.version)) continue;
      await templates.createTemplate(clinic.as.admin, CreateConsentTemplateBody.parse(spec));
      created++;
    }
    this.changes += created;
    this.out(`✓ consent templates: ${CONSENT_TEMPLATES.length} (${created} new)`);
  }

  /** The rooms' ids in OPERATING_ROOMS order; names are unique per clinic, ignoring case. */
  private async operatingRooms(clinic: Staffed): Promise<string[]> {
    const repository = this.app.get(OperatingRoomRepository);
    const service = this.app.get(OperatingRoomService);
    const page = await repository.list(this.tx.db, clinic.id, { limit: 100 });
    const ids: string[] = [];
    let created = 0;
    for (const name of OPERATING_ROOMS) {
      const found = page.data.find((r) => r.name.toLowerCase() === name.toLowerCase());
      if (found) {
        ids.push(found.id);
        continue;
      }
      ids.push(
        (await service.createRoom(clinic.as.admin, CreateOperatingRoomBody.parse({ name }))).id,
      );
      created++;
    }
    this.changes += created;
    this.out(`✓ operating rooms: ${OPERATING_ROOMS.length} (${created} new)`);
    return ids;
  }

  /**
   * The admin sets the clinic's billing profile (`If-Match: "0"`: only if none is set, so a
   * profile the clinic entered is never replaced) and its phone, the 837P submitter's contact,
   * when it has none.
   */
  private async billingProfile(clinic: Staffed): Promise<void> {
    const profiles = this.app.get(ClinicBillingProfileService);
    const profile = await profiles.findProfile(this.tx.db, clinic.id);
    const made: string[] = [];
    if (!profile) {
      await profiles.putProfile(clinic.as.admin, PutBillingProfileBody.parse(BILLING_PROFILE), 0);
      made.push('created');
    }
    const clinicRow = await this.app.get(ClinicRepository).findById(this.tx.db, clinic.id);
    invariant(clinicRow, 'the demo clinic was found or created above');
    if (clinicRow.phone === null) {
      await this.app
        .get(ClinicService)
        .updateClinic(
          clinic.as.admin,
          UpdateClinicBody.parse({ phone: CLINIC_PHONE }),
          clinicRow.version,
        );
      made.push('clinic phone set');
    }
    this.changes += made.length;
    const current = profile ?? (await profiles.findProfile(this.tx.db, clinic.id));
    invariant(current, 'the profile was found or created above');
    this.out(
      `✓ billing profile: ${current.legalName}, NPI ${current.npi}, place of service ${current.defaultPlaceOfService} (${made.length > 0 ? made.join(', ') : 'exists'})`,
    );
  }

  /** Payers by payer id (unique per clinic); the list is not patient data, so not audited. */
  private async payers(clinic: Staffed): Promise<Map<string, string>> {
    const service = this.app.get(PayerService);
    const known = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await service.listPayers(
        clinic.as.admin,
        ListPayersQuery.parse({ limit: 100, cursor }),
      );
      for (const p of page.data) known.set(p.payerId, p.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const ids = new Map<string, string>();
    let created = 0;
    for (const spec of PAYERS) {
      const body = CreatePayerBody.parse(spec);
      let id = known.get(body.payerId);
      if (id === undefined) {
        id = (await service.createPayer(clinic.as.admin, body)).id;
        created++;
      }
      ids.set(body.payerId, id);
    }
    this.changes += created;
    this.out(`✓ payers: ${PAYERS.length} (${created} new)`);
    return ids;
  }

  /** Each surgeon's NPI and taxonomy, set by the admin where the user has none. */
  private async providerIds(clinic: Staffed): Promise<void> {
    const users = this.app.get(UserRepository);
    const service = this.app.get(UserService);
    let set = 0;
    for (const spec of PROVIDER_IDS) {
      const user = await users.findById(this.tx.db, clinic.id, clinic.as[spec.staff].userId);
      invariant(user, 'the demo’s users were found or created above');
      const npi = user.npi === null ? spec.npi : undefined;
      const taxonomyCode = user.taxonomyCode === null ? spec.taxonomyCode : undefined;
      if (npi === undefined && taxonomyCode === undefined) continue;
      await service.updateUser(
        clinic.as.admin,
        user.id,
        UpdateUserBody.parse({
          ...(npi ? { npi } : {}),
          ...(taxonomyCode ? { taxonomyCode } : {}),
        }),
        user.version,
      );
      set++;
    }
    this.changes += set;
    this.out(`✓ surgeon NPIs: ${PROVIDER_IDS.length} (${set} new)`);
  }

  /** Patients by MRN (the demo gives fixed ones), through the repository: a lookup is not a read to audit. */
  private async patients(clinic: Staffed): Promise<Map<string, string>> {
    const repository = this.app.get(PatientRepository);
    const service = this.app.get(PatientService);
    const ids = new Map<string, string>();
    let created = 0;
    let addresses = 0;
    for (const { patient } of STORIES) {
      // The MRN as one word, not as the search box would read it: an MRN may look like a phone.
      const byMrn: PatientSearch = { kind: 'words', words: [patient.mrn.toLowerCase()] };
      const page = await repository.list(this.tx.db, clinic.id, byMrn, { limit: 100 });
      const found = page.data.find((p) => p.mrn === patient.mrn);
      if (found) {
        ids.set(patient.mrn, found.id);
        // A demo loaded before claims gets its insured patients' addresses (a claim needs one);
        // an address the clinic entered is never overwritten.
        if (found.address === null && patient.address) {
          await service.updatePatient(
            clinic.as.coordinator,
            found.id,
            UpdatePatientBody.parse({ address: patient.address }),
            found.version,
          );
          addresses++;
        }
        continue;
      }
      const made = await service.createPatient(
        clinic.as.coordinator,
        CreatePatientBody.parse(patient),
      );
      ids.set(patient.mrn, made.id);
      created++;
    }
    this.changes += created + addresses;
    const given = addresses > 0 ? `, ${addresses} given their address` : '';
    this.out(`✓ patients: ${STORIES.length} (${created} new${given})`);
    return ids;
  }

  /**
   * The insured stories' structured insurance (the card the front desk takes), found by patient
   * through the lookup that audits nothing; `If-Match: "0"`: only if none is on file.
   */
  private async claimInsurance(
    clinic: Staffed,
    patients: Map<string, string>,
    payers: Map<string, string>,
  ): Promise<void> {
    const service = this.app.get(PatientInsuranceService);
    let insured = 0;
    let created = 0;
    for (const { patient, claimInsurance } of STORIES) {
      if (!claimInsurance) continue;
      insured++;
      const patientId = patients.get(patient.mrn);
      invariant(patientId, 'every story’s patient was loaded');
      if (await service.findInsurance(this.tx.db, clinic.id, patientId)) continue;
      const payerId = payers.get(claimInsurance.payerId);
      invariant(payerId, 'a story’s insurance names one of PAYERS');
      await service.putInsurance(
        clinic.as.coordinator,
        patientId,
        PutPatientInsuranceBody.parse({ ...claimInsurance, payerId }),
        0,
      );
      created++;
    }
    this.changes += created;
    this.out(`✓ claim insurance: ${insured} patients (${created} new)`);
  }

  /** Each story's consultation, found by patient and reason. */
  private async consultations(
    clinic: Staffed,
    patients: Map<string, string>,
  ): Promise<Map<string, string>> {
    const repository = this.app.get(ConsultationRepository);
    const service = this.app.get(ConsultationService);
    const ids = new Map<string, string>();
    let created = 0;
    for (const { patient, consultation } of STORIES) {
      const patientId = patients.get(patient.mrn);
      invariant(patientId, 'every story’s patient was loaded');
      const page = await repository.list(this.tx.db, clinic.id, { patientId }, { limit: 100 });
      const found = page.data.find((c) => c.reason === consultation.reason);
      if (found) {
        ids.set(patient.mrn, found.id);
        continue;
      }
      const when = new Date(this.now.getTime() - consultation.daysAgo * DAY_MS);
      when.setUTCHours(10, 0, 0, 0);
      const made = await service.createConsultation(
        clinic.as.coordinator,
        CreateConsultationBody.parse({
          patientId,
          surgeonId: clinic.as[consultation.surgeon].userId,
          consultationDate: when.toISOString(),
          reason: consultation.reason,
          notes: consultation.notes,
        }),
      );
      ids.set(patient.mrn, made.id);
      created++;
    }
    this.changes += created;
    this.out(`✓ consultations: ${STORIES.length} (${created} new)`);
    return ids;
  }

  /**
   * A story's plan, found by patient and procedure name (else created), then moved on one step
   * at a time until it reaches the story's status. A run that stopped half-way resumes here.
   */
  private async plan(
    clinic: Clinic,
    story: DemoStory,
    patientId: string,
    consultationId: string | undefined,
  ): Promise<{ plan: DemoPlan; created: boolean; steps: number }> {
    const page = await this.app
      .get(PlanQueries)
      .list(this.tx.db, clinic.id, ListProcedurePlansQuery.parse({ patientId, limit: 100 }));
    let planId = page.data.find((p) => p.procedureName === story.plan.procedureName)?.id;
    const created = planId === undefined;
    if (planId === undefined) {
      const made = await this.app
        .get(ProcedurePlanService)
        .createPlan(
          clinic.as.coordinator,
          CreateProcedurePlanBody.parse({ ...story.plan, patientId, consultationId }),
        );
      planId = made.id;
      this.changes++;
    }
    let plan = await this.readPlan(clinic, planId);
    let steps = 0;
    let move = await this.nextMove(clinic, story, plan);
    while (move) {
      if (steps >= MAX_STEPS_PER_PLAN)
        throw new Error(`${plan.planNumber} is still ${plan.status} after ${steps} steps`);
      try {
        await move.run();
      } catch (error) {
        throw new Error(
          `${move.what} (${plan.planNumber}, ${plan.status}): ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      steps++;
      this.changes++;
      plan = await this.readPlan(clinic, planId);
      move = await this.nextMove(clinic, story, plan);
    }
    const state =
      plan.status !== story.target
        ? `left as it is: the demo takes it to ${story.target}`
        : created
          ? 'new'
          : steps > 0
            ? `${steps} steps taken`
            : 'exists';
    const patient = `${story.patient.firstName} ${story.patient.lastName} (${story.patient.mrn})`;
    const details = [
      `${plan.procedureName} for ${patient}`,
      ...(await this.planDetails(clinic, plan)),
    ];
    this.out(`✓ plan ${plan.planNumber} ${plan.status} (${state}): ${details.join('; ')}`);
    return {
      plan: {
        id: plan.id,
        planNumber: plan.planNumber,
        procedureName: plan.procedureName,
        patientMrn: story.patient.mrn,
        status: plan.status,
        surgicalCaseId: plan.surgicalCaseId,
      },
      created,
      steps,
    };
  }

  private readPlan(clinic: Clinic, id: string): Promise<ProcedurePlanResponse> {
    return this.tx.run(async (db) => {
      const row = await this.app.get(PlanQueries).findById(db, clinic.id, id);
      invariant(row, 'the demo’s plan was found or created above');
      return this.app.get(PlanPresenter).present(db, clinic.id, row);
    });
  }

  /** docs/design.md §4's transitions, in order; undefined once the plan is where the story leaves it. */
  private async nextMove(
    clinic: Clinic,
    story: DemoStory,
    plan: ProcedurePlanResponse,
  ): Promise<Move | undefined> {
    const { as } = clinic;
    const goesBeyond = (status: PlanStatus) =>
      story.target === 'CANCELLED'
        ? PLAN_ORDER.indexOf(status) < PLAN_ORDER.indexOf('QUOTED')
        : PLAN_ORDER.indexOf(story.target) > PLAN_ORDER.indexOf(status);
    const workflow = this.app.get(ProcedurePlanWorkflowService);
    switch (plan.status) {
      case 'DRAFT':
        if (!goesBeyond('DRAFT')) return undefined;
        return {
          what: 'quote',
          run: () =>
            workflow.quotePlan(
              as.coordinator,
              plan.id,
              CreateQuoteBody.parse({ validDays: 60 }),
              undefined,
            ),
        };
      case 'QUOTED':
        if (story.target === 'CANCELLED')
          return {
            what: 'cancel',
            run: () =>
              workflow.cancelPlan(
                as.coordinator,
                plan.id,
                CancelProcedurePlanBody.parse({ reason: story.cancelReason ?? 'Demo' }),
                undefined,
              ),
          };
        if (!goesBeyond('QUOTED')) return undefined;
        if (plan.consent?.status === 'PENDING')
          return this.signConsent(clinic, story, plan.consent.id);
        {
          const fda = await this.fdaChecklistMove(clinic, story, plan);
          if (fda) return fda;
        }
        return {
          what: 'approve',
          run: () =>
            workflow.approvePlan(
              as.coordinator,
              plan.id,
              ApproveProcedurePlanBody.parse({ notes: 'The patient accepted the quote' }),
              undefined,
            ),
        };
      case 'APPROVED': {
        if (!goesBeyond('QUOTED')) return undefined;
        // The seed's pre-allocation: implants are reserved by serial number once approved.
        const unreserved = plan.inventoryRequirements.find(
          (r) => r.requiresSerialNumber && r.isRequired && !r.isPreAllocated,
        );
        if (unreserved)
          return {
            what: `allocate ${unreserved.inventoryItemCode}`,
            run: () =>
              this.app
                .get(PlanInventoryService)
                .allocate(
                  as.nurse,
                  plan.id,
                  unreserved.id,
                  AllocateRequirementBody.parse({}),
                  undefined,
                ),
          };
        if (!goesBeyond('APPROVED')) return undefined;
        if (plan.procedureType !== 'COSMETIC') {
          const authorization = await this.priorAuthorizationMove(clinic, story, plan);
          if (authorization) return authorization;
        }
        return this.scheduleMove(clinic, story, plan);
      }
      case 'SCHEDULED': {
        if (!goesBeyond('SCHEDULED') || plan.surgicalCaseId === null) return undefined;
        const caseId = plan.surgicalCaseId;
        const theCase = await this.app
          .get(SurgicalCaseRepository)
          .findById(this.tx.db, clinic.id, caseId);
        const surgeon = as[story.case?.surgeon ?? 'surgeon'];
        const execution = this.app.get(CaseExecutionService);
        if (theCase?.status === 'SCHEDULED')
          return {
            what: 'start the case',
            // The story runs its surgeries when the demo loads, before their booked day.
            run: () =>
              execution.startCase(
                surgeon,
                caseId,
                { reason: 'Demo data: the story runs this surgery when the demo is loaded' },
                theCase.version,
              ),
          };
        if (theCase?.status === 'IN_PROGRESS')
          return {
            what: 'complete the case',
            run: () =>
              execution.completeCase(
                surgeon,
                caseId,
                CompleteSurgicalCaseBody.parse({ notes: 'Uneventful procedure.' }),
                theCase.version,
              ),
          };
        return undefined;
      }
      case 'COMPLETED':
        return (
          (await this.paymentMove(clinic, story, plan)) ??
          (await this.claimMove(clinic, story, plan))
        );
      case 'CANCELLED':
        return undefined;
    }
  }

  /** The nurse shows the patient the consent (GET, which gives its hash) and records her signature. */
  private signConsent(clinic: Clinic, story: DemoStory, consentId: string): Move {
    const consents = this.app.get(ConsentService);
    const signer = `${story.patient.firstName} ${story.patient.lastName}`;
    return {
      what: 'sign the consent',
      run: async () => {
        const consent = await consents.getConsent(clinic.as.nurse, consentId);
        await consents.signConsent(
          clinic.as.nurse,
          consentId,
          SignConsentBody.parse({
            signerName: signer,
            relationship: 'SELF',
            signatureMethod: 'TYPED',
            signatureData: signer,
            contentHash: consent.contentHash,
            witnessId: clinic.as.nurse.userId,
          }),
          consent.version,
        );
      },
    };
  }

  /**
   * A breast-implant plan's FDA checklist (docs/fda-checklist.md): the patient initials and signs
   * it in the clinic (the nurse records it), then the surgeon attests. Undefined when done or not
   * needed.
   */
  private async fdaChecklistMove(
    clinic: Clinic,
    story: DemoStory,
    plan: ProcedurePlanResponse,
  ): Promise<Move | undefined> {
    const checklists = this.app.get(FdaChecklistService);
    const current = await checklists.getForPlan(clinic.as.nurse, plan.id);
    const checklist = current.checklist;
    if (!checklist) return undefined;
    if (checklist.status === 'PENDING') {
      const { firstName, lastName } = story.patient;
      const initials = `${firstName[0] ?? 'X'}${lastName[0] ?? 'X'}`;
      return {
        what: 'sign the FDA checklist',
        run: () =>
          checklists.signInClinic(
            clinic.as.nurse,
            plan.id,
            SignFdaChecklistBody.parse({
              initials: Object.fromEntries(checklist.sections.map((s) => [s.key, initials])),
              signerName: `${firstName} ${lastName}`,
              contentHash: checklist.contentHash,
            }),
            checklist.version,
          ),
      };
    }
    if (checklist.status === 'PATIENT_SIGNED')
      return {
        what: 'attest the FDA checklist',
        run: () =>
          checklists.attest(
            clinic.as[story.case?.surgeon ?? 'surgeon'],
            plan.id,
            checklist.version,
          ),
      };
    return undefined;
  }

  /** Request, submit, and record the payer's approval of the plan's insured codes. */
  private async priorAuthorizationMove(
    clinic: Clinic,
    story: DemoStory,
    plan: ProcedurePlanResponse,
  ): Promise<Move | undefined> {
    const billing = clinic.as.billing;
    const standing = await this.tx.run((db) =>
      this.app.get(PriorAuthorizationRepository).standingForPlan(db, clinic.id, plan.id),
    );
    const current = standing.find((a) => a.status !== 'DENIED');
    if (!current)
      return {
        what: 'request prior authorization',
        run: () =>
          this.app
            .get(PriorAuthorizationService)
            .createForPlan(billing, plan.id, CreatePriorAuthorizationBody.parse({}), undefined),
      };
    const workflow = this.app.get(PriorAuthorizationWorkflowService);
    if (current.status === 'DRAFT')
      return {
        what: 'submit prior authorization',
        run: () => workflow.submit(billing, current.id, undefined),
      };
    if (current.status === 'SUBMITTED') {
      const spec = story.priorAuthorization ?? { authorizationNumber: 'DEMO-AUTH', validDays: 90 };
      return {
        what: 'record the payer’s approval',
        run: () =>
          workflow.recordDecision(
            billing,
            current.id,
            RecordDecisionBody.parse({
              status: 'APPROVED',
              authorizationNumber: spec.authorizationNumber,
              validFrom: daysAfter(this.now, 0),
              validTo: daysAfter(this.now, spec.validDays),
              notes: 'Approved by phone; letter to follow.',
            }),
            undefined,
          ),
      };
    }
    return undefined;
  }

  /** Books the story's slot, or the same hours on a later day when the room or surgeon is taken. */
  private scheduleMove(clinic: Clinic, story: DemoStory, plan: ProcedurePlanResponse): Move {
    const spec = story.case ?? { surgeon: 'surgeon', room: 0, inDays: 3, hour: 8, hours: 2 };
    const roomId = clinic.rooms[spec.room];
    invariant(roomId, 'a case names one of the demo’s rooms');
    const cases = this.app.get(SurgicalCaseService);
    return {
      what: 'schedule the case',
      run: async () => {
        for (let shift = 0; ; shift++) {
          const day = zonedDate(
            new Date(this.now.getTime() + (spec.inDays + shift) * DAY_MS),
            clinic.timeZone,
          );
          const start = zonedInstant(day, `${spec.hour}:00`, clinic.timeZone);
          const end = new Date(start.getTime() + spec.hours * 60 * 60 * 1000);
          try {
            return await cases.scheduleCase(
              clinic.as.coordinator,
              CreateSurgicalCaseBody.parse({
                procedurePlanId: plan.id,
                operatingRoomId: roomId,
                surgeonId: clinic.as[spec.surgeon].userId,
                scheduledStart: start.toISOString(),
                scheduledEnd: end.toISOString(),
              }),
            );
          } catch (error) {
            if (!(error instanceof ScheduleConflict) || shift >= MAX_DAYS_SHIFTED) throw error;
          }
        }
      },
    };
  }

  /** The story's payment on the bill of the completed case, unless the bill has one already. */
  private async paymentMove(
    clinic: Clinic,
    story: DemoStory,
    plan: ProcedurePlanResponse,
  ): Promise<Move | undefined> {
    const payment = story.payment;
    if (!payment || plan.surgicalCaseId === null) return undefined;
    const bill = await this.billOfCase(clinic, plan.surgicalCaseId);
    if (!bill || bill.status !== 'OPEN' || bill.paid !== '0.00') return undefined;
    return {
      what: 'record a payment',
      run: () =>
        this.app
          .get(BillingService)
          .recordPayment(
            clinic.as.billing,
            bill.id,
            RecordBillPaymentBody.parse(payment),
            undefined,
          ),
    };
  }

  /**
   * Billing makes the claim of the completed case's bill, then sends it alone in a submission.
   * Only a bill with no claim at all gets one: a claim you voided or moved on is left as it is.
   */
  private async claimMove(
    clinic: Clinic,
    story: DemoStory,
    plan: ProcedurePlanResponse,
  ): Promise<Move | undefined> {
    if (!story.claim || plan.surgicalCaseId === null) return undefined;
    const bill = await this.billOfCase(clinic, plan.surgicalCaseId);
    if (!bill || bill.status === 'VOID') return undefined;
    const [claim, ...older] = await this.claimsOfBill(clinic, bill.id);
    const billing = clinic.as.billing;
    if (!claim)
      return {
        what: 'make the claim',
        run: () =>
          this.app
            .get(ClaimService)
            .createClaim(billing, CreateClaimBody.parse({ billId: bill.id })),
      };
    if (older.length === 0 && claim.status === 'DRAFT' && story.claim === 'SUBMITTED')
      return {
        what: 'submit the claim',
        run: () =>
          this.app
            .get(ClaimSubmissionService)
            .submit(billing, CreateSubmissionBody.parse({ claimIds: [claim.id] })),
      };
    return undefined;
  }

  /** The bill's claims, newest first, through the claims module's lookup (no read audit). */
  private claimsOfBill(clinic: Clinic, billId: string) {
    return this.tx.run((db) => this.app.get(ClaimService).findClaimsOfBill(db, clinic.id, billId));
  }

  /** The interchange control number of the submission that last sent the claim, if any. */
  private async interchangeOf(clinic: Clinic, claimId: string): Promise<number | undefined> {
    const submissions = this.app.get(ClaimSubmissionService);
    let cursor: string | undefined;
    do {
      const page = await submissions.listSubmissions(
        clinic.as.billing,
        ListSubmissionsQuery.parse({ limit: 100, cursor }),
      );
      const sent = page.data.find((s) => s.claimIds.includes(claimId));
      if (sent) return sent.interchangeControlNumber;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return undefined;
  }

  private async billOfCase(clinic: Clinic, caseId: string) {
    const bills = this.app.get(BillingRepository);
    const page = await bills.list(this.tx.db, clinic.id, { surgicalCaseId: caseId }, { limit: 1 });
    const bill = page.data[0];
    if (!bill) return undefined;
    const paid = Money.fromDecimal(bill.insurancePaid).plus(Money.fromDecimal(bill.patientPaid));
    return {
      id: bill.id,
      billNumber: bill.billNumber,
      status: bill.status,
      total: bill.total,
      paid: paid.toDecimal(),
    };
  }

  /** What a plan's line says beyond its status: reserved implants, its case, its bill. */
  private async planDetails(clinic: Clinic, plan: ProcedurePlanResponse): Promise<string[]> {
    const reserved = plan.inventoryRequirements.flatMap((r) => r.serialNumbers);
    const details = reserved.length > 0 ? [`implants reserved: ${reserved.join(', ')}`] : [];
    if (plan.surgicalCaseId === null) return details;
    const presented = await this.tx.run(async (db) => {
      const row = await this.app
        .get(SurgicalCaseRepository)
        .findById(db, clinic.id, plan.surgicalCaseId ?? '');
      return row && this.app.get(SurgicalCasePresenter).present(db, clinic.id, row);
    });
    if (!presented) return details;
    const start = `${presented.scheduledStart.slice(0, 16).replace('T', ' ')} UTC`;
    details.push(
      `case ${presented.caseNumber} ${presented.status} ${start}, ${presented.operatingRoomName}`,
    );
    const implanted = presented.inventoryUsages.flatMap((u) =>
      u.serialNumber === null ? [] : [u.serialNumber],
    );
    if (implanted.length > 0) details.push(`implanted: ${implanted.join(', ')}`);
    const bill = await this.billOfCase(clinic, presented.id);
    if (!bill) return details;
    details.push(`bill ${bill.billNumber} ${bill.total}, ${bill.paid} paid (${bill.status})`);
    const [claim] = await this.claimsOfBill(clinic, bill.id);
    if (claim) {
      const isa =
        claim.submittedAt === null ? undefined : await this.interchangeOf(clinic, claim.id);
      const sent = isa === undefined ? '' : `, sent in interchange ${String(isa).padStart(9, '0')}`;
      details.push(
        `claim ${claim.claimNumber} ${claim.status} ${claim.totalCharge} to ${claim.payer.name} (${claim.payer.payerId})${sent}`,
      );
    }
    return details;
  }
}

function accountOf(spec: { role: Role; name: string; email: string }): DemoAccount {
  return { role: spec.role, name: spec.name, email: spec.email };
}

/** 18 random characters from 13.5 bytes of entropy, printed once. */
function newPassword(): string {
  return randomBytes(14).toString('base64url').slice(0, 18);
}

function complete(as: Partial<Record<StaffKey, Caller>>): Record<StaffKey, Caller> {
  const { admin, surgeon, surgeon2, nurse, coordinator, billing } = as;
  invariant(
    admin && surgeon && surgeon2 && nurse && coordinator && billing,
    'STAFF names one user per key',
  );
  return { admin, surgeon, surgeon2, nurse, coordinator, billing };
}

function daysAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function monthsAfter(now: Date, months: number): string {
  const d = new Date(now);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
