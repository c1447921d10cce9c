// The theater-utilisation report (issue 20, docs/reports.md "Theater utilisation"): a clinic of
// its own in America/New_York with two rooms and two surgeons, cases booked, started, completed
// and cancelled through the API with the Clock moved, across the DST change of Sunday
// 2026-03-08 (02:00 EST → 03:00 EDT), and every figure checked against numbers worked out here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock';
import {
  addStaffMember,
  Given,
  type AddedStaffMember,
  type ClinicWithStaff,
} from './support/given';
import { expectStatus, readyPlan } from './support/given-theater';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let beta: AddedStaffMember;
let roomA: any;
let roomB: any;
let roomC: any;
const cases: Record<string, any> = {};
const URL = '/reports/theater-utilisation?from=2026-03-06&to=2026-03-10';

function setClock(iso: string): void {
  const clock = t.app.get(Clock);
  clock.now = () => new Date(iso);
}

/** A case for a new ready plan, booked while the clock reads 2026-03-01 (all in the future). */
async function book(
  name: string,
  room: any,
  surgeonId: string,
  start: string,
  end: string,
): Promise<any> {
  setClock('2026-03-01T12:00:00Z');
  const ready = await readyPlan(clinic);
  cases[name] = expectStatus(
    `book ${name}`,
    await clinic.as('COORDINATOR').post('/surgical-cases', {
      procedurePlanId: ready.plan.id,
      operatingRoomId: room.id,
      surgeonId,
      scheduledStart: start,
      scheduledEnd: end,
    }),
    201,
  );
  return cases[name];
}

async function start(name: string, at: string): Promise<void> {
  setClock(at);
  expectStatus(
    'start',
    await clinic.as('NURSE').post(`/surgical-cases/${cases[name].id}/start`, {}),
    200,
  );
}

async function complete(name: string, at: string): Promise<void> {
  setClock(at);
  expectStatus(
    'complete',
    await clinic.as('NURSE').post(`/surgical-cases/${cases[name].id}/complete`, {}),
    200,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  clinic = await new Given(t).clinicWithStaff('Theater Report Clinic');
  const admin = clinic.as('ADMIN');
  expectStatus('zone', await admin.patch('/clinic', { timeZone: 'America/New_York' }), 200);
  beta = await addStaffMember(t, clinic, 'SURGEON', { name: 'Dr Beta' });
  const alpha = clinic.staff.SURGEON.id;
  // OR A keeps the default 07:00–19:00 (720 minutes); OR B is open 08:00–16:00 (480 minutes).
  roomA = expectStatus('room A', await admin.post('/operating-rooms', { name: 'OR A' }), 201);
  roomB = expectStatus(
    'room B',
    await admin.post('/operating-rooms', { name: 'OR B', opensAt: '08:00', closesAt: '16:00' }),
    201,
  );
  // OR C is deactivated once its one case is booked: a row only on that case's day.
  roomC = expectStatus('room C', await admin.post('/operating-rooms', { name: 'OR C' }), 201);
  // Monday 2026-03-09 a whole-day clinic holiday; Tuesday 2026-03-10 closed 12:00–14:00.
  setClock('2026-03-01T12:00:00Z');
  expectStatus(
    'holiday',
    await admin.post('/schedule-exceptions', {
      kind: 'HOLIDAY',
      startsOn: '2026-03-09',
      endsOn: '2026-03-09',
      reason: 'Clinic closed',
    }),
    201,
  );
  expectStatus(
    'part-day holiday',
    await admin.post('/schedule-exceptions', {
      kind: 'HOLIDAY',
      startsOn: '2026-03-10',
      endsOn: '2026-03-10',
      startTime: '12:00',
      endTime: '14:00',
      reason: 'Staff meeting',
    }),
    201,
  );

  // Friday 2026-03-06, EST (UTC−5), OR A.
  await book('a1', roomA, alpha, '2026-03-06T12:00:00Z', '2026-03-06T14:00:00Z'); // 07:00–09:00
  await book('a2', roomA, beta.id, '2026-03-06T14:30:00Z', '2026-03-06T16:00:00Z'); // 09:30–11:00
  await book('a3', roomA, alpha, '2026-03-06T16:30:00Z', '2026-03-06T18:00:00Z'); // 11:30–13:00
  await book('a4', roomA, beta.id, '2026-03-06T19:00:00Z', '2026-03-06T20:00:00Z'); // 14:00–15:00
  // OR B, Friday 23:00–23:45 local: Saturday 04:00Z in UTC, still Friday's in New York.
  await book('b1', roomB, alpha, '2026-03-07T04:00:00Z', '2026-03-07T04:45:00Z');
  // Sunday 2026-03-08, OR A, 01:30 EST (06:30Z) to 03:30 EDT (07:30Z): two hours on the wall
  // clock, one real hour, as the clocks jump from 02:00 to 03:00.
  await book('a5', roomA, alpha, '2026-03-08T06:30:00Z', '2026-03-08T07:30:00Z');
  // Tuesday 2026-03-10, EDT (UTC−4), OR B 08:00–10:00.
  await book('b2', roomB, beta.id, '2026-03-10T12:00:00Z', '2026-03-10T14:00:00Z');
  // Tuesday, OR C 08:00–09:00 EDT, never started; then OR C is deactivated.
  await book('c1', roomC, alpha, '2026-03-10T12:00:00Z', '2026-03-10T13:00:00Z');
  expectStatus(
    'deactivate room C',
    await admin.patch(`/operating-rooms/${roomC.id}`, { active: false }),
    200,
  );

  setClock('2026-03-02T15:00:00Z');
  expectStatus(
    'cancel a4',
    await clinic
      .as('COORDINATOR')
      .post(`/surgical-cases/${cases.a4.id}/cancel`, { reason: '=Patient ill, rescheduled' }),
    200,
  );
  await start('a1', '2026-03-06T12:03:00Z'); // 3 minutes after 07:00: on time
  await complete('a1', '2026-03-06T13:45:00Z'); // used 102
  await start('a2', '2026-03-06T14:15:00Z'); // 15 minutes early
  await complete('a2', '2026-03-06T15:55:00Z'); // used 100
  await start('a3', '2026-03-06T16:20:00Z');
  await complete('a3', '2026-03-06T18:05:00Z'); // used 105
  await start('a5', '2026-03-08T06:32:00Z'); // 2 minutes late: on time
  await complete('a5', '2026-03-08T07:20:00Z'); // used 48 (06:32Z → 07:20Z)
  await start('b2', '2026-03-10T12:20:00Z'); // 20 minutes late
  await complete('b2', '2026-03-10T13:50:00Z'); // used 90
  setClock('2026-03-20T12:00:00Z');
}, 300_000);

