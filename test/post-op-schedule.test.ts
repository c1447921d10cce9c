import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicId } from '../src/common/auth/caller';
import { ClinicService } from '../src/modules/clinic';
import { Given, type ClinicWithStaff } from './support/given';
import { at, bookedCase, expectStatus } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Post-op Clinic');
});
afterAll(() => t.close());

/** The clinic's local day `days` after today. */
async function localDay(c: ClinicWithStaff, days: number): Promise<string> {
  const zone = await t.app.get(ClinicService).timeZoneOf(c.clinicId as ClinicId);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A case completed now; its post-op visits as GET /appointments?surgicalCaseId= lists them. */
async function completedCase(
  c: ClinicWithStaff,
  days: number,
): Promise<{ caseId: string; visits: any[]; ready: any }> {
  const { caseId, ready } = await bookedCase(c, days, { started: true });
  expectStatus('complete', await c.as('NURSE').post(`/surgical-cases/${caseId}/complete`, {}), 200);
  const visits = expectStatus(
    'visits',
    await c.as('COORDINATOR').get(`/appointments?surgicalCaseId=${caseId}`),
    200,
  ).data;
  return { caseId, visits, ready };
}

describe('post-op schedule', () => {
  it('completing a case proposes the default 5 POST_OP visits on the right local days', async () => {
    const { caseId, visits, ready } = await completedCase(clinic, 30);
    expect(visits.map((v: any) => v.postOpDay)).toEqual([1, 7, 42, 91, 365]);
    const days = await Promise.all([1, 7, 42, 91, 365].map((d) => localDay(clinic, d)));
    expect(visits.map((v: any) => v.proposedOn)).toEqual(days);
    for (const v of visits)
      expect(v).toMatchObject({
        status: 'PROPOSED',
        type: 'POST_OP',
        start: null,
        end: null,
        providerId: clinic.staff.SURGEON.id,
        patientId: ready.patient.id,
        surgicalCaseId: caseId,
        procedurePlanId: ready.plan.id,
      });
    // The patient page shows them as upcoming; a time-window list does not (no time yet).
    const mine = expectStatus(
      'patient',
      await clinic.as('NURSE').get(`/patients/${ready.patient.id}/appointments`),
      200,
    );
    expect(mine.upcoming.map((a: any) => a.id)).toEqual(visits.map((v: any) => v.id));
    const windowed = expectStatus(
      'window',
      await clinic.as('NURSE').get(`/appointments?providerId=${clinic.staff.SURGEON.id}`),
      200,
    );
    expect(windowed.data.filter((a: any) => a.surgicalCaseId === caseId)).toEqual([]);
    // Paged by the day proposed, then id.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = expectStatus(
        'page',
        await clinic
          .as('NURSE')
          .get(
            `/appointments?surgicalCaseId=${caseId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          ),
        200,
      );
      paged.push(...page.data.map((a: any) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(visits.map((v: any) => v.id));
  });

  it('confirms one at a time (booked with the type length), and cancels another', async () => {
    const { visits } = await completedCase(clinic, 31);
    const [first, second] = visits;
    const confirmed = expectStatus(
      'confirm',
      await clinic
        .as('COORDINATOR')
        .post(`/appointments/${first.id}/confirm`, { start: at(35, 9) }, { 'if-match': '"1"' }),
      200,
    );
    expect(confirmed).toMatchObject({
      id: first.id,
      status: 'BOOKED',
      start: at(35, 9),
      end: at(35, 9, 20),
      proposedOn: first.proposedOn,
      postOpDay: 1,
    });
    // It now holds the surgeon's time.
    const clash = await clinic.as('COORDINATOR').post(`/appointments/${second.id}/confirm`, {
      start: at(35, 9, 10),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.conflict).toMatchObject({ resource: 'provider', appointmentId: first.id });
    const again = await clinic
      .as('COORDINATOR')
      .post(`/appointments/${first.id}/confirm`, { start: at(36, 9) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE_TRANSITION');
    const cancelled = expectStatus(
      'cancel',
      await clinic
        .as('COORDINATOR')
        .post(`/appointments/${second.id}/cancel`, { reason: 'Seen by her own doctor' }),
      200,
    );
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      start: null,
      cancelReason: 'Seen by her own doctor',
    });
    const history = expectStatus(
      'get',
      await clinic.as('NURSE').get(`/appointments/${first.id}`),
      200,
    ).history;
    expect(history.map((h: any) => h.action)).toEqual(['PROPOSED', 'BOOKED']);
  });

  it("a CPT code's template overrides the default; templates are validated, listed, removed", async () => {
    const own = await new Given(t).clinicWithStaff('Post-op Template Clinic');
    const admin = own.as('ADMIN');
    for (const bad of [
      { offsetsDays: [7, 1] },
      { offsetsDays: [1, 1] },
      { offsetsDays: [0] },
      { offsetsDays: [731] },
      { offsetsDays: [] },
      { offsetsDays: Array.from({ length: 13 }, (_, i) => i + 1) },
    ])
      expect(
        (await admin.request('PUT', '/post-op-templates/19325', bad)).status,
        JSON.stringify(bad),
      ).toBe(400);
    expect(
      (await admin.request('PUT', '/post-op-templates/ABC', { offsetsDays: [1] })).status,
    ).toBe(400);
    expectStatus(
      'put',
      await admin.request('PUT', '/post-op-templates/19325', { offsetsDays: [2, 14, 60] }),
      200,
    );
    expectStatus(
      'put other',
      await admin.request('PUT', '/post-op-templates/15830', { offsetsDays: [3] }),
      200,
    );
    const listed = expectStatus('list', await own.as('BILLING').get('/post-op-templates'), 200);
    expect(listed).toEqual({
      defaultOffsetsDays: [1, 7, 42, 91, 365],
      data: [
        { cptCode: '15830', offsetsDays: [3] },
        { cptCode: '19325', offsetsDays: [2, 14, 60] },
      ],
    });
    const { visits } = await completedCase(own, 30);
    expect(visits.map((v: any) => v.postOpDay)).toEqual([2, 14, 60]);
    expect(visits.map((v: any) => v.proposedOn)).toEqual(
      await Promise.all([2, 14, 60].map((d) => localDay(own, d))),
    );
    expect((await admin.request('DELETE', '/post-op-templates/15830')).status).toBe(204);
    expect((await admin.request('DELETE', '/post-op-templates/15830')).status).toBe(404);
    // Another clinic's templates are its own.
    expect(
      expectStatus('list', await clinic.as('NURSE').get('/post-op-templates'), 200).data,
    ).toEqual([]);
  });
});
