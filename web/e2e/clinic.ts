import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BREAST_AUG_CONSENT_TEMPLATE,
  FEE_19325,
  IMPLANT_300CC_ROUND,
} from '../../test/support/seed-catalog';
import {
  runSeedWorkflow,
  type SeedResponse,
  type SeedWorkflowOptions,
  type SeedWorkflowRun,
} from '../../test/support/seed-workflow';
import { startServer, type ServerProcess } from '../../test/support/server-process';

export const ADMIN = { email: 'admin@e2e.example', password: 'admin-password-e2e-1' };

export const STAFF = {
  coordinator: {
    email: 'coordinator@e2e.example',
    password: 'coordinator-password-1',
    name: 'Tom Alvarez',
    role: 'COORDINATOR',
  },
  surgeon: {
    email: 'surgeon@e2e.example',
    password: 'surgeon-password-1',
    name: 'Dr. Ana Lee',
    role: 'SURGEON',
  },
  nurse: {
    email: 'nurse@e2e.example',
    password: 'nurse-password-1',
    name: 'Priya Nair',
    role: 'NURSE',
  },
  billing: {
    email: 'billing@e2e.example',
    password: 'billing-password-1',
    name: 'Jordan Kim',
    role: 'BILLING',
  },
} as const;

/** Changes their password in the e2e test: no other test signs in as them. */
export const PASSWORD_CHANGER = {
  email: 'password-changer@e2e.example',
  password: 'changer-password-old-1',
  newPassword: 'changer-password-new-2',
  name: 'Rosa Marsh',
  role: 'NURSE',
} as const;

export const SERIALS = ['SN12345', 'SN12346', 'SN12347'];

/** A week from today at the given local hour, as the schedule form takes it. */
export function nextWeekAt(hour: number): string {
  const day = new Date(Date.now() + 7 * 864e5);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())} ${pad(hour)}:00`;
}
export const ROOM = 'OR 1';

export interface E2eServer {
  readonly baseUrl: string;
  readonly process: ServerProcess;
  /** A call of the API as the clinic's admin (setup only; the walk itself goes through the app). */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** The same call, answering whatever status the API gave instead of throwing. */
  request(method: string, path: string, body?: unknown): Promise<SeedResponse>;
  stop(): Promise<void>;
}

/**
 * `npm start`'s server, built, on a fresh PGlite folder, its first admin from the environment;
 * `env` adds settings (a short SESSION_IDLE_TIMEOUT_MINUTES for the idle sign-out).
 */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'contour-e2e-'));
  const proc = await startServer({
    PGLITE_DATA_DIR: dataDir,
    JWT_SECRET: 'e2e-secret-that-is-long-enough-0123456789',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CLINIC_NAME: 'E2E Clinic',
    ...env,
  });
  const baseUrl = `http://127.0.0.1:${proc.port}`;
  const auth: { token?: string } = {};
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(auth.token === undefined ? {} : { authorization: `Bearer ${auth.token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
    };
  };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body as T;
  };
  auth.token = (await call<{ accessToken: string }>('POST', '/auth/login', ADMIN)).accessToken;
  return {
    baseUrl,
    process: proc,
    api: call,
    request,
    async stop() {
      proc.child.kill('SIGTERM');
      await proc.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the clinic has before the walk (the admin's and the nurse's set-up work, done through the
 * API): staff, the fee for CPT 19325, the 300cc implant with three serials in one lot, the
 * consent template and the operating room.
 */
export async function setUpClinic(server: E2eServer): Promise<void> {
  for (const person of Object.values(STAFF)) await server.api('POST', '/users', person);
  const { email, password, name, role } = PASSWORD_CHANGER;
  await server.api('POST', '/users', { email, password, name, role });
  await server.api('PUT', '/fee-schedule/19325', FEE_19325);
  const implant = await server.api<{ id: string }>('POST', '/inventory/items', IMPLANT_300CC_ROUND);
  const expiresAt = new Date(Date.now() + 400 * 864e5).toISOString().slice(0, 10);
  await server.api('POST', `/inventory/items/${implant.id}/batches`, {
    batchNumber: 'BATCH-2026-001',
    expiresAt,
    serialNumbers: SERIALS,
  });
  await server.api('POST', '/consent-templates', BREAST_AUG_CONSENT_TEMPLATE);
  await server.api('POST', '/operating-rooms', { name: ROOM });
}

/**
 * The seed's workflow (test/support/seed-workflow.ts) through the API as the clinic's admin: a
 * plan brought to the state a test starts from (quoted, approved, booked, completed…).
 */
export function seedWorkflow(
  server: E2eServer,
  options: SeedWorkflowOptions,
): Promise<SeedWorkflowRun> {
  return runSeedWorkflow(
    { request: (_role, method, path, body) => server.request(method, path, body) },
    options,
  );
}
