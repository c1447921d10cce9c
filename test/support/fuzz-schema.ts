import fc from 'fast-check';
import { z } from 'zod';

/**
 * The slice of JSON Schema that the OpenAPI document (generated from the zod DTOs) uses for
 * request bodies, parsed so the generators below can walk it without casts.
 */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  $ref?: string;
}

const JsonSchemaParser: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    format: z.string().optional(),
    pattern: z.string().optional(),
    enum: z.array(z.unknown()).optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    minItems: z.number().optional(),
    maxItems: z.number().optional(),
    nullable: z.boolean().optional(),
    properties: z.record(z.string(), JsonSchemaParser).optional(),
    required: z.array(z.string()).optional(),
    items: JsonSchemaParser.optional(),
    anyOf: z.array(JsonSchemaParser).optional(),
    $ref: z.string().optional(),
  }),
);

const OpenApiDocument = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.looseObject({
        parameters: z
          .array(
            z.looseObject({ name: z.string(), in: z.string(), required: z.boolean().optional() }),
          )
          .optional(),
        requestBody: z
          .looseObject({
            content: z.record(z.string(), z.looseObject({ schema: JsonSchemaParser })),
          })
          .optional(),
      }),
    ),
  ),
  components: z.object({ schemas: z.record(z.string(), JsonSchemaParser) }),
});

export type WriteMethod = 'POST' | 'PUT' | 'PATCH';

/** One write route of the OpenAPI document, with its body schema resolved. */
export interface WriteRoute {
  method: WriteMethod;
  /** The path under /api/v1, with `{param}` placeholders. */
  path: string;
  pathParams: string[];
  queryParams: string[];
  /** The request body's schema, or undefined when the route takes none. */
  body: JsonSchema | undefined;
}

/** Every POST, PUT and PATCH route the app documents, from GET /api/openapi.json. */
export function writeRoutesOf(document: unknown): WriteRoute[] {
  const doc = OpenApiDocument.parse(document);
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (!schema.$ref) return schema;
    const found = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    if (!found) throw new Error(`unresolved ${schema.$ref}`);
    return found;
  };
  const routes: WriteRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const upper = method.toUpperCase();
      if (upper !== 'POST' && upper !== 'PUT' && upper !== 'PATCH') continue;
      const schema = operation.requestBody?.content['application/json']?.schema;
      const params = operation.parameters ?? [];
      routes.push({
        method: upper,
        path: path.replace(/^\/api\/v1/, ''),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        body: schema ? resolve(schema) : undefined,
      });
    }
  }
  return routes;
}

/** Ids of real records, by what they name, that generated values draw on part of the time. */
export interface IdPools {
  /** This clinic's ids by kind: patient, user, surgeon, plan, requirement, item, batch, … */
  own: Record<string, string[]>;
  /** Another clinic's ids (any kind): must be NotFound, never touched. */
  foreign: string[];
}

/** Which pool a body field or path parameter draws from. */
export function idKindOf(name: string, routePath = ''): string | undefined {
  if (name === 'requirementId') return 'requirement';
  if (name === 'surgeonId') return 'surgeon';
  if (name === 'witnessId') return 'user';
  if (name.endsWith('Id') && name !== 'id') {
    const kind = name.slice(0, -2);
    return kind === 'procedurePlan' ? 'plan' : kind === 'inventoryItem' ? 'item' : kind;
  }
  if (name !== 'id') return undefined;
  const resource = routePath.split('/')[1] ?? '';
  const prefix = routePath.split('/').slice(1, 3).join('/');
  const byPrefix: Record<string, string> = {
    'inventory/items': 'item',
    'inventory/batches': 'batch',
  };
  const byResource: Record<string, string> = {
    users: 'fuzzUser',
    patients: 'patient',
    'consent-templates': 'consentTemplate',
    consents: 'consent',
    'procedure-plans': 'plan',
    quotes: 'quote',
    'payment-plans': 'paymentPlan',
    'payment-plan-offers': 'paymentPlanOffer',
    bills: 'bill',
    'prior-authorizations': 'priorAuthorization',
    'operating-rooms': 'operatingRoom',
    'surgical-cases': 'surgicalCase',
    payers: 'payer',
  };
  return byPrefix[prefix] ?? byResource[resource];
}

