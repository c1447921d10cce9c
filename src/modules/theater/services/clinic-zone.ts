import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { ClinicService } from '../../clinic';

/**
 * The clinic's IANA time zone: its days and opening hours are local ones. The one place the
 * theater asks for it (docs/theater.md, "Local time").
 */
@Injectable()
export class ClinicZone {
  constructor(private readonly clinics: ClinicService) {}

  zoneOf(db: Db, clinicId: ClinicId): Promise<string> {
    return this.clinics.timeZoneOf(clinicId, db);
  }
}
