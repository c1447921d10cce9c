import { sql, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../auth/caller';
import { invariant } from '../invariant';

/** A table keyed `(clinic_id, id)`, as every business table is (columns.ts). */
export interface TenantKeyed {
  clinicId: AnyColumn;
  id: AnyColumn;
}

/**
 * `clinic_id = … AND id = …`: the one way to address a record, never by id alone. A prepared
 * query (prepared-query.ts) passes placeholders for the two values.
 */
export function byTenantKey(
  table: TenantKeyed,
  clinicId: ClinicId | Placeholder,
  id: string | Placeholder,
): SQL {
  return sql`${table.clinicId} = ${clinicId} AND ${table.id} = ${id}`;
}

/** The row of an INSERT/UPDATE … RETURNING that cannot come back empty. */
export function returnedRow<T>(rows: T[], why: string): T {
  const [row] = rows;
  invariant(row, why);
  return row;
}

/** The ON of a join to a tenant table: the same clinic, and `referenceId` naming its row. */
export function tenantJoin(target: TenantKeyed, clinicId: AnyColumn, referenceId: AnyColumn): SQL {
  return sql`${target.clinicId} = ${clinicId} AND ${target.id} = ${referenceId}`;
}
