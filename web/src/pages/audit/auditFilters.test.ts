import { describe, expect, it } from 'vitest';
import { endOfDay, entityPath, startOfDay, toApiQuery, type AuditFilters } from './auditFilters';

const none: AuditFilters = {
  entityType: '',
  entityId: '',
  actorId: '',
  from: '',
  to: '',
  reads: '1',
};
const ID = '01a2243e-61b0-73f1-9e58-1c398e23eeff';

describe('toApiQuery', () => {
  it('sends only the filters that are set', () => {
    expect(toApiQuery(none)).toEqual({ query: {}, errors: null });
    expect(toApiQuery({ ...none, entityType: 'Bill', entityId: ` ${ID} ` }).query).toEqual({
      entityType: 'Bill',
      entityId: ID,
    });
  });

  it('leaves out page reads unless asked to include them', () => {
    expect(toApiQuery({ ...none, reads: '' }).query).toEqual({ excludeReads: 'true' });
    expect(toApiQuery({ ...none, reads: '1' }).query).toEqual({});
  });

  it('turns From and To into the first and last instants of those days', () => {
    const { query } = toApiQuery({ ...none, from: '2026-11-01', to: '2026-11-30' });
    expect(query?.from).toBe(new Date(2026, 10, 1).toISOString());
    expect(query?.to).toBe(new Date(2026, 11, 1, 0, 0, 0, -1).toISOString());
    expect(
      new Date(endOfDay('2026-11-30')).getTime() - new Date(startOfDay('2026-11-30')).getTime(),
    ).toBe(24 * 3600 * 1000 - 1);
  });

  it('refuses a partial entity ID and a To before From instead of asking the API', () => {
    expect(toApiQuery({ ...none, entityId: '01a2243e' }).errors?.entityId).toBeDefined();
    expect(toApiQuery({ ...none, from: '2026-11-30', to: '2026-11-01' }).errors?.to).toBe(
      'Must not be before From',
    );
    expect(toApiQuery({ ...none, from: '2026-11-30', to: '2026-11-30' }).errors).toBeNull();
  });
});

describe('entityPath', () => {
  it('links the entities the app has pages for', () => {
    expect(entityPath('Bill', ID)).toBe(`/billing/bills/${ID}`);
    expect(entityPath('Clinic', ID)).toBeNull();
  });
});
