// The public file of the theater module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './services/case-completion-hooks';
export * from './services/operating-room.service';
export * from './services/surgical-case.service';
export * from './theater.module';
export * from './dto/implant-card.dto';
export * from './services/implant-card.service';
