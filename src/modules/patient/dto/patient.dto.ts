import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { PostalAddress, PostalAddressSchema } from '../../../common/postal-address';
import { SEXES_AT_BIRTH } from '../repositories/patient.schema';

const Name = z.string().trim().min(1).max(100);
const Mrn = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'Letters, digits and dashes');
// `abort`: a malformed date gets one error, not also "must be on or after 1900-01-01".
const DateOfBirth = z.iso
  .date({ message: 'A date as YYYY-MM-DD', abort: true })
  .refine((d) => d >= '1900-01-01', 'Must be on or after 1900-01-01')
  .refine((d) => d <= new Date().toISOString().slice(0, 10), 'Must not be in the future');
const Email = z.email().max(254);
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{3,40}$/, 'Digits, spaces, ( ) . - and an optional leading +');
const Insurance = z.strictObject({
  payerName: z.string().trim().min(1).max(200),
  memberId: z.string().trim().min(1).max(100),
  groupNumber: z.string().trim().min(1).max(100).nullish(),
});
/**
 * The clinic's address shape (src/common/postal-address.ts) held to US rules, since patients are
 * billed and claimed in the US: a 2-letter state code, a 5-digit ZIP or ZIP+4 (`12345-6789`).
 */
const Address = PostalAddress.extend({
  state: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'A 2-letter US state code, e.g. NY'),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(?:-?\d{4})?$/, 'A ZIP code: 5 digits, or ZIP+4 as 12345-6789')
    .transform((zip) => (zip.length === 9 ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip)),
});

export const CreatePatientBody = z.strictObject({
  mrn: Mrn.optional(),
  firstName: Name,
  lastName: Name,
  dateOfBirth: DateOfBirth,
  sexAtBirth: z.enum(SEXES_AT_BIRTH),
  email: Email.nullish(),
  phone: Phone.nullish(),
  insurance: Insurance.nullish(),
  address: Address.nullish(),
});
export type CreatePatientBody = z.infer<typeof CreatePatientBody>;
export class CreatePatientDto extends createZodDto(CreatePatientBody) {}

/** Every field optional; `null` clears an optional one. The MRN, once given, is kept. */
export const UpdatePatientBody = z
  .strictObject({
    firstName: Name.optional(),
    lastName: Name.optional(),
    dateOfBirth: DateOfBirth.optional(),
    sexAtBirth: z.enum(SEXES_AT_BIRTH).optional(),
    email: Email.nullish(),
    phone: Phone.nullish(),
    insurance: Insurance.nullish(),
    address: Address.nullish(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Name at least one field to change' });
export type UpdatePatientBody = z.infer<typeof UpdatePatientBody>;
export class UpdatePatientDto extends createZodDto(UpdatePatientBody) {}

export const ListPatientsQuery = z.strictObject({
  ...pageQueryShape,
  search: z.string().trim().min(1).max(100).optional(),
});
export type ListPatientsQuery = z.infer<typeof ListPatientsQuery>;
export class ListPatientsQueryDto extends createZodDto(ListPatientsQuery) {}

export const PatientSchema = z.object({
  id: z.uuid(),
  mrn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sexAtBirth: z.enum(SEXES_AT_BIRTH),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  insurance: z
    .object({ payerName: z.string(), memberId: z.string(), groupNumber: z.string().nullable() })
    .nullable(),
  address: PostalAddressSchema.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientResponse = z.infer<typeof PatientSchema>;
export class PatientDto extends createZodDto(PatientSchema) {}
export class PatientPageDto extends createZodDto(pageSchema(PatientSchema)) {}
