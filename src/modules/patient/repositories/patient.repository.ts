import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { containsPattern } from '../../../common/database/like-pattern';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import type { PatientSearch } from '../services/patient-search';
import { patients } from './patient.schema';

export type PatientRow = typeof patients.$inferSelect;
export type NewPatient = Omit<
  typeof patients.$inferInsert,
  'version' | 'createdAt' | 'updatedAt' | 'searchText' | 'phoneDigits'
>;
export type PatientChanges = Partial<Omit<NewPatient, 'clinicId' | 'id' | 'mrn'>>;

const byName = new Keyset([patients.lastName, patients.firstName, patients.id]);
/** A search matching more patients than this pages through the name index (see `list`). */
const SEARCH_MATCH_CAP = 10_000;

// By-id reads: built once (prepared-query.ts).
const patientsById = preparedRowById('patients_by_id', patients);
const patientsLockedById = preparedRowById('patients_locked_by_id', patients, 'update');

@Injectable()
export class PatientRepository {
  async insert(db: Db, patient: NewPatient): Promise<PatientRow> {
    return returnedRow(
      await db.insert(patients).values(patient).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<PatientRow | undefined> {
    return patientsById(db, clinicId, id);
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<PatientRow | undefined> {
    return patientsLockedById(db, clinicId, id);
  }

  async exists(db: Db, clinicId: ClinicId, id: string): Promise<boolean> {
    const [row] = await db
      .select({ id: patients.id })
      .from(patients)
      .where(byTenantKey(patients, clinicId, id));
    return row !== undefined;
  }

  async mrnTaken(db: Db, clinicId: ClinicId, mrn: string): Promise<boolean> {
    const [row] = await db
      .select({ id: patients.id })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), eq(patients.mrn, mrn)));
    return row !== undefined;
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: PatientChanges,
  ): Promise<PatientRow> {
    return returnedRow(
      await db
        .update(patients)
        .set({ ...changes, version: sql`${patients.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(patients, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  /**
   * Patients by name, optionally matching a search (patient-search.ts). A date of birth or a
   * phone number is an equality on `patients_birth_date_idx` or `patients_phone_digits_idx`,
   * which hold each value's patients in name order, so a page reads only its own rows.
   *
   * Words must each appear in the name or MRN, case-insensitively; they are bound parameters
   * with LIKE's wildcards escaped, never SQL. Words read their matches through the trigram index
   * (at most SEARCH_MATCH_CAP of them, after the cursor) and sort those: walking the name index
   * instead and filtering, which the planner prefers for a word it expects to be common, reads
   * every name before the first match — all of A–K for "lopez" (docs/performance.md). Only a
   * word matching more than the cap pages through the name index, where matches are dense
   * enough to come quickly.
   */
  async list(
    db: Db,
    clinicId: ClinicId,
    search: PatientSearch | undefined,
    page: PageRequest,
  ): Promise<Page<PatientRow>> {
    const words = search?.kind === 'words' ? search.words : [];
    const matching = and(
      eq(patients.clinicId, clinicId),
      search?.kind === 'dateOfBirth' ? eq(patients.dateOfBirth, search.date) : undefined,
      search?.kind === 'phone' ? eq(patients.phoneDigits, search.digits) : undefined,
      ...words.map((w) => sql`${patients.searchText} LIKE ${containsPattern(w)}`),
      byName.after(page),
    );
    if (words.length > 0) {
      const matches = db
        .select()
        .from(patients)
        .where(matching)
        .limit(SEARCH_MATCH_CAP + 1)
        .as('matches');
      const rows = await db
        .select({
          ...matches._.selectedFields,
          matched: sql<number>`count(*) over ()`.mapWith(Number),
        })
        .from(matches)
        .orderBy(matches.lastName, matches.firstName, matches.id)
        .limit(byName.fetchSize(page));
      if ((rows[0]?.matched ?? 0) <= SEARCH_MATCH_CAP) {
        return this.page(
          rows.map(({ matched: _, ...patient }) => patient),
          page,
        );
      }
    }
    const rows = await db
      .select()
      .from(patients)
      .where(matching)
      .orderBy(...byName.orderBy())
      .limit(byName.fetchSize(page));
    return this.page(rows, page);
  }

  private page(rows: PatientRow[], page: PageRequest): Page<PatientRow> {
    return byName.toPage(
      rows,
      page,
      (p) => [p.lastName, p.firstName, p.id],
      (p) => p,
    );
  }
}
