import type { components } from '../../../api/schema';

/** The claims and remittances API's shapes (docs/claims.md), as `npm run api:types` generates them. */
export type Claim = components['schemas']['ClaimDto_Output'];
export type ClaimListItem = components['schemas']['ClaimPageDto_Output']['data'][number];
export type ClaimStatus = Claim['status'];
export type ClaimLine = Claim['lines'][number];
export type ClaimSubmission = components['schemas']['SubmissionDto_Output'];

export type Remittance = components['schemas']['RemittanceDto_Output'];
export type RemittanceSummary = components['schemas']['RemittancePageDto_Output']['data'][number];
export type RemittanceClaimResult = Remittance['claims'][number];
export type RemittanceUnmatched = Remittance['unmatched'][number];
