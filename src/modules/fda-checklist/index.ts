// The public file of the fda-checklist module: other modules import from here only
// (docs/architecture.md "Module boundaries"; eslint.config.mjs). Table definitions
// (`repositories/*.schema.ts`) are imported directly, for foreign keys and joins.
export * from './dto/fda-checklist.dto';
export * from './fda-checklist.module';
export * from './services/fda-checklist-rule';
export * from './services/fda-checklist.service';
