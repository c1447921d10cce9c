import type { Permission } from '../../auth/permissions';
import type { paths } from '../../api/schema';

/** The report routes of the API, `/api/v1/reports/<name>`. */
export type ReportName = {
  [P in keyof paths]: P extends `/api/v1/reports/${infer N}` ? N : never;
}[keyof paths];

/** One of a report's tables that downloads as CSV (`format=csv&section=`; the first is `rows`). */
export interface CsvSectionInfo {
  section: string;
  title: string;
}

export interface ReportInfo {
  name: ReportName;
  title: string;
  /** One line on the index: what the report answers. */
  description: string;
  /** Who may open it: the clinical reports, or the money ones (ADMIN and BILLING). */
  permission: Permission;
}

/** The reports of docs/reports.md, in the order the index lists them. */
export const REPORTS: readonly ReportInfo[] = [
  {
    name: 'conversion',
    title: 'Conversion',
    description:
      'Consultations and how many led to a plan, a quote, an approval and a surgery, by month and surgeon.',
    permission: 'reports.read',
  },
  {
    name: 'theater-utilisation',
    title: 'Theater utilisation',
    description:
      'Operating-room minutes available, booked and used per room and day; first-case starts, turnovers, cancellations.',
    permission: 'reports.read',
  },
  {
    name: 'surgeon-productivity',
    title: 'Surgeon productivity',
    description: 'Cases completed, charges billed and collections received, by surgeon and month.',
    permission: 'reports.money',
  },
  {
    name: 'ar-aging',
    title: 'A/R aging',
    description:
      'Open balances by payer in 0–30 to over 120 days from the bill date, and days in A/R.',
    permission: 'reports.money',
  },
  {
    name: 'quotes',
    title: 'Quotes',
    description:
      'Quotes issued by procedure: accepted, expired, superseded, open; acceptance rate and average accepted value.',
    permission: 'reports.read',
  },
  {
    name: 'implants',
    title: 'Implants',
    description:
      'Units used by item and lot, stock on hand and its value, lots expiring within 90 days, open recalls.',
    permission: 'reports.read',
  },
];

export const REPORT_INFO = Object.fromEntries(REPORTS.map((r) => [r.name, r])) as Record<
  ReportName,
  ReportInfo
>;

export function reportInfo(name: string): ReportInfo | undefined {
  return REPORTS.find((r) => r.name === name);
}
