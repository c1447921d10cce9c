// The public file of the booking module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './booking.module';
export * from './services/booking-ledger';
export type { BookedResource, BookingSource } from './repositories/booking.schema';
export * from './services/schedule-conflict.error';
export * from './services/lost-race';
