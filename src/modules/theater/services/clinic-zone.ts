import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';

/**
 * The clinic's IANA time zone: its days and opening hours are local ones. The one place the
 * theater asks for it (docs/theater.md, "Local time").
 */
@Injectable()
export class ClinicZone {
  // eslint-disable-next-line @typescript-eslint/require-await
  async zoneOf(_db: Db, _clinicId: ClinicId): Promise<string> {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  }
}
