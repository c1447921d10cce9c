import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { ValidationFailed } from '../../../common/errors/domain-error';
import { sendCsv, toCsv } from '../../../common/http/csv-response';
import { nextDay, zonedInstant } from '../../../common/time-zone';
import { ClinicService } from '../../clinic';
import { UserQueries } from '../../user';
import type { ReportQuery } from '../dto/report-query.dto';
import type { ReportDefinition, ReportScope } from './report-definition';

/**
 * Runs a report for a caller: resolves the range in the clinic's zone, checks the surgeon, runs
 * the report's queries in one read-only snapshot (REPEATABLE READ: every figure from the same
 * moment), on the read replica when there is one (`DATABASE_READ_URL`), and answers JSON or one
 * of its tables as CSV (docs/reports.md).
 */
@Injectable()
export class ReportRunner {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clinics: ClinicService,
    private readonly users: UserQueries,
    private readonly clock: Clock,
  ) {}

  async answer<R>(
    caller: Caller,
    query: ReportQuery,
    report: ReportDefinition<R>,
    reply: FastifyReply,
  ): Promise<R | string> {
    const sectionName = query.section ?? Object.keys(report.sections)[0];
    const section = sectionName === undefined ? undefined : report.sections[sectionName];
    if (query.format === 'csv' && section === undefined)
      throw ValidationFailed.field('section', `One of: ${Object.keys(report.sections).join(', ')}`);
    const result = await this.tx.runReadOnly(
      async (db) => {
        // A year's report costs more than PostgreSQL's JIT thresholds, and compiling it took longer
        // than running it (docs/performance.md "Reports"): off, for this transaction only.
        await db.execute(sql`SET LOCAL jit = off`);
        return report.run(db, await this.scope(db, caller, query), caller);
      },
      { isolationLevel: 'repeatable read' },
    );
    if (query.format === 'json' || section === undefined) return result;
    const suffix = sectionName === 'rows' ? '' : `-${sectionName}`;
    return sendCsv(
      reply,
      `${report.name}${suffix}-${query.from}-to-${query.to}.csv`,
      toCsv(section.columns, section.rows(result)),
    );
  }

  private async scope(db: Db, caller: Caller, query: ReportQuery): Promise<ReportScope> {
    const clinicId = caller.clinicId;
    const timeZone = await this.clinics.timeZoneOf(clinicId, db);
    if (query.surgeonId !== undefined) {
      // A surgeon who has left still has their history: inactive surgeons are reported on.
      const surgeon = await this.users.findById(db, clinicId, query.surgeonId);
      if (surgeon?.role !== 'SURGEON')
        throw ValidationFailed.field('surgeonId', 'Must be a surgeon of this clinic');
    }
    return {
      clinicId,
      timeZone,
      from: query.from,
      to: query.to,
      start: zonedInstant(query.from, '00:00', timeZone),
      end: zonedInstant(nextDay(query.to), '00:00', timeZone),
      surgeonId: query.surgeonId ?? null,
      now: this.clock.now(),
    };
  }
}
