// `npm run bench`: starts Contour as a child process, loads a data set through its HTTP API,
// drives it with autocannon and fixed pools of fetch workers, and prints/writes the figures.
// See docs/performance.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { runSeedWorkflow, type SeedStop, type SeedTransport } from '../test/support/seed-workflow';
import { runClaimsBench } from './claims';
import { loadScaleData, scaleSerial, type ScaleReport } from './scale-data';

const ROOT = resolve(__dirname, '../..');
const DEFAULTS = { patients: 300, plans: 120, units: 8000 };
const { values: flags } = parseArgs({
  options: {
    patients: { type: 'string', default: String(DEFAULTS.patients) },
    plans: { type: 'string', default: String(DEFAULTS.plans) },
    units: { type: 'string', default: String(DEFAULTS.units) },
    duration: { type: 'string', default: '10' },
    /** The claims scenario's size: insured bills, claims in the interchange, CLPs in the 835. */
    claims: { type: 'string', default: '1000' },
    /** The mixed scenario's staff clients, and each one's pause between two operations. */
    'mixed-clients': { type: 'string', default: '20' },
    'think-ms': { type: 'string', default: '1000' },
    'cpu-prof': { type: 'boolean', default: false },
    'keep-db': { type: 'boolean', default: false },
    only: {
      type: 'string',
      default:
        'plan,search,list,unit,expiring,create,quote,workflow,mixed,allocation,availability,reports,claims',
    },
  },
});
const PATIENTS = Number(flags.patients);
const PLANS = Number(flags.plans);
const UNITS = Number(flags.units);
const DURATION = Number(flags.duration);
const CLAIMS = Number(flags.claims);
const MIXED_CLIENTS = Number(flags['mixed-clients']);
const THINK_MS = Number(flags['think-ms']);
const ONLY = new Set(flags.only.split(','));
const WORKERS = 16;
const ADMIN = { email: 'bench-admin@contour.example', password: 'bench-admin-password-1' };
const DB_URL = process.env.DATABASE_URL;
// Scale data (docs/performance.md): when any size is above 10 times its default, and the store is
// PostgreSQL, the API loads the default sizes (what the scenarios use) and SQL tops each table up
// to the flag's size (bench/scale-data.ts). On PGlite everything goes through the API.
const SCALE =
  PATIENTS > 10 * DEFAULTS.patients || PLANS > 10 * DEFAULTS.plans || UNITS > 10 * DEFAULTS.units;
const SCALE_SQL = SCALE && Boolean(DB_URL);
const HTTP_SIZES = SCALE_SQL
  ? {
      patients: Math.min(PATIENTS, DEFAULTS.patients),
      plans: Math.min(PLANS, DEFAULTS.plans),
      units: Math.min(UNITS, DEFAULTS.units),
    }
  : { patients: PATIENTS, plans: PLANS, units: UNITS };

// ---------------------------------------------------------------- processes and memory

interface Proc {
  child: ChildProcess;
  port: number;
  output: () => string;
}

let nextPort = 38_000 + Math.floor(Math.random() * 2000);

/** The Node flags `npm start` runs the server with (package.json `config`): the bench runs it so. */
function startScriptFlags(): string[] {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    config: { serverNodeFlags: string };
  };
  return pkg.config.serverNodeFlags.split(/\s+/).filter(Boolean);
}

