import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedDate, zonedInstant } from '../../src/common/time-zone';
import { IMPLANT_300CC_ROUND } from '../../test/support/seed-catalog';
import {
  choose,
  cspViolations,
  expectAccessible,
  expectFitsTablet,
  launchBrowser,
  screenshot,
} from './browser';
import { ROOM, seedWorkflow, setUpClinic, startE2eServer, STAFF, type E2eServer } from './clinic';

// The clinic is in Los Angeles; the browser runs in Tokyo, 17 hours ahead in winter. A time
// shown or read in the browser's zone would be off by most of a day.
const CLINIC_ZONE = 'America/Los_Angeles';
const BROWSER_ZONE = 'Asia/Tokyo';

let server: E2eServer;
let browser: Browser;
let planId: string;
/** A day ten days ahead on the clinic's calendar, and its 09:00–11:00 there as instants. */
const day = zonedDate(new Date(Date.now() + 10 * 864e5), CLINIC_ZONE);
const nineAm = zonedInstant(day, '09:00', CLINIC_ZONE).toISOString();
const elevenAm = zonedInstant(day, '11:00', CLINIC_ZONE).toISOString();

/** A plan ready to schedule (quoted, consent signed, approved, implants allocated), through the API. */
async function readyPlan(): Promise<string> {
  const items = await server.api<{ data: { id: string; code: string }[] }>(
    'GET',
    '/inventory/items?limit=100',
  );
  const implant = items.data.find((i) => i.code === IMPLANT_300CC_ROUND.code);
  if (implant === undefined) throw new Error('setUpClinic adds the implant');
  const run = await seedWorkflow(server, {
    patient: {
      create: {
        firstName: 'Lena',
        lastName: 'Pacifica',
        dateOfBirth: '1988-04-02',
        sexAtBirth: 'FEMALE',
      },
    },
    implants: {
      inventoryItemId: implant.id,
      quantity: 2,
      sizeRequirement: '300cc',
      shapeRequirement: 'Round',
    },
    signerName: 'Lena Pacifica',
    until: 'ALLOCATED',
  });
  if (!run.signed) throw new Error('the plan has a consent to sign');
  const planId: string = run.created.id;
  return planId;
}

/** A signed-in person whose browser runs in BROWSER_ZONE. */
async function signInFarAway(email: string, password: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: BROWSER_ZONE,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
  return page;
}

/** The checks every main screen gets: a screenshot, axe, and the 1024 px tablet width. */
async function mainScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  await server.api('PATCH', '/clinic', { timeZone: CLINIC_ZONE });
  planId = await readyPlan();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("times in the clinic's time zone", () => {
  let page: Page;

  it('names the zone in the frame, whatever the browser’s zone', async () => {
    page = await signInFarAway(STAFF.coordinator.email, STAFF.coordinator.password);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      BROWSER_ZONE,
    );
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    const zone = page.getByTestId('clinic-time-zone');
    await zone.waitFor();
    expect(await zone.textContent()).toBe('Times in Pacific Time (America/Los_Angeles)');
  });

  it('reads a typed 09:00 as 09:00 at the clinic', async () => {
    await choose(page, 'Operating room', ROOM);
    await choose(page, 'Surgeon', STAFF.surgeon.name);
    await page.getByRole('textbox', { name: 'Start', exact: true }).fill(`${day} 09:00`);
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'End', exact: true }).fill(`${day} 11:00`);
    await page.keyboard.press('Escape');
    await page.getByText(`Time in ${CLINIC_ZONE}`).first().waitFor();
    await screenshot(page, 'clinictz-01-schedule-form');
    await page.getByRole('button', { name: 'Schedule surgery' }).click();
    await page.getByRole('link', { name: 'Open the surgical case' }).waitFor();

    const cases = await server.api<{
      data: { procedurePlanId: string; scheduledStart: string; scheduledEnd: string }[];
    }>(
      'GET',
      `/surgical-cases?from=${encodeURIComponent(nineAm)}&to=${encodeURIComponent(elevenAm)}`,
    );
    const booked = cases.data.find((c) => c.procedurePlanId === planId);
    expect(booked?.scheduledStart).toBe(nineAm);
    expect(booked?.scheduledEnd).toBe(elevenAm);
  });

  it('shows the case at 9:00 AM on its case page and in the clinic’s day of the theater', async () => {
    await page.getByRole('link', { name: 'Open the surgical case' }).click();
    await page.getByRole('heading', { name: /^CASE-/ }).waitFor();
    await page
      .getByText(/9:00 AM/)
      .first()
      .waitFor();
    expect(await page.getByText(/2:00 AM/).count()).toBe(0);
    await mainScreen(page, 'clinictz-02-case-page');

    await page.goto(`${server.baseUrl}/theater?date=${day}`);
    await page.getByText('9:00 AM – 11:00 AM').waitFor();
    expect(await page.getByTestId('clinic-time-zone').textContent()).toContain(CLINIC_ZONE);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'clinictz-03-theater-day-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
    await mainScreen(page, 'clinictz-03-theater-day');
    expect(cspViolations).toEqual([]);
  });
});
