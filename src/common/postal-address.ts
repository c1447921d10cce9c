import { z } from 'zod';

/**
 * A postal address, the one shape every record with an address uses (clinic, patient): US-style
 * lines, city, state and postal code, free text within limits so foreign addresses still fit.
 */
export const PostalAddress = z.strictObject({
  line1: z.string().trim().min(1).max(200),
  line2: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
  city: z.string().trim().min(1).max(100),
  state: z.string().trim().min(1).max(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,14}$/, 'Letters, digits, spaces and -, 2 to 15 characters'),
});
export type PostalAddress = z.output<typeof PostalAddress>;

/** As answered: every key present, `line2` null when there is none. */
export const PostalAddressSchema = z.object({
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
});