async function startNode(
  script: string,
  env: NodeJS.ProcessEnv,
  preload?: string,
  nodeFlags: string[] = [],
): Promise<Proc> {
  const port = nextPort++;
  const profile = flags['cpu-prof']
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(ROOT, 'bench/results/profiles')}`]
    : [];
  const args = [...nodeFlags, ...profile, ...(preload ? ['-r', preload] : []), script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  // A loaded machine may need longer, as for the tests' server (test/support/server-process.ts).
  const deadline = Date.now() + Number(process.env.SERVER_START_TIMEOUT_MS ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited:\n${out}`);
    try {
      await fetch(`http://127.0.0.1:${port}/health/live`);
      return { child, port, output: () => out };
    } catch {
      await sleep(200);
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${script} not listening in time:\n${out}`);
}

async function stop(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
}

/** Polls /proc/<pid>/status every 200 ms: the largest VmRSS seen since the last reset. */
class RssWatch {
  private peak = 0;
  private timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 200);
  }
  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      this.peak = Math.max(this.peak, rss, hwm);
    } catch {
      // the process is gone
    }
  }
  /** VmHWM is the peak since start, so the figure is the server's peak up to now. */
  peakMb(): number {
    this.sample();
    return Math.round(this.peak / 1024 / 1024);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------- HTTP client

interface Res {
  status: number;
  body: any;
}

class Api {
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}
  async req(method: string, path: string, body?: unknown): Promise<Res> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  /** A request that must succeed; anything else stops the bench with the problem. */
  async ok(method: string, path: string, body?: unknown): Promise<any> {
    const res = await this.req(method, path, body);
    if (res.status >= 300) {
      throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  }
  get = (path: string) => this.ok('GET', path);
  post = (path: string, body: unknown = {}) => this.ok('POST', path, body);
}

async function login(base: string, email: string, password: string): Promise<Api> {
  const res = await new Api(base).ok('POST', '/auth/login', { email, password });
  return new Api(base, res.accessToken);
}

/** Runs `work(i)` for i in [0, n) with `width` at a time. */
async function pooled(n: number, width: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

// ---------------------------------------------------------------- data set

const FIRST = [
  'Maria',
  'Ana',
  'Sofia',
  'Laura',
  'Emma',
  'Olivia',
  'Grace',
  'Chloe',
  'Nora',
  'Ruth',
];
const LAST = [
  'Lopez',
  'Garcia',
  'Smith',
  'Okafor',
  'Nguyen',
  'Kowalski',
  'Rossi',
  'Haddad',
  'Silva',
  'Tanaka',
  'Moreau',
  'Jensen',
];
const PROCEDURES = [
  ['19325', 'Breast Augmentation', '7000.00', '200.00'],
  ['15830', 'Abdominoplasty', '6500.00', '900.00'],
  ['30400', 'Rhinoplasty', '5200.00', '700.00'],
  ['15877', 'Liposuction, trunk', '3800.00', '600.00'],
  ['19357', 'Breast reconstruction with tissue expander', '3500.00', '900.00'],
  ['11970', 'Replacement of tissue expander', '1200.00', '0.00'],
] as const;

/** One worker's own stock, room and surgeon: concurrent workflows never contend for them. */
interface Lane {
  implantCode: string;
  suturesCode: string;
  roomId: string;
  surgeonId: string;
  slot: number;
}

interface DataSet {
  admin: Api;
  coordinator: Api;
  nurse: Api;
  lanes: Lane[];
  /** Serials received through the API: SN00000001 … SN<serials>. */
  serials: number;
  patientIds: string[];
  searchName: string;
  /** One common last name: a one-word search with many matches. */
  searchWord: string;
  scheduledPlanId: string;
  draftPlanIds: string[];
  contentionPlans: { planId: string; requirementId: string }[];
}

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);
}

/** The bench clinic's day (its zone is the default, America/New_York) `days` from today. */
function clinicDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
    new Date(),
  );
  return new Date(Date.parse(today) + days * 864e5).toISOString().slice(0, 10);
}

async function loadDataSet(base: string): Promise<DataSet> {
  const admin = await login(base, ADMIN.email, ADMIN.password);
  const staff: Record<string, Api> = {};
  for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING']) {
    const email = `${role.toLowerCase()}@bench.example`;
    await admin.post('/users', {
      email,
      name: `Bench ${role}`,
      role,
      password: 'bench-password-1',
    });
    staff[role] = await login(base, email, 'bench-password-1');
  }
  for (const [code, description, surgeonFee, facilityFee] of PROCEDURES) {
    await admin.ok('PUT', `/fee-schedule/${code}`, { description, surgeonFee, facilityFee });
  }
  await admin.post('/consent-templates', {
    code: 'BREAST_AUG_CONSENT_V2',
    version: 2,
    title: 'Consent to breast augmentation',
    body: 'I consent to breast augmentation with implants. Risks include capsular contracture, rupture and revision surgery.',
    cptCodes: ['19325'],
  });

  // One lane per workflow worker, plus one for the loader; serial units shared out between them.
  const unitsPerLane = Math.max(100, Math.floor(HTTP_SIZES.units / (WORKERS + 1)));
  const lanes: Lane[] = [];
  let serial = 0;
  for (let w = 0; w <= WORKERS; w++) {
    const implantCode = `breast-implant-300cc-round-l${w}`;
    const implant = await admin.post('/inventory/items', {
      code: implantCode,
      name: `Silicone breast implant 300cc round (lane ${w})`,
      category: 'IMPLANT',
      manufacturer: 'Mentor',
      size: '300cc',
      shape: 'Round',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
      hcpcsCode: 'L8600',
    });
    for (let left = unitsPerLane, b = 0; left > 0; left -= 500, b++) {
      const n = Math.min(500, left);
      await admin.post(`/inventory/items/${implant.id}/batches`, {
        batchNumber: `L${w}-B${b}`,
        expiresAt: daysFromNow(900),
        serialNumbers: Array.from({ length: n }, () => `SN${String(++serial).padStart(8, '0')}`),
      });
    }
    const suturesCode = `surgical-sutures-l${w}`;
    const sutures = await admin.post('/inventory/items', {
      code: suturesCode,
      name: `Absorbable sutures (lane ${w})`,
      category: 'SUTURE',
      unitPrice: '12.50',
      isBillable: false,
      requiresSerialNumber: false,
    });
    await admin.post(`/inventory/items/${sutures.id}/batches`, {
      batchNumber: `SUT-L${w}`,
      expiresAt: daysFromNow(900),
      quantity: 100_000,
    });
    const room = await admin.post('/operating-rooms', { name: `OR ${w + 1}` });
    const surgeon = await admin.post('/users', {
      email: `surgeon-l${w}@bench.example`,
      name: `Dr. Lane ${w}`,
      role: 'SURGEON',
      password: 'bench-password-1',
    });
    lanes.push({
      implantCode,
      suturesCode,
      roomId: room.id,
      surgeonId: surgeon.id,
      slot: 0,
    });
  }

  const patientIds: string[] = [];
  await pooled(HTTP_SIZES.patients, WORKERS, async (i) => {
    const p = await staff.COORDINATOR!.post('/patients', {
      firstName: FIRST[i % FIRST.length],
      lastName: `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= 120 ? String(i) : ''}`,
      dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      sexAtBirth: i % 7 === 0 ? 'MALE' : 'FEMALE',
      ...(i % 3 === 0 ? { insurance: { payerName: 'Aetna', memberId: `W${100000 + i}` } } : {}),
    });
    patientIds[i] = p.id;
  });

  // Plans in every status: DRAFT, QUOTED, APPROVED, CANCELLED, SCHEDULED, IN_PROGRESS, COMPLETED.
  const STOPS = [
    'DRAFT',
    'QUOTED',
    'APPROVED',
    'CANCELLED',
    'SCHEDULED',
    'IN_PROGRESS',
    'COMPLETED',
  ] as const;
  const draftPlanIds: string[] = [];
  let scheduledPlanId = '';
  const loaderLane = lanes[WORKERS]!;
  await pooled(HTTP_SIZES.plans, 1, async (i) => {
    const stopAt = STOPS[i % STOPS.length]!;
    const r = await workflow(admin, loaderLane, patientIds[i % patientIds.length]!, stopAt);
    if (stopAt === 'DRAFT') draftPlanIds.push(r.planId);
    if (stopAt === 'SCHEDULED') scheduledPlanId = r.planId;
  });
  for (let i = draftPlanIds.length; i < 64; i++) {
    draftPlanIds.push(
      (await workflow(admin, loaderLane, patientIds[i % patientIds.length]!, 'DRAFT')).planId,
    );
  }
  if (!scheduledPlanId) {
    scheduledPlanId = (await workflow(admin, loaderLane, patientIds[0]!, 'SCHEDULED')).planId;
  }

  // Contention: three small lots of one implant, and more plans wanting two each than there are units.
  const scarce = await admin.post('/inventory/items', {
    code: 'breast-implant-450cc-anatomical',
    name: 'Silicone breast implant 450cc anatomical',
    category: 'IMPLANT',
    size: '450cc',
    shape: 'Anatomical',
    unitPrice: '450.00',
    isBillable: true,
    requiresSerialNumber: true,
    hcpcsCode: 'L8600',
  });
  for (let b = 0; b < 3; b++) {
    await admin.post(`/inventory/items/${scarce.id}/batches`, {
      batchNumber: `SCARCE-${b}`,
      expiresAt: daysFromNow(500 + b),
      serialNumbers: Array.from({ length: 10 }, (_, k) => `SC${b}-${k}`),
    });
  }
  const contentionPlans: DataSet['contentionPlans'] = [];
  await pooled(128, WORKERS, async (i) => {
    const plan = await admin.post('/procedure-plans', {
      patientId: patientIds[i % patientIds.length],
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      diagnosisCodes: [],
      inventoryRequirements: [
        {
          inventoryItemCode: 'breast-implant-450cc-anatomical',
          quantity: 2,
          requiresSerialNumber: true,
        },
      ],
    });
    contentionPlans.push({ planId: plan.id, requirementId: plan.inventoryRequirements[0].id });
  });

  return {
    admin,
    coordinator: staff.COORDINATOR!,
    nurse: staff.NURSE!,
    lanes,
    serials: serial,
    patientIds,
    searchName: `${FIRST[3]} ${LAST[0]}`,
    searchWord: LAST[1]!.toLowerCase(),
    scheduledPlanId,
    draftPlanIds,
    contentionPlans,
  };
}

// ---------------------------------------------------------------- the seed's workflow

/** Two-hour cases, four a day from 08:00 UTC, one lane's slots one after another. */
function nextSlot(lane: Lane): { start: string; end: string } {
  const k = lane.slot++;
  const start = new Date(Date.now() + (1 + Math.floor(k / 4)) * 864e5);
  start.setUTCHours(8 + 2 * (k % 4), 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 2 * 3600e3).toISOString() };
}

/** Every request as `api`'s user (the bench's admin), whichever role the step names. */
function transportOf(api: Api): SeedTransport {
  return { request: (_role, method, path, body) => api.req(method, path, body) };
}

/**
 * The seed's breast augmentation, consultation to paid bill (README "The seed example"), as the
 * tests run it (test/support/seed-workflow.ts), on one lane; CANCELLED cancels a QUOTED plan.
 */
async function workflow(
  api: Api,
  lane: Lane,
  patientId: string,
  stopAt: SeedStop | 'CANCELLED' = 'PAID',
): Promise<{ planId: string; requests: number }> {
  const run = await runSeedWorkflow(transportOf(api), {
    patient: { id: patientId },
    consultation: {
      surgeonId: lane.surgeonId,
      consultationDate: new Date().toISOString(),
      reason: 'I want breast augmentation',
    },
    requirements: 'added',
    implants: {
      inventoryItemCode: lane.implantCode,
      quantity: 2,
      sizeRequirement: '300cc',
      shapeRequirement: 'Round',
    },
    sutures: { inventoryItemCode: lane.suturesCode, quantity: 1 },
    signerName: 'Bench Patient',
    booking: () => {
      const slot = nextSlot(lane);
      return {
        operatingRoomId: lane.roomId,
        surgeonId: lane.surgeonId,
        scheduledStart: slot.start,
        scheduledEnd: slot.end,
      };
    },
    until: stopAt === 'CANCELLED' ? 'QUOTED' : stopAt,
  });
  const planId: string = run.created.id;
  if (stopAt !== 'CANCELLED') return { planId, requests: run.requests };
  await api.post(`/procedure-plans/${planId}/cancel`, { reason: 'Patient changed her mind' });
  return { planId, requests: run.requests + 1 };
}

// ---------------------------------------------------------------- the mixed workload (issue 21 §3)

/** A client's give-up time, as autocannon's default: a request slower than this is a time-out. */
const MIXED_TIMEOUT_MS = 10_000;

/** Every request's latency and answer, across all the mixed scenario's clients. */
interface MixedTally {
  latencies: number[];
  statuses: Record<string, number>;
  timeouts: number;
  transport: number;
  ops: Record<string, number>;
  workflowFailures: number;
  /** Latencies by method and route (ids and queries left out): where the slow ones are. */
  byRoute: Record<string, number[]>;
  /** Requests over 500 ms: when (s from the tally's start), how long, which route. */
  slow: { at: number; ms: number; route: string }[];
  startedAt: number;
}

/** The bench's Api, timing every request into the tally and giving up after MIXED_TIMEOUT_MS. */
class TimedApi extends Api {
  constructor(
    base: string,
    token: string,
    private readonly tally: MixedTally,
    /** A member of staff's pause after each answer, ~thinkMs (the workflow's steps). */
    private readonly thinkMs = 0,
  ) {
    super(base, token);
  }
  override req(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res> {
    return this.send(method, path, body, headers);
  }
  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res> {
    const t0 = performance.now();
    try {
      const res = await fetch(`${this.base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(MIXED_TIMEOUT_MS),
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      this.tally.latencies.push(ms);
      const route = `${method} ${path.split('?')[0]!.replace(/\/[0-9a-f-]{36}/g, '/:id')}`;
      (this.tally.byRoute[route] ??= []).push(ms);
      if (ms > 500 && this.tally.slow.length < 50) {
        const at = Math.round((t0 - this.tally.startedAt) / 100) / 10;
        this.tally.slow.push({ at, ms: Math.round(ms), route });
      }
      this.tally.statuses[res.status] = (this.tally.statuses[res.status] ?? 0) + 1;
      if (this.thinkMs > 0) await sleep(this.thinkMs * (0.5 + Math.random()));
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') this.tally.timeouts++;
      else this.tally.transport++;
      throw error;
    }
  }
}

