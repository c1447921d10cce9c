import { randomBytes } from 'node:crypto';
import { runSeedWorkflow, SeedStepFailed, type SeedTransport } from '../../support/seed-workflow';
import { expectStatus, Http, type BaseUrl, type HttpResponse } from './http';
import { ADMIN, sleep } from './server';

type StaffRole = 'ADMIN' | 'SURGEON' | 'NURSE' | 'COORDINATOR' | 'BILLING';
const PASSWORD = 'faults-staff-password';

/** The seeded clinic, over HTTP only: staff tokens (valid across restarts: JWT_SECRET is fixed). */
export interface FaultClinic {
  as(role: StaffRole): Http;
  surgeonId: string;
  roomId: string;
  implantItemId: string;
  suturesItemId: string;
}

export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

async function login(http: Http, email: string, password: string): Promise<string> {
  const body = expectStatus('login', await http.post('/auth/login', { email, password }), 200);
  return body.accessToken as string;
}

/**
 * The bootstrap clinic, filled the way readyPlan (test/support/given-theater.ts) does it: one user
 * per role, fee schedule 19325, a consent template for 19325, a serial-tracked implant (300cc
 * round, 400.00) with `implants` units in stock, bulk sutures, and an operating room.
 */
export async function seedClinic(baseUrl: BaseUrl, implants = 60): Promise<FaultClinic> {
  const anon = new Http(baseUrl);
  const tokens = { ADMIN: await login(anon, ADMIN.email, ADMIN.password) } as Record<
    StaffRole,
    string
  >;
  const admin = anon.withToken(tokens.ADMIN);
  let surgeonId = '';
  for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const) {
    const email = `${role.toLowerCase()}-${randomBytes(3).toString('hex')}@faults.example`;
    const user = expectStatus(
      `user ${role}`,
      await admin.post('/users', { email, name: `Faults ${role}`, role, password: PASSWORD }),
      201,
    );
    if (role === 'SURGEON') surgeonId = user.id as string;
    tokens[role] = await login(anon, email, PASSWORD);
  }
  const as = (role: StaffRole): Http => anon.withToken(tokens[role]);
  expectStatus(
    'fee schedule',
    await as('BILLING').put('/fee-schedule/19325', {
      description: 'Breast augmentation with implant',
      surgeonFee: '7000.00',
      facilityFee: '200.00',
    }),
    200,
  );
  expectStatus(
    'consent template',
    await as('ADMIN').post('/consent-templates', {
      code: 'BREAST_AUG_CONSENT_V2',
      version: 2,
      title: 'Consent to breast augmentation',
      body: 'I consent to breast augmentation with implants.',
      cptCodes: ['19325'],
    }),
    201,
  );
  const implant = expectStatus(
    'implant item',
    await as('NURSE').post('/inventory/items', {
      code: 'implant-300cc-round',
      name: 'Silicone breast implant 300cc round',
      category: 'IMPLANT',
      size: '300cc',
      shape: 'Round',
      unitPrice: '400.00',
      isBillable: true,
      requiresSerialNumber: true,
      hcpcsCode: 'L8600',
    }),
    201,
  );
  const sutures = expectStatus(
    'sutures item',
    await as('NURSE').post('/inventory/items', {
      code: 'sutures',
      name: 'Absorbable sutures',
      category: 'SUTURE',
      unitPrice: '12.50',
      isBillable: false,
      requiresSerialNumber: false,
    }),
    201,
  );
  expectStatus(
    'receive sutures',
    await as('NURSE').post(`/inventory/items/${sutures.id}/batches`, {
      batchNumber: 'SUT-1',
      expiresAt: daysFromNow(700),
      quantity: 100_000,
    }),
    201,
  );
  const room = expectStatus(
    'room',
    await as('ADMIN').post('/operating-rooms', { name: 'OR 1' }),
    201,
  );
  const clinic: FaultClinic = {
    as,
    surgeonId,
    roomId: room.id as string,
    implantItemId: implant.id as string,
    suturesItemId: sutures.id as string,
  };
  await receiveImplants(clinic, implants);
  return clinic;
}

/** A new lot of `count` implants; returns the serials received. */
export async function receiveImplants(clinic: FaultClinic, count: number): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const serials = Array.from({ length: count }, (_, i) => `SN-${tag}-${i + 1}`);
  expectStatus(
    'receive implants',
    await clinic.as('NURSE').post(`/inventory/items/${clinic.implantItemId}/batches`, {
      batchNumber: `LOT-${tag}`,
      expiresAt: daysFromNow(365),
      serialNumbers: serials,
    }),
    201,
  );
  return serials;
}

type PlanAck = 'CREATED' | 'APPROVED';
type CaseAck = 'SCHEDULED' | 'IN_PROGRESS' | 'COMPLETED';

/** Every write the client saw a 2xx for: after a crash, each must still be in the database. */
export class AckLedger {
  patients = new Set<string>();
  plans = new Map<string, PlanAck>();
  allocations: { planId: string; serials: string[] }[] = [];
  bulkAllocations: { planId: string; requirementId: string }[] = [];
  cases = new Map<string, { planId: string; status: CaseAck }>();
  payments: { billId: string; reference: string; amount: string }[] = [];
  receivedSerials: string[] = [];

