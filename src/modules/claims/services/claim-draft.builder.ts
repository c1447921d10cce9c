import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { FieldError } from '../../../common/errors/problem-code';
import { newId } from '../../../common/ids';
import { invariant } from '../../../common/invariant';
import { Money } from '../../../common/money';
import { zonedDate } from '../../../common/time-zone';
import type { bills, billLineItems } from '../../billing/repositories/billing.schema';
import { ClinicBillingProfileService, ClinicService } from '../../clinic';
import { PatientService } from '../../patient';
import { PatientInsuranceService } from '../../payer';
import { PriorAuthorizationCoverage } from '../../prior-authorization';
import { PlanQueries } from '../../procedure-plan';
import { SurgicalCaseService } from '../../theater';
import { UserQueries } from '../../user';
import type { Claim837pSnapshot } from '../repositories/claim-snapshot';
import type { NewClaim, NewClaimLine } from '../repositories/claim.repository';
import type { ClaimFrequencyCode } from '../repositories/claims.schema';
import { check837pBatch } from '../x12/claim-837p.checks';
import type { Claim837p, Person837, PersonName } from '../x12/claim-837p.model';
import { address837, batchOf } from './claim-837p.assembler';

type BillRow = typeof bills.$inferSelect;
type BillLineRow = typeof billLineItems.$inferSelect;

/** The guide's limits: 12 diagnoses on HI, 4 pointers on SV107, 80 characters in NTE02. */
const MAX_DIAGNOSES = 12;
const MAX_POINTERS = 4;
const MAX_NOTE = 80;

/** A FACILITY line marked INSURANCE: not a professional service, so not on the 837P. */
export interface ExcludedLine {
  billLineNumber: number;
  reason: string;
}

export type ClaimDraft =
  { ok: true; claim: NewClaim; lines: NewClaimLine[] } | { ok: false; errors: FieldError[] };

export interface DraftOptions {
  frequency: ClaimFrequencyCode;
  originalClaimId?: string;
  /** The payer's claim number of the original (REF*F8), for a 7. */
  originalClaimReference?: string;
}

/**
 * Gathers what a claim copies from the other modules (docs/claims.md "Making a claim"): the bill's
 * INSURANCE lines, the patient and her insurance, the plan's diagnoses, the APPROVED prior
 * authorization, the case's surgeon and day, and the clinic's billing profile. Every missing
 * field is listed at once, then the 837P builder's own checks run on the would-be claim, so a
 * claim that could not be sent is never made. Reads only; the caller writes.
 */
@Injectable()
export class ClaimDraftBuilder {
  constructor(
    private readonly patients: PatientService,
    private readonly insurances: PatientInsuranceService,
    private readonly plans: PlanQueries,
    private readonly priorAuthorizations: PriorAuthorizationCoverage,
    private readonly cases: SurgicalCaseService,
    private readonly clinics: ClinicService,
    private readonly profiles: ClinicBillingProfileService,
    private readonly users: UserQueries,
  ) {}

  /** The INSURANCE lines an 837P carries, and the FACILITY ones it leaves out. */
  static insuredLines(lines: readonly BillLineRow[]): {
    claimed: BillLineRow[];
    excluded: ExcludedLine[];
  } {
    const insured = lines.filter((l) => l.payer === 'INSURANCE');
    return {
      claimed: insured.filter((l) => l.kind !== 'FACILITY'),
      excluded: insured
        .filter((l) => l.kind === 'FACILITY')
        .map((l) => ({
          billLineNumber: l.lineNumber,
          reason:
            "A facility's own fee is not a professional service: it goes on the facility's 837I, not this 837P",
        })),
    };
  }

