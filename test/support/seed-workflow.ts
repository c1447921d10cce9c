// The seed's workflow as one request sequence (docs/workflow.md, "The ten steps"): patient,
// consultation, plan, its requirements, quote, consent, approval, allocation, readiness, booking,
// start, usage, completion, bill and payment. The API tests (seed-workflow.test.ts, readyPlan in
// given-theater.ts), the fault tests' workload, the bench's loader and workflow scenario
// (bench/run.ts) and the end-to-end set-ups (web/e2e/clinic.ts) all run this one script, each
// over its own transport: Fastify's inject, fetch against a server process, or the e2e server's
// admin API. No imports, so the bench's and the web project's builds can compile it too.

/** Who sends a request; a transport that signs in as one user for all may ignore it. */
export type SeedRole = 'ADMIN' | 'SURGEON' | 'NURSE' | 'COORDINATOR' | 'BILLING';

/** A JSON object as the API answered it: the script reads only the fields it names. */
export type Json = { [field: string]: any };

export interface SeedResponse {
  status: number;
  body: any;
}

/** How the script reaches the API: a path under /api/v1, any answer returned (not thrown). */
export interface SeedTransport {
  request(
    role: SeedRole,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<SeedResponse>;
}

/** Where a run stops: the state the plan (or its case, or its bill) has reached. */
export type SeedStop =
  | 'DRAFT'
  | 'QUOTED'
  | 'APPROVED'
  | 'ALLOCATED'
  | 'SCHEDULED'
  | 'IN_PROGRESS'
  | 'COMPLETED'
  | 'PAID';

/** Each request the script makes, named for the `onStep` observer and for errors. */
export type SeedStep =
  | 'patient'
  | 'consultation'
  | 'plan'
  | 'requirement'
  | 'quote'
  | 'consent'
  | 'signed'
  | 'fda-checklist'
  | 'fda-signed'
  | 'fda-attested'
  | 'approved'
  | 'implants-allocated'
  | 'sutures-allocated'
  | 'readiness'
  | 'scheduled'
  | 'started'
  | 'usage'
  | 'completed'
  | 'bill'
  | 'paid'
  | 'read-back';

/** An inventory item, by id or by code (the API takes either). */
export type ItemRef = { inventoryItemId: string } | { inventoryItemCode: string };

export interface SeedWorkflowOptions {
  /** The patient: one that exists, or the `POST /patients` body of a new one. */
  patient: { id: string } | { create: Record<string, unknown> };
  /** Step 1, when given: the consultation the plan comes from. */
  consultation?: { surgeonId: string; consultationDate: string; reason: string };
  /** The implants the plan needs (serial-tracked), allocated before the surgery is booked. */
  implants?: ItemRef & { quantity: number; sizeRequirement?: string; shapeRequirement?: string };
  /**
   * The sutures the plan needs: reserved with the implants (`reserve`), or recorded as used
   * during the surgery.
   */
  sutures?: ItemRef & { quantity: number; reserve?: boolean };
  /**
   * 'with-plan': the requirements are in the plan's body; 'added': the seed's step 3, one
   * `POST /procedure-plans/:id/inventory` each after the plan exists.
   */
  requirements?: 'with-plan' | 'added';
  /** Who signs the consent, as typed. */
  signerName?: string;
  /** false: the plan is approved with its consent left unsigned (scheduling then refuses it). */
  signConsent?: boolean;
  /**
   * false: a breast-implant plan's FDA checklist is left PENDING (scheduling then refuses it);
   * by default the patient signs it in the clinic and the surgeon attests, before approval.
   */
  completeFdaChecklist?: boolean;
  /** The case's room, surgeon and times, asked for when the booking is made. */
  booking?: () => {
    operatingRoomId: string;
    surgeonId: string;
    scheduledStart: string;
    scheduledEnd: string;
  };
  /** The payment: the bill's balance unless an amount is given. */
  payment?: { amount?: string; reference?: string };
  /** Where to stop (default PAID). */
  until?: SeedStop;
  /** Fields of the plan's body in place of the seed's breast augmentation (an insured plan). */
  plan?: Record<string, unknown>;
  /** Called once the plan exists, before its quote (e.g. its prior authorization). */
  onPlanCreated?: (plan: Json) => Promise<void>;
  /** Called with each successful answer, in order (a workload's ledger of acknowledged writes). */
  onStep?: (step: SeedStep, body: Json) => void;
  /**
   * The implants' allocation was refused for lack of stock: restock, and the script retries once.
   * Without it, the refusal fails the run.
   */
  onImplantsShort?: () => Promise<void>;
}

/** Every answer of a run, as far as it went. */
export interface SeedWorkflowRun {
  patientId: string;
  /** The patient as created (when the run created one). */
  patient?: Json;
  consultation?: Json;
  /** The plan as created. */
  created: Json;
  /** The requirements added after the plan ('added'), in order. */
  requirements: Json[];
  quote?: Json;
  /** The consent as read before signing, and the signed one. */
  consent?: Json;
  signed?: Json;
  /** A breast-implant plan's FDA checklist, once the surgeon attested it. */
  fdaChecklist?: Json;
  approved?: Json;
  /** The implants' requirement after allocation (isPreAllocated, serialNumbers). */
  implantsAllocated?: Json;
  readiness?: Json;
  case?: Json;
  started?: Json;
  completed?: Json;
  /** The bill as read before the payment. */
  bill?: Json;
  paid?: Json;
  /** The plan read back after the payment. */
  planAtEnd?: Json;
  /** How many requests the run made (a bench workflow's cost). */
  requests: number;
}

/** A request the script expected to succeed did not. */
export class SeedStepFailed extends Error {
  constructor(
    readonly step: SeedStep,
    readonly response: SeedResponse,
  ) {
    super(`${step}: ${response.status} ${JSON.stringify(response.body)?.slice(0, 300)}`);
  }
}

/** The item part of a requirement: its id or its code, whichever was given. */
function itemOf(ref: ItemRef): ItemRef {
  return 'inventoryItemId' in ref
    ? { inventoryItemId: ref.inventoryItemId }
    : { inventoryItemCode: ref.inventoryItemCode };
}

const STOPS: readonly SeedStop[] = [
  'DRAFT',
  'QUOTED',
  'APPROVED',
  'ALLOCATED',
  'SCHEDULED',
  'IN_PROGRESS',
  'COMPLETED',
  'PAID',
];

/** The seed's procedure (docs/workflow.md step 2). */
const BREAST_AUGMENTATION = {
  procedureName: 'Breast Augmentation',
  procedureType: 'COSMETIC',
  primaryCPTCode: '19325',
  cptCodes: ['19325'],
  diagnosisCodes: [],
};

/** Runs the seed's workflow up to `options.until`; throws SeedStepFailed at the first refusal. */
export function runSeedWorkflow(
  transport: SeedTransport,
  options: SeedWorkflowOptions,
): Promise<SeedWorkflowRun> {
  return new SeedWorkflowScript(transport, options).run();
}

class SeedWorkflowScript {
  private requests = 0;
  private readonly until: number;

