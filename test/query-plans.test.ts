// Every list, search and lookup is served by an index (issue 7, docs/performance.md "Every list
// is served by an index"): each GET route is driven over HTTP, the SQL it ran is recorded from
// drizzle's logger, and every SELECT is planned again with `EXPLAIN (FORMAT JSON)` on the same
// database, with its parameters and sequential scans switched off.
import { NoopLogger } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../src/common/database/database.tokens';
import type { Database } from '../src/common/database/database';
import type { ClinicId } from '../src/common/auth/caller';
import { gs1CheckDigit } from '../src/modules/inventory/services/gs1-udi';
import { RecentUsers } from '../src/modules/user/services/recent-users';
import type { Api } from './support/api';
import { Given, type ClinicWithStaff } from './support/given';
import { at, daysFromNow, expectStatus } from './support/given-theater';
import { clinicRecords, type ClinicRecords } from './support/security-records';
import { operationsOf } from './support/security-routes';
import { startTestApp, type TestApp } from './support/test-app';

// ---------------------------------------------------------------- the rule

/**
 * Tables whose size follows the practice's configuration, not its activity: a clinic has tens of
 * users, rooms, fee-schedule codes and consent templates, and a catalog of at most a few thousand
 * items. Every other table with a `clinic_id` grows with patients, plans, stock and time.
 */
const SMALL_TABLES = new Set([
  'users',
  'operating_rooms',
  'exam_rooms',
  'fee_schedule_entries',
  'consent_templates',
  'fda_checklist_templates',
  'inventory_items',
  'clinic_sequences',
]);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

interface IndexInfo {
  name: string;
  table: string;
  method: string;
  partial: boolean;
  /** Key columns (or expressions) in order, as pg_get_indexdef prints them. */
  columns: string[];
}

/** How a condition constrains one column (or expression): what an index on it can use. */
type Constraint = 'eq' | 'range' | 'like' | 'other';

/** One conjunct of a scan's conditions: `lhs` is the column or expression it constrains. */
interface Atom {
  lhs: string;
  kind: Constraint;
  text: string;
}

/** One scan of a table in a plan, and what its conditions could be served by. */
interface Scan {
  table: string;
  node: string;
  /** The index the planner chose (several for a bitmap scan). */
  index?: string;
  /** Every condition of the scan: index conditions, rechecks and filters. */
  atoms: Atom[];
  filter?: string;
  /** The best index for these conditions, and the key columns it fixes (its usable prefix). */
  best?: { index: string; prefix: string[] };
}

/**
 * The rule, for every scan of a table that has a `clinic_id` (a tenant table) in the plan
 * PostgreSQL makes with `enable_seqscan = off`:
 * 1. no `Seq Scan`: with sequential scans off, one is left only when no index can serve the
 *    query at all;
 * 2. some index has its first key column fixed by the scan's conditions: otherwise any index
 *    is read whole, every clinic's rows;
 * 3. on a table that grows with activity (all but SMALL_TABLES), when the query has conditions
 *    besides `clinic_id`, some index must narrow by more than `clinic_id`: otherwise, at scale,
 *    the scan reads every row of the clinic and filters them (the "index cond on clinic_id
 *    only, then Filter" plan).
 * "Narrow" is judged on the conditions the plan prints (Index Cond, Recheck Cond, Filter), not
 * on the index the planner picked: on tables of a few rows it picks among equally cheap
 * indexes at random. An index narrows by its longest key prefix with an equality on each
 * column (`=`, `= ANY`, `IS NULL`, a boolean) and at most one range (`<`, `>`, a row
 * comparison) at its end; a trigram GIN index narrows by a `LIKE` on its column. Partial
 * indexes count only when the planner used them (their predicate then holds).
 */
function violations(scans: Scan[], tenantTables: Set<string>): string[] {
  const found: string[] = [];
  for (const s of scans) {
    if (!tenantTables.has(s.table)) continue;
    const where = s.index ? `${s.node} using ${s.index} on ${s.table}` : `${s.node} on ${s.table}`;
    const prefix = s.best?.prefix ?? [];
    const others = s.atoms.filter((a) => a.lhs !== 'clinic_id');
    if (s.node === 'Seq Scan') {
      found.push(`${where}: no index serves it${s.filter ? ` (Filter: ${s.filter})` : ''}`);
    } else if (prefix.length === 0) {
      found.push(`${where}: no index has its first column fixed (the whole index is read)`);
    } else if (
      !SMALL_TABLES.has(s.table) &&
      others.length > 0 &&
      prefix.length === 1 &&
      prefix[0] === 'clinic_id'
    ) {
      found.push(
        `${where}: no index narrows by more than clinic_id; filters ${others.map((a) => a.text).join(' AND ')}`,
      );
    }
  }
  return found;
}

