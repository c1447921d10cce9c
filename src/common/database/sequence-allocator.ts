import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { ClinicId } from '../auth/caller';
import { clinicSequences } from './clinic-sequences.schema';
import type { Db } from './database';
import { returnedRow } from './tenant-key';

@Injectable()
export class SequenceAllocator {
  /**
   * The next value of a clinic's named counter. The upsert takes the row lock, so concurrent
   * transactions queue and none sees the same value; a rolled-back transaction returns its value,
   * so numbers have no gaps.
   */
  async next(db: Db, clinicId: ClinicId, name: string): Promise<number> {
    return returnedRow(
      await db
        .insert(clinicSequences)
        .values({ clinicId, name, lastValue: 1 })
        .onConflictDoUpdate({
          target: [clinicSequences.clinicId, clinicSequences.name],
          set: { lastValue: sql`${clinicSequences.lastValue} + 1` },
        })
        .returning({ value: clinicSequences.lastValue }),
      'an upsert returns its row',
    ).value;
  }
}
