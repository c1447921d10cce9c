import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';

/**
 * Where the patient of each kind of audited record is kept: the record's table, and its column
 * naming the patient. The audit trail is the one reader of every module's records by id, so it
 * names the tables here rather than asking eleven modules; a kind missing here has no subject.
 */
const PATIENT_OF: Record<string, { table: string; patientColumn: string }> = {
  Patient: { table: 'patients', patientColumn: 'id' },
  Consultation: { table: 'consultations', patientColumn: 'patient_id' },
  ProcedurePlan: { table: 'procedure_plans', patientColumn: 'patient_id' },
  PatientConsentInstance: { table: 'patient_consent_instances', patientColumn: 'patient_id' },
  Quote: { table: 'quotes', patientColumn: 'patient_id' },
  PriorAuthorization: { table: 'prior_authorizations', patientColumn: 'patient_id' },
  SurgicalCase: { table: 'surgical_cases', patientColumn: 'patient_id' },
  Bill: { table: 'bills', patientColumn: 'patient_id' },
  PaymentPlan: { table: 'payment_plans', patientColumn: 'patient_id' },
  InventoryUnit: { table: 'inventory_units', patientColumn: 'patient_id' },
};

export interface AuditSubjectRow {
  entityType: string;
  entityId: string;
  patientId: string;
  firstName: string;
  lastName: string;
  mrn: string;
}

const Rows = z.object({
  rows: z.array(
    z.object({
      entity_type: z.string(),
      entity_id: z.string(),
      patient_id: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      mrn: z.string(),
    }),
  ),
});

@Injectable()
export class AuditSubjectRepository {
  /** The patient each record is about, in one query for a page of events whatever their kinds. */
  async patientsOf(
    db: Db,
    clinicId: ClinicId,
    records: readonly { entityType: string; entityId: string }[],
  ): Promise<AuditSubjectRow[]> {
    const idsByType = new Map<string, { table: string; patientColumn: string; ids: Set<string> }>();
    for (const r of records) {
      const where = PATIENT_OF[r.entityType];
      if (where === undefined) continue;
      const kind = idsByType.get(r.entityType) ?? { ...where, ids: new Set<string>() };
      kind.ids.add(r.entityId);
      idsByType.set(r.entityType, kind);
    }
    if (idsByType.size === 0) return [];
    const parts = [...idsByType].map(([entityType, { table, patientColumn, ids }]) => {
      return sql`SELECT ${entityType}::text AS entity_type, r.id AS entity_id, r.${sql.identifier(patientColumn)} AS patient_id
        FROM ${sql.identifier(table)} r
        WHERE r.clinic_id = ${clinicId} AND r.id IN ${[...ids]}`;
    });
    const result = await db.execute(sql`
      SELECT s.entity_type, s.entity_id::text, p.id::text AS patient_id, p.first_name, p.last_name, p.mrn
      FROM (${sql.join(parts, sql` UNION ALL `)}) s
      JOIN patients p ON p.clinic_id = ${clinicId} AND p.id = s.patient_id`);
    return Rows.parse(result).rows.map((r) => ({
      entityType: r.entity_type,
      entityId: r.entity_id,
      patientId: r.patient_id,
      firstName: r.first_name,
      lastName: r.last_name,
      mrn: r.mrn,
    }));
  }
}
