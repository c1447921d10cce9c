// The bench's `claims` scenario (issue 17 §5, docs/performance.md "Claims"): N insured HYBRID
// cases completed into bills over HTTP and their N DRAFT claims made (the set-up, timed apart), then
// two one-shot figures: all N claims into one 837P interchange (`POST /claims/submissions`), and an
// 835 with one CLP per claim posted (`POST /remittances`, after its preview). Each answer is checked;
// a failed check is returned in `failures` and fails the bench.
import { runSeedWorkflow, type SeedTransport } from '../test/support/seed-workflow';
import { remittance835, type Cas, type Clp } from '../test/support/x12-835';

/** What the scenario needs of bench/run.ts (kept apart so this file does not import it). */
export interface ClaimsBenchContext {
  /** Requests as the bench's admin (ADMIN may do what BILLING does). */
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** POST a text/plain body as the bench's admin. */
  postText(path: string, text: string): Promise<{ status: number; body: any }>;
  /** One lane per worker: its operating room, surgeon and next free two-hour slot. */
  lanes: { roomId: string; surgeonId: string }[];
  nextSlot(lane: number): { start: string; end: string };
  /** The server process's CPU time so far, in ms. */
  cpuMs(): number;
  claims: number;
  log(line: string): void;
}

export interface ClaimsFigure {
  scenario: string;
  seconds: number;
  /** The server's CPU time for the request, in ms. */
  cpuMs: number;
  ok: boolean;
  note: string;
}

export interface ClaimsBenchResult {
  setUpSeconds: number;
  figures: ClaimsFigure[];
  checks: Record<string, unknown>;
  failures: string[];
}

/** The HYBRID case of test/support/given-claims.ts: 15830 insured, 15847 patient-paid. */
const HYBRID_PLAN = {
  procedureName: 'Panniculectomy with abdominoplasty',
  procedureType: 'HYBRID',
  primaryCPTCode: '15830',
  cptCodes: ['15830', '15847'],
  insuranceCptCodes: ['15830'],
  diagnosisCodes: ['E66.01', 'L98.7'],
};
const PAYER = { name: 'Northwind Health', payerId: 'NWH01' };
const TARGET_SECONDS = 10;

/** An NPI whose check digit holds (Luhn over 80840 + the first nine digits). */
export function npiOf(first9: string): string {
  const digits = `80840${first9}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // From the right, the check digit's neighbour is doubled first.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${first9}${(10 - (sum % 10)) % 10}`;
}

const cents = (amount: string): number => Math.round(Number(amount) * 100);
const money = (c: number): string => (c / 100).toFixed(2);

