// The public file of the claims module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins. Nothing depends on claims yet.
export * from './claims.module';
