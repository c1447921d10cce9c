import { Money } from '../../../common/money';
import type { FeeScheduleEntryResponse, PutFeeScheduleEntryBody } from '../dto/fee-schedule.dto';
import type {
  FeeScheduleEntryColumns,
  FeeScheduleEntryRow,
} from '../repositories/fee-schedule.repository';
import type { FeeEntry } from './fee-schedule.service';

export function toFeeScheduleEntryResponse(row: FeeScheduleEntryRow): FeeScheduleEntryResponse {
  const fees = toFeeEntry(row);
  return {
    id: row.id,
    cptCode: row.cptCode,
    description: row.description,
    surgeonFee: fees.surgeonFee.toDecimal(),
    facilityFee: fees.facilityFee.toDecimal(),
    anesthesiaFee: fees.anesthesiaFee.toDecimal(),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** numeric(12,2) columns to Money: one of the two places money changes form (STYLE.md). */
export function toFeeEntry(row: FeeScheduleEntryRow): FeeEntry {
  return {
    cptCode: row.cptCode,
    description: row.description,
    surgeonFee: Money.fromDecimal(row.surgeonFee),
    facilityFee: Money.fromDecimal(row.facilityFee),
    anesthesiaFee: Money.fromDecimal(row.anesthesiaFee),
  };
}

/** A PUT's body to columns: every column, a fee left out being 0 (PUT replaces the entry). */
export function toFeeScheduleColumns(body: PutFeeScheduleEntryBody): FeeScheduleEntryColumns {
  return {
    description: body.description,
    surgeonFee: body.surgeonFee.toDecimal(),
    facilityFee: (body.facilityFee ?? Money.ZERO).toDecimal(),
    anesthesiaFee: (body.anesthesiaFee ?? Money.ZERO).toDecimal(),
  };
}
