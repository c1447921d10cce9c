import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedDate, zonedInstant } from '../../src/common/time-zone';
import {
  choose,
  expectAccessible,
  expectFitsTablet,
  launchBrowser,
  screenshot,
  signIn,
} from './browser';
import {
  ADMIN,
  ROOM,
  seedWorkflow,
  setUpClinic,
  startE2eServer,
  STAFF,
  type E2eServer,
} from './clinic';

let server: E2eServer;
let browser: Browser;
let admin: Page;
let coordinator: Page;
let surgeon: Page;

/** The clinic's zone and the day of the appointments: two days ahead, on the clinic's calendar. */
let zone = 'UTC';
let DAY = '';
const at = (hhmm: string) => zonedInstant(DAY, hhmm, zone).toISOString();
const EXAM_ROOM = 'Exam 1';
const PATIENT = { firstName: 'Ada', lastName: 'Calendar' };
const OTHER = { firstName: 'Blocking', lastName: 'Visit' };
const ids = { surgeon: '', nurse: '', room: '', patient: '', other: '' };

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  zone = (await server.api<{ timeZone: string }>('GET', '/clinic')).timeZone;
  DAY = zonedDate(new Date(Date.now() + 2 * 864e5), zone);
  const users = await server.api<{ data: { id: string; email: string }[] }>(
    'GET',
    '/users?limit=100',
  );
  ids.surgeon = users.data.find((u) => u.email === STAFF.surgeon.email)?.id ?? '';
  ids.nurse = users.data.find((u) => u.email === STAFF.nurse.email)?.id ?? '';
  ids.room = (await server.api<{ id: string }>('POST', '/exam-rooms', { name: EXAM_ROOM })).id;
  for (const [key, p] of [
    ['patient', PATIENT],
    ['other', OTHER],
  ] as const) {
    ids[key] = (
      await server.api<{ id: string }>('POST', '/patients', {
        ...p,
        dateOfBirth: '1986-04-02',
        sexAtBirth: 'FEMALE',
      })
    ).id;
  }
  // The nurse holds the exam room at 11:00: the clash the booking form must name.
  await server.api('POST', '/appointments', {
    patientId: ids.other,
    type: 'FOLLOW_UP',
    providerId: ids.nurse,
    examRoomId: ids.room,
    start: at('11:00'),
    end: at('11:30'),
  });
  browser = await launchBrowser();
  admin = await signIn(browser, server.baseUrl, ADMIN.email, ADMIN.password);
  coordinator = await signIn(
    browser,
    server.baseUrl,
    STAFF.coordinator.email,
    STAFF.coordinator.password,
  );
  surgeon = await signIn(browser, server.baseUrl, STAFF.surgeon.email, STAFF.surgeon.password);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Screenshots at 1440 and 1024 px, axe, and nothing wider than a 1024 px window. */