/** Every scan in a plan tree, with its conditions and the best index for them. */
function scansOf(root: PlanNode, indexes: IndexInfo[]): Scan[] {
  const scans: Scan[] = [];
  const bitmapLeaves = (node: PlanNode): PlanNode[] =>
    node['Node Type'] === 'Bitmap Index Scan' ? [node] : (node.Plans ?? []).flatMap(bitmapLeaves);
  const walk = (node: PlanNode): void => {
    const type = node['Node Type'];
    const table = node['Relation Name'];
    if (table && /Scan$/.test(type)) {
      const leaves = type === 'Bitmap Heap Scan' ? (node.Plans ?? []).flatMap(bitmapLeaves) : [];
      const chosen =
        type === 'Bitmap Heap Scan' ? leaves.map((l) => l['Index Name']) : [node['Index Name']];
      const atoms = [
        ...atomsOf(node['Index Cond']),
        ...leaves.flatMap((l) => atomsOf(l['Index Cond'])),
        ...atomsOf(node['Recheck Cond']),
        ...atomsOf(node.Filter),
      ];
      const usable = indexes.filter(
        (i) => i.table === table && (!i.partial || chosen.includes(i.name)),
      );
      scans.push({
        table,
        node: type,
        index: chosen.filter(Boolean).join(' + ') || undefined,
        atoms,
        filter: node.Filter,
        best: type === 'Seq Scan' ? undefined : bestIndex(usable, atoms),
      });
      return;
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root);
  return scans;
}

function bestIndex(candidates: IndexInfo[], atoms: Atom[]): Scan['best'] {
  const rank: Record<Constraint, number> = { eq: 3, range: 2, like: 1, other: 0 };
  const on = new Map<string, Constraint>();
  for (const a of atoms) {
    const had = on.get(a.lhs);
    if (!had || rank[a.kind] > rank[had]) on.set(a.lhs, a.kind);
  }
  let best: Scan['best'];
  for (const index of candidates) {
    const prefix: string[] = [];
    if (index.method === 'btree') {
      for (const column of index.columns) {
        const kind = on.get(column);
        if (kind === 'eq') prefix.push(column);
        else {
          if (kind === 'range') prefix.push(column);
          break;
        }
      }
    } else if (index.method === 'gin') {
      const column = index.columns[0]!.split(' ')[0]!;
      if (on.get(column) === 'like' || on.get(column) === 'eq') prefix.push(column);
    }
    const score = (p: string[]) => (p.length === 1 && p[0] === 'clinic_id' ? 0.5 : p.length);
    if (prefix.length > 0 && (!best || score(prefix) > score(best.prefix)))
      best = { index: index.name, prefix };
  }
  return best;
}

/** The conjuncts of a condition as EXPLAIN prints it, e.g. `((a = 1) AND (b > 2))`. */
function atomsOf(cond: string | undefined): Atom[] {
  if (!cond) return [];
  return splitTopLevel(unwrap(cond), ' AND ').map((part) => {
    const text = unwrap(part);
    if (splitTopLevel(text, ' OR ').length > 1) return { lhs: '', kind: 'other', text };
    const row = /^ROW\(([a-z_][a-z0-9_]*)\s*,.*\)\s*(<|>|<=|>=)\s*ROW\(/.exec(text);
    if (row) return { lhs: row[1]!, kind: 'range', text };
    if (/^(NOT )?[a-z_][a-z0-9_]*$/.test(text))
      return { lhs: text.replace(/^NOT /, ''), kind: 'eq', text };
    const op = /^(.+?) (= ANY|=|<=|>=|<>|<|>|~~\*|~~|!~~\*|!~~|IS NULL|IS NOT NULL)( |$)/.exec(
      text,
    );
    if (!op) return { lhs: '', kind: 'other', text };
    const kind: Constraint =
      op[2] === '=' || op[2] === '= ANY' || op[2] === 'IS NULL'
        ? 'eq'
        : ['<', '>', '<=', '>='].includes(op[2]!)
          ? 'range'
          : op[2] === '~~' || op[2] === '~~*'
            ? 'like'
            : 'other';
    return { lhs: unwrap(op[1]!), kind, text };
  });
}

/** `(x)` → `x`, when the parentheses enclose the whole text. */
function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && closingOf(t, 0) === t.length - 1) {
    t = t.slice(1, -1).trim();
  }
  return t;
}