/**
 * `clients` members of staff working at once until `end`, each pausing ~`thinkMs` (uniformly
 * 0.5–1.5 ×) after each operation, and after each step of a workflow: reads (GET a plan, a patient search, the approved plans' list), plan edits (PATCH a
 * draft plan's notes with If-Match, each client on drafts of its own) and the seed workflow
 * (consultation to paid bill, on a stock lane of its own).
 */
async function mixedWorkload(
  data: DataSet,
  base: string,
  clients: number,
  thinkMs: number,
  end: number,
): Promise<MixedTally> {
  const tally: MixedTally = {
    latencies: [],
    statuses: {},
    timeouts: 0,
    transport: 0,
    ops: {},
    workflowFailures: 0,
    byRoute: {},
    slow: [],
    startedAt: performance.now(),
  };
  const plans = [data.scheduledPlanId, ...data.draftPlanIds];
  const lanes = data.lanes.slice(0, WORKERS);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const staff = new TimedApi(base, data.coordinator.token!, tally);
      // The workflow's steps are a person's clicks too: each is followed by a pause.
      const admin = new TimedApi(base, data.admin.token!, tally, thinkMs);
      // Drafts of this client's own, so two clients never edit one plan (a 412 is not an error
      // the workload expects); their versions as this client last saw them.
      const ownDrafts = data.draftPlanIds.filter((_, i) => i % clients === c);
      const versions = new Map<string, number>();
      // People do not all click at the same instant: the clients start spread over one pause.
      if (thinkMs > 0) await sleep(Math.random() * thinkMs);
      for (let i = 0; Date.now() < end; i++) {
        const roll = Math.random();
        const op =
          roll < 0.35
            ? 'get plan'
            : roll < 0.55
              ? 'search'
              : roll < 0.65
                ? 'list'
                : roll < 0.9 && ownDrafts.length > 0
                  ? 'edit'
                  : 'workflow';
        tally.ops[op] = (tally.ops[op] ?? 0) + 1;
        try {
          if (op === 'get plan') await staff.ok('GET', `/procedure-plans/${pick(plans)}`);
          else if (op === 'search')
            await staff.ok(
              'GET',
              `/patients?search=${encodeURIComponent(`${pick(FIRST)} ${pick(LAST)}`)}`,
            );
          else if (op === 'list') await staff.ok('GET', '/procedure-plans?status=APPROVED');
          else if (op === 'edit') {
            const planId = pick(ownDrafts);
            let version = versions.get(planId);
            if (version === undefined) {
              version = (await staff.ok('GET', `/procedure-plans/${planId}`)).version as number;
            }
            const res = await staff.send(
              'PATCH',
              `/procedure-plans/${planId}`,
              { notes: `Mixed workload edit ${c}.${i}` },
              { 'if-match': `"${version}"` },
            );
            if (res.status === 200) versions.set(planId, res.body.version as number);
            else versions.delete(planId);
          } else {
            const lane = lanes[c % lanes.length]!;
            await workflow(admin, lane, pick(data.patientIds));
          }
        } catch {
          if (op === 'workflow') tally.workflowFailures++;
        }
        if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
      }
    }),
  );
  return tally;
}