async function mainScreen(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, `calendar-${name}-1440`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await screenshot(page, `calendar-${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

const lane = (page: Page, name: string) =>
  page.getByRole('region', { name, exact: true }).and(page.getByTestId('grid-lane'));

describe('working hours', () => {
  it("sets the surgeon's week in Settings → Calendar", async () => {
    await admin.goto(`${server.baseUrl}/settings`);
    await admin.getByRole('tab', { name: 'Calendar' }).click();
    await admin.waitForURL(/\/settings\/calendar\/working-hours/);
    await choose(admin, 'Provider or exam room', STAFF.surgeon.name);
    // Every day alike, so the test holds whichever weekday it runs on.
    const week = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    for (const day of week) {
      await admin.getByRole('textbox', { name: day }).fill('08:00-12:00, 13:00-17:00');
    }
    await admin.getByRole('button', { name: 'Save hours' }).click();
    const table = admin.getByRole('table', { name: 'Working hours of every provider and room' });
    await table.getByRole('row').filter({ hasText: STAFF.surgeon.name }).waitFor();
    const hours = await server.api<{ data: { resourceId: string; intervals: unknown[] }[] }>(
      'GET',
      `/working-hours?resourceId=${ids.surgeon}`,
    );
    expect(hours.data[0]?.intervals).toHaveLength(14);
    await mainScreen(admin, 'settings-working-hours');
  });
});

describe('the other calendar settings', () => {
  it('lists the exam rooms and the appointment types, and records a holiday', async () => {
    await admin.getByRole('link', { name: 'Exam rooms' }).click();
    await admin.getByTestId(`exam-room-${EXAM_ROOM}`).waitFor();
    await mainScreen(admin, 'settings-exam-rooms');
    await admin.getByRole('link', { name: 'Appointment types' }).click();
    await admin.getByRole('row').filter({ hasText: 'Consultation' }).waitFor();
    await mainScreen(admin, 'settings-appointment-types');
    await admin.getByRole('link', { name: 'Time off' }).click();
    await admin.getByRole('button', { name: 'Add time off' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Add time off' });
    const holiday = zonedDate(new Date(Date.now() + 40 * 864e5), zone);
    await dialog.getByLabel('First day').fill(holiday);
    await dialog.getByLabel('Last day').fill(holiday);
    await dialog.getByLabel('Reason').fill('Clinic holiday');
    await dialog.getByRole('button', { name: 'Save time off' }).click();
    await dialog.waitFor({ state: 'detached' });
    await admin.getByRole('row').filter({ hasText: 'Clinic holiday' }).waitFor();
    await mainScreen(admin, 'settings-time-off');
  });
});

describe('the day by provider', () => {
  it("shows the surgeon's column, hatched outside her hours, its free slots tinted", async () => {
    await coordinator.goto(`${server.baseUrl}/calendar?date=${DAY}`);
    const column = lane(coordinator, STAFF.surgeon.name);
    await column.waitFor();
    // The nurse has no hours but holds an appointment that day: she has a column too.
    await lane(coordinator, STAFF.nurse.name).getByText('Blocking Visit').waitFor();
    await column.getByRole('button', { name: /at 10:00\s?AM \(free slot\)/ }).waitFor();
    // 12:00–13:00 is her lunch: bookable (the desk may squeeze one in) but not offered as free.
    const lunch = column.getByRole('button', { name: /at 12:00\s?PM/ });
    expect(await lunch.getAttribute('aria-label')).not.toContain('free slot');
    await mainScreen(coordinator, 'day-provider');
  });

  it('names the appointment holding the exam room when a booking clashes', async () => {
    const column = lane(coordinator, STAFF.surgeon.name);
    await column.getByRole('button', { name: /at 11:00\s?AM/ }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Book an appointment' });
    await dialog.getByRole('combobox', { name: 'Patient' }).fill('Calendar');
    await coordinator.getByRole('option', { name: /Calendar, Ada/ }).click();
    await choose(coordinator, 'Exam room', EXAM_ROOM);
    await dialog.getByRole('button', { name: 'Book' }).click();
    const note = dialog.getByTestId('schedule-conflict');
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      /The exam room is taken by another appointment from .*11:00\s?AM to 11:30\s?AM/,
    );
    await screenshot(coordinator, 'calendar-clash-1440');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('books from a free slot and shows the appointment in her column', async () => {
    const column = lane(coordinator, STAFF.surgeon.name);
    await column.getByRole('button', { name: /at 10:00\s?AM \(free slot\)/ }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Book an appointment' });
    await dialog.getByRole('combobox', { name: 'Patient' }).fill('Calendar');
    await coordinator.getByRole('option', { name: /Calendar, Ada/ }).click();
    expect(await dialog.getByRole('textbox', { name: 'Start' }).inputValue()).toBe(`${DAY} 10:00`);
    await choose(coordinator, 'Exam room', EXAM_ROOM);
    await dialog.getByRole('textbox', { name: 'Notes' }).fill('First consultation');
    await dialog.getByRole('button', { name: 'Book' }).click();
    await dialog.waitFor({ state: 'detached' });
    await column.getByTestId('calendar-appointment').filter({ hasText: 'Ada Calendar' }).waitFor();
    const list = await server.api<{ data: { start: string; providerId: string; type: string }[] }>(
      'GET',
      `/appointments?patientId=${ids.patient}`,
    );
    expect(list.data).toMatchObject([
      { start: at('10:00'), providerId: ids.surgeon, type: 'CONSULTATION' },
    ]);
    await coordinator.getByRole('link', { name: 'Day by room' }).click();
    await lane(coordinator, EXAM_ROOM).getByText('Ada Calendar').waitFor();
    await lane(coordinator, 'OR 1').waitFor();
    await mainScreen(coordinator, 'day-room');
  });
});

describe('a drag over free cells', () => {
  it('opens the booking form for the whole stretch', async () => {
    await coordinator.goto(`${server.baseUrl}/calendar?date=${DAY}`);
    const column = lane(coordinator, STAFF.surgeon.name);
    await column.getByRole('button', { name: /at 1:00\s?PM/ }).hover();
    await coordinator.mouse.down();
    await column.getByRole('button', { name: /at 1:30\s?PM/ }).hover();
    await coordinator.mouse.up();
    const dialog = coordinator.getByRole('dialog', { name: 'Book an appointment' });
    expect(await dialog.getByRole('textbox', { name: 'Start' }).inputValue()).toBe(`${DAY} 13:00`);
    expect(await dialog.getByRole('textbox', { name: 'End' }).inputValue()).toBe(`${DAY} 14:00`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('the day list', () => {
  it('checks the patient in at the desk', async () => {
    await coordinator.goto(`${server.baseUrl}/calendar/day-list?date=${DAY}`);
    const row = coordinator.getByTestId('day-list-row').filter({ hasText: 'Ada Calendar' });
    await row.getByRole('button', { name: 'Check in Ada Calendar' }).click();
    await row.getByText('CHECKED IN').waitFor();
    await mainScreen(coordinator, 'day-list');
  });

  it('lets the surgeon complete it, which opens the consultation record', async () => {
    await surgeon.goto(`${server.baseUrl}/calendar/day-list?date=${DAY}`);
    const row = surgeon.getByTestId('day-list-row').filter({ hasText: 'Ada Calendar' });
    await row.getByRole('button', { name: "Complete Ada Calendar's appointment" }).click();
    await row.getByText('COMPLETED').waitFor();
    const list = await server.api<{ data: { status: string; consultationId: string | null }[] }>(
      'GET',
      `/appointments?patientId=${ids.patient}`,
    );
    expect(list.data[0]?.status).toBe('COMPLETED');
    expect(list.data[0]?.consultationId).not.toBeNull();
  });
});

describe('the patient page', () => {
  it("lists the patient's appointments and her no-shows", async () => {
    await coordinator.goto(`${server.baseUrl}/patients/${ids.patient}`);
    const section = coordinator.getByRole('region', { name: 'Appointments' });
    const row = section.getByTestId('patient-appointment').filter({ hasText: 'Consultation' });
    await row.getByText('COMPLETED').waitFor();
    expect(await row.textContent()).toContain(STAFF.surgeon.name);
    expect(await section.getByTestId('no-show-count').textContent()).toBe('0');
    await section.getByRole('button', { name: 'Book' }).waitFor();
    await mainScreen(coordinator, 'patient');
  });

  it("opens the appointment's page with its history and reminders", async () => {
    const section = coordinator.getByRole('region', { name: 'Appointments' });
    await section.getByTestId('patient-appointment').getByRole('link').first().click();
    const history = coordinator.getByRole('region', { name: 'History' });
    await history.getByText('Checked in').waitFor();
    await history.getByText('Completed').waitFor();
    // Its reminders: planned by email at booking, withdrawn once she was checked in.
    const reminders = coordinator.getByRole('region', { name: 'Reminders' });
    await reminders.getByRole('cell', { name: 'Email' }).first().waitFor();
    await reminders.getByRole('cell', { name: 'Withdrawn' }).first().waitFor();
    await mainScreen(coordinator, 'appointment');
  });
});

describe('the week', () => {
  it("shows one provider's week, a column per day", async () => {
    await coordinator.goto(`${server.baseUrl}/calendar?view=week&date=${DAY}`);
    await choose(coordinator, 'Provider or room', STAFF.surgeon.name);
    await coordinator
      .getByTestId('calendar-appointment')
      .filter({ hasText: 'Ada Calendar' })
      .waitFor();
    expect(await coordinator.getByTestId('grid-lane').count()).toBe(7);
    await mainScreen(coordinator, 'week');
  });
});

describe("a completed case's post-op schedule", () => {
  it('lists the proposed visits and confirms day 1 at a free slot of that day', async () => {
    const items = await server.api<{ data: { id: string; code: string }[] }>(
      'GET',
      '/inventory/items?limit=100',
    );
    const rooms = await server.api<{ data: { id: string; name: string }[] }>(
      'GET',
      '/operating-rooms',
    );
    const day = zonedDate(new Date(Date.now() + 5 * 864e5), zone);
    const run = await seedWorkflow(server, {
      patient: {
        create: {
          firstName: 'Post',
          lastName: 'Op',
          dateOfBirth: '1980-01-01',
          sexAtBirth: 'FEMALE',
        },
      },
      implants: { inventoryItemId: items.data[0]?.id ?? '', quantity: 1 },
      signerName: 'Post Op',
      booking: () => ({
        operatingRoomId: rooms.data.find((r) => r.name === ROOM)?.id ?? '',
        surgeonId: ids.surgeon,
        scheduledStart: zonedInstant(day, '14:00', zone).toISOString(),
        scheduledEnd: zonedInstant(day, '15:00', zone).toISOString(),
      }),
      until: 'COMPLETED',
    });
    await coordinator.goto(`${server.baseUrl}/cases/${run.case?.id}`);
    const section = coordinator.getByRole('region', { name: 'Post-op schedule' });
    const rows = section.getByTestId('post-op-visit');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    const first = rows.first();
    expect(await first.textContent()).toContain('Day 1');
    await first.getByRole('button', { name: 'Confirm' }).click();
    const dialog = coordinator.getByRole('dialog');
    // Opened on the first free slot of the due day (tomorrow at the clinic): 08:00, her first hour.
    await dialog
      .getByRole('button', { name: /^\d{1,2}:\d{2}\s?[AP]M$/ })
      .first()
      .waitFor();
    const dueDay = zonedDate(new Date(Date.now() + 864e5), zone);
    expect(await dialog.getByRole('textbox', { name: 'Start' }).inputValue()).toBe(
      `${dueDay} 08:00`,
    );
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'detached' });
    await first.getByText('BOOKED').waitFor();
    await mainScreen(coordinator, 'case-post-op');
  });
});
