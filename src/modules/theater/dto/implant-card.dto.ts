import { z } from 'zod';

/**
 * One patient device card: an implant used in a completed case (docs/theater.md "Implant card").
 * The portal answers these as `GET /patient-portal/implant-cards`.
 */
export const ImplantCardSchema = z.object({
  manufacturer: z.string().nullable(),
  deviceName: z.string(),
  size: z.string().nullable(),
  shape: z.string().nullable(),
  lotNumber: z.string(),
  serialNumber: z.string().nullable(),
  /** The GS1 element string `(01)…(17)…(10)…(21)…`, rebuilt from what receiving stored; null without a GTIN. */
  udi: z.string().nullable(),
  /** `YYYY-MM-DD` on the clinic's calendar. */
  surgeryDate: z.string(),
  surgeonName: z.string(),
  clinicName: z.string(),
  clinicPhone: z.string().nullable(),
});
export type ImplantCard = z.infer<typeof ImplantCardSchema>;
