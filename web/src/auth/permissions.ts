import type { Role } from './session';

/**
 * What each role may do, as docs/roles.md has it (ADMIN may do everything). The app hides what a
 * role may not use; the API still enforces every rule.
 */
const GRANTS = {
  'patients.write': ['SURGEON', 'NURSE', 'COORDINATOR'],
  // A patient's insurance for claims: the front desk takes the card, billing fixes rejections.
  'insurance.write': ['COORDINATOR', 'BILLING'],
  'consultations.read': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'consultations.write': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'plans.read': ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'],
  'plans.write': ['SURGEON', 'COORDINATOR'],
  'plans.requirements': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'plans.quote': ['SURGEON', 'COORDINATOR', 'BILLING'],
  'quotes.read': ['SURGEON', 'COORDINATOR', 'BILLING'],
  'feeSchedule.write': ['BILLING'],
  'consents.read': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'consents.sign': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'consentTemplates.write': [],
  // The FDA breast implant checklist's attestation is the implanting surgeon's (docs/fda-checklist.md).
  'fdaChecklist.attest': ['SURGEON'],
  // A patient's own link to the plan (issue 18): sent by email or copied for the patient.
  'patientLinks.manage': ['COORDINATOR', 'SURGEON'],
  'priorAuth.read': ['BILLING', 'COORDINATOR', 'SURGEON'],
  'priorAuth.write': ['BILLING', 'COORDINATOR'],
  'inventory.write': ['NURSE'],
  'inventory.trace': ['NURSE', 'SURGEON'],
  'inventory.allocate': ['NURSE', 'COORDINATOR', 'SURGEON'],
  // Recall records (docs/inventory.md): nurses open and close them; clinical staff work them.
  'inventory.recallOpen': ['NURSE'],
  'inventory.recallRecords': ['NURSE', 'SURGEON', 'COORDINATOR'],
  'rooms.write': [],
  'cases.read': ['COORDINATOR', 'SURGEON', 'NURSE', 'BILLING'],
  'cases.schedule': ['COORDINATOR', 'SURGEON'],
  'cases.perform': ['SURGEON', 'NURSE'],
  // The calendar (issue 19): appointments by provider and room, the front desk's day list.
  'calendar.read': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'appointments.book': ['COORDINATOR', 'SURGEON', 'NURSE'],
  'appointments.checkIn': ['COORDINATOR', 'SURGEON', 'NURSE'],
  'appointments.complete': ['SURGEON', 'NURSE'],
  'appointments.change': ['COORDINATOR', 'SURGEON', 'NURSE'],
  // Holidays, leave and closures (POST/DELETE /schedule-exceptions).
  'timeOff.write': ['COORDINATOR'],
  'bills.read': ['BILLING', 'COORDINATOR'],
  'bills.pdf': ['BILLING', 'COORDINATOR'],
  'bills.pay': ['BILLING'],
  'bills.void': [],
  // Insurance claims (837P out) and remittances (835 in): billing's work, docs/claims.md.
  'claims.manage': ['BILLING'],
  'paymentPlans.read': ['BILLING', 'COORDINATOR'],
  'paymentPlans.create': ['BILLING', 'COORDINATOR'],
  'paymentPlans.pay': ['BILLING'],
  'prepayments.read': ['BILLING', 'COORDINATOR'],
  'prepayments.write': ['BILLING'],
  // The Reports area (docs/reports.md): the clinical reports, and the money ones (surgeon
  // productivity, A/R aging) for billing and administrators only.
  'reports.read': ['BILLING', 'COORDINATOR'],
  'reports.money': ['BILLING'],
  'audit.read': [],
  'users.write': [],
  // The Settings area (staff, fee schedule, rooms, consent templates, the clinic, the set-up
  // checklist): an administrator's. BILLING still sets fees through the API.
  'settings.manage': [],
} as const satisfies Record<string, readonly Exclude<Role, 'ADMIN'>[]>;

export type Permission = keyof typeof GRANTS;

export function can(role: Role | undefined, permission: Permission): boolean {
  if (role === undefined) return false;
  if (role === 'ADMIN') return true;
  return (GRANTS[permission] as readonly Role[]).includes(role);
}
