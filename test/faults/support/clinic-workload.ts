import { randomBytes } from 'node:crypto';
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

class Refused extends Error {}

/**
 * Workers running the seed's workflow (patient, plan, quote, consent, approval, allocation,
 * scheduling, start, completion, payment) against whatever server is up; each failure (a
 * network error when the server dies, an unexpected answer) abandons that plan where it stands.
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
        if (!(error instanceof Refused)) this.stats.networkErrors++;
        await sleep(20);
      }
    }
  }

  private async call(
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

  private async ok(http: Http, method: string, url: string, body?: unknown): Promise<any> {
    const res = await this.call(http, method, url, body);
    if (res.status < 200 || res.status >= 300) throw new Refused(`${method} ${url}: ${res.status}`);
    return res.body;
  }

  private async pipeline(): Promise<void> {
    const c = this.clinic;
    const coordinator = c.as('COORDINATOR');
    const nurse = c.as('NURSE');
    const surgeon = c.as('SURGEON');
    const tag = randomBytes(4).toString('hex');
    const patient = await this.ok(coordinator, 'POST', '/patients', {
      firstName: 'Maria',
      lastName: `Lopez-${tag}`,
      dateOfBirth: '1990-03-14',
      sexAtBirth: 'FEMALE',
    });
    this.ledger.patients.add(patient.id);
    const plan = await this.ok(coordinator, 'POST', '/procedure-plans', {
      patientId: patient.id,
      procedureName: 'Breast Augmentation',
      procedureType: 'COSMETIC',
      primaryCPTCode: '19325',
      cptCodes: ['19325'],
      inventoryRequirements: [
        {
          inventoryItemId: c.implantItemId,
          quantity: 2,
          requiresSerialNumber: true,
          sizeRequirement: '300cc',
          shapeRequirement: 'Round',
        },
        { inventoryItemId: c.suturesItemId, quantity: 1 },
      ],
    });
    this.ledger.plans.set(plan.id, 'CREATED');
    await this.ok(coordinator, 'POST', `/procedure-plans/${plan.id}/quote`, {});
    if (plan.consent) {
      const consent = await this.ok(nurse, 'GET', `/consents/${plan.consent.id}`);
      await this.ok(nurse, 'POST', `/consents/${consent.id}/sign`, {
        signerName: 'Maria Lopez',
        relationship: 'SELF',
        signatureMethod: 'TYPED',
        signatureData: 'Maria Lopez',
        contentHash: consent.contentHash,
      });
    }
    const approved = await this.ok(coordinator, 'POST', `/procedure-plans/${plan.id}/approve`, {});
    this.ledger.plans.set(plan.id, 'APPROVED');
    const implants = approved.inventoryRequirements.find(
      (r: any) => r.inventoryItemId === c.implantItemId,
    );
    const sutures = approved.inventoryRequirements.find(
      (r: any) => r.inventoryItemId === c.suturesItemId,
    );
    const allocateUrl = `/procedure-plans/${plan.id}/inventory/${implants.id}/allocate`;
    let allocated = await this.call(nurse, 'POST', allocateUrl, {});
    if (allocated.status === 409 && allocated.body?.code === 'INSUFFICIENT_INVENTORY') {
      this.stats.requests++;
      const serials = await receiveImplants(c, 40);
      this.stats.acknowledged++;
      this.ledger.receivedSerials.push(...serials);
      allocated = await this.call(nurse, 'POST', allocateUrl, {});
    }
    if (allocated.status !== 200) throw new Refused(`allocate: ${allocated.status}`);
    this.ledger.allocations.push({ planId: plan.id, serials: allocated.body.serialNumbers });
    await this.ok(
      nurse,
      'POST',
      `/procedure-plans/${plan.id}/inventory/${sutures.id}/allocate`,
      {},
    );
    this.ledger.bulkAllocations.push({ planId: plan.id, requirementId: sutures.id });
    const theCase = await this.ok(coordinator, 'POST', '/surgical-cases', {
      procedurePlanId: plan.id,
      operatingRoomId: c.roomId,
      surgeonId: c.surgeonId,
      ...nextSlot(),
    });
    this.ledger.cases.set(theCase.id, { planId: plan.id, status: 'SCHEDULED' });
    await this.ok(surgeon, 'POST', `/surgical-cases/${theCase.id}/start`, {
      reason: 'Started ahead of its booked day in a test',
    });
    this.ledger.cases.set(theCase.id, { planId: plan.id, status: 'IN_PROGRESS' });
    const completed = await this.ok(surgeon, 'POST', `/surgical-cases/${theCase.id}/complete`, {});
    this.ledger.cases.set(theCase.id, { planId: plan.id, status: 'COMPLETED' });
    const reference = `PAY-${tag}`;
    await this.ok(c.as('BILLING'), 'POST', `/bills/${completed.billId}/payments`, {
      amount: '1000.00',
      payer: 'PATIENT',
      method: 'CARD',
      reference,
    });
    this.ledger.payments.push({ billId: completed.billId, reference, amount: '1000.00' });
  }
}
