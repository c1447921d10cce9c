// The public file of the codes module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './codes.module';
export * from './services/cpt-code';
export * from './services/icd10-catalog';
export * from './services/icd10-code';
export * from './services/npi';
export * from './services/provider-identifiers';
