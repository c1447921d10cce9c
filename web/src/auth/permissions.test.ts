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
    expect(can('BILLING', 'plans.read')).toBe(false);
  });
});
