import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type {
  HeadersObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
} from '@nestjs/swagger';
import { PATIENT_LINK_KEY, PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators';
import type { Role } from '../auth/caller';
import {
  PROBLEM_CODES,
  PROBLEM_STATUS,
  PROBLEM_TITLES,
  type ProblemCode,
} from '../errors/problem-code';
import { IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency.interceptor';
import { invariant } from '../invariant';
import { documentedErrors } from './api-operation';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_REF = '#/components/schemas/Problem';

/** What a controller method's metadata says about its route, for its OpenAPI operation. */
export interface RouteFacts {
  isPublic: boolean;
  /** A patient-portal route: its credential is a patient link and the patient's date of birth. */
  patientLink: boolean;
  /** The roles `@Roles` allows besides ADMIN; undefined when every role may call it. */
  roles: readonly Role[] | undefined;
  /** The codes its `@ApiOperationDoc` and parameter decorators document. */
  errors: readonly ProblemCode[];
}

/** The operationId of a handler: SwaggerModule names operations with it, `routeFacts` finds them by it. */
export function operationIdOf(controllerName: string, methodName: string): string {
  return `${controllerName}_${methodName}`;
}

/**
 * Every controller method of the app, by the operationId of its OpenAPI operation, with
 * `@Public` and `@Roles` read as the AuthGuard reads them (the method's over the class's).
 */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes = new Map<string, RouteFacts>();
  for (const { metatype } of new DiscoveryService(app.get(ModulesContainer)).getControllers()) {
    if (typeof metatype !== 'function') continue;
    const prototype: unknown = metatype.prototype;
    if (typeof prototype !== 'object' || prototype === null) continue;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler: unknown = Reflect.get(prototype, methodName);
      if (typeof handler !== 'function') continue;
      const targets = [handler, metatype];
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets);
      routes.set(operationIdOf(metatype.name, methodName), {
        isPublic: isPublic === true,
        patientLink: reflector.get<boolean | undefined>(PATIENT_LINK_KEY, handler) === true,
        roles: isPublic
          ? undefined
          : reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
        errors: documentedErrors(prototype, methodName),
      });
    }
  }
  return routes;
}

/**
 * Completes each operation from what the route's metadata says, so the document cannot drift
 * from what the guard and interceptors do: who may call it (`@Roles` / `@Public`, as the
 * AuthGuard reads them), its security, the Idempotency-Key header of an authenticated POST
 * (the IdempotencyInterceptor's rule), the ETag of a versioned record (the EtagInterceptor's),
 * and its error answers as application/problem+json: the codes its `@ApiOperationDoc` and
 * parameter decorators list, plus those every route of its kind can answer.
 */
export function describeOperations(
  document: OpenAPIObject,
  routes: ReadonlyMap<string, RouteFacts>,
): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const route = routes.get(operation.operationId ?? '');
      invariant(route, `operation ${operation.operationId} is a controller method`);
      describeOperation(document, method, operation, route);
    }
  }
  return document;
}

function describeOperation(
  document: OpenAPIObject,
  method: (typeof HTTP_METHODS)[number],
  operation: OperationObject,
  { isPublic, patientLink, roles, errors }: RouteFacts,
): void {
  operation.description = [
    operation.description,
    patientLink
      ? "Who may call: the patient, with a live patient link's token and their date of birth."
      : whoMayCall(isPublic, roles),
  ]
    .filter(Boolean)
    .join('\n\n');
  // A bearer token (API clients) or the web app's session cookie (docs/security.md); a patient
  // link's token on the patient portal.
  operation.security = patientLink
    ? [{ patientLink: [] }]
    : isPublic
      ? []
      : [{ bearer: [] }, { session: [] }];

  const codes = new Set<ProblemCode>(errors);
  if (patientLink) {
    codes.add('PATIENT_LINK_INVALID');
    codes.add('PATIENT_LINK_DOB_MISMATCH');
    codes.add('VALIDATION_FAILED');
  }
  const parameters = (operation.parameters ?? []).filter(
    (p): p is ParameterObject => !('$ref' in p),
  );
  if (method === 'post' && !isPublic) {
    parameters.push(IDEMPOTENCY_KEY_HEADER);
    operation.parameters = parameters;
    codes.add('IDEMPOTENCY_KEY_REUSED');
    codes.add('IDEMPOTENCY_IN_PROGRESS');
  }
  if (!isPublic) codes.add('UNAUTHENTICATED');
  // A write in a cookie session without its CSRF token.
  if (!isPublic && method !== 'get') codes.add('CSRF_FAILED');
  if (roles) codes.add('FORBIDDEN');
  if (parameters.length > 0 || operation.requestBody) codes.add('VALIDATION_FAILED');
  if (operation.requestBody) {
    codes.add('PAYLOAD_TOO_LARGE');
    codes.add('UNSUPPORTED_MEDIA_TYPE');
  }
  if (parameters.some((p) => p.in === 'path' && p.name === 'id')) codes.add('NOT_FOUND');
  codes.add('UNAVAILABLE');

  for (const [status, statusCodes] of byStatus(codes)) {
    operation.responses[String(status)] = problemResponseRef(document, status, statusCodes);
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    if (
      status.startsWith('2') &&
      response &&
      !('$ref' in response) &&
      isVersioned(document, response)
    ) {
      response.headers = { ...response.headers, ETag: ETAG_HEADER };
    }
  }
}

