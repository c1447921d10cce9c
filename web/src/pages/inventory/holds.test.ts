import { describe, expect, it } from 'vitest';
import { holdAge, holdsByRequirement, type Hold } from './holds';

const base: Hold = {
  allocationId: 'a1',
  requirementId: 'r1',
  procedurePlanId: 'p1',
  planNumber: 'PLAN-2026-001',
  planStatus: 'DRAFT',
  planVersion: 4,
  patientId: 'pt1',
  mrn: 'MRN-000001',
  firstName: 'Maria',
  lastName: 'Lopez',
  itemId: 'i1',
  itemCode: 'implant-300',
  itemName: 'Implant 300cc',
  batchId: 'b1',
  batchNumber: 'LOT-1',
  quantity: 1,
  serialNumber: 'SN1',
  allocatedAt: '2026-11-20T10:00:00.000Z',
};

describe('holdsByRequirement', () => {
  it('shows a requirement’s units as one hold: a release gives them all back', () => {
    const held = holdsByRequirement([
      base,
      { ...base, allocationId: 'a2', serialNumber: 'SN2', allocatedAt: '2026-11-20T09:00:00.000Z' },
      {
        ...base,
        allocationId: 'a3',
        requirementId: 'r2',
        serialNumber: null,
        quantity: 4,
        batchNumber: 'SUT-1',
      },
    ]);
    expect(held).toHaveLength(2);
    expect(held[0]).toMatchObject({
      requirementId: 'r1',
      serialNumbers: ['SN1', 'SN2'],
      batchNumbers: ['LOT-1'],
      quantity: 2,
      allocatedAt: '2026-11-20T09:00:00.000Z',
      planVersion: 4,
    });
    expect(held[1]).toMatchObject({ requirementId: 'r2', serialNumbers: [], quantity: 4 });
  });

  it('reads the age filter from the address, any age otherwise', () => {
    expect(holdAge('7')).toBe(7);
    expect(holdAge('8')).toBe(0);
    expect(holdAge(null)).toBe(0);
    expect(holdAge('abc')).toBe(0);
  });
});
