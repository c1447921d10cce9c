import { instantAt } from '../../lib/clinicTime';

/** The filters of the audit screen, as the URL keeps them, and what the API is asked. */
export interface AuditFilters {
  entityType: string;
  entityId: string;
  actorId: string;
  /** Calendar dates, YYYY-MM-DD, in the browser's time zone; empty when not set. */
  from: string;
  to: string;
  /** `'1'` lists page reads too; by default the screen shows only what changed (docs/web-app.md). */
  reads: string;
}

export interface AuditApiQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  /** A query-string boolean, as the API reads it. */
  excludeReads?: 'true';
}

/** The entity types the API writes events for (the filter matches one of them exactly). */
export const ENTITY_TYPES = [
  'Bill',
  'Clinic',
  'ConsentTemplate',
  'Consultation',
  'FeeScheduleEntry',
  'InventoryBatch',
  'InventoryItem',
  'InventoryUnit',
  'OperatingRoom',
  'Patient',
  'PatientConsentInstance',
  'PaymentPlan',
  'PriorAuthorization',
  'ProcedurePlan',
  'Quote',
  'SurgicalCase',
  'User',
] as const;

/** Where the app shows an entity, for the types it has a page for. */
export function entityPath(entityType: string, entityId: string): string | null {
  switch (entityType) {
    case 'Patient':
      return `/patients/${entityId}`;
    case 'ProcedurePlan':
      return `/plans/${entityId}`;
    case 'SurgicalCase':
      return `/cases/${entityId}`;
    case 'Bill':
      return `/billing/bills/${entityId}`;
    case 'PaymentPlan':
      return `/billing/payment-plans/${entityId}`;
    default:
      return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isUuid(value: string): boolean {
  return UUID.test(value.trim());
}

/** The first instant of a calendar date at the clinic, as ISO 8601. */
export function startOfDay(date: string): string {
  const [year, month, day] = parts(date);
  return instantAt({ year, month, day, hour: 0, minute: 0, second: 0 }).toISOString();
}

/** The last millisecond of a calendar date at the clinic: `to` is inclusive. */
export function endOfDay(date: string): string {
  const [year, month, day] = parts(date);
  const next = instantAt({ year, month, day: day + 1, hour: 0, minute: 0, second: 0 });
  return new Date(next.getTime() - 1).toISOString();
}

function parts(date: string): [number, number, number] {
  const match = CALENDAR_DATE.exec(date);
  if (match === null) throw new Error(`Not a calendar date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The API query for a set of filters, or the messages of the fields that would make the API
 * refuse it (a partial entity ID, From after To), so the screen can say so without asking.
 */
export function toApiQuery(
  filters: AuditFilters,
): { query: AuditApiQuery; errors: null } | { query: null; errors: Partial<AuditFilters> } {
  const errors: Partial<AuditFilters> = {};
  const entityId = filters.entityId.trim();
  if (entityId !== '' && !isUuid(entityId)) {
    errors.entityId = 'A full ID, like 01a2243e-61b0-73f1-9e58-1c398e23eeff';
  }
  if (filters.from !== '' && !CALENDAR_DATE.test(filters.from)) errors.from = 'Not a date';
  if (filters.to !== '' && !CALENDAR_DATE.test(filters.to)) errors.to = 'Not a date';
  if (
    errors.from === undefined &&
    errors.to === undefined &&
    filters.from !== '' &&
    filters.to !== '' &&
    filters.from > filters.to
  ) {
    errors.to = 'Must not be before From';
  }
  if (Object.keys(errors).length > 0) return { query: null, errors };
  const query: AuditApiQuery = {};
  if (filters.entityType !== '') query.entityType = filters.entityType;
  if (entityId !== '') query.entityId = entityId.toLowerCase();
  if (filters.actorId !== '') query.actorId = filters.actorId;
  if (filters.from !== '') query.from = startOfDay(filters.from);
  if (filters.to !== '') query.to = endOfDay(filters.to);
  if (filters.reads !== '1') query.excludeReads = 'true';
  return { query, errors: null };
}
