import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Plan = Schemas['ProcedurePlanDto_Output'];
export type PlanStatus = Plan['status'];
export type ProcedureType = Plan['procedureType'];
export type Requirement = Schemas['InventoryRequirementDto_Output'];
export type Availability = Schemas['AvailabilityDto_Output']['data'][number];
export type Quote = Schemas['QuoteDto_Output'];
export type Consent = Schemas['ConsentDto_Output'];
export type Readiness = Schemas['ReadinessDto_Output'];
export type ReadinessCheck = Readiness['checks'][number];
export type ReadinessCode = ReadinessCheck['code'];
export type PriorAuth = Schemas['PriorAuthorizationDto_Output'];
export type Patient = Schemas['PatientDto_Output'];
export type Icd10Entry = Schemas['Icd10EntryDto_Output'];
export type InventoryItem = Schemas['InventoryItemDto_Output'];

export const PROCEDURE_TYPES: readonly ProcedureType[] = ['COSMETIC', 'RECONSTRUCTIVE', 'HYBRID'];

/** Plans whose insurer must authorize the insured codes first (prior-authorization.md). */
export function isInsured(type: ProcedureType): boolean {
  return type !== 'COSMETIC';
}

/** "RECONSTRUCTIVE" → "Reconstructive": an API word as a label. */
export function titleCase(word: string): string {
  const spaced = word.replace(/_/g, ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
