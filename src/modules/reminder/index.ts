// The public file of the reminder module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './reminder.module';
