// The public file of the user module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './dto/user.dto';
export type { UserRow } from './repositories/user.repository';
export * from './services/password-hasher';
export * from './services/user-queries';
export * from './services/user.mapper';
export * from './services/user.service';
export * from './user.module';
