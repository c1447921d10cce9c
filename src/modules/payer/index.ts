// The public file of the payer module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './dto/patient-insurance.dto';
export * from './dto/payer.dto';
export * from './payer.module';
export * from './services/patient-insurance.service';
export * from './services/payer.service';
