import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../auth/caller';
import { invariant } from '../invariant';

/** A table keyed `(clinic_id, id)`, as every business table is (columns.ts). */
export interface TenantKeyed {
  clinicId: AnyColumn;
  id: AnyColumn;
}

/** `clinic_id = … AND id = …`: the one way to address a record, never by id alone. */
export function byTenantKey(table: TenantKeyed, clinicId: ClinicId, id: string): SQL {
  return sql`${table.clinicId} = ${clinicId} AND ${table.id} = ${id}`;
}

/** `byTenantKey` for a prepared query (prepared-query.ts): values `clinicId` and `id`. */
export function byTenantKeyPlaceholders(table: TenantKeyed): SQL {
  return sql`${table.clinicId} = ${sql.placeholder('clinicId')} AND ${table.id} = ${sql.placeholder('id')}`;
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
