import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape } from '../../../common/http/pagination';
import { PLAN_STATUSES } from '../repositories/procedure-plan.schema';

export const ListProcedurePlansQuery = z.strictObject({
  ...pageQueryShape,
  patientId: z.uuid().optional(),
  consultationId: z.uuid().optional(),
  status: z.enum(PLAN_STATUSES).optional(),
});
export type ListProcedurePlansQuery = z.infer<typeof ListProcedurePlansQuery>;
export class ListProcedurePlansQueryDto extends createZodDto(ListProcedurePlansQuery) {}
