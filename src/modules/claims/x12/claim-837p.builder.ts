import { X12Interchange } from 'node-x12';
import { check837pBatch } from './claim-837p.checks';
import type { Claim837p, Claim837pBatch, Person837, PostalAddress837 } from './claim-837p.model';
import type { FieldError } from './field-error';
import { check837pText } from './x12-837p-text.checks';
import { X12_DELIMITERS, x12Amount, x12Date } from './x12-delimiters';

export const IMPLEMENTATION_GUIDE_837P = '005010X222A1';

export type Build837pResult = { ok: true; x12: string } | { ok: false; errors: FieldError[] };

const SERIALIZATION = {
  segmentTerminator: X12_DELIMITERS.segment,
  elementDelimiter: X12_DELIMITERS.element,
  subElementDelimiter: X12_DELIMITERS.component,
  repetitionDelimiter: X12_DELIMITERS.repetition,
  endOfLine: '',
};

/**
 * Writes an 837 Professional (005010X222A1) interchange: one ISA/IEA, one GS/GE (functional
 * identifier HC), and **one ST/SE per claim** (docs/claims.md "One ISA, one GS, one ST per claim"),
 * each a complete BHT, 1000A, 1000B, 2000A/2010AA, 2000B/2010BA/2010BB, [2000C/2010CA], 2300,
 * [2310B], [2310C], 2400… set. node-x12 writes the envelopes and their trailers (SE01, GE01, IEA01);
 * Contour's own checks run before (on the model) and after (on the written text), and nothing is
 * returned unless both pass.
 */
export function build837p(batch: Claim837pBatch): Build837pResult {
  const modelErrors = check837pBatch(batch);
  if (modelErrors.length > 0) return { ok: false, errors: modelErrors };

  const { interchange: header } = batch;
  const interchange = new X12Interchange(SERIALIZATION);
  interchange.setHeader(isaElements(batch));
  const group = interchange.addFunctionalGroup();
  group.setHeader([
    'HC',
    header.senderId,
    header.receiverId,
    x12Date(header.date),
    hhmm(header.time),
    String(header.groupControlNumber),
    'X',
    IMPLEMENTATION_GUIDE_837P,
  ]);
  batch.claims.forEach((claim, index) => {
    const transaction = group.addTransaction();
    const st02 = String(index + 1).padStart(4, '0');
    transaction.setHeader(['837', st02, IMPLEMENTATION_GUIDE_837P]);
    for (const [tag, ...elements] of claimSegments(batch, claim, st02))
      transaction.addSegment(tag, withoutTrailingEmpties(elements));
  });
  const x12 = interchange.toString(SERIALIZATION);

  const textErrors = check837pText(x12);
  return textErrors.length > 0 ? { ok: false, errors: textErrors } : { ok: true, x12 };
}

/**
 * ISA01–ISA16, each at its fixed width: no authorization or security information (00 and ten
 * spaces), mutually defined (ZZ) ids padded to 15, the repetition separator in ISA11, version
 * 00501, ISA13 as 9 digits, no TA1 requested (the clearinghouse answers with a 999), usage, and
 * the component separator in ISA16.
 */
function isaElements({ interchange: h }: Claim837pBatch): string[] {
  return [
    '00',
    ''.padEnd(10),
    '00',
    ''.padEnd(10),
    'ZZ',
    h.senderId.padEnd(15),
    'ZZ',
    h.receiverId.padEnd(15),
    x12Date(h.date).slice(2),
    hhmm(h.time),
    X12_DELIMITERS.repetition,
    '00501',
    String(h.interchangeControlNumber).padStart(9, '0'),
    '0',
    h.usage,
    X12_DELIMITERS.component,
  ];
}

type Segment = [tag: string, ...elements: string[]];

