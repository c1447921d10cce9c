import fc from 'fast-check';

/**
 * Mutations of a valid-ish request body: each is plain data (so fast-check can print and shrink
 * it) that `applyMutation` replays on the body. `at` picks the target among the candidates by
 * modulo, so the same mutation fits bodies of any shape.
 */
export type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'wrongType'; at: number; value: unknown }
  | { kind: 'evilString'; at: number; value: string }
  | { kind: 'hugeString'; at: number; value: string }
  | { kind: 'badNumber'; at: number; value: number }
  | { kind: 'badMoney'; at: number; value: unknown }
  | { kind: 'badDate'; at: number; value: string }
  | { kind: 'badId'; at: number; value: string };

/** A body the JSON encoder would never produce, sent as raw text. */
export interface RawBody {
  raw: string;
  contentType: string;
}

export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE patients; --",
  '1; SELECT pg_sleep(5)--',
  "Robert'); DELETE FROM procedure_plans WHERE ('1'='1",
  '%_\\%',
  '$1',
];

export const HTML_INJECTIONS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}${7*7}',
];

export const EVIL_STRINGS = [
  ...SQL_INJECTIONS,
  ...HTML_INJECTIONS,
  'nul\u0000byte',
  '\u0000',
  'Zoë Ångström-Müller',
  '李小龍',
  'مرحبا\u202e',
  '👩🏽‍⚕️💉',
  '\ud800',
  'line\nbreak\ttab\r',
  '   ',
  '',
  '\u200b',
  'A'.repeat(5000),
];

const WRONG_TYPES: unknown[] = [
  0,
  -1,
  1.5,
  true,
  false,
  null,
  [],
  {},
  [1, 'a'],
  { a: 1 },
  '',
  'x',
  1e308,
];
export const BAD_NUMBERS = [
  -1,
  0,
  -0.5,
  0.5,
  1.5,
  2.25,
  1e9,
  2 ** 31,
  2 ** 53 + 2,
  1e21,
  -1e21,
  1e308,
];
export const BAD_MONEY: unknown[] = [
  '10.005',
  '0.001',
  10.005,
  '-1.00',
  -5,
  '1e3',
  '12,50',
  ' 12.50',
  '',
  '.5',
  '99999999999.99',
  '9999999999999999999999.00',
  1e15,
  '0x10',
  'NaN',
];
export const BAD_DATES = [
  '2026-02-30',
  '2025-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '0000-00-00',
  '0001-01-01',
  '9999-12-31',
  '2026-2-3',
  '20260203',
  '2026-02-30T10:00:00Z',
  '2026-11-24T25:00:00Z',
  '2026-11-24T09:30:00',
  '2026-11-24T09:30:00+24:00',
  '+275760-09-13T00:00:00Z',
  '1900-01-01T00:00:00Z',
];
export const BAD_IDS = [
  'not-a-uuid',
  "' OR 1=1 --",
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '0192f0c4-5b0a-7cc1-8a11-0123456789ab',
  '0192F0C4-5B0A-7CC1-8A11-0123456789AB',
  '',
];

/** A string of at least 100 KB: ASCII, or multi-byte text (a 4-byte emoji repeated). */
const hugeString = fc.oneof(
  fc.integer({ min: 100_000, max: 400_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 25_000, max: 60_000 }).map((n) => '💉'.repeat(n)),
  fc.constant(`${'ab\u0000'.repeat(40_000)}`),
);

export function mutationArbitrary(foreignIds: string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: 1000 });
  const ids = foreignIds.length > 0 ? [...BAD_IDS, ...foreignIds] : BAD_IDS;
  return fc.oneof(
    fc.record({ kind: fc.constant<'drop'>('drop'), at }),
    fc.record({
      kind: fc.constant<'extra'>('extra'),
      key: fc.oneof(
        fc.constantFrom(
          'clinicId',
          'id',
          'version',
          'status',
          'createdById',
          '__proto__',
          'constructor',
          'total',
        ),
        fc.string({ minLength: 1, maxLength: 12 }),
      ),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...ids)),
    }),
    fc.record({
      kind: fc.constant<'wrongType'>('wrongType'),
      at,
      value: fc.constantFrom(...WRONG_TYPES),
    }),
    fc.record({
      kind: fc.constant<'evilString'>('evilString'),
      at,
      value: fc.constantFrom(...EVIL_STRINGS),
    }),
    {
      arbitrary: fc.record({
        kind: fc.constant<'hugeString'>('hugeString'),
        at,
        value: hugeString,
      }),
      weight: 1,
    },
    fc.record({
      kind: fc.constant<'badNumber'>('badNumber'),
      at,
      value: fc.constantFrom(...BAD_NUMBERS),
    }),
    fc.record({
      kind: fc.constant<'badMoney'>('badMoney'),
      at,
      value: fc.constantFrom(...BAD_MONEY),
    }),
    fc.record({
      kind: fc.constant<'badDate'>('badDate'),
      at,
      value: fc.constantFrom(...BAD_DATES),
    }),
    fc.record({ kind: fc.constant<'badId'>('badId'), at, value: fc.constantFrom(...ids) }),
  );
}

