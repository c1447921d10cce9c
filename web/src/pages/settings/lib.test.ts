import { describe, expect, it } from 'vitest';
import {
  activeFirstByName,
  changedFields,
  cptListError,
  GENERAL_CONSENT_CODE,
  parseCptList,
  templateFamilies,
  type ConsentTemplate,
} from './lib';

function template(code: string, version: number, active: boolean): ConsentTemplate {
  return {
    id: `${code}-${version}`,
    code,
    version,
    title: `${code} v${version}`,
    body: 'I consent.',
    cptCodes: code === GENERAL_CONSENT_CODE ? [] : ['19325'],
    active,
    createdById: '01a2243e-61b0-73f1-9e58-1c398e23eeff',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
  };
}

describe('parseCptList', () => {
  it('splits on commas and spaces, upper-cases, drops duplicates', () => {
    expect(parseCptList(' 19325, 19340 0479t;19325 ')).toEqual(['19325', '19340', '0479T']);
    expect(parseCptList('  ')).toEqual([]);
  });
});

describe('cptListError', () => {
  it('wants no codes for the general consent and base codes for any other', () => {
    expect(cptListError(GENERAL_CONSENT_CODE, '')).toBeNull();
    expect(cptListError(GENERAL_CONSENT_CODE, '19325')).toMatch(/no codes/);
    expect(cptListError('BREAST_AUG', '')).toMatch(/Enter the CPT codes/);
    expect(cptListError('BREAST_AUG', '19325, 19325-50')).toBe(
      '19325-50 is not a base CPT code (e.g. 19325)',
    );
    expect(cptListError('BREAST_AUG', '19325, 0479T')).toBeNull();
  });
});

describe('templateFamilies', () => {
  it('puts the general consent first, newest version first, and names the version in use', () => {
    const families = templateFamilies([
      template('BREAST_AUG', 1, false),
      template(GENERAL_CONSENT_CODE, 1, false),
      template('ABDOMINOPLASTY', 1, true),
      template('BREAST_AUG', 3, false),
      template(GENERAL_CONSENT_CODE, 2, true),
      template('BREAST_AUG', 2, true),
    ]);
    expect(families.map((f) => f.code)).toEqual([
      GENERAL_CONSENT_CODE,
      'ABDOMINOPLASTY',
      'BREAST_AUG',
    ]);
    const aug = families[2];
    expect(aug?.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    // The newest active version is the one new plans get, not the newest written.
    expect(aug?.current?.version).toBe(2);
    expect(aug?.nextVersion).toBe(4);
    expect(families[0]?.current?.version).toBe(2);
  });

  it('has no current version when every version is retired', () => {
    const [family] = templateFamilies([template('X_CONSENT', 1, false)]);
    expect(family?.current).toBeUndefined();
    expect(family?.nextVersion).toBe(2);
  });
});

describe('changedFields', () => {
  it('keeps only the fields that differ from the record', () => {
    const user = { name: 'Ana', email: 'ana@x.example', role: 'NURSE', active: true };
    expect(changedFields(user, { name: 'Ana', email: 'ana@x.example', role: 'SURGEON' })).toEqual({
      role: 'SURGEON',
    });
    expect(changedFields(user, { active: true })).toEqual({});
  });
});

describe('activeFirstByName', () => {
  it('lists the active rows first, each group by name', () => {
    const rows = [
      { name: 'Room C', active: true },
      { name: 'Room A', active: false },
      { name: 'Room B', active: true },
    ];
    expect(activeFirstByName(rows).map((r) => r.name)).toEqual(['Room B', 'Room C', 'Room A']);
    expect(rows[0]?.name).toBe('Room C');
  });
});
