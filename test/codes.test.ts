import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BaseCptCode,
  baseCptCode,
  CptCode,
  parseCptCode,
} from '../src/modules/codes/services/cpt-code';
import { Icd10Catalog } from '../src/modules/codes/services/icd10-catalog';
import { Icd10Code, normalizeIcd10Code } from '../src/modules/codes/services/icd10-code';
import type { ApiResponse } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

describe('CPT codes', () => {
  it.each([
    ['19325', '19325', []],
    ['19325-50', '19325', ['50']],
    ['19316-RT', '19316', ['RT']],
    ['19316-RT-LT', '19316', ['RT', 'LT']],
    ['15830-59-XS-22-76', '15830', ['59', 'XS', '22', '76']],
    ['0001U', '0001U', []],
    ['0042T', '0042T', []],
    ['1234F', '1234F', []],
    [' 19316-rt ', '19316', ['RT']],
  ])('reads %j as base %s with modifiers %j', (code, base, modifiers) => {
    expect(parseCptCode(code)).toEqual({ base, modifiers });
    expect(baseCptCode(code)).toBe(base);
    expect(CptCode.safeParse(code).success).toBe(true);
  });

  it.each([
    ['four digits', '1932'],
    ['six digits', '193255'],
    ['a letter other than F, T or U at the end', '1932A'],
    ['a letter inside the base', '19A25'],
    ['a one-character modifier', '19325-5'],
    ['a three-character modifier', '19325-500'],
    ['five modifiers', '19325-50-51-52-53-54'],
    ['a modifier without its dash', '1932550'],
    ['a trailing dash', '19325-'],
    ['a modifier with punctuation', '19325-5!'],
    ['nothing', ''],
  ])('refuses %s (%j)', (_, code) => {
    expect(parseCptCode(code)).toBeUndefined();
    const parsed = CptCode.safeParse(code);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/A CPT code/);
  });

  it('answers the upper-case, trimmed code from the zod schema', () => {
    expect(CptCode.parse(' 19316-rt ')).toBe('19316-RT');
  });

  it('keys the fee schedule by the base code and says so when given a modifier', () => {
    expect(BaseCptCode.parse('19325')).toBe('19325');
    const withModifier = BaseCptCode.safeParse('19325-50');
    expect(withModifier.success).toBe(false);
    expect(withModifier.error?.issues[0]?.message).toMatch(/use 19325, not 19325-50/);
    expect(BaseCptCode.safeParse('1932').error?.issues[0]?.message).toMatch(/A CPT code/);
  });
});

describe('ICD-10-CM code format', () => {
  it.each([
    ['C50.911', 'C50.911'],
    ['c50.911', 'C50.911'],
    [' C50.911 ', 'C50.911'],
    ['C50911', 'C50.911'],
    ['C50', 'C50'],
    ['QA0.0101', 'QA0.0101'],
    ['qa00101', 'QA0.0101'],
    ['U071', 'U07.1'],
  ])('reads %j as %s', (given, code) => {
    expect(normalizeIcd10Code(given)).toBe(code);
    expect(Icd10Code.parse(given)).toBe(code);
  });

  it.each(['', 'C5', '150.1', 'C50.', 'C50.91111', 'C50-911', 'C50 911', 'C5.0911', 'C509111111'])(
    'refuses %j',
    (given) => {
      expect(normalizeIcd10Code(given)).toBeUndefined();
      expect(Icd10Code.safeParse(given).success).toBe(false);
    },
  );
});

describe('the ICD-10-CM catalog', () => {
  let catalog: Icd10Catalog;
  beforeAll(() => {
    catalog = Icd10Catalog.fromFile();
  });

  it('holds the whole FY2026 code set of the README', () => {
    expect(catalog.size).toBe(98_186);
  });

  it.each([
    ['C50.911', true, /right female breast/],
    ['c50911', true, /right female breast/],
    ['C50', false, /Malignant neoplasm of breast/],
    ['N62', true, /Hypertrophy of breast/],
    ['U07.1', true, /COVID-19/],
    ['QA0', false, /Neurodevelopmental disorders/],
    ['QA0.0101', true, /SCN2A/],
    ['QA0.8', true, /Other neurodevelopmental/],
  ])('looks up %s (billable: %s)', (code, billable, description) => {
    const entry = catalog.lookup(code);
    expect(entry?.billable).toBe(billable);
    expect(entry?.description).toMatch(description);
  });

  it('finds nothing for an unknown or malformed code', () => {
    expect(catalog.lookup('Z99.999')).toBeUndefined();
    expect(catalog.lookup('not a code')).toBeUndefined();
  });

  it('accepts billable codes in any case and with or without the dot', () => {
    expect(
      catalog.validateDiagnosisCodes(['C50.911', 'n62', 'U07.1', 'QA00101'], 'diagnosisCodes'),
    ).toEqual([]);
  });

  it('names each bad code by its place in the list, with what is wrong with it', () => {
    const errors = catalog.validateDiagnosisCodes(
      ['C50.911', 'Z99.999', 'C50', 'C5!', 'C50.0', 'QA0'],
      'diagnosisCodes',
    );
    expect(errors).toEqual([
      { path: 'diagnosisCodes[1]', message: 'Z99.999 is not in the ICD-10-CM FY2026 code set' },
      {
        path: 'diagnosisCodes[2]',
        message:
          'C50 is a category header, not billable: use a more specific code such as ' +
          'C50.011, C50.012, C50.019, C50.021, C50.022, …',
      },
      { path: 'diagnosisCodes[3]', message: expect.stringMatching(/An ICD-10-CM code/) },
      {
        path: 'diagnosisCodes[4]',
        message: expect.stringMatching(
          /^C50\.0 is a subcategory header, not billable: .* C50\.011, C50\.012, C50\.019, C50\.021, C50\.022, …$/,
        ),
      },
      {
        // In tabular order, as the code book lists them.
        path: 'diagnosisCodes[5]',
        message: expect.stringMatching(
          /such as QA0\.0101, QA0\.0102, QA0\.0109, QA0\.011, QA0\.012, …$/,
        ),
      },
    ]);
  });

  it('names every billable code under a header with few of them, without an ellipsis', () => {
    const [error] = catalog.validateDiagnosisCodes(['U07'], 'codes');
    expect(error?.message).toBe(
      'U07 is a category header, not billable: use a more specific code such as U07.0, U07.1',
    );
  });
});

