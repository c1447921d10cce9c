import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { patients } from '../../patient/repositories/patient.schema';
import { users } from '../../user/repositories/user.schema';

export const consultations = pgTable(
  'consultations',
  {
    ...tenantKeyColumns(),
    patientId: uuid('patient_id').notNull(),
    surgeonId: uuid('surgeon_id').notNull(),
    consultationDate: timestamp('consultation_date', {
      withTimezone: true,
      mode: 'date',
    }).notNull(),
    reason: text('reason').notNull(),
    notes: text('notes'),
    createdById: uuid('created_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('consultations_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('consultations_surgeon_fk', [t.clinicId, t.surgeonId], users),
    tenantForeignKey('consultations_created_by_fk', [t.clinicId, t.createdById], users),
    index('consultations_patient_idx').on(t.clinicId, t.patientId, t.consultationDate, t.id),
    index('consultations_surgeon_idx').on(t.clinicId, t.surgeonId, t.consultationDate, t.id),
    // The consultations held in a range of days, every surgeon's (the conversion report).
    index('consultations_date_idx').on(t.clinicId, t.consultationDate),
  ],
);
