import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PostalAddress, PostalAddressSchema } from '../../../common/postal-address';
import { isTimeZone, timeZoneSpelling } from '../../../common/time-zone';

export const ClinicName = z.string().trim().min(1).max(200);

/** An IANA time zone name Intl knows, e.g. `America/New_York`; spelled as IANA does. */
export const TimeZoneName = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, 'An IANA time zone, e.g. America/New_York')
  .transform(timeZoneSpelling);

export const ClinicPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{3,40}$/, 'Digits, spaces, ( ) . - and an optional leading +');

export const ClinicSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: PostalAddressSchema.nullable(),
  phone: z.string().nullable(),
  /** IANA zone the clinic's times are shown, printed and typed in. */
  timeZone: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClinicResponse = z.infer<typeof ClinicSchema>;
export class ClinicDto extends createZodDto(ClinicSchema) {}

/** Any of the fields; `address` or `phone` null clears it. */
export const UpdateClinicBody = z
  .strictObject({
    name: ClinicName.optional(),
    address: PostalAddress.nullable().optional(),
    phone: ClinicPhone.nullable().optional(),
    timeZone: TimeZoneName.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Give name, address, phone or timeZone',
    path: ['name'],
  });
export type UpdateClinicBody = z.infer<typeof UpdateClinicBody>;
export class UpdateClinicDto extends createZodDto(UpdateClinicBody) {}