// ---------------------------------------------------------------- measuring

interface Row {
  scenario: string;
  concurrency: number;
  rate: number;
  unit: string;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  note: string;
  peakRssMb: number;
  /** The server process's own CPU time (user + system) per request or workflow. */
  cpuMs: number;
  /** Non-2xx answers by status, transport errors and timeouts, when there were any. */
  failures?: Record<string, number>;
}

/** CPU time a process has used so far, in ms (utime + stime from /proc/<pid>/stat). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)) };
}

async function cannon(opts: {
  url: string;
  connections: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  paths?: () => string;
  pid: number;
}) {
  const cpu0 = cpuMsOf(opts.pid);
  const latencies: number[] = [];
  const codes: Record<number, number> = {};
  const result = await new Promise<import('autocannon').Result>((res, rej) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: DURATION,
        method: opts.method ?? 'GET',
        headers: opts.headers ?? {},
        ...(opts.body === undefined ? {} : { body: opts.body }),
        ...(opts.paths
          ? {
              requests: [
                {
                  setupRequest: (req) => ({ ...req, path: opts.paths!() }),
                },
              ],
            }
          : {}),
      },
      (err, r) => (err ? rej(err) : res(r)),
    );
    instance.on('response', (_c, status, _b, time) => {
      latencies.push(time);
      if (status >= 300) codes[status] = (codes[status] ?? 0) + 1;
    });
  });
  return {
    rate: Math.round((result.requests.total / result.duration) * 10) / 10,
    ...summary(latencies),
    errors: result.non2xx + result.errors + result.timeouts,
    failures: { ...codes, transport: result.errors, timeouts: result.timeouts },
    cpuMs:
      Math.round(((cpuMsOf(opts.pid) - cpu0) / Math.max(1, result.requests.total)) * 100) / 100,
  };
}

function table(rows: Row[]): string {
  const head = [
    'scenario',
    'conc',
    'rate',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'peak RSS MB',
    'CPU ms/op',
    'note',
  ];
  const cells = rows.map((r) => [
    r.scenario,
    String(r.concurrency),
    `${r.rate} ${r.unit}`,
    String(r.p50),
    String(r.p95),
    String(r.p99),
    String(r.errors),
    String(r.peakRssMb),
    String(r.cpuMs),
    r.note,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => '| ' + c.map((x, i) => x.padEnd(widths[i]!)).join(' | ') + ' |';
  return [
    line(head),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...cells.map(line),
  ].join('\n');
}

// ---------------------------------------------------------------- the run

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadavgAtStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CLINIC_NAME: 'Bench Clinic',
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  let pgliteDir: string | undefined;
  let benchUrl: string | undefined;
  if (DB_URL) {
    const dbName = `contour_bench_${Date.now()}`;
    const admin = new Client({ connectionString: DB_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(DB_URL);
    url.pathname = `/${dbName}`;
    benchUrl = url.toString();
    env.DATABASE_URL = benchUrl;
    dropDatabase = async () => {
      if (flags['keep-db']) {
        console.log(`kept the bench database: ${benchUrl}`);
        return;
      }
      const c = new Client({ connectionString: DB_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    };
  } else {
    delete env.DATABASE_URL;
    pgliteDir = mkdtempSync(join(tmpdir(), 'contour-bench-'));
    env.PGLITE_DATA_DIR = join(pgliteDir, 'pglite');
  }
  const captureFile = join(tmpdir(), `contour-bench-sql-${stamp}.json`);
  env.BENCH_SQL_CAPTURE_FILE = captureFile;

  const server = await startNode(
    'dist/main.js',
    env,
    resolve(__dirname, 'sql-capture.js'),
    startScriptFlags(),
  );
  const rss = new RssWatch(server.child.pid!);
  const base = `http://127.0.0.1:${server.port}`;
  const rows: Row[] = [];
  const checks: Record<string, unknown> = {};
  /** Checks that failed: the bench exits 1 after writing its results. */
  const failures: string[] = [];
  try {
    const loadStart = Date.now();
    if (SCALE && !DB_URL) {
      console.log(
        'scale data is loaded with SQL on PostgreSQL only (set DATABASE_URL); on PGlite these ' +
          'sizes go through the API, which takes hours',
      );
    }
    console.log(
      `store: ${DB_URL ? 'PostgreSQL' : 'PGlite'}; loading ${HTTP_SIZES.patients} patients, ${HTTP_SIZES.plans} plans, ${HTTP_SIZES.units} units over HTTP…`,
    );
    const data = await loadDataSet(base);
    console.log(`loaded over HTTP in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
    let scale: ScaleReport | undefined;
    if (SCALE_SQL && benchUrl) {
      scale = await loadScaleData(
        benchUrl,
        { patients: PATIENTS, plans: PLANS, units: UNITS },
        console.log,
      );
      checks.scale = scale;
      console.log(
        `scale data loaded with SQL in ${scale.seconds} s: ${scale.totals.patients} patients, ` +
          `${scale.totals.plans} plans, ${scale.totals.units} units`,
      );
    }
    console.log(`measuring ${DURATION} s per scenario`);
    const auth = { authorization: `Bearer ${data.coordinator.token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const serverPid = server.child.pid!;
    const push = (
      scenario: string,
      concurrency: number,
      unit: string,
      r: Omit<Row, 'scenario' | 'concurrency' | 'unit' | 'peakRssMb' | 'note'>,
      note = '',
    ) => {
      const failed = r.errors > 0 && r.failures ? `failures ${JSON.stringify(r.failures)}` : '';
      const text = [note, failed].filter(Boolean).join('; ');
      rows.push({ scenario, concurrency, unit, ...r, note: text, peakRssMb: rss.peakMb() });
    };

    // The SQL of one GET /procedure-plans/:id, for the baseline to replay.
    if (DB_URL) {
      server.child.kill('SIGUSR2');
      await sleep(200);
      await data.coordinator.get(`/procedure-plans/${data.scheduledPlanId}`);
      server.child.kill('SIGUSR2');
      await sleep(300);
    }

    /** The three-statement baseline's GET rate, for the workflow's ratio (issue 21 §4). */
    let threeStatementRate: number | undefined;
    if (ONLY.has('plan')) {
      const getPlan = await cannon({
        url: `${base}/api/v1/procedure-plans/${data.scheduledPlanId}`,
        pid: serverPid,
        connections: 64,
        headers: auth,
      });
      push('GET /procedure-plans/:id', 64, 'req/s', getPlan);
      const planRow = rows.length - 1;

      if (DB_URL && existsSync(captureFile)) {
        const queries = JSON.parse(readFileSync(captureFile, 'utf8')) as unknown[];
        const bare = await startNode(resolve(__dirname, 'baseline.js'), {
          ...process.env,
          DATABASE_URL: benchUrl,
          BENCH_SQL_FILE: captureFile,
        });
        try {
          const b = await cannon({
            url: `http://127.0.0.1:${bare.port}/plan`,
            connections: 64,
            pid: bare.child.pid!,
          });
          const rateRatio = getPlan.rate / b.rate;
          const p99Ratio = getPlan.p99 / b.p99;
          rows.push({
            scenario: `baseline: Fastify + pg, same ${queries.length} statements`,
            concurrency: 64,
            unit: 'req/s',
            ...b,
            note: '',
            peakRssMb: NaN,
          });
          checks.baseline = { statements: queries.length, rateRatio, p99Ratio };
          // A baseline that failed requests answered them faster than it could have served them.
          rows[planRow]!.note =
            b.errors > 0
              ? `no ratio: the baseline had ${b.errors} errors`
              : `${Math.round(rateRatio * 100)} % of baseline req/s, p99 ${p99Ratio.toFixed(2)}×`;
        } finally {
          await stop(bare);
        }
        // The three-statement baseline (baseline-three.ts): the same job as a bare handler would
        // do it — the user check, the plan with all it shows in one query, the audit row.
        const claims = JSON.parse(
          Buffer.from(data.coordinator.token!.split('.')[1]!, 'base64url').toString(),
        ) as { sub: string; cid: string };
        const three = await startNode(resolve(__dirname, 'baseline-three.js'), {
          ...process.env,
          DATABASE_URL: benchUrl,
          BENCH_CLINIC_ID: claims.cid,
          BENCH_USER_ID: claims.sub,
          BENCH_PLAN_ID: data.scheduledPlanId,
        });
        try {
          const b3 = await cannon({
            url: `http://127.0.0.1:${three.port}/plan`,
            connections: 64,
            pid: three.child.pid!,
          });
          rows.push({
            scenario: 'baseline: Fastify + pg, 3 statements',
            concurrency: 64,
            unit: 'req/s',
            ...b3,
            note: '',
            peakRssMb: NaN,
          });
          threeStatementRate = b3.errors > 0 ? undefined : b3.rate;
          const rateRatio = getPlan.rate / b3.rate;
          const p99Ratio = getPlan.p99 / b3.p99;
          // Issue 21's targets: ≥ 0.6× its throughput, p99 ≤ 2×.
          checks.baselineThree = {
            statements: 3,
            rate: b3.rate,
            p99: b3.p99,
            rateRatio,
            p99Ratio,
            meetsTarget: b3.errors === 0 && rateRatio >= 0.6 && p99Ratio <= 2,
          };
          rows[planRow]!.note +=
            b3.errors > 0
              ? `; no 3-statement ratio: that baseline had ${b3.errors} errors`
              : `; vs 3 statements: ${rateRatio.toFixed(2)}× req/s (target ≥ 0.6), p99 ${p99Ratio.toFixed(2)}× (≤ 2)`;
        } finally {
          await stop(three);
        }
      } else {
        checks.baseline = 'the bare baselines need DATABASE_URL (PostgreSQL)';
      }
    }
    if (ONLY.has('search')) {
      const searchName = encodeURIComponent(data.searchName);
      push(
        'GET /patients?search=',
        64,
        'req/s',
        await cannon({
          url: `${base}/api/v1/patients?search=${searchName}`,
          pid: serverPid,
          connections: 64,
          headers: auth,
        }),
        data.searchName,
      );
      push(
        'GET /patients?search= (one last name)',
        64,
        'req/s',
        await cannon({
          url: `${base}/api/v1/patients?search=${data.searchWord}`,
          pid: serverPid,
          connections: 64,
          headers: auth,
        }),
        data.searchWord,
      );
      push(
        'GET /patients?search=<MRN>',
        64,
        'req/s',
        await cannon({
          url: `${base}/api/v1/patients?search=MRN-000001`,
          pid: serverPid,
          connections: 64,
          headers: auth,
          paths: () =>
            `/api/v1/patients?search=MRN-${String(1 + Math.floor(Math.random() * PATIENTS)).padStart(6, '0')}`,
        }),
        `one of ${PATIENTS} MRNs at random`,
      );
    }
    if (ONLY.has('list')) {
      push(
        'GET /procedure-plans?status=APPROVED',
        64,
        'req/s',
        await cannon({
          url: `${base}/api/v1/procedure-plans?status=APPROVED`,
          pid: serverPid,
          connections: 64,
          headers: auth,
        }),
      );
    }
    if (ONLY.has('unit')) {
      // "Who has this implant?": a serial drawn at random from every unit loaded.
      const bulk = scale?.inserted.units ?? 0;
      const serialAt = (k: number) =>
        k < data.serials
          ? `SN${String(k + 1).padStart(8, '0')}`
          : scaleSerial(k - data.serials + 1);
      push(
        'GET /inventory/units/:serialNumber',
        64,
        'req/s',
        await cannon({
          url: `${base}/api/v1/inventory/units/${serialAt(0)}`,
          pid: serverPid,
          connections: 64,
          headers: { authorization: `Bearer ${data.nurse.token}` },
          paths: () =>
            `/api/v1/inventory/units/${serialAt(Math.floor(Math.random() * (data.serials + bulk)))}`,
        }),
        `${data.serials + bulk} serials at random`,
      );
    }
    if (ONLY.has('expiring')) {
      push(
        'GET /inventory/expiring?withinDays=30',
        64,
        'req/s',
        await cannon({
          url: `${base}/api/v1/inventory/expiring?withinDays=30`,
          pid: serverPid,
          connections: 64,
          headers: auth,
        }),
      );
    }
    if (ONLY.has('create')) {
      let p = 0;
      push(
        'POST /procedure-plans',
        16,
        'req/s',
        await cannon({
          url: `${base}/api/v1/procedure-plans`,
          pid: serverPid,
          connections: 16,
          method: 'POST',
          headers: json,
          paths: () => '/api/v1/procedure-plans',
          body: JSON.stringify({
            patientId: data.patientIds[p++ % data.patientIds.length],
            procedureName: 'Breast Augmentation',
            procedureType: 'COSMETIC',
            primaryCPTCode: '19325',
            cptCodes: ['19325'],
            diagnosisCodes: [],
          }),
        }),
      );
    }
    if (ONLY.has('quote')) {
      let q = 0;
      push(
        'POST /procedure-plans/:id/quote',
        16,
        'req/s',
        await cannon({
          url: `${base}/api/v1/procedure-plans/${data.draftPlanIds[0]}/quote`,
          pid: serverPid,
          connections: 16,
          method: 'POST',
          headers: json,
          body: '{}',
          paths: () =>
            `/api/v1/procedure-plans/${data.draftPlanIds[q++ % data.draftPlanIds.length]}/quote`,
        }),
        `${data.draftPlanIds.length} plans re-quoted in turn`,
      );
    }
    if (ONLY.has('workflow')) {
      // Whole workflows, 16 workers each on its own lane, for DURATION seconds.
      const wfLatencies: number[] = [];
      let wfErrors = 0;
      let wfRequests = 0;
      const wfStart = Date.now();
      const wfCpu0 = cpuMsOf(serverPid);
      const wfEnd = wfStart + DURATION * 1000;
      await Promise.all(
        data.lanes.slice(0, WORKERS).map(async (lane, w) => {
          for (let i = 0; Date.now() < wfEnd; i++) {
            const t0 = performance.now();
            try {
              const r = await workflow(
                data.admin,
                lane,
                data.patientIds[(w * 997 + i) % data.patientIds.length]!,
              );
              wfRequests += r.requests;
              wfLatencies.push(performance.now() - t0);
            } catch (error) {
              wfErrors++;
              if (wfErrors <= 3) console.error(`workflow error: ${(error as Error).message}`);
            }
          }
        }),
      );
      const wfSeconds = (Date.now() - wfStart) / 1000;
      push(
        'seed workflow (consultation → paid bill)',
        WORKERS,
        'workflows/s',
        {
          rate: Math.round((wfLatencies.length / wfSeconds) * 10) / 10,
          ...summary(wfLatencies),
          errors: wfErrors,
          cpuMs: Math.round((cpuMsOf(serverPid) - wfCpu0) / Math.max(1, wfLatencies.length)),
        },
        `${wfLatencies.length} workflows, ${Math.round(wfRequests / wfSeconds)} req/s` +
          (threeStatementRate
            ? `, ${(wfRequests / wfSeconds / threeStatementRate).toFixed(2)}× the 3-statement GET rate (target ≥ 0.3)`
            : ''),
      );
    }
    if (ONLY.has('mixed')) {
      // Issue 21 §3: a practice's staff at once (docs/performance.md "PGlite"): reads, plan edits
      // and whole seed workflows; every request timed, a 4xx/5xx or a time-out is an error.
      const mixedCpu0 = cpuMsOf(serverPid);
      const mixedStart = Date.now();
      const t = await mixedWorkload(
        data,
        base,
        MIXED_CLIENTS,
        THINK_MS,
        mixedStart + DURATION * 1000,
      );
      const seconds = (Date.now() - mixedStart) / 1000;
      const requests = t.latencies.length;
      const failed = Object.entries(t.statuses).filter(([status]) => Number(status) >= 300);
      const errors = failed.reduce((n, [, count]) => n + count, 0) + t.timeouts + t.transport;
      const r = summary(t.latencies);
      const peakRssMb = rss.peakMb();
      const met = errors === 0 && r.p99 <= 250;
      checks.mixed = {
        clients: MIXED_CLIENTS,
        thinkMs: THINK_MS,
        requests,
        ops: t.ops,
        statuses: t.statuses,
        timeouts: t.timeouts,
        workflowFailures: t.workflowFailures,
        slowestRoutes: Object.entries(t.byRoute)
          .map(([route, ms]) => ({
            route,
            n: ms.length,
            ...summary(ms),
            max: Math.round(Math.max(...ms)),
          }))
          .sort((a, b) => b.p99 - a.p99)
          .slice(0, 8),
        slowRequests: t.slow,
        peakRssMb,
        target: { p99Ms: 250, errors: 0, met },
      };
      if (errors > 0) failures.push(`mixed: ${errors} errors ${JSON.stringify(t.statuses)}`);
      push(
        `mixed: ${MIXED_CLIENTS} staff (reads, plan edits, seed workflow)`,
        MIXED_CLIENTS,
        'req/s',
        {
          rate: Math.round((requests / seconds) * 10) / 10,
          ...r,
          errors,
          failures: Object.fromEntries([
            ...failed,
            ['transport', t.transport],
            ['timeouts', t.timeouts],
          ]),
          cpuMs: Math.round(((cpuMsOf(serverPid) - mixedCpu0) / Math.max(1, requests)) * 100) / 100,
        },
        `${requests} requests, think ${THINK_MS} ms, ` +
          `ops ${JSON.stringify(t.ops)}; p99 ≤ 250 ms and no errors: ${met ? 'met' : 'NOT MET'}`,
      );
    }
    if (ONLY.has('allocation')) {
      // 64 clients allocating two units each from three lots of ten.
      const statuses: Record<string, number> = {};
      const allocLatencies: number[] = [];
      const allocStart = Date.now();
      const allocCpu0 = cpuMsOf(serverPid);
      await pooled(data.contentionPlans.length, 64, async (i) => {
        const c = data.contentionPlans[i]!;
        const t0 = performance.now();
        const res = await data.coordinator.req(
          'POST',
          `/procedure-plans/${c.planId}/inventory/${c.requirementId}/allocate`,
          {},
        );
        allocLatencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      });
      const allocSeconds = (Date.now() - allocStart) / 1000;
      const unexpected = Object.entries(statuses)
        .filter(([s]) => s !== '200' && s !== '409')
        .reduce((n, [, c]) => n + c, 0);
      const invariant = await checkAllocationInvariants(data, benchUrl);
      checks.allocation = { statuses, ...invariant };
      push(
        'allocation contention (3 lots × 10 units)',
        64,
        'req/s',
        {
          rate: Math.round((data.contentionPlans.length / allocSeconds) * 10) / 10,
          ...summary(allocLatencies),
          errors: unexpected,
          cpuMs:
            Math.round(((cpuMsOf(serverPid) - allocCpu0) / data.contentionPlans.length) * 100) /
            100,
        },
        `200: ${statuses['200'] ?? 0}, 409: ${statuses['409'] ?? 0}; ${invariant.ok ? 'invariants hold' : 'INVARIANT BROKEN'}`,
      );
    }
    if (ONLY.has('availability')) {
      // Issue 19 §4: the free slots of a week for 10 providers. Their weekly hours are set here
      // (weekdays 08:00–12:00 and 13:00–17:00, clinic-local); the loader's surgeon is one of them,
      // so the loaded cases (four two-hour cases a day from tomorrow) take slots out of the week.
      const providers = [data.lanes[WORKERS]!, ...data.lanes.slice(0, 9)].map((l) => l.surgeonId);
      const intervals = [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, start: '08:00', end: '12:00' },
        { weekday, start: '13:00', end: '17:00' },
      ]);
      for (const id of providers)
        await data.admin.ok('PUT', `/working-hours/${id}`, { resourceKind: 'PROVIDER', intervals });
      const url =
        `/api/v1/availability?type=CONSULTATION&from=${daysFromNow(1)}&to=${daysFromNow(7)}` +
        providers.map((id) => `&providerId=${id}`).join('');
      const sample = await data.coordinator.get(url.replace('/api/v1', ''));
      push(
        'GET /availability (a week, 10 providers)',
        32,
        'req/s',
        await cannon({ url: `${base}${url}`, pid: serverPid, connections: 32, headers: auth }),
        `${sample.data.length} slots a response`,
      );
    }
    if (ONLY.has('reports')) {
      // Issue 20: each report for the last year (a year ago to today, the clinic's days) at
      // concurrency 8, as the ADMIN (who may read all six); target p95 under 1 s at scale. One
      // CSV too, the largest table (a row per room and day).
      const to = clinicDay(0);
      const from = clinicDay(-365);
      const range = `from=${from}&to=${to}`;
      const reports = [
        'conversion',
        'theater-utilisation',
        'surgeon-productivity',
        'ar-aging',
        'quotes',
        'implants',
      ].map((name) => ({ name, path: `/api/v1/reports/${name}?${range}` }));
      reports.push({
        name: 'theater-utilisation (CSV)',
        path: `/api/v1/reports/theater-utilisation?${range}&format=csv`,
      });
      const verdicts: Record<string, unknown> = {};
      for (const report of reports) {
        // One request first: its status and size go in the note (a 500 is a report not built).
        const t0 = performance.now();
        const sample = await fetch(`${base}${report.path}`, {
          headers: { authorization: `Bearer ${data.admin.token}` },
        });
        const bytes = (await sample.arrayBuffer()).byteLength;
        const firstMs = Math.round(performance.now() - t0);
        const r = await cannon({
          url: `${base}${report.path}`,
          pid: serverPid,
          connections: 8,
          headers: { authorization: `Bearer ${data.admin.token}` },
        });
        const met = r.errors === 0 && r.p95 < 1000;
        verdicts[report.name] = { status: sample.status, bytes, firstMs, p95: r.p95, met };
        push(
          `GET /reports/${report.name} (a year)`,
          8,
          'req/s',
          r,
          `${sample.status}, ${Math.round(bytes / 1024)} kB, first ${firstMs} ms; ` +
            `p95 < 1 s: ${met ? 'met' : 'NOT MET'}`,
        );
      }
      checks.reports = { from, to, verdicts };
    }
    if (ONLY.has('claims')) {
      // Issue 17 §5: N claims into one 837P, and an 835 with N CLPs (bench/claims.ts). One-shot
      // timings: the row's rate is the request's time in seconds, p50 = p95 = p99 the same in ms.
      const admin = data.admin;
      const lanes = data.lanes.slice(0, WORKERS);
      console.log(`claims: setting up ${CLAIMS} insured bills and their claims over HTTP…`);
      const result = await runClaimsBench({
        request: (method, path, body) => admin.req(method, path, body),
        postText: async (path, text) => {
          const res = await fetch(`${base}/api/v1${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/plain' },
            body: text,
          });
          const body = await res.text();
          return { status: res.status, body: body ? JSON.parse(body) : undefined };
        },
        lanes,
        nextSlot: (w) => nextSlot(lanes[w]!),
        cpuMs: () => cpuMsOf(serverPid),
        claims: CLAIMS,
        log: (line) => console.log(line),
      });
      checks.claims = result.checks;
      failures.push(...result.failures.map((f) => `claims: ${f}`));
      for (const f of result.figures) {
        const ms = Math.round(f.seconds * 1000);
        push(
          f.scenario,
          1,
          's',
          { rate: f.seconds, p50: ms, p95: ms, p99: ms, errors: f.ok ? 0 : 1, cpuMs: f.cpuMs },
          f.note,
        );
      }
    }
  } finally {
    rss.stop();
    await stop(server);
    await dropDatabase?.().catch((error: unknown) =>
      console.error(`could not drop the bench database: ${(error as Error).message}`),
    );
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    rmSync(captureFile, { force: true });
  }

  const text = table(rows);
  console.log(`\n${text}\n`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadavgAtStart,
    loadavgAtEnd: loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
  };
  console.log(JSON.stringify({ checks, machine }, null, 2));
  const dir = resolve(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt,
        store: DB_URL ? 'postgres' : 'pglite',
        flags: {
          patients: PATIENTS,
          plans: PLANS,
          units: UNITS,
          duration: DURATION,
          claims: CLAIMS,
          scale: SCALE_SQL,
        },
        machine,
        rows,
        checks,
        table: text,
      },
      null,
      2,
    ),
  );
  console.log(`written: ${file}`);
  if (failures.length > 0) {
    console.error(`bench checks failed:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}

/** No batch reserves more than it has, and no unit sits in two active allocations. */
async function checkAllocationInvariants(data: DataSet, url: string | undefined) {
  if (url) {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const over = await c.query(
        'SELECT count(*)::int AS n FROM inventory_batches WHERE reserved > on_hand',
      );
      const twice = await c.query(
        `SELECT count(*)::int AS n FROM (SELECT unit_id FROM inventory_allocations
           WHERE status = 'ACTIVE' AND unit_id IS NOT NULL GROUP BY unit_id HAVING count(*) > 1) t`,
      );
      const overCommitted = over.rows[0].n as number;
      const doubleAllocated = twice.rows[0].n as number;
      return {
        checkedWith: 'SQL',
        overCommitted,
        doubleAllocated,
        ok: overCommitted === 0 && doubleAllocated === 0,
      };
    } finally {
      await c.end();
    }
  }
  // PGlite is inside the server process: check through the API instead.
  const serials: string[] = [];
  for (const c of data.contentionPlans) {
    const plan = await data.coordinator.get(`/procedure-plans/${c.planId}`);
    for (const r of plan.inventoryRequirements) serials.push(...(r.serialNumbers as string[]));
  }
  const doubleAllocated = serials.length - new Set(serials).size;
  const overCommitted = serials.length > 30 ? serials.length - 30 : 0;
  return {
    checkedWith: 'HTTP',
    reservedSerials: serials.length,
    overCommitted,
    doubleAllocated,
    ok: doubleAllocated === 0 && overCommitted === 0,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