/** The segments between ST and SE of one claim's transaction, loop by loop. */
function claimSegments(batch: Claim837pBatch, claim: Claim837p, st02: string): Segment[] {
  const { interchange: h, submitter, receiver, billingProvider: bp } = batch;
  const subscriberIsPatient = claim.relationship === '18';
  const info = claim.claim;
  const c = X12_DELIMITERS.component;
  return [
    // Header: BHT01 0019 (information source, subscriber, dependent, claim), BHT02 00 (original),
    // BHT03 our reference for this transaction, BHT06 CH (chargeable: a claim, not encounters).
    [
      'BHT',
      '0019',
      '00',
      `${String(h.interchangeControlNumber).padStart(9, '0')}${st02}`,
      x12Date(h.date),
      hhmm(h.time),
      'CH',
    ],
    // 1000A submitter (NM1*41, id qualifier 46: electronic transmitter id) and its contact.
    ['NM1', '41', '2', submitter.name, '', '', '', '', '46', submitter.id],
    ['PER', 'IC', submitter.contactName, 'TE', submitter.contactPhone],
    // 1000B receiver (NM1*40).
    ['NM1', '40', '2', receiver.name, '', '', '', '', '46', receiver.id],
    // 2000A billing provider HL (level 20, has children), PRV*BI taxonomy (PXC: the code list).
    ['HL', '1', '', '20', '1'],
    ['PRV', 'BI', 'PXC', bp.taxonomy],
    // 2010AA billing provider: NM1*85 with the NPI (XX), address, REF*EI the EIN.
    ['NM1', '85', '2', bp.name, '', '', '', '', 'XX', bp.npi],
    ...addressSegments(bp.address),
    ['REF', 'EI', bp.ein],
    // 2000B subscriber HL (level 22); HL04 says whether a 2000C patient loop follows. SBR01 P:
    // primary payer; SBR02 18 when the subscriber is the patient; SBR03 group number; SBR09 CI:
    // commercial insurance (docs/claims.md "The X12 core").
    ['HL', '2', '1', '22', subscriberIsPatient ? '0' : '1'],
    [
      'SBR',
      'P',
      subscriberIsPatient ? '18' : '',
      claim.subscriber.groupNumber ?? '',
      '',
      '',
      '',
      '',
      '',
      'CI',
    ],
    // 2010BA subscriber: NM1*IL with the member id (MI); DMG only when the subscriber is the
    // patient (the guide: "if not required, do not send").
    [
      'NM1',
      'IL',
      '1',
      claim.subscriber.name.last,
      claim.subscriber.name.first,
      '',
      '',
      '',
      'MI',
      claim.subscriber.memberId,
    ],
    ...addressSegments(claim.subscriber.address),
    ...(subscriberIsPatient ? [demographics(claim.subscriber)] : []),
    // 2010BB payer: NM1*PR with the payer id (PI).
    ['NM1', 'PR', '2', claim.payer.name, '', '', '', '', 'PI', claim.payer.payerId],
    ...patientLoop(claim),
    // 2300 claim: CLM05 is place of service : B (professional) : frequency; CLM06 provider
    // signature on file, CLM07 A assigned, CLM08 Y benefits assigned, CLM09 Y release of
    // information on file.
    [
      'CLM',
      info.patientControlNumber,
      x12Amount(info.totalCharge),
      '',
      '',
      [info.placeOfService, 'B', info.frequency].join(c),
      'Y',
      'A',
      'Y',
      'Y',
    ],
    // The guide orders 2300's REFs: G1 (prior authorization) before F8 (original claim).
    ...ifPresent(info.priorAuthorizationNumber, (n) => ['REF', 'G1', n]),
    ...ifPresent(info.originalClaimReference, (n) => ['REF', 'F8', n]),
    // HI: the principal diagnosis ABK, then ABF for each other one, all in one segment (≤ 12).
    ['HI', ...info.diagnosisCodes.map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}${c}${code}`)],
    // 2310B rendering provider: NM1*82 (a person) with the NPI, PRV*PE its taxonomy.
    ...renderingProviderLoop(claim),
    // 2310C service facility, when the surgery was not at the billing address.
    ...serviceFacilityLoop(claim),
    // 2400 service lines: LX numbers them; SV1 HC:code:modifiers, charge, UN units, SV107 the
    // diagnosis pointers; DTP*472 the date of service; NTE*ADD the note (implant serials).
    ...claim.lines.flatMap((line, i): Segment[] => [
      ['LX', String(i + 1)],
      [
        'SV1',
        ['HC', line.procedureCode, ...line.modifiers].join(c),
        x12Amount(line.charge),
        'UN',
        String(line.units),
        '',
        '',
        line.diagnosisPointers.join(c),
      ],
      ['DTP', '472', 'D8', x12Date(line.serviceDate)],
      ...ifPresent(line.note, (note) => ['NTE', 'ADD', note]),
    ]),
  ];
}

/** 2000C/2010CA, only when the patient is not the subscriber: PAT01 the relationship. */
function patientLoop(claim: Claim837p): Segment[] {
  if (claim.relationship === '18' || !claim.patient) return [];
  const { patient } = claim;
  return [
    ['HL', '3', '2', '23', '0'],
    ['PAT', claim.relationship],
    ['NM1', 'QC', '1', patient.name.last, patient.name.first],
    ...addressSegments(patient.address),
    demographics(patient),
  ];
}

function renderingProviderLoop(claim: Claim837p): Segment[] {
  const rendering = claim.renderingProvider;
  if (!rendering) return [];
  return [
    ['NM1', '82', '1', rendering.name.last, rendering.name.first, '', '', '', 'XX', rendering.npi],
    ...ifPresent(rendering.taxonomy, (code) => ['PRV', 'PE', 'PXC', code]),
  ];
}

/** 2310C: NM1*77 (service facility location), its NPI when it has one, and its address. */
function serviceFacilityLoop(claim: Claim837p): Segment[] {
  const facility = claim.serviceFacility;
  if (!facility) return [];
  const npi = facility.npi ? ['XX', facility.npi] : [];
  return [
    ['NM1', '77', '2', facility.name, '', '', '', '', ...npi],
    ...addressSegments(facility.address),
  ];
}

/** N3 (one or two street lines) and N4 (city, state, ZIP). */
function addressSegments(address: PostalAddress837): Segment[] {
  return [
    address.line2 ? ['N3', address.line1, address.line2] : ['N3', address.line1],
    ['N4', address.city, address.state, address.zip],
  ];
}

/** DMG*D8: date of birth and sex. */
function demographics(person: Person837): Segment {
  return ['DMG', 'D8', x12Date(person.dateOfBirth), person.sex];
}

/** The segment a situational value makes, or none when the value is absent. */
function ifPresent(value: string | undefined, segment: (value: string) => Segment): Segment[] {
  return value ? [segment(value)] : [];
}

function hhmm(time: string): string {
  return time.replace(':', '');
}

/** X12 ends a segment at its last non-empty element: `NTE*ADD*` would be refused. */
function withoutTrailingEmpties(elements: string[]): string[] {
  let end = elements.length;
  while (end > 0 && elements[end - 1] === '') end--;
  return elements.slice(0, end);
}
