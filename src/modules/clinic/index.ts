// The public file of the clinic module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './clinic.module';
export * from './dto/clinic-billing-profile.dto';
export * from './dto/clinic.dto';
export * from './services/clinic-billing-profile.service';
export * from './services/clinic-creation-hooks';
export * from './services/clinic.service';
export * from './bootstrap.module';
