// The public file of the procedure-plan module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './procedure-plan.module';
export type { PlanRow } from './repositories/procedure-plan.repository';
export * from './services/plan-cancellation-hooks';
export * from './services/plan-inventory.service';
export * from './services/plan-lifecycle';
export * from './services/plan-queries';
export type { ProcedurePlanResponse } from './dto/procedure-plan-response.dto';
export * from './services/procedure-plan-workflow.service';