describe('GET /codes/icd10cm', () => {
  let t: TestApp;
  let clinic: ClinicWithStaff;

  beforeAll(async () => {
    t = await startTestApp();
    clinic = await new Given(t).clinicWithStaff('Codes Clinic');
  });
  afterAll(() => t.close());

  it('finds breast cancer codes by a word of their description, for any role', async () => {
    const res = await clinic.as('BILLING').get('/codes/icd10cm?search=breast&limit=100');
    expect(res.status).toBe(200);
    const codes: string[] = res.body.data.map((e: { code: string }) => e.code);
    expect(codes).toContain('C50.911');
    expect(res.body.data.every((e: { billable: boolean }) => e.billable)).toBe(true);
    expect(res.body.data.every((e: { description: string }) => /breast/i.test(e.description))).toBe(
      true,
    );
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });

  it('needs every word of the search, each possibly the start of a word', async () => {
    const res = await clinic.as('NURSE').get('/codes/icd10cm?search=hypertro%20BREAST');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [{ code: 'N62', description: 'Hypertrophy of breast', billable: true }],
      nextCursor: null,
    });
  });

  it('finds a code by itself and by the start of its code, exact code first', async () => {
    const exact = await clinic.as('SURGEON').get('/codes/icd10cm?search=N62');
    expect(exact.status).toBe(200);
    expect(exact.body.data[0]).toEqual({
      code: 'N62',
      description: 'Hypertrophy of breast',
      billable: true,
    });

    const prefix = await clinic.as('SURGEON').get('/codes/icd10cm?search=c509&limit=100');
    const codes: string[] = prefix.body.data.map((e: { code: string }) => e.code);
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.every((c) => c.startsWith('C50.9'))).toBe(true);
    expect(codes).toContain('C50.911');
  });

  it('lists header codes only when billableOnly=false', async () => {
    const billable = await clinic.as('COORDINATOR').get('/codes/icd10cm?search=C50');
    expect(billable.body.data.map((e: { code: string }) => e.code)).not.toContain('C50');

    const all = await clinic.as('COORDINATOR').get('/codes/icd10cm?search=C50&billableOnly=false');
    expect(all.status).toBe(200);
    expect(all.body.data[0]).toEqual({
      code: 'C50',
      description: 'Malignant neoplasm of breast',
      billable: false,
    });
  });

  it('pages through the results with the cursor, without gaps or repeats', async () => {
    const api = clinic.as('COORDINATOR');
    const whole = await api.get('/codes/icd10cm?search=C50.0&limit=100');
    expect(whole.body.nextCursor).toBeNull();
    const expected = whole.body.data.map((e: { code: string }) => e.code);
    expect(expected.length).toBeGreaterThan(4);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/codes/icd10cm?search=C50.0&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: ApiResponse = await api.get(url);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((e: { code: string }) => e.code));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(expected);
  });

  it('answers an empty page for a search that matches nothing', async () => {
    const res = await clinic.as('NURSE').get('/codes/icd10cm?search=xyzzy');
    expect(res.body).toEqual({ data: [], nextCursor: null });
  });

  it('refuses a bad limit or cursor with 400 naming the field', async () => {
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['billableOnly=maybe', 'billableOnly'],
    ]) {
      const res = await clinic.as('NURSE').get(`/codes/icd10cm?search=breast&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
  });

  it('answers 401 without a token', async () => {
    const res = await t.api.get('/codes/icd10cm?search=breast');
    expect(res.status).toBe(401);
    expect((await t.api.get('/codes/icd10cm/C50.911')).status).toBe(401);
  });

  it('answers one code, read in any case and without its dot', async () => {
    const res = await clinic.as('NURSE').get('/codes/icd10cm/c50911');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 'C50.911',
      description: 'Malignant neoplasm of unspecified site of right female breast',
      billable: true,
    });
    const header = await clinic.as('NURSE').get('/codes/icd10cm/C50');
    expect(header.body).toMatchObject({ code: 'C50', billable: false });
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    const unknown = await clinic.as('NURSE').get('/codes/icd10cm/Z99.999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const malformed = await clinic.as('NURSE').get('/codes/icd10cm/C5');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('code');
  });
});
