import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { REMINDER_CHANNELS, REMINDER_STATUSES } from '../repositories/reminder.schema';

const MIN_OFFSET_MINUTES = 15;
const MAX_OFFSET_MINUTES = 14 * 24 * 60;

export const PutReminderSettingsBody = z.strictObject({
  /** Minutes before a visit a reminder goes: 1 to 5 distinct values, 15 minutes to 14 days. */
  offsetsMinutes: z
    .array(z.number().int().min(MIN_OFFSET_MINUTES).max(MAX_OFFSET_MINUTES))
    .min(1)
    .max(5)
    .refine((offsets) => new Set(offsets).size === offsets.length, 'Give each offset once'),
});
export type PutReminderSettingsBody = z.infer<typeof PutReminderSettingsBody>;
export class PutReminderSettingsDto extends createZodDto(PutReminderSettingsBody) {}

export const ReminderSettingsSchema = z.object({
  /** Largest first. Applies to visits booked or moved from now on. */
  offsetsMinutes: z.array(z.number().int()),
  /** False when the server has no SMTP_URL: email reminders are then SKIPPED. */
  email: z.object({ configured: z.boolean() }),
  /** The SMS channel (SMS_CHANNEL): 'off' plans no SMS reminders. */
  sms: z.object({ provider: z.enum(['log', 'off']) }),
});
export type ReminderSettingsResponse = z.infer<typeof ReminderSettingsSchema>;
export class ReminderSettingsDto extends createZodDto(ReminderSettingsSchema) {}

export const AppointmentReminderSchema = z.object({
  id: z.uuid(),
  channel: z.enum(REMINDER_CHANNELS),
  offsetMinutes: z.number().int(),
  dueAt: z.string(),
  status: z.enum(REMINDER_STATUSES),
  sentAt: z.string().nullable(),
  attempts: z.number().int(),
  /** Why it was skipped, cancelled or failed ("mail not configured", "patient has no email"). */
  lastError: z.string().nullable(),
});
export type AppointmentReminderResponse = z.infer<typeof AppointmentReminderSchema>;
export class AppointmentReminderDto extends createZodDto(AppointmentReminderSchema) {}
