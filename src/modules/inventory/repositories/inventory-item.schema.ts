import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { moneyColumn, tenantKeyColumns, timestampColumns } from '../../../common/database/columns';
import { clinics } from '../../clinic/repositories/clinic.schema';

export const INVENTORY_CATEGORIES = [
  'IMPLANT',
  'SUTURE',
  'CONSUMABLE',
  'MEDICATION',
  'OTHER',
] as const;
export const inventoryCategory = pgEnum('inventory_category', INVENTORY_CATEGORIES);

/**
 * What kind of implant an IMPLANT item is, where a rule depends on it: a required BREAST implant
 * makes a plan need the FDA Patient Decision Checklist (docs/fda-checklist.md).
 */
export const IMPLANT_KINDS = ['BREAST'] as const;
export type ImplantKind = (typeof IMPLANT_KINDS)[number];
export const implantKind = pgEnum('implant_kind', IMPLANT_KINDS);

/** The catalog (docs/design.md §3): what a clinic stocks. Batches and serial units come with issue 5. */
export const inventoryItems = pgTable(
  'inventory_items',
  {
    ...tenantKeyColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: inventoryCategory('category').notNull(),
    manufacturer: text('manufacturer'),
    size: text('size'),
    shape: text('shape'),
    unitPrice: moneyColumn('unit_price').notNull(),
    isBillable: boolean('is_billable').notNull(),
    requiresSerialNumber: boolean('requires_serial_number').notNull(),
    hcpcsCode: text('hcpcs_code'),
    gtin: text('gtin'),
    /** Only for category IMPLANT (a check holds it). */
    implantKind: implantKind('implant_kind'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId],
      foreignColumns: [clinics.id],
      name: 'inventory_items_clinic_fk',
    }),
    uniqueIndex('inventory_items_code_unique').on(t.clinicId, t.code),
    uniqueIndex('inventory_items_gtin_unique')
      .on(t.clinicId, t.gtin)
      .where(sql`${t.gtin} IS NOT NULL`),
    index('inventory_items_category_idx').on(t.clinicId, t.category, t.code),
    check(
      'inventory_items_implant_kind_implant',
      sql`${t.implantKind} IS NULL OR ${t.category} = 'IMPLANT'`,
    ),
  ],
);