function closingOf(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits on `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

// ---------------------------------------------------------------- capturing the SQL

interface Statement {
  sql: string;
  params: unknown[];
}

let recording: Statement[] | undefined;
const originalLogQuery = Object.getOwnPropertyDescriptor(NoopLogger.prototype, 'logQuery');

/** Every statement drizzle runs goes through its session's logger: the NoopLogger here. */
function startCapturing(): void {
  Object.defineProperty(NoopLogger.prototype, 'logQuery', {
    configurable: true,
    writable: true,
    value(query: string, params: unknown[]) {
      recording?.push({ sql: query, params: [...params] });
    },
  });
}

function stopCapturing(): void {
  if (originalLogQuery) Object.defineProperty(NoopLogger.prototype, 'logQuery', originalLogQuery);
}

async function captured(request: () => Promise<unknown>): Promise<Statement[]> {
  recording = [];
  try {
    await request();
    return recording;
  } finally {
    recording = undefined;
  }
}

/**
 * Plans a statement on the app's own database with sequential scans off, or with the
 * planner's default settings when `defaults`.
 */
type Explainer = (statement: Statement, options?: { defaults?: boolean }) => Promise<PlanNode>;

async function explainerFor(database: Database): Promise<{
  explain: Explainer;
  query: (sql: string) => Promise<any[]>;
  release(): Promise<void>;
}> {
  const client = (database.db as unknown as { $client: any }).$client;
  const planOf = (rows: any[]): PlanNode => {
    const raw = rows[0]['QUERY PLAN'];
    const json = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return json[0].Plan as PlanNode;
  };
  if (database.kind === 'postgres') {
    // One connection of the pool, so the setting applies to the EXPLAINs.
    const connection = await client.connect();
    await connection.query('SET enable_seqscan = off');
    return {
      explain: async (s, options = {}) => {
        if (options.defaults) await connection.query('RESET enable_seqscan');
        try {
          return planOf((await connection.query(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params)).rows);
        } finally {
          await connection.query('SET enable_seqscan = off');
        }
      },
      query: async (sql) => (await connection.query(sql)).rows,
      async release() {
        await connection.query('RESET enable_seqscan');
        connection.release();
      },
    };
  }
  // PGlite: one connection for the whole process; set for the EXPLAINs only.
  return {
    explain: async (s, options = {}) => {
      if (!options.defaults) await client.query('SET enable_seqscan = off');
      try {
        return planOf((await client.query(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params)).rows);
      } finally {
        await client.query('RESET enable_seqscan');
      }
    },
    query: async (sql) => (await client.query(sql)).rows,
    async release() {},
  };
}

// ---------------------------------------------------------------- the routes

interface Fixture {
  clinic: ClinicWithStaff;
  r: ClinicRecords;
  gtin: string;
  udiLot: string;
  udiBatchId: string;
}

interface Route {
  /** `GET /path?query`, the OpenAPI operation it drives being the part before `?`. */
  name: string;
  url: (f: Fixture) => string;
  status?: number;
  /** A patient-portal route: called with the open plan's patient link, not as the ADMIN. */
  portal?: true;
}

/** Every GET route of the API with each of its filters, the way a client calls them. */
const ROUTES: Route[] = [
  { name: 'GET /auth/me', url: () => '/auth/me' },
  { name: 'GET /auth/session', url: () => '/auth/session' },
  { name: 'GET /clinic', url: () => '/clinic' },
  { name: 'GET /clinic/setup', url: () => '/clinic/setup' },
  { name: 'GET /clinic/billing-profile', url: () => '/clinic/billing-profile' },
  { name: 'GET /payers', url: () => '/payers' },
  { name: 'GET /payers/{id}', url: (f) => `/payers/${f.r.payer.id}` },
  { name: 'GET /remittances', url: () => '/remittances' },
  { name: 'GET /remittances/{id}', url: (f) => `/remittances/${f.r.remittance.id}` },
  { name: 'GET /users', url: () => '/users' },
  { name: 'GET /users?role=', url: () => '/users?role=SURGEON&active=true' },
  { name: 'GET /users/{id}', url: (f) => `/users/${f.clinic.staff.SURGEON.id}` },

  { name: 'GET /patients', url: () => '/patients' },
  { name: 'GET /patients?search= (name)', url: (f) => `/patients?search=tenancy%20${probe(f)}` },
  { name: 'GET /patients?search= (one word)', url: () => '/patients?search=maria' },
  { name: 'GET /patients?search= (MRN)', url: (f) => `/patients?search=${f.r.patient.mrn}` },
  {
    name: 'GET /patients?search= (date of birth)',
    url: (f) => `/patients?search=${encodeURIComponent(f.r.patient.dateOfBirth)}`,
  },
  {
    name: 'GET /patients?search= (US date of birth)',
    url: () => `/patients?search=${encodeURIComponent('11/02/1979')}`,
  },
  {
    name: 'GET /patients?search= (phone)',
    url: (f) => `/patients?search=${encodeURIComponent(f.r.patient.phone)}`,
  },
  {
    name: 'GET /patients?cursor=',
    url: () =>
      `/patients?limit=1&cursor=${cursorOf(['Doe', 'Jane', '00000000-0000-7000-8000-000000000000'])}`,
  },
  { name: 'GET /patients/{id}', url: (f) => `/patients/${f.r.patient.id}` },
  { name: 'GET /patients/{id}/insurance', url: (f) => `/patients/${f.r.patient.id}/insurance` },

  { name: 'GET /consultations', url: () => '/consultations' },
  {
    name: 'GET /consultations?patientId=',
    url: (f) => `/consultations?patientId=${f.r.patient.id}`,
  },
  {
    name: 'GET /consultations?surgeonId=',
    url: (f) => `/consultations?surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /consultations/{id}',
    url: (f) => `/consultations/${f.r.consultation.id}`,
  },

  { name: 'GET /procedure-plans', url: () => '/procedure-plans' },
  { name: 'GET /procedure-plans?status=', url: () => '/procedure-plans?status=APPROVED' },
  {
    name: 'GET /procedure-plans?patientId=',
    url: (f) => `/procedure-plans?patientId=${f.r.patient.id}`,
  },
  {
    name: 'GET /procedure-plans?patientId=&status=',
    url: (f) => `/procedure-plans?patientId=${f.r.patient.id}&status=DRAFT`,
  },
  {
    name: 'GET /procedure-plans?consultationId=',
    url: (f) => `/procedure-plans?consultationId=${f.r.consultation.id}`,
  },
  {
    name: 'GET /procedure-plans?surgeonId=',
    url: (f) => `/procedure-plans?surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /procedure-plans?surgeonId=&status=',
    url: (f) => `/procedure-plans?surgeonId=${f.clinic.staff.SURGEON.id}&status=COMPLETED`,
  },
  {
    name: 'GET /procedure-plans?from=&to=',
    url: () => `/procedure-plans?from=${daysFromNow(-1)}&to=${daysFromNow(0)}`,
  },
  { name: 'GET /procedure-plans?from=', url: () => `/procedure-plans?from=${daysFromNow(0)}` },
  { name: 'GET /procedure-plans?to=', url: () => `/procedure-plans?to=${daysFromNow(-1)}` },
  {
    name: 'GET /procedure-plans?status=&from=&to=',
    url: () => `/procedure-plans?status=DRAFT&from=${daysFromNow(-1)}&to=${daysFromNow(0)}`,
  },
  {
    name: 'GET /procedure-plans?surgeonId=&from=&cursor=',
    url: (f) =>
      `/procedure-plans?surgeonId=${f.clinic.staff.SURGEON.id}&from=${daysFromNow(-1)}&limit=1&cursor=${cursorOf(['ffffffff-ffff-7fff-bfff-ffffffffffff'])}`,
  },
  {
    name: 'GET /procedure-plans?cursor=',
    url: () =>
      `/procedure-plans?limit=1&cursor=${cursorOf(['ffffffff-ffff-7fff-bfff-ffffffffffff'])}`,
  },
  { name: 'GET /procedure-plans/{id}', url: (f) => `/procedure-plans/${f.r.donePlan.id}` },
  {
    name: 'GET /procedure-plans/{id} (open)',
    url: (f) => `/procedure-plans/${f.r.openPlan.id}`,
  },
  {
    name: 'GET /procedure-plans/{id}/inventory/{requirementId}',
    url: (f) => `/procedure-plans/${f.r.openPlan.id}/inventory/${f.r.requirement.id}`,
  },
  {
    name: 'GET /procedure-plans/{id}/inventory/availability',
    url: (f) => `/procedure-plans/${f.r.openPlan.id}/inventory/availability`,
  },
  {
    // A completed plan also reads what its surgery used (inventory_usages_plan_idx).
    name: 'GET /procedure-plans/{id}/inventory/availability (completed)',
    url: (f) => `/procedure-plans/${f.r.donePlan.id}/inventory/availability`,
  },
  {
    name: 'GET /procedure-plans/{id}/readiness',
    url: (f) => `/procedure-plans/${f.r.openPlan.id}/readiness`,
  },
  {
    name: 'GET /procedure-plans/{id}/readiness?surgeryDate=',
    url: (f) => `/procedure-plans/${f.r.insuredPlan.id}/readiness?surgeryDate=${daysFromNow(9)}`,
  },

  { name: 'GET /quotes/{id}', url: (f) => `/quotes/${f.r.quote.id}` },
  { name: 'GET /quotes/{id}/pdf', url: (f) => `/quotes/${f.r.quote.id}/pdf` },
  { name: 'GET /quotes/{id}/prepayments', url: (f) => `/quotes/${f.r.quote.id}/prepayments` },
  {
    name: 'GET /quotes/{id}/payment-plan-offers',
    url: (f) => `/quotes/${f.r.quote.id}/payment-plan-offers`,
  },

  { name: 'GET /consent-templates', url: () => '/consent-templates' },
  {
    name: 'GET /consent-templates?code=',
    url: (f) => `/consent-templates?code=${f.r.template.code}&active=true`,
  },
  { name: 'GET /fda-checklist-templates', url: () => '/fda-checklist-templates' },
  {
    name: 'GET /procedure-plans/{id}/patient-links',
    url: (f) => `/procedure-plans/${f.r.openPlan.id}/patient-links`,
  },
  { name: 'GET /patient-portal', url: () => '/patient-portal', portal: true },
  { name: 'GET /patient-portal/quote', url: () => '/patient-portal/quote', portal: true },
  { name: 'GET /patient-portal/quote/pdf', url: () => '/patient-portal/quote/pdf', portal: true },
  { name: 'GET /patient-portal/consent', url: () => '/patient-portal/consent', portal: true },
  {
    name: 'GET /patient-portal/consent/pdf',
    url: () => '/patient-portal/consent/pdf',
    portal: true,
    status: 409,
  },
  {
    name: 'GET /patient-portal/fda-checklist',
    url: () => '/patient-portal/fda-checklist',
    portal: true,
  },
  {
    name: 'GET /patient-portal/payment-plans',
    url: () => '/patient-portal/payment-plans',
    portal: true,
  },
  {
    name: 'GET /patient-portal/implant-cards',
    url: () => '/patient-portal/implant-cards',
    portal: true,
  },
  {
    name: 'GET /patient-portal/implant-cards/pdf',
    url: () => '/patient-portal/implant-cards/pdf',
    portal: true,
    status: 409,
  },
  {
    name: 'GET /procedure-plans/{id}/fda-checklist',
    url: (f) => `/procedure-plans/${f.r.openPlan.id}/fda-checklist`,
  },
  { name: 'GET /consents', url: () => '/consents' },
  {
    name: 'GET /consents?procedurePlanId=',
    url: (f) => `/consents?procedurePlanId=${f.r.openPlan.id}`,
  },
  {
    name: 'GET /consents?patientId=',
    url: (f) => `/consents?patientId=${f.r.openPlan.patientId}`,
  },
  { name: 'GET /consents/{id}', url: (f) => `/consents/${f.r.consent.id}` },
  { name: 'GET /consents/{id}/pdf', url: (f) => `/consents/${f.r.signedConsent.id}/pdf` },

  { name: 'GET /fee-schedule', url: () => '/fee-schedule' },
  { name: 'GET /fee-schedule?search=', url: () => '/fee-schedule?search=breast' },
  { name: 'GET /fee-schedule/{cptCode}', url: () => '/fee-schedule/19325' },

  { name: 'GET /prior-authorizations', url: () => '/prior-authorizations' },
  {
    name: 'GET /prior-authorizations?procedurePlanId=',
    url: (f) => `/prior-authorizations?procedurePlanId=${f.r.insuredPlan.id}`,
  },
  {
    name: 'GET /prior-authorizations?status=',
    url: () => '/prior-authorizations?status=DRAFT',
  },
  {
    name: 'GET /prior-authorizations/{id}',
    url: (f) => `/prior-authorizations/${f.r.priorAuthorization.id}`,
  },

  { name: 'GET /payment-plans', url: () => '/payment-plans' },
  {
    name: 'GET /payment-plans?quoteId=',
    url: (f) => `/payment-plans?quoteId=${f.r.quote.id}`,
  },
  {
    name: 'GET /payment-plans?patientId=',
    url: (f) => `/payment-plans?patientId=${f.r.donePlan.patientId}`,
  },
  { name: 'GET /payment-plans/{id}', url: (f) => `/payment-plans/${f.r.paymentPlan.id}` },

  { name: 'GET /inventory/items', url: () => '/inventory/items' },
  { name: 'GET /inventory/items?category=', url: () => '/inventory/items?category=IMPLANT' },
  { name: 'GET /inventory/items?search=', url: () => '/inventory/items?search=implant' },
  { name: 'GET /inventory/items/{id}', url: (f) => `/inventory/items/${f.r.implantItem.id}` },
  {
    name: 'GET /inventory/items/{id}/stock',
    url: (f) => `/inventory/items/${f.r.implantItem.id}/stock`,
  },
  {
    name: 'GET /inventory/batches/{id}/adjustments',
    url: (f) => `/inventory/batches/${f.r.batch.batchId}/adjustments`,
  },
  { name: 'GET /inventory/expiring', url: () => '/inventory/expiring?withinDays=400' },
  { name: 'GET /inventory/holds', url: () => '/inventory/holds' },
  {
    name: 'GET /inventory/batches/{id}/recipients',
    url: (f) => `/inventory/batches/${f.udiBatchId}/recipients`,
  },
  {
    name: 'GET /inventory/recalls',
    url: (f) => `/inventory/recalls?gtin=${f.gtin}&lot=${f.udiLot}`,
  },
  { name: 'GET /inventory/recall-records', url: () => '/inventory/recall-records' },
  {
    name: 'GET /inventory/recall-records?status=',
    url: () => '/inventory/recall-records?status=OPEN',
  },
  {
    name: 'GET /inventory/recall-records/{id}',
    url: (f) => `/inventory/recall-records/${f.r.recall.id}`,
  },
  {
    name: 'GET /reports/implants',
    url: () => `/reports/implants?from=${daysFromNow(-365)}&to=${daysFromNow(0)}`,
  },
  {
    name: 'GET /reports/implants?surgeonId=',
    url: (f) =>
      `/reports/implants?from=${daysFromNow(-365)}&to=${daysFromNow(0)}&surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /inventory/units/{serialNumber}',
    url: (f) => `/inventory/units/${f.r.consumedSerial}`,
  },
  {
    name: 'GET /inventory/units/{serialNumber}?itemId=',
    url: (f) => `/inventory/units/${f.r.consumedSerial}?itemId=${f.r.implantItem.id}`,
  },

  { name: 'GET /reminder-settings', url: () => '/reminder-settings' },
  {
    name: 'GET /appointments/{id}/reminders',
    url: (f) => `/appointments/${f.r.appointment.id}/reminders`,
  },
  { name: 'GET /operating-rooms', url: () => '/operating-rooms?active=true' },
  { name: 'GET /operating-rooms/{id}', url: (f) => `/operating-rooms/${f.r.room.id}` },
  { name: 'GET /exam-rooms', url: () => '/exam-rooms?active=true' },
  { name: 'GET /exam-rooms/{id}', url: (f) => `/exam-rooms/${f.r.examRoom.id}` },
  {
    name: 'GET /appointments?from=&to= (a day)',
    url: () => `/appointments?from=${at(5, 0)}&to=${at(6, 0)}`,
  },
  {
    name: 'GET /appointments?providerId=',
    url: (f) => `/appointments?providerId=${f.clinic.staff.SURGEON.id}&from=${at(0, 0)}`,
  },
  {
    name: 'GET /appointments?examRoomId=',
    url: (f) => `/appointments?examRoomId=${f.r.examRoom.id}&from=${at(0, 0)}`,
  },
  {
    name: 'GET /appointments?patientId=',
    url: (f) => `/appointments?patientId=${f.r.appointment.patientId}`,
  },
  {
    name: 'GET /appointments?surgicalCaseId=',
    url: (f) => `/appointments?surgicalCaseId=${f.r.surgicalCase.id}`,
  },
  {
    name: 'GET /appointments?status=&from=&to= (a week)',
    url: () => `/appointments?status=BOOKED&from=${at(3, 0)}&to=${at(10, 0)}`,
  },
  { name: 'GET /appointments/{id}', url: (f) => `/appointments/${f.r.appointment.id}` },
  {
    name: 'GET /patients/{id}/appointments',
    url: (f) => `/patients/${f.r.appointment.patientId}/appointments`,
  },
  { name: 'GET /post-op-templates', url: () => '/post-op-templates' },
  { name: 'GET /working-hours', url: () => '/working-hours' },
  {
    name: 'GET /working-hours?resourceId=',
    url: (f) => `/working-hours?resourceId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /schedule-exceptions?from=&to=',
    url: (f) =>
      `/schedule-exceptions?from=${f.r.scheduleException.startsOn}&to=${f.r.scheduleException.endsOn}`,
  },
  {
    name: 'GET /schedule-exceptions?resourceId=',
    url: (f) =>
      `/schedule-exceptions?from=${daysFromNow(0)}&to=${daysFromNow(300)}&resourceId=${f.clinic.staff.SURGEON.id}`,
  },
  { name: 'GET /appointment-types', url: () => '/appointment-types' },
  {
    name: 'GET /availability (a week, every provider)',
    url: () => `/availability?type=CONSULTATION&from=${daysFromNow(2)}&to=${daysFromNow(8)}`,
  },
  {
    name: 'GET /availability?providerId=&roomId=',
    url: (f) =>
      `/availability?type=CONSULTATION&from=${daysFromNow(2)}&to=${daysFromNow(8)}&providerId=${f.clinic.staff.SURGEON.id}&roomId=${f.r.room.id}`,
  },
  { name: 'GET /surgical-cases', url: () => '/surgical-cases' },
  { name: 'GET /theater/day.pdf', url: () => `/theater/day.pdf?date=${daysFromNow(3)}` },
  {
    name: 'GET /surgical-cases?from=&to= (a day)',
    url: () => `/surgical-cases?from=${at(3, 0)}&to=${at(4, 0)}`,
  },
  {
    name: 'GET /surgical-cases?operatingRoomId=',
    url: (f) => `/surgical-cases?operatingRoomId=${f.r.room.id}&from=${at(0, 0)}`,
  },
  {
    name: 'GET /surgical-cases?surgeonId=',
    url: (f) => `/surgical-cases?surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /surgical-cases?patientId=',
    url: (f) => `/surgical-cases?patientId=${f.r.donePlan.patientId}`,
  },
  {
    name: 'GET /surgical-cases?procedurePlanId=',
    url: (f) => `/surgical-cases?procedurePlanId=${f.r.donePlan.id}`,
  },
  { name: 'GET /surgical-cases?status=', url: () => '/surgical-cases?status=COMPLETED' },
  {
    name: 'GET /surgical-cases/{id}',
    url: (f) => `/surgical-cases/${f.r.surgicalCase.id}`,
  },
  {
    name: 'GET /surgical-cases/{id}/pick-list',
    url: (f) => `/surgical-cases/${f.r.surgicalCase.id}/pick-list`,
  },
  {
    name: 'GET /surgical-cases/{id}/implant-card',
    url: (f) => `/surgical-cases/${f.r.surgicalCase.id}/implant-card`,
  },

  { name: 'GET /bills', url: () => '/bills' },
  { name: 'GET /bills?patientId=', url: (f) => `/bills?patientId=${f.r.bill.patientId}` },
  {
    name: 'GET /bills?surgicalCaseId=',
    url: (f) => `/bills?surgicalCaseId=${f.r.surgicalCase.id}`,
  },
  { name: 'GET /bills?status=', url: () => '/bills?status=PAID' },
  { name: 'GET /bills/{id}', url: (f) => `/bills/${f.r.bill.id}` },
  { name: 'GET /bills/{id}/pdf', url: (f) => `/bills/${f.r.bill.id}/pdf` },

  // Reports 3 and 4 (docs/reports.md), a year and more, then one surgeon's.
  {
    name: 'GET /reports/theater-utilisation',
    url: () => '/reports/theater-utilisation?from=2026-01-01&to=2027-12-31',
  },
  {
    name: 'GET /reports/theater-utilisation?surgeonId=',
    url: (f) =>
      `/reports/theater-utilisation?from=2026-01-01&to=2027-12-31&surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /reports/surgeon-productivity',
    url: () => '/reports/surgeon-productivity?from=2026-01-01&to=2027-12-31',
  },
  {
    name: 'GET /reports/surgeon-productivity?surgeonId=',
    url: (f) =>
      `/reports/surgeon-productivity?from=2026-01-01&to=2027-12-31&surgeonId=${f.clinic.staff.SURGEON.id}`,
  },

  { name: 'GET /claims', url: () => '/claims' },
  { name: 'GET /claims?status=', url: () => '/claims?status=SUBMITTED' },
  { name: 'GET /claims?payerId=', url: (f) => `/claims?payerId=${f.r.claim.payer.id}` },
  { name: 'GET /claims?patientId=', url: (f) => `/claims?patientId=${f.r.claim.patientId}` },
  { name: 'GET /claims?billId=', url: (f) => `/claims?billId=${f.r.claim.billId}` },
  {
    name: 'GET /claims?cursor=',
    url: (f) => `/claims?cursor=${cursorOf([f.r.claim.id])}`,
  },
  { name: 'GET /claims/{id}', url: (f) => `/claims/${f.r.claim.id}` },
  { name: 'GET /claims/submissions', url: () => '/claims/submissions' },
  {
    name: 'GET /claims/submissions/{id}',
    url: (f) => `/claims/submissions/${f.r.submission.id}`,
  },
  {
    name: 'GET /claims/submissions/{id}/837p',
    url: (f) => `/claims/submissions/${f.r.submission.id}/837p`,
  },

  { name: 'GET /audit-events', url: () => '/audit-events' },
  {
    name: 'GET /audit-events?entityType=&entityId=',
    url: (f) => `/audit-events?entityType=Patient&entityId=${f.r.patient.id}`,
  },
  {
    name: 'GET /audit-events?entityId=',
    url: (f) => `/audit-events?entityId=${f.r.donePlan.id}`,
  },
  {
    name: 'GET /audit-events?actorId=',
    url: (f) => `/audit-events?actorId=${f.clinic.staff.NURSE.id}`,
  },
  { name: 'GET /audit-events?action=', url: () => '/audit-events?action=patient.create' },
  {
    name: 'GET /audit-events?from=&to=',
    url: () => `/audit-events?from=${at(-1, 0)}&to=${at(1, 0)}`,
  },
  { name: 'GET /audit-events?to=', url: () => `/audit-events?to=${at(-1, 0)}` },
  { name: 'GET /audit-events?excludeReads=', url: () => '/audit-events?excludeReads=true' },

  { name: 'GET /codes/icd10cm', url: () => '/codes/icd10cm?search=mastectomy' },
  { name: 'GET /codes/icd10cm/{code}', url: () => '/codes/icd10cm/Z90.11' },

  // Reports: conversion and quotes, a year, all surgeons and one.
  {
    name: 'GET /reports/conversion',
    url: () => `/reports/conversion?from=${daysFromNow(-365)}&to=${daysFromNow(0)}`,
  },
  {
    name: 'GET /reports/conversion?surgeonId=',
    url: (f) =>
      `/reports/conversion?from=${daysFromNow(-365)}&to=${daysFromNow(0)}&surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /reports/quotes',
    url: () => `/reports/quotes?from=${daysFromNow(-365)}&to=${daysFromNow(0)}`,
  },
  {
    name: 'GET /reports/quotes?surgeonId=',
    url: (f) =>
      `/reports/quotes?from=${daysFromNow(-365)}&to=${daysFromNow(0)}&surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  // Reports (issue 20): A/R aging, a year to today, all surgeons or one, and its bills as CSV.
  {
    name: 'GET /reports/ar-aging',
    url: () => `/reports/ar-aging?from=${daysFromNow(-364)}&to=${daysFromNow(0)}`,
  },
  {
    name: 'GET /reports/ar-aging?surgeonId=',
    url: (f) =>
      `/reports/ar-aging?from=${daysFromNow(-364)}&to=${daysFromNow(0)}&surgeonId=${f.clinic.staff.SURGEON.id}`,
  },
  {
    name: 'GET /reports/ar-aging?format=csv&section=bills',
    url: () =>
      `/reports/ar-aging?from=${daysFromNow(-364)}&to=${daysFromNow(-30)}&format=csv&section=bills`,
  },
];

/** The lower-cased last name part that makes the fixture's probe patient unique. */
function probe(f: Fixture): string {
  return encodeURIComponent(f.r.patient.lastName.toLowerCase());
}

function cursorOf(key: string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

// ---------------------------------------------------------------- the test

let t: TestApp;
let fixture: Fixture;
let admin: Api;
let explainer: Awaited<ReturnType<typeof explainerFor>>;
let tenantTables: Set<string>;
let indexes: IndexInfo[];

beforeAll(async () => {
  // A database of its own on a server (the suite's shared one holds other files' rows, and
  // autovacuum could analyze its tables mid-test); PGlite is a fresh one anyway.
  t = await startTestApp({ freshDatabase: true });
  const clinic = await new Given(t).clinicWithStaff('Query Plans Clinic');
  const r = await clinicRecords(clinic);
  admin = clinic.as('ADMIN');
  // A bill paid once, and a lot received by UDI, for the payment, recall and recipient reads.
  expectStatus(
    'payment',
    await clinic.as('BILLING').post(`/bills/${r.bill.id}/payments`, {
      amount: '100.00',
      payer: 'PATIENT',
      method: 'CARD',
    }),
    201,
  );
  const body = '0088452000117';
  const gtin = `${body}${gs1CheckDigit(body)}`;
  expectStatus(
    'udi item',
    await clinic.as('NURSE').post('/inventory/items', {
      code: 'udi-implant',
      name: 'Breast implant 350cc round',
      category: 'IMPLANT',
      unitPrice: '420.00',
      isBillable: true,
      requiresSerialNumber: true,
      gtin,
    }),
    201,
  );
  const received = expectStatus(
    'receive udi',
    await clinic.as('NURSE').post('/inventory/receive-udi', {
      udi: `(01)${gtin}(17)${daysFromNow(300).slice(2).replace(/-/g, '')}(10)LOT-QP(21)QP0001`,
    }),
    201,
  );
  // Working hours, so that /availability reads the exceptions and the ledger too.
  expectStatus(
    'working hours',
    await admin.put(`/working-hours/${clinic.staff.SURGEON.id}`, {
      resourceKind: 'PROVIDER',
      intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        start: '00:00',
        end: '23:59',
      })),
    }),
    200,
  );
  fixture = { clinic, r, gtin, udiLot: 'LOT-QP', udiBatchId: received.received[0].batchId };

  const database = t.app.get<Database>(DATABASE);
  explainer = await explainerFor(database);
  if (database.kind === 'postgres') {
    // This database is the test's own: keep autovacuum from analyzing the tiny tables mid-run.
    for (const row of await explainer.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`,
    ))
      await explainer.query(`ALTER TABLE "${row.tablename}" SET (autovacuum_enabled = false)`);
  }
  tenantTables = new Set(
    (
      await explainer.query(
        `SELECT table_name FROM information_schema.columns
         WHERE column_name = 'clinic_id' AND table_schema = current_schema()`,
      )
    ).map((row) => row.table_name as string),
  );
  indexes = (
    await explainer.query(
      `SELECT c.relname AS index_name, t.relname AS table_name, am.amname AS method,
         x.indpred IS NOT NULL AS partial,
         ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)
               FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k) AS columns
       FROM pg_index x
       JOIN pg_class c ON c.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_am am ON am.oid = c.relam
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = current_schema()`,
    )
  ).map((row) => ({
    name: row.index_name as string,
    table: row.table_name as string,
    method: row.method as string,
    partial: Boolean(row.partial),
    columns: pgArray(row.columns),
  }));
  startCapturing();
}, 180_000);

