import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { SEXES_AT_BIRTH } from '../../patient/repositories/patient.schema';
import { SUBSCRIBER_RELATIONSHIPS } from '../repositories/payer.schema';

const Name = z.string().trim().min(1).max(60);
const CardNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,49}$/, 'Letters, digits, spaces and -, up to 50');

/** The patient holds the policy (18): the claim's subscriber is the patient. */
const SelfSubscriber = z.strictObject({ relationship: z.literal('18') });
/** Someone else holds it: the claim names that person, and the patient as a dependant. */
const OtherSubscriber = z.strictObject({
  relationship: z.enum(['01', '19', 'G8']),
  firstName: Name,
  lastName: Name,
  dateOfBirth: z.iso
    .date({ message: 'A date as YYYY-MM-DD', abort: true })
    .refine((d) => d >= '1900-01-01', 'Must be on or after 1900-01-01')
    .refine((d) => d <= new Date().toISOString().slice(0, 10), 'Must not be in the future'),
  sex: z.enum(SEXES_AT_BIRTH),
});

/** The whole insurance: a PUT replaces it. `payerId` is the id of one of the clinic's payers. */
export const PutPatientInsuranceBody = z.strictObject({
  payerId: z.uuid(),
  memberId: CardNumber,
  groupNumber: CardNumber.nullish(),
  subscriber: z.discriminatedUnion('relationship', [SelfSubscriber, OtherSubscriber]),
});
export type PutPatientInsuranceBody = z.infer<typeof PutPatientInsuranceBody>;
export class PutPatientInsuranceDto extends createZodDto(PutPatientInsuranceBody) {}

export const PatientInsuranceSchema = z.object({
  patientId: z.uuid(),
  payer: z.object({ id: z.uuid(), name: z.string(), payerId: z.string() }),
  memberId: z.string(),
  groupNumber: z.string().nullable(),
  /** Names, date of birth and sex are null when the patient is the subscriber (18). */
  subscriber: z.object({
    relationship: z.enum(SUBSCRIBER_RELATIONSHIPS),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    sex: z.enum(SEXES_AT_BIRTH).nullable(),
  }),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientInsuranceResponse = z.infer<typeof PatientInsuranceSchema>;
export class PatientInsuranceDto extends createZodDto(PatientInsuranceSchema) {}
