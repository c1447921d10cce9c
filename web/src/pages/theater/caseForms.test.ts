import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { moveBody, scheduleConflict } from './MoveCaseModal';
import type { InventoryItem, SurgicalCase } from './queries';
import { usageBody } from './RecordUsageForm';

// The form holds the local clock; the case holds instants. Both are built from the local clock.
const local = (hour: number) => `2026-12-05 ${String(hour).padStart(2, '0')}:00:00`;
const instant = (hour: number) => new Date(2026, 11, 5, hour).toISOString();

const kase = {
  id: 'case-1',
  operatingRoomId: 'or1',
  scheduledStart: instant(9),
  scheduledEnd: instant(11),
} as SurgicalCase;

describe('moveBody', () => {
  it('sends nothing when nothing changed', () => {
    expect(
      moveBody(kase, { operatingRoomId: 'or1', scheduledStart: local(9), scheduledEnd: local(11) }),
    ).toEqual({});
  });

  it('sends only the fields that changed, times as instants', () => {
    expect(
      moveBody(kase, { operatingRoomId: 'or2', scheduledStart: local(9), scheduledEnd: local(12) }),
    ).toEqual({ operatingRoomId: 'or2', scheduledEnd: instant(12) });
  });
});

describe('scheduleConflict', () => {
  it('reads the booking a SCHEDULE_CONFLICT names', () => {
    const error = new ApiError({
      status: 409,
      code: 'SCHEDULE_CONFLICT',
      conflict: {
        resource: 'surgeon',
        surgicalCaseId: 'case-2',
        caseNumber: 'CASE-2026-002',
        scheduledStart: instant(8),
        scheduledEnd: instant(10),
      },
    } as ConstructorParameters<typeof ApiError>[0]);
    expect(scheduleConflict(error)).toMatchObject({
      resource: 'surgeon',
      caseNumber: 'CASE-2026-002',
    });
  });

  it('is null for any other error', () => {
    expect(scheduleConflict(new ApiError({ status: 412, code: 'VERSION_MISMATCH' }))).toBeNull();
    expect(scheduleConflict(new Error('boom'))).toBeNull();
  });
});

describe('usageBody', () => {
  const implant = { id: 'implant', requiresSerialNumber: true } as InventoryItem;
  const sutures = { id: 'sutures', requiresSerialNumber: false } as InventoryItem;

  it('records an implant as one unit by serial number, whatever the quantity field says', () => {
    expect(
      usageBody(
        { inventoryItemId: 'implant', batchId: 'b1', serialNumber: ' SN-1 ', quantity: 3 },
        implant,
      ),
    ).toEqual({ inventoryItemId: 'implant', serialNumber: 'SN-1', quantity: 1 });
  });

  it('records a bulk item by quantity, with the batch only when one was chosen', () => {
    expect(
      usageBody(
        { inventoryItemId: 'sutures', batchId: null, serialNumber: '', quantity: '2' },
        sutures,
      ),
    ).toEqual({ inventoryItemId: 'sutures', quantity: 2 });
    expect(
      usageBody(
        { inventoryItemId: 'sutures', batchId: 'b1', serialNumber: '', quantity: 2 },
        sutures,
      ),
    ).toEqual({ inventoryItemId: 'sutures', quantity: 2, batchId: 'b1' });
  });
});
