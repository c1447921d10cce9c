import { randomBytes, randomUUID } from 'node:crypto';
import { NoopLogger, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { zonedDate, zonedInstant } from '../src/common/time-zone';
import { isoWeekday } from '../src/modules/calendar/services/availability';
import { addStaffMember, Given, type ClinicWithStaff } from './support/given';
import { caseBody, expectStatus, operatingRoom, readyPlan } from './support/given-theater';
import { onPostgresServer, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let zone: string;
/** A Monday at least two weeks ahead, clinic-local: no slot of its week is in the past. */
let monday: string;

const admin = () => clinic.as('ADMIN');
const coordinator = () => clinic.as('COORDINATOR');
const surgeonId = () => clinic.staff.SURGEON.id;
const nurseId = () => clinic.staff.NURSE.id;

function plusDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
/** The instant of a clinic-local wall-clock time, as the API prints it. */
const local = (day: string, hhmm: string) => zonedInstant(day, hhmm, zone).toISOString();

/** An exam room of the clinic: its API is another helper's part, so the row is inserted here. */
async function examRoom(of: ClinicWithStaff, active = true): Promise<string> {
  const id = randomUUID();
  await t.app
    .get(TransactionRunner)
    .db.execute(
      sql`INSERT INTO exam_rooms (clinic_id, id, name, active) VALUES (${of.clinicId}, ${id}, ${`Exam ${randomBytes(3).toString('hex')}`}, ${active})`,
    );
  return id;
}

/** A surgical case of `surgeon` in `room` from `start` to `end` (clinic-local HH:MM on `day`). */
async function bookCase(day: string, start: string, end: string, room?: any, surgeon?: string) {
  const ready = await readyPlan(clinic);
  const theater = room ?? (await operatingRoom(clinic));
  return expectStatus(
    'case',
    await coordinator().post(
      '/surgical-cases',
      caseBody(clinic, ready.plan, theater, 0, {
        scheduledStart: local(day, start),
        scheduledEnd: local(day, end),
        ...(surgeon ? { surgeonId: surgeon } : {}),
      }),
    ),
    201,
  );
}

async function slots(query: string, as = coordinator()): Promise<string[]> {
  const body = expectStatus('availability', await as.get(`/availability?${query}`), 200);
  return body.data.map(
    (s: any) =>
      `${s.providerId === surgeonId() ? 'S' : s.providerId === nurseId() ? 'N' : s.providerId}@${s.start}`,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  const given = new Given(t);
  clinic = await given.clinicWithStaff('Calendar Clinic');
  other = await given.clinicWithStaff('Other Calendar Clinic');
  zone = expectStatus('clinic', await admin().get('/clinic'), 200).timeZone;
  let day = plusDays(zonedDate(new Date(), zone), 14);
  while (isoWeekday(day) !== 1) day = plusDays(day, 1);
  monday = day;
});
afterAll(() => t.close());

describe('working hours', () => {
  const week = [
    { weekday: 1, start: '13:00', end: '17:00' },
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 2, start: '09:00', end: '12:00' },
  ];

  it("replaces a provider's week and reads it back, sorted", async () => {
    const nurse = await addStaffMember(t, clinic, 'NURSE');
    const put = expectStatus(
      'put',
      await admin().put(`/working-hours/${nurse.id}`, {
        resourceKind: 'PROVIDER',
        intervals: week,
      }),
      200,
    );
    const sorted = [week[1], week[0], week[2]];
    expect(put).toEqual({ resourceKind: 'PROVIDER', resourceId: nurse.id, intervals: sorted });
    const one = expectStatus(
      'get',
      await clinic.as('BILLING').get(`/working-hours?resourceId=${nurse.id}`),
      200,
    );
    expect(one.data).toEqual([put]);
    const all = expectStatus('get', await clinic.as('SURGEON').get('/working-hours'), 200);
    expect(all.data).toContainEqual(put);
    // Replaced, not added to; [] clears it.
    const tuesday = [{ weekday: 2, start: '08:00', end: '10:00' }];
    await admin().put(`/working-hours/${nurse.id}`, {
      resourceKind: 'PROVIDER',
      intervals: tuesday,
    });
    expect(
      (await admin().get(`/working-hours?resourceId=${nurse.id}`)).body.data[0].intervals,
    ).toEqual(tuesday);
    await admin().put(`/working-hours/${nurse.id}`, { resourceKind: 'PROVIDER', intervals: [] });
    expect((await admin().get(`/working-hours?resourceId=${nurse.id}`)).body.data).toEqual([]);
    // Another clinic sees none of it.
    expect(
      (await other.as('ADMIN').get(`/working-hours?resourceId=${nurse.id}`)).body.data,
    ).toEqual([]);
  });

  it('refuses a bad week with a 400 naming the field, and changes nothing', async () => {
    const nurse = await addStaffMember(t, clinic, 'NURSE');
    await admin().put(`/working-hours/${nurse.id}`, { resourceKind: 'PROVIDER', intervals: week });
    const put = (body: unknown, id: string = nurse.id) => admin().put(`/working-hours/${id}`, body);
    const refusals: [unknown, string][] = [
      [
        {
          resourceKind: 'PROVIDER',
          intervals: [...week, { weekday: 1, start: '11:30', end: '12:30' }],
        },
        'intervals[3]',
      ],
      [
        { resourceKind: 'PROVIDER', intervals: [{ weekday: 1, start: '12:00', end: '09:00' }] },
        'intervals[0].end',
      ],
      [
        { resourceKind: 'PROVIDER', intervals: [{ weekday: 8, start: '09:00', end: '10:00' }] },
        'intervals[0].weekday',
      ],
      [
        { resourceKind: 'PROVIDER', intervals: [{ weekday: 1, start: '9:00', end: '10:00' }] },
        'intervals[0].start',
      ],
      [{ resourceKind: 'DESK', intervals: [] }, 'resourceKind'],
      [{ resourceKind: 'ROOM', intervals: [] }, 'resourceKind'],
      [{ resourceKind: 'PROVIDER', intervals: [], extra: 1 }, ''],
    ];
    for (const [body, path] of refusals) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      if (path) expect(res.body.errors.map((e: any) => e.path)).toContain(path);
    }
    // A BILLING user is no provider; an unknown id, another clinic's surgeon: 404; not a uuid: 400.
    const billing = await put({ resourceKind: 'PROVIDER', intervals: [] }, clinic.staff.BILLING.id);
    expect([billing.status, billing.body.errors?.[0]?.path]).toEqual([400, 'resourceKind']);
    expect((await put({ resourceKind: 'PROVIDER', intervals: [] }, randomUUID())).status).toBe(404);
    expect(
      (await put({ resourceKind: 'PROVIDER', intervals: [] }, other.staff.SURGEON.id)).status,
    ).toBe(404);
    expect((await put({ resourceKind: 'ROOM', intervals: [] }, randomUUID())).status).toBe(404);
    expect((await put({ resourceKind: 'PROVIDER', intervals: [] }, 'nope')).status).toBe(400);
    const got = (await admin().get(`/working-hours?resourceId=${nurse.id}`)).body.data[0];
    expect(got.intervals).toHaveLength(3);
    // Cleared: the searches below count every provider with hours.
    await put({ resourceKind: 'PROVIDER', intervals: [] });
  });

  it("sets an exam room's pattern; only ADMIN writes hours", async () => {
    const room = await examRoom(clinic);
    const res = await admin().put(`/working-hours/${room}`, {
      resourceKind: 'ROOM',
      intervals: [{ weekday: 3, start: '10:00', end: '11:30' }],
    });
    expect(res.status).toBe(200);
    expect(
      (await admin().put(`/working-hours/${room}`, { resourceKind: 'PROVIDER', intervals: [] }))
        .status,
    ).toBe(400);
    for (const role of ['SURGEON', 'NURSE', 'COORDINATOR', 'BILLING'] as const)
      expect(
        (
          await clinic
            .as(role)
            .put(`/working-hours/${room}`, { resourceKind: 'ROOM', intervals: [] })
        ).status,
      ).toBe(403);
  });
});

