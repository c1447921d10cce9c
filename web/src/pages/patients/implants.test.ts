import { describe, expect, it } from 'vitest';
import type { components } from '../../api/schema';
import { implantsOf } from './implants';

type SurgicalCase = components['schemas']['SurgicalCaseDto_Output'];
type Usage = SurgicalCase['inventoryUsages'][number];

function usage(id: string, serialNumber: string | null, usedAt: string): Usage {
  return {
    id,
    batchId: 'b',
    inventoryItemId: 'item-1',
    inventoryItemCode: 'breast-implant-300cc-round',
    quantity: 1,
    serialNumber,
    usedAt,
  };
}

function surgicalCase(
  caseNumber: string,
  status: SurgicalCase['status'],
  usages: Usage[],
): SurgicalCase {
  return { id: `id-${caseNumber}`, caseNumber, status, inventoryUsages: usages } as SurgicalCase;
}

describe('implantsOf', () => {
  it('lists the serial-numbered units of completed cases, newest first', () => {
    const rows = implantsOf([
      surgicalCase('CASE-1', 'COMPLETED', [
        usage('u1', 'SN-B', '2026-01-01T10:00:00Z'),
        usage('u2', null, '2026-01-01T10:00:00Z'),
        usage('u3', 'SN-A', '2026-01-01T10:00:00Z'),
      ]),
      surgicalCase('CASE-2', 'COMPLETED', [usage('u4', 'SN-C', '2026-05-01T10:00:00Z')]),
      surgicalCase('CASE-3', 'IN_PROGRESS', [usage('u5', 'SN-D', '2026-06-01T10:00:00Z')]),
    ]);
    expect(rows.map((r) => [r.serialNumber, r.caseNumber])).toEqual([
      ['SN-C', 'CASE-2'],
      ['SN-A', 'CASE-1'],
      ['SN-B', 'CASE-1'],
    ]);
    expect(rows[0]?.caseId).toBe('id-CASE-2');
  });

  it('is empty when no case used a serial-numbered unit', () => {
    expect(implantsOf([surgicalCase('CASE-1', 'COMPLETED', [usage('u1', null, 'x')])])).toEqual([]);
  });
});