  get count(): number {
    return (
      this.patients.size +
      this.plans.size +
      this.allocations.length +
      this.bulkAllocations.length +
      this.cases.size +
      this.payments.length +
      this.receivedSerials.length
    );
  }
}

/** One surgery slot per call, one hour long, never reused (one room, one surgeon). */
let slotCounter = 0;
function nextSlot(): { scheduledStart: string; scheduledEnd: string } {
  const n = slotCounter++;
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + 1 + Math.floor(n / 22));
  start.setUTCHours(n % 22, 0, 0, 0);
  return {
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + 3600_000).toISOString(),
  };
}

export interface WorkloadStats {
  requests: number;
  acknowledged: number;
  networkErrors: number;
  /** Non-2xx answers by status and problem code. */
  statuses: Record<string, number>;
  /** Answers with a 5xx status: method, path and body. */
  serverErrors: string[];
  pipelinesCompleted: number;
}

/**
 * Workers running the seed's workflow (test/support/seed-workflow.ts: patient, plan, quote,
 * consent, approval, allocation, scheduling, start, completion, payment) against whatever server
 * is up; each failure (a network error when the server dies, an unexpected answer) abandons that
 * plan where it stands.
 */
export class Workload {
  readonly ledger = new AckLedger();
  readonly stats: WorkloadStats = {
    requests: 0,
    acknowledged: 0,
    networkErrors: 0,
    statuses: {},
    serverErrors: [],
    pipelinesCompleted: 0,
  };
  /** Workers wait while false (the server is down or being checked). */
  serverUp = true;
  private running = false;
  private workers: Promise<void>[] = [];
  /** Each request as the clinic's member of staff in that role, counted in `stats`. */
  private readonly transport: SeedTransport = {
    request: (role, method, path, body) => this.call(this.clinic.as(role), method, path, body),
  };

  constructor(private readonly clinic: FaultClinic) {}

  start(concurrency: number): void {
    this.running = true;
    this.workers = Array.from({ length: concurrency }, () => this.work());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async work(): Promise<void> {
    while (this.running) {
      if (!this.serverUp) {
        await sleep(50);
        continue;
      }
      try {
        await this.pipeline();
        this.stats.pipelinesCompleted++;
      } catch (error) {
        if (!(error instanceof SeedStepFailed)) this.stats.networkErrors++;
        await sleep(20);
      }
    }
  }

  /** One request as the workflow makes it; the cluster test's workload retries here (test/cluster). */
  protected async call(
    http: Http,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<HttpResponse> {
    this.stats.requests++;
    const res = await http.request(method, url, body);
    if (res.status >= 200 && res.status < 300) {
      this.stats.acknowledged++;
    } else {
      const key = `${res.status} ${res.body?.code ?? ''}`.trim();
      this.stats.statuses[key] = (this.stats.statuses[key] ?? 0) + 1;
      if (res.status >= 500)
        this.stats.serverErrors.push(`${method} ${url}: ${res.text.slice(0, 300)}`);
    }
    return res;
  }

  /** One plan from a new patient to a partly paid bill, each acknowledged write in the ledger. */
  private async pipeline(): Promise<void> {
    const c = this.clinic;
    const tag = randomBytes(4).toString('hex');
    const payment = { reference: `PAY-${tag}`, amount: '1000.00' };
    const ledger = this.ledger;
    let planId = '';
    let caseId = '';
    let billId = '';
    await runSeedWorkflow(this.transport, {
      patient: {
        create: {
          firstName: 'Maria',
          lastName: `Lopez-${tag}`,
          dateOfBirth: '1990-03-14',
          sexAtBirth: 'FEMALE',
        },
      },
      implants: {
        inventoryItemId: c.implantItemId,
        quantity: 2,
        sizeRequirement: '300cc',
        shapeRequirement: 'Round',
      },
      sutures: { inventoryItemId: c.suturesItemId, quantity: 1, reserve: true },
      booking: () => ({ operatingRoomId: c.roomId, surgeonId: c.surgeonId, ...nextSlot() }),
      payment,
      onImplantsShort: async () => {
        this.stats.requests++;
        const serials = await receiveImplants(c, 40);
        this.stats.acknowledged++;
        ledger.receivedSerials.push(...serials);
      },
      onStep: (step, body) => {
        if (step === 'patient') ledger.patients.add(body.id);
        if (step === 'plan') ledger.plans.set((planId = body.id), 'CREATED');
        if (step === 'approved') ledger.plans.set(planId, 'APPROVED');
        if (step === 'implants-allocated')
          ledger.allocations.push({ planId, serials: body.serialNumbers });
        if (step === 'sutures-allocated')
          ledger.bulkAllocations.push({ planId, requirementId: body.id });
        if (step === 'scheduled') caseId = body.id;
        if (step === 'scheduled' || step === 'started' || step === 'completed')
          ledger.cases.set(caseId, { planId, status: CASE_ACK[step] });
        if (step === 'completed') billId = body.billId;
        if (step === 'paid') ledger.payments.push({ billId, ...payment });
      },
    });
  }
}

/** The case's status once each step was acknowledged. */
const CASE_ACK = {
  scheduled: 'SCHEDULED',
  started: 'IN_PROGRESS',
  completed: 'COMPLETED',
} as const;
