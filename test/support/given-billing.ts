/** Claim set-up data (docs/claims.md "Set-up") that passes every check. */

/** NPIs whose check digit holds (Luhn with the 80840 prefix). */
export const VALID_NPI = '1234567893';
export const SURGEON_NPI = '1679576722';

/** A billing profile body an admin would PUT. */
export function billingProfileBody(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    legalName: 'Contour Plastic Surgery PLLC',
    npi: VALID_NPI,
    taxId: '12-3456789',
    taxonomyCode: '208200000X',
    address: { line1: '100 Main Street', city: 'New York', state: 'ny', postalCode: '100012345' },
    submitterId: 'CONTOUR01',
    receiverId: 'CLEARHOUSE',
    defaultPlaceOfService: '24',
    ...overrides,
  };
}
