// The public file of the claims module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins. No module depends on claims; the demo loader
// (src/cli/demo) makes and submits its claims through these services.
export * from './claims.module';
export * from './dto/claim.dto';
export * from './services/claim-submission.service';
export * from './services/claim.service';