  constructor(
    private readonly transport: SeedTransport,
    private readonly options: SeedWorkflowOptions,
  ) {
    this.until = STOPS.indexOf(options.until ?? 'PAID');
  }

  private reached(stop: SeedStop): boolean {
    return STOPS.indexOf(stop) >= this.until;
  }

  private async send(
    role: SeedRole,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<SeedResponse> {
    this.requests++;
    return this.transport.request(role, method, path, body);
  }

  private async expect(
    step: SeedStep,
    status: number,
    role: SeedRole,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Json> {
    return this.accept(step, status, await this.send(role, method, path, body));
  }

  private accept(step: SeedStep, status: number, res: SeedResponse): Json {
    if (res.status !== status) throw new SeedStepFailed(step, res);
    this.options.onStep?.(step, res.body);
    return res.body;
  }

  async run(): Promise<SeedWorkflowRun> {
    const o = this.options;
    const patient =
      'create' in o.patient
        ? await this.expect('patient', 201, 'COORDINATOR', 'POST', '/patients', o.patient.create)
        : undefined;
    const patientId: string = 'id' in o.patient ? o.patient.id : patient?.id;
    const consultation = o.consultation
      ? await this.expect('consultation', 201, 'SURGEON', 'POST', '/consultations', {
          patientId,
          ...o.consultation,
        })
      : undefined;
    const requirements = this.requirementBodies();
    const created = await this.expect('plan', 201, 'COORDINATOR', 'POST', '/procedure-plans', {
      patientId,
      ...(consultation ? { consultationId: consultation.id } : {}),
      ...(o.plan ?? BREAST_AUGMENTATION),
      ...(o.requirements === 'added' || requirements.length === 0
        ? {}
        : { inventoryRequirements: requirements }),
    });
    const result: SeedWorkflowRun = {
      patientId,
      patient,
      consultation,
      created,
      requirements: [],
      requests: 0,
    };
    const done = (): SeedWorkflowRun => ({ ...result, requests: this.requests });
    await o.onPlanCreated?.(created);
    if (this.reached('DRAFT')) return done();

    // The seed's step 3, when the plan was made without its requirements.
    if (o.requirements === 'added')
      for (const requirement of requirements)
        result.requirements.push(
          await this.expect(
            'requirement',
            201,
            'COORDINATOR',
            'POST',
            `/procedure-plans/${created.id}/inventory`,
            requirement,
          ),
        );
    result.quote = await this.expect(
      'quote',
      201,
      'COORDINATOR',
      'POST',
      `/procedure-plans/${created.id}/quote`,
      {},
    );
    if (this.reached('QUOTED')) return done();

    // A clinic that retired its general consent gives a plan no template covers none to sign.
    if (created.consent && o.signConsent !== false) {
      result.consent = await this.expect(
        'consent',
        200,
        'NURSE',
        'GET',
        `/consents/${created.consent.id}`,
      );
      const signer = o.signerName ?? 'Maria Lopez';
      result.signed = await this.expect(
        'signed',
        200,
        'NURSE',
        'POST',
        `/consents/${result.consent.id}/sign`,
        {
          signerName: signer,
          relationship: 'SELF',
          signatureMethod: 'TYPED',
          signatureData: signer,
          contentHash: result.consent.contentHash,
        },
      );
    }
    if (o.completeFdaChecklist !== false) await this.completeFdaChecklist(created.id, result);
    result.approved = await this.expect(
      'approved',
      200,
      'COORDINATOR',
      'POST',
      `/procedure-plans/${created.id}/approve`,
      {},
    );
    if (this.reached('APPROVED')) return done();

    // Seed step 8 before step 7: docs/design.md §4 books only a plan whose implants are reserved.
    const approved = result.approved;
    const requirementOf = (item: ItemRef | undefined): Json | undefined =>
      item &&
      approved.inventoryRequirements.find((r: Json) =>
        'inventoryItemId' in item
          ? r.inventoryItemId === item.inventoryItemId
          : r.inventoryItemCode === item.inventoryItemCode,
      );
    const implants = requirementOf(o.implants);
    if (implants) result.implantsAllocated = await this.allocateImplants(created.id, implants.id);
    const sutures = requirementOf(o.sutures);
    if (sutures && o.sutures?.reserve)
      await this.expect(
        'sutures-allocated',
        200,
        'NURSE',
        'POST',
        `/procedure-plans/${created.id}/inventory/${sutures.id}/allocate`,
        {},
      );
    if (this.reached('ALLOCATED')) return done();

    result.readiness = await this.expect(
      'readiness',
      200,
      'COORDINATOR',
      'GET',
      `/procedure-plans/${created.id}/readiness`,
    );
    if (!o.booking) throw new Error('runSeedWorkflow: booking a case needs options.booking');
    result.case = await this.expect('scheduled', 201, 'COORDINATOR', 'POST', '/surgical-cases', {
      procedurePlanId: created.id,
      ...o.booking(),
    });
    if (this.reached('SCHEDULED')) return done();

    // Booked for a later day: starting it now takes a reason, as a nurse would give one.
    result.started = await this.expect(
      'started',
      200,
      'NURSE',
      'POST',
      `/surgical-cases/${result.case.id}/start`,
      { reason: 'Started ahead of its booked day in a test' },
    );
    if (this.reached('IN_PROGRESS')) return done();

    if (sutures && !o.sutures?.reserve)
      await this.expect(
        'usage',
        201,
        'NURSE',
        'POST',
        `/surgical-cases/${result.case.id}/inventory-usage`,
        { inventoryItemId: sutures.inventoryItemId, quantity: o.sutures?.quantity },
      );
    result.completed = await this.expect(
      'completed',
      200,
      'SURGEON',
      'POST',
      `/surgical-cases/${result.case.id}/complete`,
      {},
    );
    if (this.reached('COMPLETED')) return done();

    result.bill = await this.expect(
      'bill',
      200,
      'BILLING',
      'GET',
      `/bills/${result.completed.billId}`,
    );
    result.paid = await this.expect(
      'paid',
      201,
      'BILLING',
      'POST',
      `/bills/${result.bill.id}/payments`,
      {
        amount: o.payment?.amount ?? result.bill.balance,
        payer: 'PATIENT',
        method: 'CARD',
        ...(o.payment?.reference ? { reference: o.payment.reference } : {}),
      },
    );
    result.planAtEnd = await this.expect(
      'read-back',
      200,
      'COORDINATOR',
      'GET',
      `/procedure-plans/${created.id}`,
    );
    return done();
  }

  /** The plan's requirement bodies: the implants (serial-tracked), then the sutures. */
  private requirementBodies(): Record<string, unknown>[] {
    const { implants, sutures } = this.options;
    const bodies: Record<string, unknown>[] = [];
    if (implants)
      bodies.push({
        ...itemOf(implants),
        quantity: implants.quantity,
        requiresSerialNumber: true,
        ...(implants.sizeRequirement ? { sizeRequirement: implants.sizeRequirement } : {}),
        ...(implants.shapeRequirement ? { shapeRequirement: implants.shapeRequirement } : {}),
        isRequired: true,
      });
    if (sutures) bodies.push({ ...itemOf(sutures), quantity: sutures.quantity, isRequired: true });
    return bodies;
  }

  /**
   * A breast-implant plan's FDA checklist (docs/fda-checklist.md): the patient initials every
   * section and signs in the clinic (the nurse records it), then the surgeon attests.
   */
  private async completeFdaChecklist(planId: string, result: SeedWorkflowRun): Promise<void> {
    const path = `/procedure-plans/${planId}/fda-checklist`;
    const read = await this.expect('fda-checklist', 200, 'NURSE', 'GET', path);
    if (!read.required || !read.checklist) return;
    const signer = this.options.signerName ?? 'Maria Lopez';
    await this.expect('fda-signed', 200, 'NURSE', 'POST', `${path}/sign`, {
      initials: Object.fromEntries(read.checklist.sections.map((s: Json) => [s.key, 'ML'])),
      signerName: signer,
      contentHash: read.checklist.contentHash,
    });
    result.fdaChecklist = await this.expect(
      'fda-attested',
      200,
      'SURGEON',
      'POST',
      `${path}/attest`,
      {},
    );
  }

  private async allocateImplants(planId: string, requirementId: string): Promise<Json> {
    const path = `/procedure-plans/${planId}/inventory/${requirementId}/allocate`;
    let res = await this.send('NURSE', 'POST', path, {});
    if (
      res.status === 409 &&
      res.body?.code === 'INSUFFICIENT_INVENTORY' &&
      this.options.onImplantsShort
    ) {
      await this.options.onImplantsShort();
      res = await this.send('NURSE', 'POST', path, {});
    }
    return this.accept('implants-allocated', 200, res);
  }
}
