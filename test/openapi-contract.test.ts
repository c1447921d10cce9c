import { Controller, Module, Patch } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApiTypes } from '../src/cli/web-api-types';
import {
  DomainError,
  Duplicate,
  Forbidden,
  IdempotencyInProgress,
  IdempotencyKeyReused,
  InvalidStateTransition,
  NotFound,
  RateLimited,
  Unauthenticated,
  Unavailable,
  ValidationFailed,
  VersionMismatch,
} from '../src/common/errors/domain-error';
import { isProblemCode, PROBLEM_STATUS } from '../src/common/errors/problem-code';
import { documentedErrors } from '../src/common/http/api-operation';
import { IfMatch } from '../src/common/http/versioning';
import { CaseNotBillable } from '../src/modules/billing/services/case-not-billable.error';
import { ConsentContentChanged } from '../src/modules/consent/services/consent-content-changed.error';
import { InsufficientInventory } from '../src/modules/inventory/services/insufficient-inventory.error';
import { PriorAuthorizationNotNeeded } from '../src/modules/prior-authorization/services/prior-authorization-not-needed.error';
import { PlanNotApprovable } from '../src/modules/procedure-plan/services/plan-not-approvable.error';
import { ScheduleConflict } from '../src/modules/booking/services/schedule-conflict.error';
import { SchedulingBlocked } from '../src/modules/theater/services/scheduling-blocked.error';
import { LastActiveAdmin } from '../src/modules/user/services/last-active-admin.error';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let doc: OpenAPIObject;
let documentText: string;
beforeAll(async () => {
  t = await startTestApp();
  const res = await t.api.get('/api/openapi.json');
  doc = res.body;
  documentText = res.text;
});
afterAll(() => t.close());

interface Operation {
  name: string;
  method: string;
  path: string;
  operation: OperationObject;
}

function operations(): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).flatMap((method) => {
      const operation = item[method];
      return operation
        ? [{ name: `${method.toUpperCase()} ${path}`, method, path, operation }]
        : [];
    }),
  );
}

function find(method: string, path: string): OperationObject {
  const found = operations().find((o) => o.method === method && o.path === path);
  if (!found) throw new Error(`no ${method} ${path} in the document`);
  return found.operation;
}

function headerParameters(operation: OperationObject): ParameterObject[] {
  return (operation.parameters ?? []).filter(
    (p): p is ParameterObject => !('$ref' in p) && p.in === 'header',
  );
}

function resolveResponse(response: ResponseObject | ReferenceObject | undefined): ResponseObject {
  if (response === undefined) throw new Error('no such response');
  if (!('$ref' in response)) return response;
  const target = doc.components?.responses?.[response.$ref.replace('#/components/responses/', '')];
  if (!target || '$ref' in target) throw new Error(`unresolved ${response.$ref}`);
  return target;
}

/** The codes an error response says it carries: the `enum` it restricts `code` to. */
function documentedCodes(response: ResponseObject): unknown[] {
  const schema = response.content?.['application/problem+json']?.schema;
  if (!schema || '$ref' in schema) return [];
  expect(schema.allOf?.[0]).toEqual({ $ref: '#/components/schemas/Problem' });
  const restriction = schema.allOf?.[1];
  if (!restriction || '$ref' in restriction) return [];
  const code = restriction.properties?.code;
  return code && !('$ref' in code) ? (code.enum ?? []) : [];
}

function codesOf(operation: OperationObject): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(operation.responses)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, response]) => [status, documentedCodes(resolveResponse(response))]),
  );
}

function schemaNamed(name: string): SchemaObject {
  const schema = doc.components?.schemas?.[name];
  if (!schema || '$ref' in schema) throw new Error(`no schema ${name}`);
  return schema;
}

