import type { OpenAPIObject } from '@nestjs/swagger';

/** nestjs-zod's mark on a DTO property whose JSON Schema `type` was not a single word. */
const EMPTY_TYPE = 'x-nestjs_zod-empty-type';

/**
 * The document says OpenAPI 3.0, where a type is one word, null is `nullable: true`, and a schema
 * has no `propertyNames`. Since zod 4.5, a bare nullable field (`z.string().nullable()`) is written
 * `type: ["string", "null"]`, which nestjs-zod 5.5 passes on (nestjs-zod issues 473, 474): nested,
 * it stays a list of types; on a DTO's own property, @nestjs/swagger reads the list as an array of
 * strings. Both are rewritten here, before `cleanupOpenApiDoc`: a property nestjs-zod marked as
 * having no single type that swagger turned into an array of a scalar is that scalar, nullable.
 * A record (`z.record(z.string(), …)`) comes with `propertyNames: { type: "string" }`, which
 * nestjs-zod's own 3.0 conversion misses inside a DTO's nested properties; object keys are strings
 * anyway, so it is dropped.
 */
export function withOpenApi30Schemas(doc: OpenAPIObject): OpenAPIObject {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    const items = schema.items as Record<string, unknown> | undefined;
    if (
      schema[EMPTY_TYPE] === true &&
      schema.type === 'array' &&
      typeof items?.type === 'string' &&
      Object.keys(items).length === 1
    ) {
      schema.type = items.type;
      schema.nullable = true;
      delete schema.items;
    }
    const type = schema.type;
    if (Array.isArray(type)) {
      const rest = (type as unknown[]).filter((t) => t !== 'null');
      if (rest.length === 1) {
        schema.type = rest[0];
      } else {
        delete schema.type;
        schema.anyOf = rest.map((t) => ({ type: t }));
      }
      if (type.includes('null')) schema.nullable = true;
    }
    delete schema.propertyNames;
    Object.values(schema).forEach(visit);
  };
  visit(doc);
  return doc;
}
