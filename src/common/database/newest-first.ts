import { and, eq, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ClinicId } from '../auth/caller';
import { Keyset, type Page, type PageRequest } from '../http/pagination';
import type { Db } from './database';
import type { TenantKeyed } from './tenant-key';

/**
 * A tenant table's list, newest first: ids are UUIDv7, so id order is creation order and the id
 * alone is the cursor. Built once per table, beside its repository; each call gives the clinic,
 * the filters the request set (undefined for one it left out) and the page.
 */
export function newestFirst<T extends PgTable & TenantKeyed>(
  table: T,
): (
  db: Db,
  clinicId: ClinicId,
  filters: readonly (SQL | undefined)[],
  page: PageRequest,
) => Promise<Page<T['$inferSelect']>> {
  const keyset = new Keyset([table.id], 'desc');
  return async (db, clinicId, filters, page) => {
    // Generic over the table, drizzle's select type cannot follow: the row type is the table's.
    const from: PgTable = table;
    const rows = (await db
      .select()
      .from(from)
      .where(and(eq(table.clinicId, clinicId), ...filters, keyset.after(page)))
      .orderBy(...keyset.orderBy())
      .limit(keyset.fetchSize(page))) as (T['$inferSelect'] & { id: string })[];
    return keyset.toPage(
      rows,
      page,
      (row) => [row.id],
      (row) => row,
    );
  };
}