function must(what: string, res: { status: number; body: any }, status: number): any {
  if (res.status !== status)
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 500)}`);
  return res.body;
}

/** The kind of CLP claim i gets: paid in full, partly paid (CO-45 + PR-1), or denied (CO-50). */
type Outcome = 'PAID' | 'PARTIALLY_PAID' | 'DENIED';
const outcomeOf = (i: number): Outcome => (['PAID', 'PARTIALLY_PAID', 'DENIED'] as const)[i % 3]!;

/** One balanced CLP for a claim as `POST /claims` answered it. */
function clpOf(claim: any, outcome: Outcome): Clp {
  const lines: { procedureCode: string; modifiers: string[]; charge: string }[] = claim.lines;
  if (outcome === 'PAID')
    return {
      claimNumber: claim.claimNumber,
      charge: claim.totalCharge,
      paid: claim.totalCharge,
      services: lines.map((l) => ({
        code: l.procedureCode,
        modifiers: l.modifiers,
        charge: l.charge,
        paid: l.charge,
      })),
    };
  if (outcome === 'DENIED')
    return {
      claimNumber: claim.claimNumber,
      status: '4',
      charge: claim.totalCharge,
      paid: '0',
      services: lines.map((l) => ({
        code: l.procedureCode,
        modifiers: l.modifiers,
        charge: l.charge,
        paid: '0',
        adjustments: [['CO', '50', l.charge]] satisfies Cas[],
      })),
    };
  // Partly: 20 % over the fee schedule (CO-45), 10 % deductible (PR-1), the rest paid.
  let paid = 0;
  const services = lines.map((l) => {
    const charge = cents(l.charge);
    const co = Math.round(charge * 0.2);
    const pr = Math.round(charge * 0.1);
    paid += charge - co - pr;
    return {
      code: l.procedureCode,
      modifiers: l.modifiers,
      charge: l.charge,
      paid: money(charge - co - pr),
      adjustments: [
        ['CO', '45', money(co)],
        ['PR', '1', money(pr)],
      ] satisfies Cas[],
    };
  });
  return { claimNumber: claim.claimNumber, charge: claim.totalCharge, paid: money(paid), services };
}

/** Segments of an X12 interchange, with its separators read from the ISA (fixed width). */
function segmentsOf(x12: string): { element: string; segments: string[][] } {
  const element = x12[3]!;
  const terminator = x12[105]!;
  const segments = x12
    .split(terminator)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.split(element));
  return { element, segments };
}

/** Times `work` and the server CPU it took. */
async function timed<T>(
  ctx: ClaimsBenchContext,
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; cpuMs: number; monotonicUs: [number, number] }> {
  const cpu0 = ctx.cpuMs();
  // CLOCK_MONOTONIC in µs, the clock of the server's --cpu-prof samples: the window to read there.
  const us0 = Number(process.hrtime.bigint() / 1000n);
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  const us1 = Number(process.hrtime.bigint() / 1000n);
  return {
    value,
    seconds: Math.round(seconds * 100) / 100,
    cpuMs: Math.round(ctx.cpuMs() - cpu0),
    monotonicUs: [us0, us1],
  };
}

/** Claims by status, read back page by page through `GET /claims`. */
async function countByStatus(ctx: ClaimsBenchContext, status: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const page = must(
      `GET /claims?status=${status}`,
      await ctx.request(
        'GET',
        `/claims?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
      200,
    );
    n += page.data.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

