import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape } from '../../../common/http/pagination';
import { PLAN_STATUSES } from '../repositories/procedure-plan.schema';

const IsoDate = z.iso.date({ message: 'A date as YYYY-MM-DD' });

function isDate(value: string | undefined): value is string {
  return IsoDate.safeParse(value).success;
}

export const ListProcedurePlansQuery = z
  .strictObject({
    ...pageQueryShape,
    patientId: z.uuid().optional(),
    consultationId: z.uuid().optional(),
    status: z.enum(PLAN_STATUSES).optional(),
    /** Plans of this surgeon: their consultation's, or their live case's (docs/procedure-plans.md). */
    surgeonId: z.uuid().optional(),
    /** Plans created on or after this UTC day. */
    from: IsoDate.optional(),
    /** Plans created on or before this UTC day. */
    to: IsoDate.optional(),
  })
  // A malformed date has its own issue already; ordering needs two real dates.
  .refine((q) => !isDate(q.from) || !isDate(q.to) || q.from <= q.to, {
    message: 'Must not be before from',
    path: ['to'],
  });
export type ListProcedurePlansQuery = z.infer<typeof ListProcedurePlansQuery>;
export class ListProcedurePlansQueryDto extends createZodDto(ListProcedurePlansQuery) {}