afterAll(() => t?.close());

const nulls = { firstCaseOnTime: null, firstCaseLateMinutes: null, averageTurnoverMinutes: null };

describe('theater utilisation', () => {
  it('answers every room-day, its minutes, first case and turnovers', async () => {
    const res = await clinic.as('COORDINATOR').get(URL);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      from: '2026-03-06',
      to: '2026-03-10',
      timeZone: 'America/New_York',
      surgeonId: null,
      generatedAt: '2026-03-20T12:00:00.000Z',
    });
    const row = (day: string, room: any, figures: Record<string, unknown>) => ({
      day,
      operatingRoomId: room.id,
      operatingRoomName: room.name,
      ...figures,
    });
    expect(r.rows).toEqual([
      // Friday OR A: open 07:00–19:00 = 720. Booked a1 120 + a2 90 + a3 90 = 300 (a4 cancelled).
      // Used 102 + 100 + 105 = 307; 307/720 = 0.42638… First case a1 started 3 min late: on
      // time. Turnovers: a2 started 09:15 − a1 done 08:45 = 30; a3 11:20 − a2 10:55 = 25;
      // average 27.5.
      row('2026-03-06', roomA, {
        availableMinutes: 720,
        bookedMinutes: 300,
        usedMinutes: 307,
        utilisation: 0.4264,
        cases: 3,
        firstCaseOnTime: true,
        firstCaseLateMinutes: 0,
        turnovers: 2,
        averageTurnoverMinutes: 27.5,
        cancellations: 1,
      }),
      // Friday OR B: 08:00–16:00 = 480; b1 at 23:00 local (04:00Z Saturday) is Friday's, 45
      // minutes, never started.
      row('2026-03-06', roomB, {
        availableMinutes: 480,
        bookedMinutes: 45,
        usedMinutes: 0,
        utilisation: 0,
        cases: 1,
        ...nulls,
        turnovers: 0,
        cancellations: 0,
      }),
      // Saturday: nothing booked, no row. Sunday (DST) OR A: a weekend day, 0 available, shown
      // because a5 was booked: 01:30 EST → 03:30 EDT is 60 real minutes; used 06:32Z → 07:20Z
      // = 48; started 2 minutes late: on time.
      row('2026-03-08', roomA, {
        availableMinutes: 0,
        bookedMinutes: 60,
        usedMinutes: 48,
        utilisation: null,
        cases: 1,
        firstCaseOnTime: true,
        firstCaseLateMinutes: 0,
        turnovers: 0,
        averageTurnoverMinutes: null,
        cancellations: 0,
      }),
      // Monday: a whole-day holiday with nothing booked, no row. Tuesday: closed 12:00–14:00,
      // OR A 720 − 120 = 600, nothing booked.
      row('2026-03-10', roomA, {
        availableMinutes: 600,
        bookedMinutes: 0,
        usedMinutes: 0,
        utilisation: 0,
        cases: 0,
        ...nulls,
        turnovers: 0,
        cancellations: 0,
      }),
      // OR B 480 − 120 = 360; b2 booked 120, started 08:20 EDT (20 minutes late), used
      // 12:20Z → 13:50Z = 90; 90/360 = 0.25.
      row('2026-03-10', roomB, {
        availableMinutes: 360,
        bookedMinutes: 120,
        usedMinutes: 90,
        utilisation: 0.25,
        cases: 1,
        firstCaseOnTime: false,
        firstCaseLateMinutes: 20,
        turnovers: 0,
        averageTurnoverMinutes: null,
        cancellations: 0,
      }),
      // OR C, inactive now, shown for its case c1: its 07:00–19:00 less the meeting = 600;
      // booked 60; never started.
      row('2026-03-10', roomC, {
        availableMinutes: 600,
        bookedMinutes: 60,
        usedMinutes: 0,
        utilisation: 0,
        cases: 1,
        ...nulls,
        turnovers: 0,
        cancellations: 0,
      }),
    ]);
    // Available 720 + 480 + 0 + 600 + 360 + 600 = 2760; booked 300 + 45 + 60 + 0 + 120 + 60 =
    // 585; used 307 + 0 + 48 + 0 + 90 + 0 = 445. 445/2760 = 0.16123…; 585/2760 = 0.21195…
    // First cases: Friday A (on time), Sunday A (on time), Tuesday B (late): 2 of 3 = 0.6667.
    // Turnovers 30 and 25: median 27.5.
    expect(r.summary).toEqual({
      availableMinutes: 2760,
      bookedMinutes: 585,
      usedMinutes: 445,
      utilisation: 0.1612,
      bookedRatio: 0.212,
      firstCases: 3,
      firstCasesOnTime: 2,
      onTimeRate: 0.6667,
      turnovers: 2,
      medianTurnoverMinutes: 27.5,
      cancellations: 1,
    });
    expect(r.cancellations).toEqual([
      {
        caseId: cases.a4.id,
        caseNumber: cases.a4.caseNumber,
        day: '2026-03-06',
        operatingRoomId: roomA.id,
        operatingRoomName: 'OR A',
        surgeonId: beta.id,
        surgeonName: 'Dr Beta',
        procedureName: cases.a4.procedureName,
        cancelledAt: '2026-03-02T15:00:00.000Z',
        reason: '=Patient ill, rescheduled',
      },
    ]);
  });

  it("with a surgeon: only that surgeon's cases, the available minutes unchanged", async () => {
    const res = await clinic.as('ADMIN').get(`${URL}&surgeonId=${beta.id}`);
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.surgeonId).toBe(beta.id);
    expect(
      r.rows.map((x: any) => [
        x.day,
        x.operatingRoomName,
        x.availableMinutes,
        x.bookedMinutes,
        x.usedMinutes,
        x.cases,
        x.firstCaseOnTime,
        x.firstCaseLateMinutes,
        x.turnovers,
        x.cancellations,
      ]),
    ).toEqual([
      // Dr Beta's a2 (90 booked, 100 used, started 15 minutes early: on time) and cancelled a4.
      ['2026-03-06', 'OR A', 720, 90, 100, 1, true, 0, 0, 1],
      ['2026-03-06', 'OR B', 480, 0, 0, 0, null, null, 0, 0],
      // Sunday's a5 and OR C's c1 are not Dr Beta's: no row (nothing available, nothing of
      // hers booked).
      ['2026-03-10', 'OR A', 600, 0, 0, 0, null, null, 0, 0],
      ['2026-03-10', 'OR B', 360, 120, 90, 1, false, 20, 0, 0],
    ]);
    // Available 720 + 480 + 600 + 360 = 2160; booked 90 + 120 = 210 (0.09722…); used 100 + 90 =
    // 190 (0.08796…); first cases a2 on time, b2 late: 1 of 2.
    expect(r.summary).toEqual({
      availableMinutes: 2160,
      bookedMinutes: 210,
      usedMinutes: 190,
      utilisation: 0.088,
      bookedRatio: 0.0972,
      firstCases: 2,
      firstCasesOnTime: 1,
      onTimeRate: 0.5,
      turnovers: 0,
      medianTurnoverMinutes: null,
      cancellations: 1,
    });
    const alphaOnly = await clinic.as('ADMIN').get(`${URL}&surgeonId=${clinic.staff.SURGEON.id}`);
    // a1, a3, b1, a5, c1: no cancellation of the first surgeon's.
    expect(alphaOnly.body.cancellations).toEqual([]);
    expect(alphaOnly.body.summary.bookedMinutes).toBe(120 + 90 + 45 + 60 + 60);
  });

  it('a day range in the clinic zone: Saturday 04:00Z is Friday night in New York', async () => {
    const friday = await clinic
      .as('ADMIN')
      .get('/reports/theater-utilisation?from=2026-03-06&to=2026-03-06');
    expect(friday.body.rows.map((x: any) => [x.operatingRoomName, x.bookedMinutes])).toEqual([
      ['OR A', 300],
      ['OR B', 45],
    ]);
    const saturday = await clinic
      .as('ADMIN')
      .get('/reports/theater-utilisation?from=2026-03-07&to=2026-03-07');
    expect(saturday.body.rows).toEqual([]);
    expect(saturday.body.summary.availableMinutes).toBe(0);
    expect(saturday.body.summary.utilisation).toBeNull();
  });

  it('gives the rows and the cancellations as CSV', async () => {
    const rows = await clinic.as('COORDINATOR').get(`${URL}&format=csv`);
    expect(rows.status).toBe(200);
    expect(rows.headers['content-type']).toMatch(/^text\/csv/);
    expect(rows.headers['content-disposition']).toBe(
      'attachment; filename="theater-utilisation-2026-03-06-to-2026-03-10.csv"',
    );
    const lines = rows.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFday,operatingRoomId,operatingRoomName,availableMinutes,bookedMinutes,usedMinutes,utilisation,cases,firstCaseOnTime,firstCaseLateMinutes,turnovers,averageTurnoverMinutes,cancellations',
    );
    expect(lines.slice(1)).toEqual([
      `2026-03-06,${roomA.id},OR A,720,300,307,0.4264,3,true,0,2,27.5,1`,
      `2026-03-06,${roomB.id},OR B,480,45,0,0,1,,,0,,0`,
      `2026-03-08,${roomA.id},OR A,0,60,48,,1,true,0,0,,0`,
      `2026-03-10,${roomA.id},OR A,600,0,0,0,0,,,0,,0`,
      `2026-03-10,${roomB.id},OR B,360,120,90,0.25,1,false,20,0,,0`,
      `2026-03-10,${roomC.id},OR C,600,60,0,0,1,,,0,,0`,
      '',
    ]);
    const cancelled = await clinic.as('COORDINATOR').get(`${URL}&format=csv&section=cancellations`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.headers['content-disposition']).toBe(
      'attachment; filename="theater-utilisation-cancellations-2026-03-06-to-2026-03-10.csv"',
    );
    // The typed reason starts with '=': a leading apostrophe, quoted for its comma.
    expect(cancelled.text).toBe(
      '\uFEFFcaseId,caseNumber,day,operatingRoomId,operatingRoomName,surgeonId,surgeonName,procedureName,cancelledAt,reason\r\n' +
        `${cases.a4.id},${cases.a4.caseNumber},2026-03-06,${roomA.id},OR A,${beta.id},Dr Beta,${cases.a4.procedureName},2026-03-02T15:00:00.000Z,"'=Patient ill, rescheduled"\r\n`,
    );
  });

  it('refuses bad parameters, naming the field', async () => {
    const admin = clinic.as('ADMIN');
    const field = async (query: string) => {
      const res = await admin.get(`/reports/theater-utilisation?${query}`);
      return [res.status, JSON.stringify(res.body)];
    };
    const [s1, b1] = await field('from=2026-03-10&to=2026-03-06');
    expect(s1).toBe(400);
    expect(b1).toContain('"to"');
    const [s2, b2] = await field('from=2026-01-01&to=2029-01-01'); // 1,097 days
    expect(s2).toBe(400);
    expect(b2).toContain('"to"');
    const [s3, b3] = await field(
      'from=2026-03-06&to=2026-03-10&surgeonId=00000000-0000-7000-8000-000000000000',
    );
    expect(s3).toBe(400);
    expect(b3).toContain('surgeonId');
    const [s4, b4] = await field(
      `from=2026-03-06&to=2026-03-10&surgeonId=${clinic.staff.NURSE.id}`,
    );
    expect(s4).toBe(400);
    expect(b4).toContain('surgeonId');
    const [s5, b5] = await field('from=2026-03-06&to=2026-03-10&section=rows');
    expect(s5).toBe(400);
    expect(b5).toContain('section');
    const [s6, b6] = await field('from=2026-03-06&to=2026-03-10&format=csv&section=turnovers');
    expect(s6).toBe(400);
    expect(b6).toContain('section');
    expect((await clinic.as('SURGEON').get(URL)).status).toBe(403);
    expect((await clinic.as('NURSE').get(URL)).status).toBe(403);
  });
});