afterAll(async () => {
  stopCapturing();
  await explainer?.release();
  await t?.close();
});

/** A text[] as the driver returns it: an array (pg) or its literal (PGlite without a parser). */
function pgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  const text = String(value);
  return text
    .slice(1, -1)
    .split(',')
    .map((s) => s.replace(/^"|"$/g, ''));
}

const READS = /^\s*(select|with)\b/i;

interface Checked {
  sql: string;
  scans: Scan[];
  violations: string[];
}

function portalGet(url: string) {
  const link = fixture.r.patientLink;
  return t.api.get(url, {
    authorization: `Bearer ${link.url.split('/p/')[1]}`,
    'x-patient-date-of-birth': link.dateOfBirth,
  });
}

async function check(route: Route): Promise<Checked[]> {
  const url = route.url(fixture);
  let status = 0;
  // The auth guard remembers its caller for a second (recent-users.ts): forgotten, it reads the
  // user again, so every route's capture holds at least that read.
  t.app.get(RecentUsers).forget(fixture.clinic.clinicId as ClinicId, fixture.clinic.staff.ADMIN.id);
  const statements = await captured(async () => {
    status = (route.portal ? await portalGet(url) : await admin.get(url)).status;
  });
  expect(status, `${route.name} → ${url}`).toBe(route.status ?? 200);
  const checked: Checked[] = [];
  for (const statement of statements.filter((s) => READS.test(s.sql))) {
    const plan = await explainer.explain(statement);
    const scans = scansOf(plan, indexes);
    checked.push({ sql: statement.sql, scans, violations: violations(scans, tenantTables) });
  }
  return checked;
}

