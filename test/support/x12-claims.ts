// The seed's insured cases as 837P models (src/cli/demo/demo-data.ts: Aisha Rahman's
// RECONSTRUCTIVE 19357 with a 400cc tissue expander and prior authorization NWH-AUTH-558812,
// at an outpatient hospital;
// Linda Park's HYBRID panniculectomy, 15830 insured, the abdominoplasty not), for the X12 tests.
import { Money } from '../../src/common/money';
import type { Claim837p, Claim837pBatch } from '../../src/modules/claims/x12/claim-837p.model';

/** NPIs whose Luhn check digit holds with the 80840 prefix (1234567893 is CMS's own example). */
export const NPI = {
  practice: '1234567893',
  surgeon: '1987654328',
  surgeon2: '1456789019',
  hospital: '1678901236',
} as const;

const clinicAddress = {
  line1: '200 Harbor Medical Plaza',
  line2: 'Suite 410',
  city: 'Seattle',
  state: 'WA',
  zip: '981011234',
};

export function reconstructiveClaim(): Claim837p {
  return {
    payer: { name: 'Northwind Health', payerId: 'NWH01' },
    subscriber: {
      name: { last: 'Rahman', first: 'Aisha' },
      dateOfBirth: '1976-12-05',
      sex: 'F',
      address: { line1: '18 Cedar Lane', city: 'Seattle', state: 'WA', zip: '98115' },
      memberId: 'NWH-771203554',
      groupNumber: 'G-2210',
    },
    relationship: '18',
    claim: {
      patientControlNumber: 'CLM-2026-000001',
      totalCharge: Money.fromDecimal('5450.00'),
      placeOfService: '22',
      frequency: '1',
      priorAuthorizationNumber: 'NWH-AUTH-558812',
      diagnosisCodes: ['C50911', 'Z9011'],
    },
    renderingProvider: {
      name: { last: 'Okafor', first: 'Nneka' },
      npi: NPI.surgeon2,
      taxonomy: '208200000X',
    },
    serviceFacility: {
      name: 'Harbor General Hospital',
      npi: NPI.hospital,
      address: { line1: '1200 Pine Street', city: 'Seattle', state: 'WA', zip: '981012207' },
    },
    lines: [
      {
        procedureCode: '19357',
        modifiers: ['RT'],
        charge: Money.fromDecimal('4800.00'),
        units: 1,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-12-10',
      },
      {
        procedureCode: 'L8600',
        modifiers: ['RT'],
        charge: Money.fromDecimal('650.00'),
        units: 1,
        diagnosisPointers: [1],
        serviceDate: '2026-12-10',
        note: 'TISSUE EXPANDER 400CC SN TE-400-88231',
      },
    ],
  };
}

export function hybridClaim(): Claim837p {
  return {
    payer: { name: 'Northwind Health', payerId: 'NWH01' },
    subscriber: {
      name: { last: 'Park', first: 'Linda' },
      dateOfBirth: '1978-06-02',
      sex: 'F',
      address: { line1: '77 Lakeview Drive', city: 'Bellevue', state: 'WA', zip: '98004' },
      memberId: 'NWH-448120937',
      groupNumber: 'G-2210',
    },
    relationship: '18',
    claim: {
      patientControlNumber: 'CLM-2026-000002',
      totalCharge: Money.fromDecimal('3900.00'),
      // The practice's own ambulatory surgical center, at the billing address: no loop 2310C.
      placeOfService: '24',
      frequency: '1',
      priorAuthorizationNumber: 'NWH-AUTH-330417',
      diagnosisCodes: ['L987', 'E65'],
    },
    renderingProvider: { name: { last: 'Reyes', first: 'Daniel' }, npi: NPI.surgeon },
    lines: [
      {
        procedureCode: '15830',
        modifiers: [],
        charge: Money.fromDecimal('3900.00'),
        units: 1,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-12-14',
      },
    ],
  };
}

export function claimBatch(claims: Claim837p[]): Claim837pBatch {
  return {
    interchange: {
      senderId: 'CONTOURDEMO',
      receiverId: 'CLEARHOUSE',
      interchangeControlNumber: 17,
      groupControlNumber: 17,
      date: '2026-12-03',
      time: '14:35',
      usage: 'T',
    },
    submitter: {
      name: 'Contour Demo Plastic Surgery',
      id: 'CONTOURDEMO',
      contactName: 'Jordan Kim',
      contactPhone: '2065550199',
    },
    receiver: { name: 'Demo Clearinghouse', id: 'CLEARHOUSE' },
    billingProvider: {
      name: 'Contour Demo Plastic Surgery PLLC',
      npi: NPI.practice,
      ein: '912345678',
      taxonomy: '208200000X',
      address: { ...clinicAddress },
    },
    claims,
  };
}
