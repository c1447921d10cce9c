import { Money } from '../../../common/money';
import type {
  Claim837p,
  Claim837pBatch,
  PostalAddress837,
  ServiceLine837,
} from './claim-837p.model';
import type { FieldError } from './field-error';
import { isValidNpi } from './npi';
import { containsDelimiter } from './x12-delimiters';

/** The guide's limits for loop 2300 HI and loop 2400. */
const MAX_DIAGNOSES = 12;
const MAX_LINES = 50;
const MAX_POINTERS = 4;
const MAX_MODIFIERS = 4;
/**
 * CLM01 may be 38 characters, but the guide warns that payers keep only 20 and echo those in the
 * 835's CLP01, which is how a remittance finds its claim: so 20.
 */
const MAX_PATIENT_CONTROL_NUMBER = 20;
const MAX_CONTROL_NUMBER = 999_999_999;

const ICD10_WITHOUT_DOT = /^[A-Z][0-9][0-9A-Z]{1,5}$/;
/** CPT (five digits, or four and a letter for category II/III) or HCPCS level II (a letter and four digits). */
const PROCEDURE_CODE = /^(\d{4}[0-9A-Z]|[A-Z]\d{4})$/;
const MODIFIER = /^[0-9A-Z]{2}$/;
const TAXONOMY = /^[0-9]{3}[0-9A-Z]{6}X$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** ISA06/ISA08 are 15 wide; GS02/GS03, which repeat them, need at least 2 characters. */
const ISA_ID = /^[0-9A-Z ._-]{2,15}$/i;

/**
 * The checks no X12 library makes, run on the model before a single segment is written
 * (issue 17 §2): identifiers (NPI Luhn, EIN, taxonomy, ZIP+4), control numbers, CLM02 = Σ SV102,
 * diagnoses without dots and at most 12, every line pointing at 1–4 existing diagnoses, frequency
 * 7/8 with the original claim, and no delimiter inside any value. Every failure is listed, not
 * only the first, so the billing team fixes a claim in one pass.
 */
export function check837pBatch(batch: Claim837pBatch): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });

  const { interchange } = batch;
  for (const key of ['senderId', 'receiverId'] as const)
    if (!ISA_ID.test(interchange[key]))
      fail(`interchange.${key}`, '2 to 15 letters, digits, spaces, dots, dashes or underscores');
  for (const key of ['interchangeControlNumber', 'groupControlNumber'] as const) {
    const n = interchange[key];
    if (!Number.isInteger(n) || n < 1 || n > MAX_CONTROL_NUMBER)
      fail(
        `interchange.${key}`,
        'A control number is a whole number from 1 to 999999999 (9 digits)',
      );
  }
  if (!ISO_DATE.test(interchange.date)) fail('interchange.date', 'A date as YYYY-MM-DD');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(interchange.time))
    fail('interchange.time', 'A time as HH:MM');

  const provider = batch.billingProvider;
  if (!isValidNpi(provider.npi))
    fail(
      'billingProvider.npi',
      'Not an NPI: 10 digits whose check digit holds (Luhn, prefix 80840)',
    );
  if (!/^\d{9}$/.test(provider.ein)) fail('billingProvider.ein', 'The EIN is 9 digits');
  if (!TAXONOMY.test(provider.taxonomy))
    fail('billingProvider.taxonomy', 'A taxonomy code is 10 characters ending in X');
  checkAddress(provider.address, 'billingProvider.address', fail);
  // The guide wants the billing provider's ZIP+4 (2010AA N403), not the five-digit ZIP.
  if (!/^\d{9}$/.test(provider.address.zip))
    fail('billingProvider.address.zip', 'The billing provider needs ZIP+4: 9 digits');

  if (batch.claims.length === 0) fail('claims', 'An interchange holds at least one claim');
  batch.claims.forEach((claim, i) => checkClaim(claim, `claims[${i}]`, fail));
  const seen = new Map<string, number>();
  batch.claims.forEach((claim, i) => {
    const pcn = claim.claim.patientControlNumber;
    const first = seen.get(pcn);
    if (first !== undefined)
      fail(
        `claims[${i}].claim.patientControlNumber`,
        `Same patient control number as claims[${first}]: the 835 could not tell them apart`,
      );
    else seen.set(pcn, i);
  });

  // The interchange's ids are checked above, and its time is ours to format (HH:MM → HHMM).
  const { submitter, receiver, billingProvider, claims } = batch;
  forEachText({ submitter, receiver, billingProvider, claims }, (path, text) => {
    if (containsDelimiter(text))
      fail(path, 'Contains an X12 delimiter (~ * : ^), which would split the value');
  });
  return errors;
}

