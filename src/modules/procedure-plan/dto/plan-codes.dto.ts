import { z } from 'zod';
import { CptCode, Icd10Code } from '../../codes';
import { PROCEDURE_TYPES } from '../repositories/procedure-plan.schema';

/** Field shapes shared by create and update; the rules between fields live in plan-code-rules.ts. */
export const planFieldShapes = {
  procedureName: z.string().trim().min(1).max(200),
  procedureType: z.enum(PROCEDURE_TYPES),
  primaryCPTCode: CptCode,
  cptCodes: z.array(CptCode).min(1).max(20),
  diagnosisCodes: z.array(Icd10Code).max(25),
  insuranceCptCodes: z.array(CptCode).max(20),
  notes: z.string().trim().max(10_000).nullish(),
};
