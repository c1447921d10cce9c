import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PostalAddressSchema } from '../../../common/postal-address';
import { Ein, Npi, TaxonomyCode } from '../../codes';
import { PLACES_OF_SERVICE } from '../repositories/clinic-billing-profile.schema';

/**
 * The billing provider's address: the 837P wants a street address in the US, a two-letter state
 * and a nine-digit ZIP (ZIP+4), answered as `12345-6789`.
 */
export const BillingAddress = z.strictObject({
  line1: z.string().trim().min(1).max(55),
  line2: z
    .string()
    .trim()
    .max(55)
    .nullish()
    .transform((v) => (v ? v : null)),
  city: z.string().trim().min(2).max(30),
  state: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'A two-letter state code, e.g. NY'),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}-?\d{4}$/, 'A ZIP+4: 9 digits, e.g. 10001-2345')
    .transform((zip) => `${zip.slice(0, 5)}-${zip.slice(-4)}`),
});

/** A clearinghouse's id for the clinic (submitter) or itself (receiver): ISA06/ISA08 hold 15. */
const EnvelopeId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9 -]{1,14}$/, '2 to 15 letters, digits, spaces or -');

/** The whole profile: a PUT replaces it. */
export const PutBillingProfileBody = z.strictObject({
  legalName: z.string().trim().min(1).max(60),
  npi: Npi,
  taxId: Ein,
  taxonomyCode: TaxonomyCode,
  address: BillingAddress,
  submitterId: EnvelopeId,
  receiverId: EnvelopeId,
  defaultPlaceOfService: z.enum(PLACES_OF_SERVICE),
});
export type PutBillingProfileBody = z.infer<typeof PutBillingProfileBody>;
export class PutBillingProfileDto extends createZodDto(PutBillingProfileBody) {}

export const BillingProfileSchema = z.object({
  legalName: z.string(),
  npi: z.string(),
  /** Nine digits, no dash. */
  taxId: z.string(),
  taxonomyCode: z.string(),
  address: PostalAddressSchema,
  submitterId: z.string(),
  receiverId: z.string(),
  defaultPlaceOfService: z.enum(PLACES_OF_SERVICE),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BillingProfileResponse = z.infer<typeof BillingProfileSchema>;
export class BillingProfileDto extends createZodDto(BillingProfileSchema) {}