type Fail = (path: string, message: string) => void;

function checkClaim(claim: Claim837p, at: string, fail: Fail): void {
  if (claim.payer.payerId.trim() === '') fail(`${at}.payer.payerId`, 'The payer id is required');
  if (claim.subscriber.memberId.trim() === '')
    fail(`${at}.subscriber.memberId`, 'The member id is required');
  checkPerson(claim.subscriber, `${at}.subscriber`, fail);
  if (claim.relationship === '18') {
    if (claim.patient)
      fail(`${at}.patient`, 'The patient is the subscriber (relationship 18): give no patient');
  } else if (!claim.patient) {
    fail(`${at}.patient`, `Relationship ${claim.relationship}: the patient is required`);
  } else {
    checkPerson(claim.patient, `${at}.patient`, fail);
  }

  const info = claim.claim;
  const pcn = info.patientControlNumber;
  if (pcn.length < 1 || pcn.length > MAX_PATIENT_CONTROL_NUMBER)
    fail(`${at}.claim.patientControlNumber`, 'One to 20 characters');
  if (!/^\d{2}$/.test(info.placeOfService))
    fail(`${at}.claim.placeOfService`, 'A place of service is a two-digit code');
  if (info.frequency === '1' && info.originalClaimReference !== undefined)
    fail(`${at}.claim.originalClaimReference`, 'An original claim (frequency 1) refers to none');
  if (info.frequency !== '1' && !info.originalClaimReference)
    fail(
      `${at}.claim.originalClaimReference`,
      `Frequency ${info.frequency} needs the payer's claim number of the original (REF*F8)`,
    );

  const codes = info.diagnosisCodes;
  if (codes.length < 1 || codes.length > MAX_DIAGNOSES)
    fail(`${at}.claim.diagnosisCodes`, 'One to 12 diagnosis codes');
  codes.forEach((code, d) => {
    if (code.includes('.'))
      fail(`${at}.claim.diagnosisCodes[${d}]`, 'Written without the dot (e.g. C50911)');
    else if (!ICD10_WITHOUT_DOT.test(code))
      fail(`${at}.claim.diagnosisCodes[${d}]`, 'Not an ICD-10-CM code');
  });

  if (claim.renderingProvider && !isValidNpi(claim.renderingProvider.npi))
    fail(
      `${at}.renderingProvider.npi`,
      'Not an NPI: 10 digits whose check digit holds (Luhn, prefix 80840)',
    );
  if (claim.renderingProvider?.taxonomy !== undefined)
    if (!TAXONOMY.test(claim.renderingProvider.taxonomy))
      fail(`${at}.renderingProvider.taxonomy`, 'A taxonomy code is 10 characters ending in X');

  const facility = claim.serviceFacility;
  if (facility) {
    if (facility.npi !== undefined && !isValidNpi(facility.npi))
      fail(
        `${at}.serviceFacility.npi`,
        'Not an NPI: 10 digits whose check digit holds (Luhn, prefix 80840)',
      );
    checkAddress(facility.address, `${at}.serviceFacility.address`, fail);
  }

  if (claim.lines.length < 1 || claim.lines.length > MAX_LINES)
    fail(`${at}.lines`, 'One to 50 service lines');
  claim.lines.forEach((line, l) => checkLine(line, codes.length, `${at}.lines[${l}]`, fail));
  const sum = Money.sum(claim.lines.map((line) => line.charge));
  if (sum.compare(info.totalCharge) !== 0)
    fail(
      `${at}.claim.totalCharge`,
      `CLM02 ${info.totalCharge.toDecimal()} is not the sum of the lines' SV102 (${sum.toDecimal()})`,
    );
  if (info.totalCharge.isNegative() || info.totalCharge.isZero())
    fail(`${at}.claim.totalCharge`, 'A claim charges more than zero');
}

