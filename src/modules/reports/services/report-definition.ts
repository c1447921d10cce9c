import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { CsvColumnSpec } from '../../../common/http/csv-response';

/**
 * What a report is asked for, resolved (docs/reports.md "Parameters"): the clinic-local days
 * from–to as the instants [start, end), the clinic's zone, the surgeon (checked), and now.
 */
export interface ReportScope {
  clinicId: ClinicId;
  timeZone: string;
  from: string;
  to: string;
  /** The first instant of `from` and the first instant after `to`, in the clinic's zone. */
  start: Date;
  end: Date;
  surgeonId: string | null;
  /** The clock's now: stock, expiry and quote validity are judged against it. */
  now: Date;
}

/** One of a report's tables, as CSV rows. */
export interface CsvSection<R> {
  columns: readonly CsvColumnSpec[];
  rows(report: R): readonly Record<string, unknown>[];
}

/**
 * A report: how it is computed (a few SQL queries in its repository, in one read-only snapshot)
 * and which of its tables come out as CSV. The first section is what `format=csv` gives.
 */
export interface ReportDefinition<R> {
  readonly name: string;
  readonly sections: Readonly<Record<string, CsvSection<R>>>;
  run(db: Db, scope: ReportScope, caller: Caller): Promise<R>;
}

/** What every report answers first: the range, the clinic's zone, the surgeon, when it was made. */
export function reportHeader(scope: ReportScope) {
  return {
    from: scope.from,
    to: scope.to,
    timeZone: scope.timeZone,
    surgeonId: scope.surgeonId,
    generatedAt: scope.now.toISOString(),
  };
}

/** A ratio with four decimals, null when there is nothing to divide by (docs/reports.md). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 10000;
}
