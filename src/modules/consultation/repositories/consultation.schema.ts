import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantKeyColumns, timestampColumns } from '../../../common/database/columns';
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
    foreignKey({
      columns: [t.clinicId, t.patientId],
      foreignColumns: [patients.clinicId, patients.id],
      name: 'consultations_patient_fk',
    }),
    foreignKey({
      columns: [t.clinicId, t.surgeonId],
      foreignColumns: [users.clinicId, users.id],
      name: 'consultations_surgeon_fk',
    }),
    foreignKey({
      columns: [t.clinicId, t.createdById],
      foreignColumns: [users.clinicId, users.id],
      name: 'consultations_created_by_fk',
    }),
    index('consultations_patient_idx').on(t.clinicId, t.patientId, t.consultationDate, t.id),
    index('consultations_surgeon_idx').on(t.clinicId, t.surgeonId, t.consultationDate, t.id),
  ],
);