  async draft(
    db: Db,
    caller: Caller,
    bill: BillRow,
    billLines: readonly BillLineRow[],
    claimNumber: string,
    options: DraftOptions,
  ): Promise<ClaimDraft> {
    const clinicId = caller.clinicId;
    const errors: FieldError[] = [];
    const missing = (path: string, message: string) => errors.push({ path, message });
    const { claimed } = ClaimDraftBuilder.insuredLines(billLines);

    const profile = await this.profiles.findProfile(db, clinicId);
    if (!profile)
      missing('billingProfile', 'The clinic has no billing profile: an admin sets it first');
    const insurance = await this.insurances.findInsurance(db, clinicId, bill.patientId);
    if (!insurance) missing('insurance', 'The patient has no insurance on file');
    else {
      if (insurance.payer.payerId.trim() === '')
        missing('insurance.payer.payerId', 'The payer has no payer id');
      if (insurance.memberId.trim() === '')
        missing('insurance.memberId', 'The insurance has no member id');
    }
    const patient = await this.patients.findPatient(db, clinicId, bill.patientId);
    invariant(patient, "a bill's patient is the clinic's (bills_patient_fk)");
    if (!patient.address)
      missing('patient.address', 'The patient has no address: the 837P needs it (N3/N4)');

    const plan = await this.plans.findById(db, clinicId, bill.procedurePlanId);
    const diagnoses = (plan?.diagnosisCodes ?? [])
      .map((code) => code.replace('.', '').toUpperCase())
      .slice(0, MAX_DIAGNOSES);
    if (diagnoses.length === 0) missing('diagnosisCodes', 'The plan has no diagnosis code');

    const service = await this.cases.serviceOfCase(db, clinicId, bill.surgicalCaseId);
    invariant(service, "a bill's case is the clinic's (bills_case_fk)");
    const surgeon = await this.users.findById(db, clinicId, service.surgeonId);
    invariant(surgeon, "a case's surgeon is the clinic's (surgical_cases_surgeon_fk)");
    if (!surgeon.npi)
      missing(
        'renderingProvider.npi',
        `The surgeon ${surgeon.name} has no NPI: an admin sets it on the user`,
      );

    if (errors.length > 0 || !profile || !insurance || !patient.address || !surgeon.npi)
      return { ok: false, errors };

    const serviceDate = zonedDate(service.performedAt, await this.clinics.timeZoneOf(clinicId, db));
    const priorAuthorizationNumber = await this.priorAuthorizations.approvedNumberFor(
      db,
      clinicId,
      bill.procedurePlanId,
    );
    const patientPerson: Person837 = {
      name: { last: patient.lastName, first: patient.firstName },
      dateOfBirth: patient.dateOfBirth,
      sex: sexCode(patient.sexAtBirth),
      address: address837(patient.address),
    };
    const sub = insurance.subscriber;
    const self = sub.relationship === '18';
    const snapshot: Claim837pSnapshot = {
      payer: { name: insurance.payer.name, payerId: insurance.payer.payerId },
      subscriber: {
        ...(self
          ? patientPerson
          : {
              name: { last: sub.lastName ?? '', first: sub.firstName ?? '' },
              dateOfBirth: sub.dateOfBirth ?? '',
              sex: sexCode(sub.sex ?? 'UNKNOWN'),
              // The insurance keeps no address of another policy holder: the household's.
              address: address837(patient.address),
            }),
        memberId: insurance.memberId,
        ...(insurance.groupNumber ? { groupNumber: insurance.groupNumber } : {}),
      },
      relationship: sub.relationship,
      ...(self ? {} : { patient: patientPerson }),
      renderingProvider: {
        name: splitName(surgeon.name),
        npi: surgeon.npi,
        ...(surgeon.taxonomyCode ? { taxonomy: surgeon.taxonomyCode } : {}),
      },
    };
    const pointers = diagnoses.slice(0, MAX_POINTERS).map((_, i) => i + 1);
    const claimId = newId();
    const lines: NewClaimLine[] = claimed.map((l, i) => {
      const note = serialNote(l.serialNumbers);
      return {
        clinicId,
        id: newId(),
        claimId,
        lineNumber: i + 1,
        billLineNumber: l.lineNumber,
        procedureCode: l.procedureCode,
        modifiers: l.modifiers,
        description: l.description,
        units: l.quantity,
        charge: l.amount,
        diagnosisPointers: pointers,
        serviceDate,
        note: note ?? null,
      };
    });
    const total = Money.sum(lines.map((l) => Money.fromDecimal(l.charge)));
    const claim: NewClaim = {
      clinicId,
      id: claimId,
      claimNumber,
      billId: bill.id,
      patientId: bill.patientId,
      payerRef: insurance.payer.id,
      frequency: options.frequency,
      originalClaimId: options.originalClaimId ?? null,
      totalCharge: total.toDecimal(),
      placeOfService: profile.defaultPlaceOfService,
      priorAuthorizationNumber: priorAuthorizationNumber ?? null,
      diagnosisCodes: diagnoses,
      renderingProviderId: surgeon.id,
      serviceDate,
      snapshot,
      createdById: caller.userId,
    };

    // The builder's own checks, on the claim as it would be sent (control numbers are the
    // submission's: any valid ones will do here).
    const model: Claim837p = {
      ...snapshot,
      claim: {
        patientControlNumber: claimNumber,
        totalCharge: total,
        placeOfService: claim.placeOfService,
        frequency: options.frequency,
        ...(options.frequency === '1'
          ? {}
          : { originalClaimReference: options.originalClaimReference ?? '' }),
        ...(priorAuthorizationNumber ? { priorAuthorizationNumber } : {}),
        diagnosisCodes: diagnoses,
      },
      lines: lines.map((l) => ({
        procedureCode: l.procedureCode,
        modifiers: l.modifiers ?? [],
        charge: Money.fromDecimal(l.charge),
        units: l.units,
        diagnosisPointers: l.diagnosisPointers,
        serviceDate: l.serviceDate,
        ...(l.note ? { note: l.note } : {}),
      })),
    };
    const checked = check837pBatch(
      batchOf(
        profile,
        { name: 'Billing', phone: '0000000000' },
        {
          interchangeControlNumber: 1,
          groupControlNumber: 1,
          date: serviceDate,
          time: '00:00',
          usage: 'P',
        },
        [model],
      ),
    ).map((e) => ({ path: e.path.replace(/^claims\[0\]\./, ''), message: e.message }));
    if (checked.length > 0) return { ok: false, errors: checked };
    return { ok: true, claim, lines };
  }
}

function sexCode(sex: 'FEMALE' | 'MALE' | 'UNKNOWN'): Person837['sex'] {
  return sex === 'FEMALE' ? 'F' : sex === 'MALE' ? 'M' : 'U';
}

/** A user's one `name` as NM103/NM104: the last word is the last name, the rest the first. */
export function splitName(name: string): PersonName {
  const words = name.trim().split(/\s+/);
  const last = words.pop() ?? '';
  return { last, first: words.join(' ') };
}

/**
 * NTE02 of an implant line: `SN ` and its serial numbers, as many whole ones as fit in 80
 * characters, then `+N MORE` for the rest (the bill keeps every one).
 */
export function serialNote(serials: readonly string[]): string | undefined {
  if (serials.length === 0) return undefined;
  const all = `SN ${serials.join(' ')}`;
  if (all.length <= MAX_NOTE) return all;
  for (let n = serials.length - 1; n >= 1; n--) {
    const note = `SN ${serials.slice(0, n).join(' ')} +${serials.length - n} MORE`;
    if (note.length <= MAX_NOTE) return note;
  }
  return `SN +${serials.length} MORE`;
}