function describeScan(s: Scan): string {
  const best = s.best ? ` — best ${s.best.index} (${s.best.prefix.join(', ')})` : '';
  const conds = s.atoms.map((a) => a.text).join(' AND ');
  return `${s.node}${s.index ? ` ${s.index}` : ''} on ${s.table}: ${conds}${best}`;
}

describe('every list, search and lookup is served by an index', () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))('%s', async (_name, route) => {
    const checked = await check(route);
    const failures = checked
      .filter((c) => c.violations.length > 0)
      .map((c) => `${c.violations.join('; ')}\n    in: ${c.sql}`);
    if (process.env.QUERY_PLANS_REPORT) {
      console.log(
        `${route.name}\n${checked
          .flatMap((c) => c.scans.filter((s) => tenantTables.has(s.table)).map(describeScan))
          .map((line) => `  ${line}`)
          .join('\n')}`,
      );
    }
    // At least the auth guard's read of the caller: capturing works.
    expect(checked.length, 'statements captured').toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it('patient search by name and MRN reads the trigram index, by birth date and phone theirs', async () => {
    // The planner's choice on a table of a few rows says nothing, so this one is asked on a
    // clinic of 30,000 more patients, analyzed, with its default settings: a practice's size.
    await explainer.query(
      `INSERT INTO patients (clinic_id, id, mrn, first_name, last_name, date_of_birth, sex_at_birth,
         phone)
       SELECT '${fixture.clinic.clinicId}', gen_random_uuid(), 'QP-' || n,
         (ARRAY['Maria', 'Ana', 'Sofia', 'Laura', 'Emma', 'Olivia', 'Grace', 'Chloe'])[1 + n % 8],
         (ARRAY['Garcia', 'Smith', 'Nguyen', 'Rossi', 'Silva', 'Tanaka', 'Jensen'])[1 + n % 7] || n,
         date '1950-01-01' + n % 20000, 'FEMALE', '+1 (555) ' || lpad(n::text, 7, '0')
       FROM generate_series(1, 30000) AS n`,
    );
    await explainer.query('ANALYZE patients');
    const searches: [name: string, marker: RegExp, index: string][] = [
      ['GET /patients?search= (name)', / like /i, 'patients_search_trgm_idx'],
      ['GET /patients?search= (MRN)', / like /i, 'patients_search_trgm_idx'],
      ['GET /patients?search= (date of birth)', /"date_of_birth" = /, 'patients_birth_date_idx'],
      ['GET /patients?search= (phone)', /"phone_digits" = /, 'patients_phone_digits_idx'],
    ];
    for (const [name, marker, index] of searches) {
      const route = ROUTES.find((r) => r.name === name)!;
      const statements = await captured(() => admin.get(route.url(fixture)));
      const search = statements.find((s) => marker.test(s.sql) && /from "patients"/.test(s.sql));
      expect(search, `${name}: the search statement`).toBeDefined();
      const plan = await explainer.explain(search!, { defaults: true });
      const used = scansOf(plan, indexes).flatMap((s) => s.index?.split(' + ') ?? []);
      expect(used, name).toContain(index);
    }
  });

  it('drives every GET operation of the API', async () => {
    const document = (await t.api.get('/api/openapi.json')).body;
    const driven = new Set(ROUTES.map((r) => r.name.replace(/^GET /, '').split(/[? ]/)[0]));
    const missing = operationsOf(document)
      .filter((op) => op.method === 'GET' && op.url.startsWith('/api/v1/'))
      .map((op) => op.key.replace(/^GET /, ''))
      .filter((path) => !driven.has(path));
    expect(missing).toEqual([]);
  });
});

