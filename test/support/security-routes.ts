import type { Role } from '../../src/common/auth/caller';

export const ROLES: readonly Role[] = ['ADMIN', 'SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'];

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One operation of the API: `GET /patients/{id}` (OpenAPI's path without the /api/v1 prefix). */
export interface Operation {
  method: Method;
  /** The path as the client calls it: `/api/v1/patients/{id}`, `/health/live`. */
  url: string;
  /** `GET /patients/{id}`: the role table's key. */
  key: string;
  queryParameters: { name: string; required: boolean }[];
}

/**
 * Who may call each operation (docs/roles.md, from docs/design.md §8). PUBLIC needs no token;
 * EVERY_ROLE needs one of any role; a list names the roles besides ADMIN, who may do everything.
 * Every operation of the OpenAPI document must have an entry, so a new route cannot ship
 * without someone deciding its roles.
 */
export type Access =
  | 'PUBLIC'
  | 'EVERY_ROLE'
  /** The patient portal: a patient link's token, never a staff token (docs/patient-portal.md). */
  | 'PATIENT_LINK'
  | readonly Exclude<Role, 'ADMIN'>[];

const CLINICAL = ['SURGEON', 'NURSE', 'COORDINATOR'] as const;
const PLAN_WRITERS = ['SURGEON', 'COORDINATOR'] as const;
/** Who reads a plan: clinical staff, and BILLING, who quotes it and files its prior authorization. */
const PLAN_READERS = ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const;
const ADMIN_ONLY = [] as const;
/** The clinical reports: the practice's managers (BILLING) and coordinators. */
const REPORT_READERS = ['BILLING', 'COORDINATOR'] as const;

export const ROLE_TABLE: Record<string, Access> = {
  'GET /health/live': 'PUBLIC',
  'GET /health/ready': 'PUBLIC',
  'POST /auth/login': 'PUBLIC',
  'GET /auth/me': 'EVERY_ROLE',
  'POST /auth/change-password': 'EVERY_ROLE',
  'POST /auth/session': 'PUBLIC',
  'GET /auth/session': 'EVERY_ROLE',
  'DELETE /auth/session': 'EVERY_ROLE',
  'POST /auth/session/change-password': 'EVERY_ROLE',

  'POST /users': ADMIN_ONLY,
  'GET /users': 'EVERY_ROLE',
  'GET /users/{id}': 'EVERY_ROLE',
  'PATCH /users/{id}': ADMIN_ONLY,
  'GET /clinic': 'EVERY_ROLE',
  'PATCH /clinic': ADMIN_ONLY,
  'GET /clinic/setup': ADMIN_ONLY,
  'GET /clinic/billing-profile': ['BILLING'],
  'PUT /clinic/billing-profile': ADMIN_ONLY,
  'GET /audit-events': ADMIN_ONLY,

  'POST /patients': CLINICAL,
  'GET /patients': 'EVERY_ROLE',
  'GET /patients/{id}': 'EVERY_ROLE',
  'PATCH /patients/{id}': CLINICAL,
  'GET /patients/{id}/insurance': 'EVERY_ROLE',
  'PUT /patients/{id}/insurance': ['COORDINATOR', 'BILLING'],
  'POST /payers': ['BILLING'],
  'GET /payers': 'EVERY_ROLE',
  'GET /payers/{id}': 'EVERY_ROLE',
  'PATCH /payers/{id}': ['BILLING'],
  'POST /remittances': ['BILLING'],
  'GET /remittances': ['BILLING'],
  'GET /remittances/{id}': ['BILLING'],

  'POST /consultations': CLINICAL,
  'GET /consultations': CLINICAL,
  'GET /consultations/{id}': CLINICAL,

  'POST /consent-templates': ADMIN_ONLY,
  'GET /consent-templates': 'EVERY_ROLE',
  'PATCH /consent-templates/{id}': ADMIN_ONLY,
  'GET /consents': CLINICAL,
  'GET /consents/{id}': CLINICAL,
  'GET /consents/{id}/pdf': CLINICAL,
  'POST /consents/{id}/sign': CLINICAL,
  'POST /consents/{id}/revoke': CLINICAL,

  'POST /fda-checklist-templates': ADMIN_ONLY,
  'GET /fda-checklist-templates': 'EVERY_ROLE',
  'PATCH /fda-checklist-templates/{id}': ADMIN_ONLY,
  'GET /procedure-plans/{id}/fda-checklist': CLINICAL,
  'POST /procedure-plans/{id}/fda-checklist/sign': CLINICAL,
  'POST /procedure-plans/{id}/fda-checklist/attest': ['SURGEON'],

  'GET /codes/icd10cm': 'EVERY_ROLE',
  'GET /codes/icd10cm/{code}': 'EVERY_ROLE',
  'PUT /fee-schedule/{cptCode}': ['BILLING'],
  'GET /fee-schedule/{cptCode}': 'EVERY_ROLE',
  'GET /fee-schedule': 'EVERY_ROLE',

  'POST /inventory/items': ['NURSE'],
  'GET /inventory/items': 'EVERY_ROLE',
  'PATCH /inventory/items/{id}': ['NURSE'],
  'GET /inventory/items/{id}': 'EVERY_ROLE',
  'POST /inventory/items/{id}/batches': ['NURSE'],
  'POST /inventory/receive-udi': ['NURSE'],
  'GET /inventory/items/{id}/stock': 'EVERY_ROLE',
  'POST /inventory/batches/{id}/adjustments': ['NURSE'],
  'GET /inventory/batches/{id}/adjustments': 'EVERY_ROLE',
  'GET /inventory/expiring': 'EVERY_ROLE',
  'GET /inventory/batches/{id}/recipients': ['NURSE', 'SURGEON'],
  'GET /inventory/recalls': ['NURSE', 'SURGEON'],
  'GET /inventory/holds': ['NURSE', 'COORDINATOR', 'SURGEON'],
  'GET /inventory/units/{serialNumber}': ['NURSE', 'SURGEON'],
  'POST /inventory/batches/{id}/recalls': ['NURSE'],
  'GET /inventory/recall-records': CLINICAL,
  'GET /inventory/recall-records/{id}': CLINICAL,
  'POST /inventory/recall-records/{id}/contacts': CLINICAL,
  'POST /inventory/recall-records/{id}/close': ['NURSE'],

  'POST /procedure-plans': PLAN_WRITERS,
  'GET /procedure-plans': PLAN_READERS,
  'GET /procedure-plans/{id}': PLAN_READERS,
  'PATCH /procedure-plans/{id}': PLAN_WRITERS,
  'POST /procedure-plans/{id}/inventory': CLINICAL,
  'GET /procedure-plans/{id}/inventory/{requirementId}': PLAN_READERS,
  'DELETE /procedure-plans/{id}/inventory/{requirementId}': CLINICAL,
  'POST /procedure-plans/{id}/inventory/{requirementId}/allocate': CLINICAL,
  'POST /procedure-plans/{id}/inventory/{requirementId}/release': CLINICAL,
  'GET /procedure-plans/{id}/inventory/availability': PLAN_READERS,
  'GET /procedure-plans/{id}/readiness': PLAN_READERS,
  'POST /procedure-plans/{id}/quote': ['SURGEON', 'COORDINATOR', 'BILLING'],
  'POST /procedure-plans/{id}/approve': PLAN_WRITERS,
  'POST /procedure-plans/{id}/patient-link': PLAN_WRITERS,
  'GET /procedure-plans/{id}/patient-links': PLAN_WRITERS,
  'POST /patient-links/{id}/revoke': PLAN_WRITERS,
  'POST /patient-portal/verify': 'PATIENT_LINK',
  'GET /patient-portal': 'PATIENT_LINK',
  'GET /patient-portal/quote': 'PATIENT_LINK',
  'GET /patient-portal/quote/pdf': 'PATIENT_LINK',
  'GET /patient-portal/consent': 'PATIENT_LINK',
  'POST /patient-portal/consent/sign': 'PATIENT_LINK',
  'GET /patient-portal/consent/pdf': 'PATIENT_LINK',
  'POST /patient-portal/approve': 'PATIENT_LINK',
  'GET /patient-portal/fda-checklist': 'PATIENT_LINK',
  'POST /patient-portal/fda-checklist/sign': 'PATIENT_LINK',
  'GET /patient-portal/payment-plans': 'PATIENT_LINK',
  'POST /patient-portal/payment-plans/{id}/choose': 'PATIENT_LINK',
  'GET /patient-portal/implant-cards': 'PATIENT_LINK',
  'GET /patient-portal/implant-cards/pdf': 'PATIENT_LINK',
  'POST /procedure-plans/{id}/cancel': PLAN_WRITERS,
  'POST /procedure-plans/{id}/prior-authorizations': ['BILLING', 'COORDINATOR'],

  'GET /quotes/{id}': ['SURGEON', 'COORDINATOR', 'BILLING'],
  'GET /quotes/{id}/pdf': ['SURGEON', 'COORDINATOR', 'BILLING'],
  'POST /quotes/{id}/payment-plan': ['BILLING', 'COORDINATOR'],
  'GET /payment-plans': ['BILLING', 'COORDINATOR'],
  'GET /payment-plans/{id}': ['BILLING', 'COORDINATOR'],
  'POST /payment-plans/{id}/payments': ['BILLING'],
  'POST /quotes/{id}/payment-plan-offers': ['BILLING', 'COORDINATOR'],
  'GET /quotes/{id}/payment-plan-offers': ['BILLING', 'COORDINATOR'],
  'POST /payment-plan-offers/{id}/withdraw': ['BILLING', 'COORDINATOR'],
  'GET /quotes/{id}/prepayments': ['BILLING', 'COORDINATOR'],
  'POST /quotes/{id}/prepayments': ['BILLING'],

  'GET /prior-authorizations': ['BILLING', 'COORDINATOR', 'SURGEON'],
  'GET /prior-authorizations/{id}': ['BILLING', 'COORDINATOR', 'SURGEON'],
  'POST /prior-authorizations/{id}/submit': ['BILLING', 'COORDINATOR'],
  'POST /prior-authorizations/{id}/decision': ['BILLING', 'COORDINATOR'],
  'POST /prior-authorizations/{id}/cancel': ['BILLING', 'COORDINATOR'],

  'POST /operating-rooms': ADMIN_ONLY,
  'GET /operating-rooms': 'EVERY_ROLE',
  'GET /operating-rooms/{id}': 'EVERY_ROLE',
  'PATCH /operating-rooms/{id}': ADMIN_ONLY,

  'POST /exam-rooms': ADMIN_ONLY,
  'GET /exam-rooms': 'EVERY_ROLE',
  'GET /exam-rooms/{id}': 'EVERY_ROLE',
  'PATCH /exam-rooms/{id}': ADMIN_ONLY,
  'POST /appointments': CLINICAL,
  'GET /appointments': CLINICAL,
  'GET /appointments/{id}': CLINICAL,
  'PATCH /appointments/{id}': CLINICAL,
  'POST /appointments/{id}/confirm': CLINICAL,
  'POST /appointments/{id}/check-in': CLINICAL,
  'POST /appointments/{id}/complete': ['SURGEON', 'NURSE'],
  'POST /appointments/{id}/cancel': CLINICAL,
  'POST /appointments/{id}/no-show': CLINICAL,
  'GET /patients/{id}/appointments': CLINICAL,
  'GET /post-op-templates': 'EVERY_ROLE',
  'PUT /post-op-templates/{cptCode}': ADMIN_ONLY,
  'DELETE /post-op-templates/{cptCode}': ADMIN_ONLY,
  'GET /working-hours': 'EVERY_ROLE',
  'PUT /working-hours/{resourceId}': ADMIN_ONLY,
  'GET /schedule-exceptions': 'EVERY_ROLE',
  'POST /schedule-exceptions': ['COORDINATOR'],
  'DELETE /schedule-exceptions/{id}': ['COORDINATOR'],
  'GET /appointment-types': 'EVERY_ROLE',
  'PUT /appointment-types/{type}': ADMIN_ONLY,
  'GET /availability': CLINICAL,

  // The practice reports (docs/reports.md): money ones for ADMIN and BILLING, the clinical ones
  // for the coordinators too.
  'GET /reports/conversion': REPORT_READERS,
  'GET /reports/theater-utilisation': REPORT_READERS,
  'GET /reports/surgeon-productivity': ['BILLING'],
  'GET /reports/ar-aging': ['BILLING'],
  'GET /reports/quotes': REPORT_READERS,
  'GET /reports/implants': REPORT_READERS,

  'GET /reminder-settings': CLINICAL,
  'PUT /reminder-settings': ADMIN_ONLY,
  'GET /appointments/{id}/reminders': CLINICAL,

  'POST /surgical-cases': PLAN_WRITERS,
  'GET /surgical-cases': ['COORDINATOR', 'SURGEON', 'NURSE', 'BILLING'],
  'GET /surgical-cases/{id}': ['COORDINATOR', 'SURGEON', 'NURSE', 'BILLING'],
  'PATCH /surgical-cases/{id}': PLAN_WRITERS,
  'POST /surgical-cases/{id}/cancel': PLAN_WRITERS,
  'POST /surgical-cases/{id}/start': ['SURGEON', 'NURSE'],
  'POST /surgical-cases/{id}/inventory-usage': ['SURGEON', 'NURSE'],
  'POST /surgical-cases/{id}/complete': ['SURGEON', 'NURSE'],
  'GET /surgical-cases/{id}/pick-list': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'GET /theater/day.pdf': ['SURGEON', 'NURSE', 'COORDINATOR'],
  'GET /surgical-cases/{id}/implant-card': ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'],

  'GET /bills': ['BILLING', 'COORDINATOR'],
  'GET /bills/{id}': ['BILLING', 'COORDINATOR'],
  'POST /bills/{id}/payments': ['BILLING'],
  'POST /bills/{id}/void': ADMIN_ONLY,
  'GET /bills/{id}/pdf': ['BILLING', 'COORDINATOR'],

  'POST /claims': ['BILLING'],
  'GET /claims': ['BILLING'],
  'GET /claims/{id}': ['BILLING'],
  'POST /claims/{id}/accept': ['BILLING'],
  'POST /claims/{id}/reject': ['BILLING'],
  'POST /claims/{id}/void': ['BILLING'],
  'POST /claims/{id}/corrections': ['BILLING'],
  'POST /claims/submissions': ['BILLING'],
  'GET /claims/submissions': ['BILLING'],
  'GET /claims/submissions/{id}': ['BILLING'],
  'GET /claims/submissions/{id}/837p': ['BILLING'],
};

/** The table's entry for an operation; an operation without one is a failing test elsewhere. */
export function accessOf(key: string): Access {
  const access = ROLE_TABLE[key];
  if (access === undefined) throw new Error(`no role decision for ${key} in ROLE_TABLE`);
  return access;
}

/** Whether `role` may call an operation of `access` (ADMIN may do everything). */
export function mayCall(access: Access, role: Role): boolean {
  if (access === 'PATIENT_LINK') return false;
  if (access === 'PUBLIC' || access === 'EVERY_ROLE' || role === 'ADMIN') return true;
  return access.some((allowed) => allowed === role);
}

const API_PREFIX = '/api/v1';
const METHODS: readonly Method[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
}

/** Every operation of the OpenAPI document (GET /api/openapi.json). */
export function operationsOf(document: {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [url, item] of Object.entries(document.paths)) {
    for (const [verb, operation] of Object.entries(item)) {
      const method = METHODS.find((m) => m.toLowerCase() === verb);
      if (!method) continue;
      const path = url.startsWith(API_PREFIX) ? url.slice(API_PREFIX.length) : url;
      operations.push({
        method,
        url,
        key: `${method} ${path}`,
        queryParameters: (operation.parameters ?? [])
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required ?? false })),
      });
    }
  }
  return operations;
}

/**
 * The routes Fastify serves, as `METHOD /path/{param}`, read from `printRoutes()`'s tree: each
 * line is a segment under the nearest shallower line, with its methods in parentheses.
 */
export function routerRoutes(printed: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2];
    stack.push(path);
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

/** A path with each `{param}` replaced by `values(name)`. */
export function fillPath(url: string, values: (name: string) => string): string {
  return url.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values(name)));
}