export async function runClaimsBench(ctx: ClaimsBenchContext): Promise<ClaimsBenchResult> {
  const N = ctx.claims;
  const failures: string[] = [];
  const checks: Record<string, unknown> = { claims: N };
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
    return ok;
  };

  // ------------------------------------------------------------ set-up (not in the figures)
  const setUpStart = performance.now();
  must(
    'billing profile',
    await ctx.request('PUT', '/clinic/billing-profile', {
      legalName: 'Contour Plastic Surgery PLLC',
      npi: '1234567893',
      taxId: '12-3456789',
      taxonomyCode: '208200000X',
      address: { line1: '100 Main Street', city: 'New York', state: 'NY', postalCode: '100012345' },
      submitterId: 'CONTOUR01',
      receiverId: 'CLEARHOUSE',
      defaultPlaceOfService: '24',
    }),
    200,
  );
  must('clinic phone', await ctx.request('PATCH', '/clinic', { phone: '+1 (206) 555-0142' }), 200);
  const payer = must('payer', await ctx.request('POST', '/payers', PAYER), 201);
  must(
    'fee 15847',
    await ctx.request('PUT', '/fee-schedule/15847', {
      description: 'Abdominoplasty (add-on)',
      surgeonFee: '1500.00',
      facilityFee: '0.00',
    }),
    200,
  );
  for (const [w, lane] of ctx.lanes.entries())
    must(
      'surgeon NPI',
      await ctx.request('PATCH', `/users/${lane.surgeonId}`, {
        npi: npiOf(String(167957600 + w)),
        taxonomyCode: '208200000X',
      }),
      200,
    );

  const transport: SeedTransport = {
    request: (_role, method, path, body) => ctx.request(method, path, body),
  };
  const claims: any[] = new Array(N);
  let next = 0;
  let billsDone = 0;
  await Promise.all(
    ctx.lanes.map(async (lane, w) => {
      while (next < N) {
        const i = next++;
        const member = `NWH-B${String(i).padStart(6, '0')}`;
        const run = await runSeedWorkflow(transport, {
          patient: {
            create: {
              firstName: 'Linda',
              lastName: `Park-${i}`,
              dateOfBirth: '1969-07-22',
              sexAtBirth: 'FEMALE',
              phone: '+1 206 555 0100',
              address: {
                line1: '18 Cedar Lane',
                city: 'Seattle',
                state: 'WA',
                postalCode: '98115',
              },
            },
          },
          plan: HYBRID_PLAN,
          signerName: 'Linda Park',
          onPlanCreated: async (plan) => {
            must(
              'insurance',
              await ctx.request('PUT', `/patients/${plan.patientId}/insurance`, {
                payerId: payer.id,
                memberId: member,
                groupNumber: 'G-2210',
                subscriber: { relationship: '18' },
              }),
              200,
            );
            const pa = must(
              'prior authorization',
              await ctx.request('POST', `/procedure-plans/${plan.id}/prior-authorizations`, {
                payerName: PAYER.name,
                memberId: member,
              }),
              201,
            );
            must('submit', await ctx.request('POST', `/prior-authorizations/${pa.id}/submit`), 200);
            must(
              'decision',
              await ctx.request('POST', `/prior-authorizations/${pa.id}/decision`, {
                status: 'APPROVED',
                authorizationNumber: `NWH-AUTH-${String(i).padStart(6, '0')}`,
                validFrom: new Date(Date.now() - 864e5).toISOString().slice(0, 10),
                validTo: new Date(Date.now() + 365 * 864e5).toISOString().slice(0, 10),
              }),
              200,
            );
          },
          booking: () => {
            const slot = ctx.nextSlot(w);
            return {
              operatingRoomId: lane.roomId,
              surgeonId: lane.surgeonId,
              scheduledStart: slot.start,
              scheduledEnd: slot.end,
            };
          },
          until: 'COMPLETED',
        });
        const billId = run.completed?.billId;
        if (!billId) throw new Error('the case was not billed');
        claims[i] = must('POST /claims', await ctx.request('POST', '/claims', { billId }), 201);
        if (++billsDone % 200 === 0) ctx.log(`  ${billsDone} insured bills and claims`);
      }
    }),
  );
  const setUpSeconds = Math.round((performance.now() - setUpStart) / 100) / 10;
  ctx.log(`claims set-up: ${N} insured bills and DRAFT claims over HTTP in ${setUpSeconds} s`);
  checks.setUpSeconds = setUpSeconds;
  const figures: ClaimsFigure[] = [];
  /** Each figure's request as [start, end] on CLOCK_MONOTONIC (µs), to cut a --cpu-prof by. */
  const windows: Record<string, [number, number]> = {};
  const withTarget = (seconds: number, note: string) =>
    seconds >= TARGET_SECONDS ? `OVER THE ${TARGET_SECONDS} s TARGET; ${note}` : note;

  // ------------------------------------------------------------ figure 1: one interchange
  const submitted = await timed(ctx, () =>
    ctx.request('POST', '/claims/submissions', { claimIds: claims.map((c) => c.id) }),
  );
  {
    const res = submitted.value;
    const failed = failures.length;
    let note = '';
    if (check(res.status === 201, `POST /claims/submissions answered ${res.status}`)) {
      const x12: string = res.body.x12;
      const bytes = Buffer.byteLength(x12);
      const { segments } = segmentsOf(x12);
      const st = segments.filter((s) => s[0] === 'ST' && s[1] === '837').length;
      const se = segments.filter((s) => s[0] === 'SE').length;
      const isa13 = segments[0]?.[0] === 'ISA' ? segments[0][13]?.trim() : undefined;
      const iea02 = segments.find((s) => s[0] === 'IEA')?.[2];
      check(st === N, `837P: ${st} ST*837, expected ${N}`);
      check(se === N, `837P: ${se} SE, expected ${N}`);
      check(
        Boolean(isa13) && Number(isa13) === res.body.interchangeControlNumber && iea02 === isa13,
        `837P: ISA13 ${isa13}, IEA02 ${iea02}, interchangeControlNumber ${res.body.interchangeControlNumber}`,
      );
      check(res.body.claimIds.length === N, `submission names ${res.body.claimIds.length} claims`);
      checks.submission = { bytes, segments: segments.length, st, se, isa13 };
      note = `${N} claims, ${(bytes / 1024).toFixed(0)} KiB, ${segments.length} segments, ${st} ST/SE, ISA13 ${isa13}`;
    }
    const ok = failures.length === failed;
    note = withTarget(submitted.seconds, ok ? note : `CHECK FAILED; ${note}`);
    windows.submission = submitted.monotonicUs;
    figures.push({
      scenario: `POST /claims/submissions (${N} claims, one 837P)`,
      seconds: submitted.seconds,
      cpuMs: submitted.cpuMs,
      ok,
      note,
    });
    ctx.log(`submission: ${submitted.seconds} s; ${note}`);
  }

  // ------------------------------------------------------------ figure 2: the 835
  const outcomes = claims.map((_, i) => outcomeOf(i));
  const x835 = remittance835({
    trace: `BENCH-${Date.now()}`,
    claims: claims.map((c, i) => clpOf(c, outcomes[i]!)),
  });
  const bytes835 = Buffer.byteLength(x835);
  const expectedStatus = new Map(claims.map((c, i) => [c.id as string, outcomes[i]]));
  const verify = (what: string, res: { status: number; body: any }, status: number) => {
    const failed = failures.length;
    if (check(res.status === status, `${what} answered ${res.status}`)) {
      const body = res.body;
      check(body.claims.length === N, `${what}: ${body.claims.length} CLPs matched, expected ${N}`);
      check(body.unmatched.length === 0, `${what}: ${body.unmatched.length} CLPs unmatched`);
      const wrong = body.claims.filter(
        (c: any) => c.status !== expectedStatus.get(c.claimId),
      ).length;
      check(wrong === 0, `${what}: ${wrong} claims with the wrong status`);
    }
    return failures.length === failed;
  };

  const preview = await timed(ctx, () => ctx.postText('/remittances?preview=true', x835));
  {
    const ok = verify('835 preview', preview.value, 200);
    if (ok) check(preview.value.body.id === null, '835 preview stored a remittance');
    const note = `${N} CLPs, ${(bytes835 / 1024).toFixed(0)} KiB; changes nothing`;
    windows.preview = preview.monotonicUs;
    figures.push({
      scenario: `POST /remittances?preview=true (${N} CLPs)`,
      seconds: preview.seconds,
      cpuMs: preview.cpuMs,
      ok: ok && preview.value.body?.id === null,
      note,
    });
    ctx.log(`835 preview: ${preview.seconds} s; ${note}`);
  }

  const posted = await timed(ctx, () => ctx.postText('/remittances', x835));
  {
    const failed = failures.length;
    verify('835', posted.value, 201);
    // Read back through the API: no claim left SUBMITTED, each outcome counted.
    const counts: Record<string, number> = {};
    for (const status of ['SUBMITTED', 'PAID', 'PARTIALLY_PAID', 'DENIED'])
      counts[status] = await countByStatus(ctx, status);
    const expected = {
      SUBMITTED: 0,
      PAID: outcomes.filter((o) => o === 'PAID').length,
      PARTIALLY_PAID: outcomes.filter((o) => o === 'PARTIALLY_PAID').length,
      DENIED: outcomes.filter((o) => o === 'DENIED').length,
    };
    check(
      JSON.stringify(counts) === JSON.stringify(expected),
      `claims by status after the 835: ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`,
    );
    checks.remittance = { bytes: bytes835, statuses: counts };
    const ok = failures.length === failed;
    const note = `${expected.PAID} paid, ${expected.PARTIALLY_PAID} CO-45+PR-1, ${expected.DENIED} CO-50; 0 unmatched`;
    windows.remittance = posted.monotonicUs;
    figures.push({
      scenario: `POST /remittances (${N} CLPs, one 835)`,
      seconds: posted.seconds,
      cpuMs: posted.cpuMs,
      ok,
      note: withTarget(posted.seconds, ok ? note : `CHECK FAILED; ${note}`),
    });
    ctx.log(`835 posted: ${posted.seconds} s; ${JSON.stringify(counts)}`);
  }
  checks.failures = failures;
  // The issue's target (under 10 s each), reported but not a failed check: it measures the
  // machine as much as the code (docs/performance.md "Claims").
  checks.overTarget = figures
    .filter(
      (f) =>
        f.scenario.startsWith('POST /claims/submissions ') ||
        f.scenario.startsWith('POST /remittances ('),
    )
    .filter((f) => f.seconds >= TARGET_SECONDS)
    .map((f) => `${f.scenario}: ${f.seconds} s`);
  checks.monotonicWindowsUs = windows;
  return { setUpSeconds, figures, checks, failures };
}