describe('the rule', () => {
  const index = (name: string, table: string, columns: string[], partial = false): IndexInfo => ({
    name,
    table,
    method: 'btree',
    partial,
    columns,
  });
  const tenant = new Set(['prior_authorizations', 'users']);
  const pk = index('pa_pk', 'prior_authorizations', ['clinic_id', 'id']);
  const scan = (node: Partial<PlanNode>): PlanNode => ({
    'Node Type': 'Index Scan',
    'Relation Name': 'prior_authorizations',
    'Index Name': 'pa_pk',
    'Index Cond': "(clinic_id = 'c'::uuid)",
    ...node,
  });

  it('fails a sequential scan of a tenant table', () => {
    const plan = scan({
      'Node Type': 'Seq Scan',
      'Index Name': undefined,
      'Index Cond': undefined,
    });
    expect(violations(scansOf(plan, [pk]), tenant)).toEqual([
      'Seq Scan on prior_authorizations: no index serves it',
    ]);
  });

  it('fails a filter that no index narrows beyond clinic_id, on a table that grows', () => {
    const plan = scan({ Filter: "(status = 'DRAFT'::prior_authorization_status)" });
    expect(violations(scansOf(plan, [pk]), tenant)).toHaveLength(1);
    const withStatus = [pk, index('pa_status', 'prior_authorizations', ['clinic_id', 'status'])];
    expect(violations(scansOf(plan, withStatus), tenant)).toEqual([]);
    const small = { ...plan, 'Relation Name': 'users' };
    expect(violations(scansOf(small, [index('u', 'users', ['clinic_id', 'id'])]), tenant)).toEqual(
      [],
    );
  });

  it('judges the conditions, not the index the planner picked on a tiny table', () => {
    const plan = scan({
      'Index Name': 'pa_plan',
      'Index Cond': "((clinic_id = 'c'::uuid) AND (id = 'x'::uuid))",
    });
    const candidates = [pk, index('pa_plan', 'prior_authorizations', ['clinic_id', 'plan', 'id'])];
    expect(scansOf(plan, candidates)[0]!.best).toEqual({
      index: 'pa_pk',
      prefix: ['clinic_id', 'id'],
    });
  });

  it('fails a condition that leaves the first column of every index free', () => {
    const plan = scan({ 'Index Cond': "(id = 'x'::uuid)" });
    expect(violations(scansOf(plan, [pk]), tenant)[0]).toMatch(/first column/);
  });

  it('reads equalities, ranges, row comparisons and ORs out of EXPLAIN conditions', () => {
    expect(
      atomsOf(
        "((clinic_id = 'c'::uuid) AND (status = ANY ('{A,B}'::s[])) AND (ROW(last_name, id) > ROW('x', 'y'::uuid)) AND ((a = 1) OR (b = 2)) AND active AND (search_text ~~ '%jo%'::text))",
      ).map((a) => [a.lhs, a.kind]),
    ).toEqual([
      ['clinic_id', 'eq'],
      ['status', 'eq'],
      ['last_name', 'range'],
      ['', 'other'],
      ['active', 'eq'],
      ['search_text', 'like'],
    ]);
  });
});
