import { Injectable } from '@nestjs/common';
import type { Db } from '../../../common/database/database';
import { Money } from '../../../common/money';
import type { ArAgingReportResponse } from '../dto/ar-aging-report.dto';
import { ArAgingRepository, type OpenBillRow } from '../repositories/ar-aging.repository';
import { type ReportDefinition, reportHeader, type ReportScope } from './report-definition';
import { nextDay, zonedDate, zonedInstant } from '../../../common/time-zone';

type Row = ArAgingReportResponse['rows'][number];
type OpenBalance = ArAgingReportResponse['bills'][number];
type PayerOf = Pick<Row, 'payerKind' | 'payerId' | 'payerName' | 'bills'>;
type BucketKey = 'days0To30' | 'days31To60' | 'days61To90' | 'days91To120' | 'over120';

/** The patients' row and an insurance balance nobody can be named for (docs/reports.md). */
export const PATIENTS_ROW_NAME = 'Patients';
export const NO_INSURER_NAME = 'No insurer on file';

const BUCKET_COLUMNS = [
  { key: 'days0To30', header: 'days0To30' },
  { key: 'days31To60', header: 'days31To60' },
  { key: 'days61To90', header: 'days61To90' },
  { key: 'days91To120', header: 'days91To120' },
  { key: 'over120', header: 'over120' },
  { key: 'total', header: 'total' },
] as const;

function bucketOf(ageDays: number): BucketKey {
  if (ageDays <= 30) return 'days0To30';
  if (ageDays <= 60) return 'days31To60';
  if (ageDays <= 90) return 'days61To90';
  if (ageDays <= 120) return 'days91To120';
  return 'over120';
}

class Buckets {
  private readonly cents: Record<BucketKey, number> = {
    days0To30: 0,
    days31To60: 0,
    days61To90: 0,
    days91To120: 0,
    over120: 0,
  };

  add(ageDays: number, amount: Money): void {
    this.cents[bucketOf(ageDays)] += amount.cents;
  }

  get totalCents(): number {
    return Object.values(this.cents).reduce((a, b) => a + b, 0);
  }

  toJson() {
    const m = (c: number) => Money.fromCents(c).toDecimal();
    return {
      days0To30: m(this.cents.days0To30),
      days31To60: m(this.cents.days31To60),
      days61To90: m(this.cents.days61To90),
      days91To120: m(this.cents.days91To120),
      over120: m(this.cents.over120),
      total: m(this.totalCents),
    };
  }
}

/** Days from `from` to `to`, both counted. */
function daysInRange(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/**
 * A `to` after today is read as today (docs/reports.md "A/R aging"): no one knows tomorrow's
 * payments, and the days to come would thin the average daily charges. A range that starts after
 * today is left as asked (nothing is open then).
 */
function asOfToday(scope: ReportScope): ReportScope {
  const today = zonedDate(scope.now, scope.timeZone);
  if (scope.to <= today || scope.from > today) return scope;
  return { ...scope, to: today, end: zonedInstant(nextDay(today), '00:00', scope.timeZone) };
}

/** a ÷ b rounded half up, for a ≥ 0 and b > 0 integers. */
function divideHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/**
 * A/R aging (docs/reports.md "A/R aging"): every bill's balance per payer as it stood at the end
 * of `to`, rebuilt from the ledger, aged from the bill's clinic-local issue day, by insurer and
 * for the patients together; and days in A/R against the charges of from–to.
 */
@Injectable()
export class ArAgingReport implements ReportDefinition<ArAgingReportResponse> {
  readonly name = 'ar-aging';
  readonly sections = {
    rows: {
      columns: [
        { key: 'payerKind', header: 'payerKind' },
        { key: 'payerId', header: 'payerId' },
        { key: 'payerName', header: 'payerName', text: true },
        { key: 'bills', header: 'bills' },
        ...BUCKET_COLUMNS,
      ],
      rows: (r: ArAgingReportResponse) => r.rows,
    },
    bills: {
      columns: [
        { key: 'billId', header: 'billId' },
        { key: 'billNumber', header: 'billNumber' },
        { key: 'issuedOn', header: 'issuedOn' },
        { key: 'ageDays', header: 'ageDays' },
        { key: 'payerKind', header: 'payerKind' },
        { key: 'payerId', header: 'payerId' },
        { key: 'payerName', header: 'payerName', text: true },
        { key: 'balance', header: 'balance' },
      ],
      rows: (r: ArAgingReportResponse) => r.bills,
    },
  };

  constructor(private readonly repository: ArAgingRepository) {}

  async run(db: Db, asked: ReportScope): Promise<ArAgingReportResponse> {
    const scope = asOfToday(asked);
    const open = await this.repository.openBills(db, scope);
    const charges = Money.fromDecimal(await this.repository.charges(db, scope));

    const balances = open.flatMap((b) => this.balancesOf(b));
    const summary = new Buckets();
    const byPayer = new Map<string, { row: PayerOf; buckets: Buckets }>();
    for (const b of balances) {
      const amount = Money.fromDecimal(b.balance);
      summary.add(b.ageDays, amount);
      const key = `${b.payerKind}:${b.payerId ?? ''}`;
      let entry = byPayer.get(key);
      if (!entry) {
        entry = {
          row: { payerKind: b.payerKind, payerId: b.payerId, payerName: b.payerName, bills: 0 },
          buckets: new Buckets(),
        };
        byPayer.set(key, entry);
      }
      entry.row.bills += 1;
      entry.buckets.add(b.ageDays, amount);
    }
    const rows = [...byPayer.values()]
      .sort(
        (a, b) =>
          b.buckets.totalCents - a.buckets.totalCents ||
          a.row.payerKind.localeCompare(b.row.payerKind) ||
          a.row.payerName.localeCompare(b.row.payerName) ||
          (a.row.payerId ?? '').localeCompare(b.row.payerId ?? ''),
      )
      .map((e): Row => ({ ...e.row, ...e.buckets.toJson() }));

    const averageDailyCents = divideHalfUp(charges.cents, daysInRange(scope.from, scope.to));
    return {
      ...reportHeader(asked),
      asOf: scope.to,
      summary: {
        ...summary.toJson(),
        charges: charges.toDecimal(),
        averageDailyCharges: Money.fromCents(averageDailyCents).toDecimal(),
        daysInAr:
          averageDailyCents === 0
            ? null
            : divideHalfUp(10 * summary.totalCents, averageDailyCents) / 10,
      },
      rows,
      bills: balances,
    };
  }

  /** A bill's open balances: the insurer's first, then the patient's; a zero one is not open. */
  private balancesOf(b: OpenBillRow): OpenBalance[] {
    const common = {
      billId: b.billId,
      billNumber: b.billNumber,
      issuedOn: b.issuedOn,
      ageDays: b.ageDays,
    };
    const out: OpenBalance[] = [];
    const insurance = Money.fromDecimal(b.insuranceBalance);
    if (insurance.cents > 0)
      out.push({
        ...common,
        payerKind: 'INSURER',
        payerId: b.payerId,
        payerName: b.payerName ?? NO_INSURER_NAME,
        balance: insurance.toDecimal(),
      });
    const patient = Money.fromDecimal(b.patientBalance);
    if (patient.cents > 0)
      out.push({
        ...common,
        payerKind: 'PATIENT',
        payerId: null,
        payerName: PATIENTS_ROW_NAME,
        balance: patient.toDecimal(),
      });
    return out;
  }
}
