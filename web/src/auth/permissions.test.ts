import { describe, expect, it } from 'vitest';
import { can } from './permissions';

describe('can', () => {
  it('lets ADMIN do everything and nobody signed out do anything', () => {
    expect(can('ADMIN', 'audit.read')).toBe(true);
    expect(can('ADMIN', 'plans.write')).toBe(true);
    expect(can(undefined, 'plans.read')).toBe(false);
  });

  it('follows docs/roles.md: a NURSE reads plans but does not approve them', () => {
    expect(can('NURSE', 'plans.read')).toBe(true);
    expect(can('NURSE', 'plans.write')).toBe(false);
    expect(can('NURSE', 'cases.perform')).toBe(true);
    expect(can('COORDINATOR', 'cases.perform')).toBe(false);
    expect(can('BILLING', 'bills.pay')).toBe(true);
    expect(can('BILLING', 'plans.read')).toBe(true);
    expect(can('BILLING', 'plans.write')).toBe(false);
    expect(can('BILLING', 'consents.read')).toBe(false);
  });

  it('gives the front desk (COORDINATOR) bills to read and payment plans to start, not payments', () => {
    expect(can('COORDINATOR', 'bills.read')).toBe(true);
    expect(can('COORDINATOR', 'bills.pay')).toBe(false);
    expect(can('COORDINATOR', 'paymentPlans.create')).toBe(true);
    expect(can('COORDINATOR', 'prepayments.read')).toBe(true);
    expect(can('COORDINATOR', 'prepayments.write')).toBe(false);
    expect(can('BILLING', 'prepayments.write')).toBe(true);
  });

  it('lets the coordinator and the surgeon send a patient their link, nobody else but ADMIN', () => {
    expect(can('COORDINATOR', 'patientLinks.manage')).toBe(true);
    expect(can('SURGEON', 'patientLinks.manage')).toBe(true);
    expect(can('NURSE', 'patientLinks.manage')).toBe(false);
    expect(can('BILLING', 'patientLinks.manage')).toBe(false);
  });

  it('opens the reports to ADMIN, BILLING and COORDINATOR, the money ones not to the coordinator', () => {
    for (const role of ['ADMIN', 'BILLING', 'COORDINATOR'] as const)
      expect(can(role, 'reports.read')).toBe(true);
    expect(can('SURGEON', 'reports.read')).toBe(false);
    expect(can('NURSE', 'reports.read')).toBe(false);
    expect(can('BILLING', 'reports.money')).toBe(true);
    expect(can('ADMIN', 'reports.money')).toBe(true);
    expect(can('COORDINATOR', 'reports.money')).toBe(false);
  });
});