function checkLine(line: ServiceLine837, diagnoses: number, at: string, fail: Fail): void {
  if (!PROCEDURE_CODE.test(line.procedureCode))
    fail(`${at}.procedureCode`, 'A CPT or HCPCS code (5 characters)');
  if (line.modifiers.length > MAX_MODIFIERS) fail(`${at}.modifiers`, 'At most 4 modifiers');
  line.modifiers.forEach((m, i) => {
    if (!MODIFIER.test(m)) fail(`${at}.modifiers[${i}]`, 'A modifier is 2 letters or digits');
  });
  if (line.charge.isNegative()) fail(`${at}.charge`, 'A charge is not negative');
  if (!Number.isInteger(line.units) || line.units < 1)
    fail(`${at}.units`, 'A whole number of units, at least 1');
  if (line.diagnosisPointers.length < 1 || line.diagnosisPointers.length > MAX_POINTERS)
    fail(`${at}.diagnosisPointers`, 'Each line points at 1 to 4 diagnoses');
  line.diagnosisPointers.forEach((p, i) => {
    if (!Number.isInteger(p) || p < 1 || p > diagnoses)
      fail(
        `${at}.diagnosisPointers[${i}]`,
        `Points at no diagnosis of the claim (1 to ${diagnoses})`,
      );
  });
  if (new Set(line.diagnosisPointers).size !== line.diagnosisPointers.length)
    fail(`${at}.diagnosisPointers`, 'A diagnosis is pointed at once per line');
  if (!ISO_DATE.test(line.serviceDate)) fail(`${at}.serviceDate`, 'A date as YYYY-MM-DD');
  if (line.note !== undefined && (line.note.length < 1 || line.note.length > 80))
    fail(`${at}.note`, 'A line note (NTE02) is 1 to 80 characters');
}

function checkPerson(
  person: { name: { last: string }; dateOfBirth: string; address: PostalAddress837 },
  at: string,
  fail: Fail,
): void {
  if (person.name.last.trim() === '') fail(`${at}.name.last`, 'The last name is required');
  if (!ISO_DATE.test(person.dateOfBirth)) fail(`${at}.dateOfBirth`, 'A date as YYYY-MM-DD');
  checkAddress(person.address, `${at}.address`, fail);
}

function checkAddress(address: PostalAddress837, at: string, fail: Fail): void {
  if (address.line1.trim() === '') fail(`${at}.line1`, 'The street address is required');
  if (address.city.trim() === '') fail(`${at}.city`, 'The city is required');
  if (!/^[A-Z]{2}$/.test(address.state)) fail(`${at}.state`, 'A two-letter state code');
  if (!/^(\d{5}|\d{9})$/.test(address.zip)) fail(`${at}.zip`, 'A ZIP code: 5 or 9 digits');
}

/** Calls `visit` with the path and value of every string of the batch (delimiter check). */
function forEachText(value: unknown, visit: (path: string, text: string) => void, at = ''): void {
  if (typeof value === 'string') visit(at, value);
  else if (Array.isArray(value)) value.forEach((v, i) => forEachText(v, visit, `${at}[${i}]`));
  else if (value !== null && typeof value === 'object' && !(value instanceof Money))
    for (const [key, v] of Object.entries(value))
      forEachText(v, visit, at === '' ? key : `${at}.${key}`);
}
