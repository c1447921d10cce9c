import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import type { PutAppointmentTypeBody } from '../dto/calendar-hours.dto';
import { AppointmentTypeRepository } from '../repositories/appointment-type.repository';
import type { AppointmentType } from '../repositories/appointment.schema';
import { AppointmentTypes, type AppointmentTypeSettings } from './appointment-types';

/** The HTTP side of appointment types: the clinic's list, and ADMIN's change of one. */
@Injectable()
export class AppointmentTypeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly types: AppointmentTypes,
    private readonly rows: AppointmentTypeRepository,
    private readonly audit: AuditWriter,
  ) {}

  list(caller: Caller): Promise<{ data: AppointmentTypeSettings[] }> {
    return this.tx.run(async (db) => ({ data: await this.types.all(db, caller.clinicId) }));
  }

  /**
   * Sets a type's default length (and what to bring: left out keeps the current text, the
   * default's until the clinic writes its own; null clears it). Audited.
   */
  put(
    caller: Caller,
    type: AppointmentType,
    body: PutAppointmentTypeBody,
  ): Promise<AppointmentTypeSettings> {
    return this.tx.run(async (db) => {
      const current = await this.types.of(db, caller.clinicId, type);
      const whatToBring = body.whatToBring === undefined ? current.whatToBring : body.whatToBring;
      const row = await this.rows.upsert(db, caller.clinicId, type, {
        defaultMinutes: body.defaultMinutes,
        whatToBring,
      });
      await this.audit.record(db, caller, {
        action: 'appointment-type.update',
        entityType: 'AppointmentType',
        entityId: null,
        changedFields: Object.keys(body),
        metadata: { type },
      });
      return { type, defaultMinutes: row.defaultMinutes, whatToBring: row.whatToBring };
    });
  }
}