/** Whole-body replacements: not an object, not JSON, or not declared as JSON. */
export const badWholeBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constantFrom(
    { raw: '[]', contentType: 'application/json' },
    { raw: '"text"', contentType: 'application/json' },
    { raw: '42', contentType: 'application/json' },
    { raw: 'null', contentType: 'application/json' },
    { raw: '{"a":', contentType: 'application/json' },
    { raw: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json' },
    { raw: '{}', contentType: 'text/plain' },
    { raw: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { raw: '<xml/>', contentType: 'application/xml' },
    { raw: '\u0000', contentType: 'application/json' },
    { raw: '{"a":"\\u0000"}', contentType: 'application/json' },
  ),
  fc.string({ maxLength: 30 }).map((raw) => ({ raw, contentType: 'application/json' })),
);

type Json = unknown;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
interface Slot {
  parent: Record<string, Json> | Json[];
  key: string | number;
  value: Json;
}

/** Every property and array element inside `body`, depth first. */
function slotsOf(body: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) {
      node.forEach((value, key) => {
        out.push({ parent: node, key, value });
        walk(value);
      });
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        out.push({ parent: node, key, value });
        walk(value);
      }
    }
  };
  walk(body);
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONEY_KEY = /amount|fee|price|cost|total/i;
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}/;

function set(slot: Slot | undefined, value: Json): void {
  if (!slot) return;
  if (Array.isArray(slot.parent)) slot.parent[Number(slot.key)] = value;
  else slot.parent[String(slot.key)] = value;
}

/** Applies `mutation` to `body` in place (it is a fresh copy); false when nothing fitted. */
export function applyMutation(
  body: Record<string, Json>,
  schemaKeys: string[],
  mutation: Mutation,
): boolean {
  const slots = slotsOf(body);
  const pick = (candidates: Slot[], at: number) => candidates[at % candidates.length];
  // A target that may be absent from the body yet: any top-level property the schema names.
  const withAbsent = (candidates: Slot[]) => [
    ...candidates,
    ...schemaKeys
      .filter((k) => !(k in body))
      .map((key) => ({ parent: body, key, value: undefined })),
  ];
  switch (mutation.kind) {
    case 'drop': {
      const target = slots.length > 0 ? pick(slots, mutation.at) : undefined;
      if (!target) return false;
      if (Array.isArray(target.parent)) target.parent.splice(Number(target.key), 1);
      else delete target.parent[String(target.key)];
      return true;
    }
    case 'extra':
      Object.defineProperty(body, mutation.key, {
        value: mutation.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return true;
    case 'wrongType': {
      const candidates = withAbsent(slots);
      if (candidates.length === 0) return false;
      set(pick(candidates, mutation.at), mutation.value);
      return true;
    }
    case 'evilString':
    case 'hugeString': {
      const candidates = withAbsent(slots.filter((s) => typeof s.value === 'string'));
      if (candidates.length === 0) return false;
      set(pick(candidates, mutation.at), mutation.value);
      return true;
    }
    case 'badNumber': {
      const candidates = slots.filter((s) => typeof s.value === 'number');
      if (candidates.length === 0) return false;
      set(pick(candidates, mutation.at), mutation.value);
      return true;
    }
    case 'badMoney': {
      const candidates = withAbsent(slots).filter((s) => MONEY_KEY.test(String(s.key)));
      if (candidates.length === 0) return false;
      set(pick(candidates, mutation.at), mutation.value);
      return true;
    }
    case 'badDate': {
      const candidates = slots.filter(
        (s) => typeof s.value === 'string' && DATE_VALUE.test(s.value),
      );
      if (candidates.length === 0) return false;
      set(pick(candidates, mutation.at), mutation.value);
      return true;
    }
    case 'badId': {
      const candidates = withAbsent(slots).filter(
        (s) => /Id$/.test(String(s.key)) || (typeof s.value === 'string' && UUID.test(s.value)),
      );
      if (candidates.length === 0) return false;
      set(pick(candidates, mutation.at), mutation.value);
      return true;
    }
  }
}