describe(`working hours, concurrently (${onPostgresServer ? 'PostgreSQL server' : 'PGlite'})`, () => {
  it('two replacements of one week at once leave one of them whole, never both mixed', async () => {
    const nurse = await addStaffMember(t, clinic, 'NURSE');
    const early = [{ weekday: 1, start: '08:00', end: '09:00' }];
    const late = [
      { weekday: 1, start: '08:30', end: '10:00' },
      { weekday: 2, start: '08:30', end: '10:00' },
    ];
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all(
        [early, late].map((intervals) =>
          admin().put(`/working-hours/${nurse.id}`, { resourceKind: 'PROVIDER', intervals }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const week = (await admin().get(`/working-hours?resourceId=${nurse.id}`)).body.data[0];
      expect([early, late]).toContainEqual(week.intervals);
    }
    await admin().put(`/working-hours/${nurse.id}`, { resourceKind: 'PROVIDER', intervals: [] });
  });
});

describe('appointment types', () => {
  it("lists the defaults, and ADMIN sets a type's length, keeping what to bring", async () => {
    const own = await given().clinicWithStaff('Types Clinic');
    const list = expectStatus('types', await own.as('NURSE').get('/appointment-types'), 200);
    expect(list.data.map((x: any) => x.type)).toEqual([
      'CONSULTATION',
      'PRE_OP',
      'POST_OP',
      'FOLLOW_UP',
      'PROCEDURE_IN_OFFICE',
    ]);
    const consultation = list.data[0];
    expect(consultation.defaultMinutes).toBe(60);
    const put = expectStatus(
      'put',
      await own.as('ADMIN').put('/appointment-types/CONSULTATION', { defaultMinutes: 30 }),
      200,
    );
    expect(put).toEqual({ ...consultation, defaultMinutes: 30 });
    const cleared = await own
      .as('ADMIN')
      .put('/appointment-types/CONSULTATION', { defaultMinutes: 45, whatToBring: null });
    expect(cleared.body).toEqual({ type: 'CONSULTATION', defaultMinutes: 45, whatToBring: null });
    expect((await own.as('BILLING').get('/appointment-types')).body.data[0]).toEqual(cleared.body);
    // Another clinic keeps the defaults.
    expect((await other.as('ADMIN').get('/appointment-types')).body.data[0].defaultMinutes).toBe(
      60,
    );
    for (const [path, body] of [
      ['CONSULTATION', { defaultMinutes: 4 }],
      ['CONSULTATION', { defaultMinutes: 481 }],
      ['CONSULTATION', { defaultMinutes: 30.5 }],
      ['CONSULTATION', {}],
      ['MASSAGE', { defaultMinutes: 30 }],
    ] as const) {
      const res = await own.as('ADMIN').put(`/appointment-types/${path}`, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
    }
    expect(
      (await own.as('COORDINATOR').put('/appointment-types/PRE_OP', { defaultMinutes: 30 })).status,
    ).toBe(403);
    expect((await own.as('ADMIN').get('/appointment-types')).body.data[0].defaultMinutes).toBe(45);
  });
});

function given(): Given {
  return new Given(t);
}

describe('schedule exceptions', () => {
  it('records leave, lists it by days and resource, and deletes it', async () => {
    const day = plusDays(monday, 21);
    const created = expectStatus(
      'leave',
      await coordinator().post('/schedule-exceptions', {
        kind: 'LEAVE',
        resourceId: surgeonId(),
        startsOn: day,
        endsOn: plusDays(day, 2),
        reason: 'Conference',
      }),
      201,
    );
    expect(created).toMatchObject({
      kind: 'LEAVE',
      resourceKind: 'PROVIDER',
      resourceId: surgeonId(),
      startsOn: day,
      endsOn: plusDays(day, 2),
      startTime: null,
      endTime: null,
      reason: 'Conference',
      createdById: clinic.staff.COORDINATOR.id,
      clashes: [],
    });
    const ids = async (query: string, as = clinic.as('BILLING')) =>
      expectStatus('list', await as.get(`/schedule-exceptions?${query}`), 200).data.map(
        (e: any) => e.id,
      );
    expect(await ids(`from=${plusDays(day, 2)}&to=${plusDays(day, 9)}`)).toContain(created.id);
    expect(await ids(`from=${plusDays(day, 3)}&to=${plusDays(day, 9)}`)).not.toContain(created.id);
    expect(await ids(`from=${day}&to=${day}&resourceId=${nurseId()}`)).not.toContain(created.id);
    expect(await ids(`from=${day}&to=${day}&resourceId=${surgeonId()}`)).toContain(created.id);
    expect(await ids(`from=${day}&to=${day}`, other.as('ADMIN'))).toEqual([]);
    for (const query of [
      `from=${day}`,
      `from=${day}&to=${plusDays(day, -1)}`,
      `from=${day}&to=${plusDays(day, 366)}`,
      `from=x&to=${day}`,
    ])
      expect((await coordinator().get(`/schedule-exceptions?${query}`)).status, query).toBe(400);
    // Another clinic cannot delete it; BILLING may not; then it goes, once.
    expect(
      (await other.as('ADMIN').request('DELETE', `/schedule-exceptions/${created.id}`)).status,
    ).toBe(404);
    expect(
      (await clinic.as('BILLING').request('DELETE', `/schedule-exceptions/${created.id}`)).status,
    ).toBe(403);
    expect((await admin().request('DELETE', `/schedule-exceptions/${created.id}`)).status).toBe(
      204,
    );
    expect((await admin().request('DELETE', `/schedule-exceptions/${created.id}`)).status).toBe(
      404,
    );
    expect(await ids(`from=${day}&to=${day}`)).not.toContain(created.id);
  });

  it('refuses a bad exception with a 4xx naming the field, and records nothing', async () => {
    const day = plusDays(monday, 28);
    const room = await examRoom(clinic);
    const base = { startsOn: day, endsOn: day };
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ kind: 'HOLIDAY', resourceId: surgeonId(), ...base }, 400, 'resourceId'],
      [{ kind: 'LEAVE', ...base }, 400, 'resourceId'],
      [
        { kind: 'LEAVE', resourceKind: 'ROOM', resourceId: surgeonId(), ...base },
        400,
        'resourceKind',
      ],
      [{ kind: 'CLOSED', resourceId: surgeonId(), ...base }, 400, 'resourceId'],
      [{ kind: 'LEAVE', resourceId: room, ...base }, 400, 'resourceId'],
      [{ kind: 'LEAVE', resourceId: clinic.staff.BILLING.id, ...base }, 400, 'resourceId'],
      [
        { kind: 'LEAVE', resourceId: surgeonId(), startsOn: day, endsOn: plusDays(day, -1) },
        400,
        'endsOn',
      ],
      [{ kind: 'LEAVE', resourceId: surgeonId(), ...base, startTime: '10:00' }, 400, 'endTime'],
      [
        { kind: 'LEAVE', resourceId: surgeonId(), ...base, startTime: '10:00', endTime: '09:00' },
        400,
        'endTime',
      ],
      [{ kind: 'VACATION', ...base }, 400, 'kind'],
      [{ kind: 'LEAVE', resourceId: randomUUID(), ...base }, 404, ''],
      [{ kind: 'LEAVE', resourceId: other.staff.SURGEON.id, ...base }, 404, ''],
      [{ kind: 'CLOSED', resourceId: await examRoom(other), ...base }, 404, ''],
    ];
    for (const [body, status, path] of refusals) {
      const res = await coordinator().post('/schedule-exceptions', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      if (path)
        expect(
          res.body.errors.map((e: any) => e.path),
          JSON.stringify(body),
        ).toContain(path);
    }
    expect(
      (await coordinator().get(`/schedule-exceptions?from=${day}&to=${day}`)).body.data,
    ).toEqual([]);
    expect(
      (await clinic.as('NURSE').post('/schedule-exceptions', { kind: 'HOLIDAY', ...base })).status,
    ).toBe(403);
  });

  it('answers what is already booked in the time off, once per case, and only in its hours', async () => {
    const day = plusDays(monday, 35);
    const booked = await bookCase(day, '10:00', '12:00');
    const post = async (body: Record<string, unknown>) =>
      expectStatus('exception', await coordinator().post('/schedule-exceptions', body), 201);
    const clash = {
      kind: 'SURGICAL_CASE',
      id: booked.id,
      start: local(day, '10:00'),
      end: local(day, '12:00'),
    };
    expect(
      (await post({ kind: 'LEAVE', resourceId: surgeonId(), startsOn: day, endsOn: day })).clashes,
    ).toEqual([clash]);
    expect(
      (await post({ kind: 'HOLIDAY', startsOn: plusDays(day, -1), endsOn: day })).clashes,
    ).toEqual([clash]);
    // Part of the day: 11:30–13:00 meets it, 12:00–13:00 does not (half-open); the nurse is free.
    const partial = { kind: 'LEAVE', resourceId: surgeonId(), startsOn: day, endsOn: day };
    expect((await post({ ...partial, startTime: '11:30', endTime: '13:00' })).clashes).toEqual([
      clash,
    ]);
    expect((await post({ ...partial, startTime: '12:00', endTime: '13:00' })).clashes).toEqual([]);
    expect((await post({ ...partial, resourceId: nurseId() })).clashes).toEqual([]);
  });
});

describe('GET /availability', () => {
  const q = (from: string, to = from, extra = '') =>
    `type=PROCEDURE_IN_OFFICE&from=${from}&to=${to}${extra}`;
  const starts = (who: string, day: string, times: string[]) =>
    times.map((h) => `${who}@${local(day, h)}`);

  beforeAll(async () => {
    // The surgeon works weekday mornings 09:00–12:00; the nurse only Mondays 09:00–10:00.
    await admin().put(`/working-hours/${surgeonId()}`, {
      resourceKind: 'PROVIDER',
      intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
    });
    await admin().put(`/working-hours/${nurseId()}`, {
      resourceKind: 'PROVIDER',
      intervals: [{ weekday: 1, start: '09:00', end: '10:00' }],
    });
  });

  const MORNING = ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00'];

  it("offers the type's length on the quarter hour, every provider with hours, sorted", async () => {
    const res = expectStatus(
      'availability',
      await coordinator().get(`/availability?${q(monday)}`),
      200,
    );
    expect([res.timeZone, res.slotMinutes]).toEqual([zone, 60]);
    expect(res.data[0]).toEqual({
      providerId: res.data[0].providerId,
      roomId: null,
      start: local(monday, '09:00'),
      end: local(monday, '10:00'),
    });
    const [first, second] = [surgeonId(), nurseId()].sort();
    const tag = (id: string) => (id === surgeonId() ? 'S' : 'N');
    expect(await slots(q(monday))).toEqual([
      `${tag(first!)}@${local(monday, '09:00')}`,
      `${tag(second!)}@${local(monday, '09:00')}`,
      ...starts('S', monday, MORNING.slice(1)),
    ]);
    expect(await slots(q(monday, monday, `&providerId=${surgeonId()}`))).toEqual(
      starts('S', monday, MORNING),
    );
    // Repeatable; the week: five mornings of the surgeon, one hour of the nurse.
    const week = await slots(
      q(monday, plusDays(monday, 6), `&providerId=${surgeonId()}&providerId=${nurseId()}`),
    );
    expect(week).toHaveLength(5 * 9 + 1);
    for (const role of ['SURGEON', 'NURSE', 'ADMIN'] as const)
      expect((await clinic.as(role).get(`/availability?${q(monday)}`)).status).toBe(200);
    expect((await clinic.as('BILLING').get(`/availability?${q(monday)}`)).status).toBe(403);
  });

  it('reads the hours, the exceptions and the ledger once a search, however many providers', async () => {
    const statements: string[] = [];
    const original = Object.getOwnPropertyDescriptor(NoopLogger.prototype, 'logQuery');
    Object.defineProperty(NoopLogger.prototype, 'logQuery', {
      configurable: true,
      writable: true,
      value: (query: string) => statements.push(query),
    });
    const counts = async (query: string) => {
      statements.length = 0;
      await slots(query);
      return ['"working_hours"', '"schedule_exceptions"', '"calendar_bookings"'].map(
        (table) => statements.filter((s) => s.includes(`from ${table}`)).length,
      );
    };
    try {
      const week = (extra: string) => q(monday, plusDays(monday, 6), extra);
      expect(await counts(week(`&providerId=${surgeonId()}`))).toEqual([1, 1, 1]);
      expect(await counts(week(`&providerId=${surgeonId()}&providerId=${nurseId()}`))).toEqual([
        1, 1, 1,
      ]);
      expect(await counts(week(''))).toEqual([1, 1, 1]);
    } finally {
      if (original) Object.defineProperty(NoopLogger.prototype, 'logQuery', original);
    }
  });

  it('a booked surgical case removes its slots', async () => {
    const tuesday = plusDays(monday, 1);
    await bookCase(tuesday, '10:00', '11:00');
    // 09:00–10:00 fits one hour, 11:00–12:00 another.
    expect(await slots(q(tuesday, tuesday, `&providerId=${surgeonId()}`))).toEqual(
      starts('S', tuesday, ['09:00', '11:00']),
    );
  });

  it('a holiday, a leave and a partial-day exception take their days and hours', async () => {
    const wednesday = plusDays(monday, 2);
    const thursday = plusDays(monday, 3);
    const friday = plusDays(monday, 4);
    const post = async (body: Record<string, unknown>) =>
      expectStatus('exception', await coordinator().post('/schedule-exceptions', body), 201);
    const holiday = await post({ kind: 'HOLIDAY', startsOn: wednesday, endsOn: wednesday });
    await post({ kind: 'LEAVE', resourceId: surgeonId(), startsOn: thursday, endsOn: thursday });
    await post({
      kind: 'LEAVE',
      resourceId: surgeonId(),
      startsOn: friday,
      endsOn: friday,
      startTime: '10:30',
      endTime: '12:00',
    });
    expect(await slots(q(wednesday, friday, `&providerId=${surgeonId()}`))).toEqual(
      starts('S', friday, ['09:00', '09:15', '09:30']),
    );
    await admin().request('DELETE', `/schedule-exceptions/${holiday.id}`);
    expect(await slots(q(wednesday, wednesday, `&providerId=${surgeonId()}`))).toEqual(
      starts('S', wednesday, MORNING),
    );
  });

  it("keeps to a room: an operating room's hours and bookings, an exam room's pattern and closures", async () => {
    const day = plusDays(monday, 7);
    const theater = expectStatus(
      'room',
      await admin().post('/operating-rooms', {
        name: `OR ${randomBytes(3).toString('hex')}`,
        opensAt: '09:30',
        closesAt: '11:30',
      }),
      201,
    );
    const withRoom = (room: string, d = day) =>
      q(d, d, `&providerId=${surgeonId()}&roomId=${room}`);
    const roomSlots = expectStatus(
      'availability',
      await coordinator().get(`/availability?${withRoom(theater.id)}`),
      200,
    );
    expect(roomSlots.data.map((s: any) => s.roomId)).toEqual(Array(5).fill(theater.id));
    expect(await slots(withRoom(theater.id))).toEqual(
      starts('S', day, ['09:30', '09:45', '10:00', '10:15', '10:30']),
    );
    // Another surgeon's case in the room 10:00–11:00 leaves no free hour in it.
    const second = await addStaffMember(t, clinic, 'SURGEON');
    await bookCase(day, '10:00', '11:00', theater, second.id);
    expect(await slots(withRoom(theater.id))).toEqual([]);

    const exam = await examRoom(clinic);
    const tuesday = plusDays(day, 1);
    // Without a pattern the exam room is open whenever the surgeon works.
    expect(await slots(withRoom(exam, tuesday))).toEqual(starts('S', tuesday, MORNING));
    await admin().put(`/working-hours/${exam}`, {
      resourceKind: 'ROOM',
      intervals: [{ weekday: 2, start: '10:00', end: '11:30' }],
    });
    expect(await slots(withRoom(exam, tuesday))).toEqual(
      starts('S', tuesday, ['10:00', '10:15', '10:30']),
    );
    await coordinator().post('/schedule-exceptions', {
      kind: 'CLOSED',
      resourceId: exam,
      startsOn: tuesday,
      endsOn: tuesday,
    });
    expect(await slots(withRoom(exam, tuesday))).toEqual([]);
  });

  it('refuses a bad search with a 4xx naming the field', async () => {
    const inactive = await operatingRoom(clinic);
    await admin().request(
      'PATCH',
      `/operating-rooms/${inactive.id}`,
      { active: false },
      { 'if-match': '"1"' },
    );
    const refusals: [string, number, string][] = [
      [`type=MASSAGE&from=${monday}&to=${monday}`, 400, 'type'],
      [`from=${monday}&to=${monday}`, 400, 'type'],
      [q(monday, plusDays(monday, -1)), 400, 'to'],
      [q(monday, plusDays(monday, 31)), 400, 'to'],
      [q('2027-02-30'), 400, 'from'],
      [q(monday, monday, '&providerId=nope'), 400, 'providerId'],
      [q(monday, monday, `&providerId=${clinic.staff.BILLING.id}`), 400, 'providerId'],
      [q(monday, monday, `&providerId=${randomUUID()}`), 404, ''],
      [q(monday, monday, `&providerId=${other.staff.SURGEON.id}`), 404, ''],
      [q(monday, monday, `&roomId=${inactive.id}`), 400, 'roomId'],
      [q(monday, monday, `&roomId=${await examRoom(clinic, false)}`), 400, 'roomId'],
      [q(monday, monday, `&roomId=${randomUUID()}`), 404, ''],
      [q(monday, monday, `&roomId=${(await operatingRoom(other)).id}`), 404, ''],
      [q(monday, monday, '&sort=start'), 400, ''],
    ];
    for (const [query, status, path] of refusals) {
      const res = await coordinator().get(`/availability?${query}`);
      expect(res.status, query).toBe(status);
      if (path)
        expect(
          res.body.errors.map((e: any) => e.path),
          query,
        ).toContain(path);
    }
    // 31 days is the most.
    expect(
      (await coordinator().get(`/availability?${q(monday, plusDays(monday, 30))}`)).status,
    ).toBe(200);
  });
});