function whoMayCall(isPublic: boolean, roles: readonly Role[] | undefined): string {
  if (isPublic) return 'Who may call: anyone; no token is needed.';
  if (!roles) return 'Who may call: every role.';
  const allowed = new Set<Role>(['ADMIN', ...roles]);
  return `Who may call: ${[...allowed].join(', ')}.`;
}

/** The codes grouped by HTTP status, each group in the order of the closed list of codes. */
function byStatus(codes: ReadonlySet<ProblemCode>): Map<number, ProblemCode[]> {
  const groups = new Map<number, ProblemCode[]>();
  for (const code of PROBLEM_CODES.filter((c) => codes.has(c))) {
    const status = PROBLEM_STATUS[code];
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}

/**
 * A `$ref` to the shared response for these codes, added to `components.responses` on first use
 * (named by its codes, e.g. `INVALID_STATE_TRANSITION_or_DUPLICATE`), so each distinct answer is
 * written once in the document.
 */
function problemResponseRef(
  document: OpenAPIObject,
  status: number,
  codes: readonly ProblemCode[],
): ReferenceObject {
  const name = codes.join('_or_');
  const components = (document.components ??= {});
  const responses = (components.responses ??= {});
  responses[name] ??= problemResponse(status, codes);
  return { $ref: `#/components/responses/${name}` };
}

function problemResponse(status: number, codes: readonly ProblemCode[]): ResponseObject {
  return {
    description: codes.map((code) => `${code}: ${PROBLEM_TITLES[code]}`).join('; '),
    ...(PROBLEM_HEADERS[status] ? { headers: PROBLEM_HEADERS[status] } : {}),
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            { $ref: PROBLEM_REF },
            { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } },
          ],
        },
      },
    },
  };
}

/** Whether the response's body is a record with a `version`: the EtagInterceptor's rule. */
function isVersioned(document: OpenAPIObject, response: ResponseObject): boolean {
  const schema = response.content?.['application/json']?.schema;
  if (!schema || !('$ref' in schema)) return false;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components?.schemas?.[name];
  return target !== undefined && !('$ref' in target) && target.properties?.version !== undefined;
}

const RETRY_AFTER: HeadersObject = {
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer' },
  },
};

const PROBLEM_HEADERS: Partial<Record<number, HeadersObject>> = {
  401: {
    'WWW-Authenticate': {
      description: '`Bearer`: send `Authorization: Bearer <accessToken>` from POST /auth/login',
      schema: { type: 'string' },
    },
  },
  429: RETRY_AFTER,
  503: RETRY_AFTER,
};

const ETAG_HEADER = {
  description: 'The record\'s version, `"<version>"`: send it back in If-Match to change it',
  schema: { type: 'string' },
};

const IDEMPOTENCY_KEY_HEADER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the request safe to retry: for 24 hours, a request with the same key and body gets ' +
    'the first answer again (header `idempotent-replayed: true`) without doing the work twice; ' +
    'the same key with another request is 422 IDEMPOTENCY_KEY_REUSED.',
  schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
};
