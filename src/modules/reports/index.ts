// The public file of the reports module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Nothing depends on reports; it offers only its routes.
export * from './reports.module';
