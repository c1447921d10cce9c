import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumns } from '../../../common/database/columns';

/** The tenant. A reference table under Citus (docs/scaling.md): small, read everywhere. */
export const clinics = pgTable('clinics', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  ...timestampColumns(),
});
