// The theater's days are the clinic's calendar days, shared with the calendar (lib/clinicDays.ts).
export * from '../../lib/clinicDays';