/** An id for a field: mostly a real one of the right kind, else another kind, a foreign one or random. */
export function idArbitrary(pools: IdPools, kind: string | undefined): fc.Arbitrary<string> {
  const own = (kind && pools.own[kind]) || [];
  const everyOwn = Object.values(pools.own).flat();
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 2, arbitrary: fc.uuid({ version: 7 }) },
    { weight: 1, arbitrary: fc.constant('00000000-0000-0000-0000-000000000000') },
  ];
  if (own.length > 0) options.push({ weight: 12, arbitrary: fc.constantFrom(...own) });
  if (everyOwn.length > 0) options.push({ weight: 2, arbitrary: fc.constantFrom(...everyOwn) });
  if (pools.foreign.length > 0)
    options.push({ weight: 3, arbitrary: fc.constantFrom(...pools.foreign) });
  return fc.oneof(...options);
}

const isoDate = fc
  .date({
    min: new Date('1920-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const isoInstant = fc
  .date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2028-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => new Date(Math.floor(d.getTime() / 900_000) * 900_000).toISOString());
const money = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  fc.integer({ min: 0, max: 20_000 }),
  fc.constantFrom('0.00', '1', '12.5', '8000.00', '400.00'),
);

const WORDS = ['Breast', 'Augmentation', 'implant', 'Jane', 'Doe', 'Lopez', 'note', 'reason', 'ok'];

/**
 * Values that satisfy `schema`, or nearly: formats and patterns are honoured, ids come from the
 * pools, money has at most two decimals. `name` is the property being generated (for ids).
 */
export function validish(
  schema: JsonSchema,
  pools: IdPools,
  name = '',
  routePath = '',
): fc.Arbitrary<unknown> {
  const base = validishNotNull(schema, pools, name, routePath);
  return schema.nullable
    ? fc.oneof({ weight: 9, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
    : base;
}

function validishNotNull(
  schema: JsonSchema,
  pools: IdPools,
  name: string,
  routePath: string,
): fc.Arbitrary<unknown> {
  if (schema.anyOf) {
    // The money union (a decimal string or a number) is the only anyOf in request bodies.
    const isMoney = schema.anyOf.some((s) => s.type === 'number');
    if (isMoney) return money;
    return fc.oneof(...schema.anyOf.map((s) => validish(s, pools, name, routePath)));
  }
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((v) => v !== null));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return objectArbitrary(schema, pools, routePath);
    case 'array': {
      const items = schema.items ?? {};
      return fc.array(validish(items, pools, name.replace(/s$/, ''), routePath), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    }
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1000, -1_000_000),
        max: Math.min(schema.maximum ?? 1000, 1_000_000),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 10_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringArbitrary(schema, pools, name, routePath);
    default:
      // An unconstrained property (a field the schema only names to refuse it).
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

function stringArbitrary(
  schema: JsonSchema,
  pools: IdPools,
  name: string,
  routePath: string,
): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return idArbitrary(pools, idKindOf(name, routePath));
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'date-time') return isoInstant;
  if (schema.format === 'email')
    return fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9.+-]{0,20}[a-z0-9]$/),
        fc.constantFrom('clinic.example', 'example.org'),
      )
      .map(([local, domain]) => `${local.replace(/\.\.+/g, '.')}@${domain}`);
  if (name === 'cptCode' || name === 'cptCodes' || name === 'approvedCptCode')
    return fc.constantFrom('19325', '19318', '15823', '99999');
  if (name === 'diagnosisCode') return fc.constantFrom('N62', 'Z41.1', 'N65.0', 'Q83.3');
  if (name === 'contentHash' && pools.own.contentHash?.length)
    return fc.oneof(fc.constantFrom(...pools.own.contentHash), fc.stringMatching(/^[0-9a-f]{64}$/));
  if (name === 'inventoryItemCode' && pools.own.itemCode?.length)
    return fc.constantFrom(...pools.own.itemCode);
  if (schema.pattern) {
    const max = schema.maxLength ?? 64;
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= max);
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  return fc.oneof(
    fc
      .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })
      .map((w) => w.join(' '))
      .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? 200)),
    fc.string({ minLength: Math.max(minLength, 0), maxLength: Math.max(maxLength, minLength) }),
  );
}

function objectArbitrary(
  schema: JsonSchema,
  pools: IdPools,
  routePath: string,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) {
    // Properties with an empty schema are listed only to be refused; leave them to the mutations.
    if (Object.keys(property).length === 0) continue;
    model[key] = validish(property, pools, key, routePath);
  }
  const requiredKeys = Object.keys(model).filter((k) => required.has(k));
  return fc.record(model, { requiredKeys });
}
