// The public file of the calendar module: other modules import from here only (docs/architecture.md
// "Module boundaries"; eslint.config.mjs). Table definitions (`repositories/*.schema.ts`) are
// imported directly, for foreign keys and joins.
export * from './calendar.module';
export * from './services/appointment-change-hooks';
export * from './services/appointment-types';
export type { AppointmentStatus, AppointmentType } from './repositories/appointment.schema';
export type { AppointmentResponse } from './dto/appointment.dto';
export type { ExamRoomResponse } from './dto/exam-room.dto';