describe('the OpenAPI document as a product', () => {
  it('gives every operation a summary, a description and a tag described at the top', () => {
    const tags = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    const missing = operations().filter(
      ({ operation }) =>
        !operation.summary ||
        // The hand-written part, before the "Who may call" sentence the document adds.
        !/\S[\s\S]*\n\nWho may call: /.test(operation.description ?? '') ||
        !operation.tags?.length ||
        !operation.tags.every((tag) => Boolean(tags.get(tag))),
    );
    expect(missing.map((o) => o.name)).toEqual([]);
    expect(operations().length).toBeGreaterThan(80);
  });

  it('names the roles of @Roles, with ADMIN, in each description', () => {
    expect(find('post', '/api/v1/users').description).toMatch(/Who may call: ADMIN\.$/);
    expect(find('get', '/api/v1/procedure-plans').description).toMatch(
      /Who may call: ADMIN, SURGEON, NURSE, COORDINATOR, BILLING\.$/,
    );
    // The method's @Roles overrides the class's, as in the AuthGuard.
    expect(find('post', '/api/v1/surgical-cases/{id}/start').description).toMatch(
      /Who may call: ADMIN, SURGEON, NURSE\.$/,
    );
    expect(find('get', '/api/v1/patients').description).toMatch(/Who may call: every role\.$/);
    expect(find('post', '/api/v1/auth/login').description).toMatch(/no token is needed\.$/);
    expect(find('post', '/api/v1/auth/login').security).toEqual([]);
    expect(find('get', '/api/v1/patients').security).toEqual([{ bearer: [] }, { session: [] }]);
  });

  it('documents the error answers of every operation as problem+json with their codes', () => {
    for (const { name, operation } of operations()) {
      for (const [status, codes] of Object.entries(codesOf(operation))) {
        expect(codes.length, `${name} ${status}`).toBeGreaterThan(0);
        for (const code of codes) {
          expect(isProblemCode(code) ? PROBLEM_STATUS[code] : code, name).toBe(Number(status));
        }
      }
      expect(codesOf(operation)['503'], name).toEqual(['UNAVAILABLE']);
    }
    expect(codesOf(find('post', '/api/v1/surgical-cases'))).toMatchObject({
      '400': ['VALIDATION_FAILED'],
      '401': ['UNAUTHENTICATED'],
      '403': ['FORBIDDEN', 'CSRF_FAILED'],
      '404': ['NOT_FOUND'],
      '409': expect.arrayContaining([
        'SCHEDULING_BLOCKED',
        'SCHEDULE_CONFLICT',
        'IDEMPOTENCY_IN_PROGRESS',
      ]),
      '422': ['IDEMPOTENCY_KEY_REUSED'],
    });
    expect(codesOf(find('post', '/api/v1/auth/login'))).toMatchObject({
      '401': ['UNAUTHENTICATED'],
      '429': ['RATE_LIMITED'],
    });
    expect(codesOf(find('get', '/api/v1/patients/{id}'))['404']).toEqual(['NOT_FOUND']);
    expect(codesOf(find('get', '/api/v1/patients'))['403']).toBeUndefined();
    // Every write of a web session needs its CSRF token; a read and a bearer token do not.
    expect(codesOf(find('post', '/api/v1/auth/change-password'))['403']).toEqual(['CSRF_FAILED']);
  });

  it('describes the problem body once, with the extra fields of every DomainError', () => {
    const problem = schemaNamed('Problem');
    expect(problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'requestId']),
    );
    const code = problem.properties?.code;
    expect(code && !('$ref' in code) ? code.enum : undefined).toEqual(Object.keys(PROBLEM_STATUS));
    const conflicting = {
      kind: 'SURGICAL_CASE' as const,
      id: 'c',
      caseNumber: 'CASE-2026-001',
      operatingRoomId: 'r',
      start: new Date(),
      end: new Date(),
    };
    const errors: DomainError[] = [
      ValidationFailed.field('a', 'b'),
      new Unauthenticated(),
      new Forbidden(),
      new NotFound('Thing'),
      new InvalidStateTransition('DRAFT', 'approve'),
      new Duplicate('taken', 'email'),
      new VersionMismatch(3),
      new IdempotencyKeyReused(),
      new IdempotencyInProgress(),
      new RateLimited('slow down', 60),
      new Unavailable('down'),
      new LastActiveAdmin(),
      new PlanNotApprovable([{ path: 'a', message: 'b' }]),
      new InsufficientInventory('short', { itemCode: 'X', needed: 2 }),
      new SchedulingBlocked([
        { code: 'CONSENT_SIGNED', required: true, ok: false, detail: 'PENDING' },
      ]),
      new ScheduleConflict('surgeon', conflicting),
      new ScheduleConflict('provider', {
        kind: 'APPOINTMENT',
        id: 'a',
        start: new Date(),
        end: new Date(),
      }),
      new PriorAuthorizationNotNeeded(),
      new ConsentContentChanged(),
      new CaseNotBillable([{ path: 'cptCodes[0]', message: 'no price' }]),
    ];
    for (const error of errors) {
      expect(error.status, error.code).toBe(PROBLEM_STATUS[error.code]);
      for (const field of Object.keys(error.details())) {
        expect(problem.properties, `${error.code}.${field}`).toHaveProperty(field);
      }
    }
  });

  it('declares If-Match, and its 412, on exactly the routes whose handler takes @IfMatch()', () => {
    const withIfMatch = operations()
      .filter(({ operation }) => headerParameters(operation).some((p) => p.name === 'If-Match'))
      .map(({ operation }) => operation.operationId);
    expect(withIfMatch.sort()).toEqual(handlersTakingIfMatch().sort());
    for (const id of withIfMatch) {
      const operation = operations().find((o) => o.operation.operationId === id)?.operation;
      expect(operation && codesOf(operation)['412'], id).toEqual(['VERSION_MISMATCH']);
    }
  });

  it('documents a route that gains @IfMatch() with no other step', async () => {
    @Controller('things')
    class ThingController {
      @Patch(':id')
      update(@IfMatch() ifMatch: number | undefined) {
        return ifMatch;
      }
    }
    @Module({ controllers: [ThingController] })
    class ThingModule {}
    const app = await NestFactory.create(ThingModule, new FastifyAdapter(), { logger: false });
    try {
      const things = SwaggerModule.createDocument(app, new DocumentBuilder().build());
      const update = things.paths['/things/{id}']?.patch;
      expect(update && headerParameters(update).map((p) => p.name)).toEqual(['If-Match']);
      expect(documentedErrors(ThingController.prototype, 'update')).toEqual(['VERSION_MISMATCH']);
    } finally {
      await app.close();
    }
  });

  it('declares Idempotency-Key on every POST that takes a staff token, and not on login', () => {
    // The patient portal's writes take a patient link, and are each safe to repeat.
    const posts = operations().filter(
      (o) =>
        o.method === 'post' &&
        !(o.operation.security ?? []).some((requirement) => 'patientLink' in requirement),
    );
    const without = posts.filter(
      ({ operation }) =>
        operation.security?.length !== 0 &&
        !headerParameters(operation).some((p) => p.name === 'Idempotency-Key'),
    );
    expect(without.map((o) => o.name)).toEqual([]);
    const login = find('post', '/api/v1/auth/login');
    expect(headerParameters(login).map((p) => p.name)).not.toContain('Idempotency-Key');
    expect(codesOf(find('post', '/api/v1/patients'))['422']).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('declares the ETag header on the answers that carry a versioned record', () => {
    const ok = resolveResponse(find('get', '/api/v1/patients/{id}').responses['200']);
    expect(ok.headers).toHaveProperty('ETag');
    const list = resolveResponse(find('get', '/api/v1/patients').responses['200']);
    expect(list.headers ?? {}).not.toHaveProperty('ETag');
  });

  it('is valid OpenAPI 3.0: no propertyNames anywhere', () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(documentText).not.toMatch(/"propertyNames"/);
  });

  it('keeps fields with a default optional in requests and required in responses', async () => {
    const optional = (schema: string, field: string) => {
      const s = schemaNamed(schema);
      expect(s.properties, `${schema}.${field}`).toHaveProperty(field);
      expect(s.required ?? [], `${schema}.${field}`).not.toContain(field);
    };
    optional('CreateQuoteDto', 'validDays');
    optional('AddInventoryRequirementDto', 'isRequired');
    optional('CreateProcedurePlanDto', 'insuranceCptCodes');
    optional('CreateProcedurePlanDto', 'inventoryRequirements');
    expect(schemaNamed('InventoryRequirementDto_Output').required).toContain('isRequired');

    // The web app's types, which CI generates from this document, keep to it.
    const types = await webApiTypes(documentText);
    expect(types).toMatch(/CreateQuoteDto: \{[^}]*\bvalidDays\?: number;/);
    expect(types).toMatch(/AddInventoryRequirementDto: \{[^}]*\bisRequired\?: boolean;/);
    expect(types).toMatch(/CreateProcedurePlanDto: \{[^}]*\binsuranceCptCodes\?: string\[\];/);
    expect(types).toMatch(/InventoryRequirementDto_Output: \{[^}]*\bisRequired: boolean;/);
  });

  it('says whose it is and where it is served', () => {
    expect(doc.info.license?.name).toMatch(/Proprietary/);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });
});

/** The operationIds of the handlers that take `@IfMatch()`, read from the controllers' source. */
function handlersTakingIfMatch(): string[] {
  const modules = join(__dirname, '../src/modules');
  return readdirSync(modules).flatMap((module) => {
    const dir = join(modules, module, 'controllers');
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      return [];
    }
    return files.flatMap((file) => {
      const source = readFileSync(join(dir, file), 'utf8');
      const controller = /export class (\w+)/.exec(source)?.[1];
      return [...source.matchAll(/^ {2}(?:async )?(\w+)\(((?:[^()]|\([^()]*\))*)\)/gm)]
        .filter((m) => m[2]?.includes('@IfMatch()'))
        .map((m) => `${controller}_${m[1]}`);
    });
  });
}
