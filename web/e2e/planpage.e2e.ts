import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  cspViolations,
  expectAccessible,
  expectFitsTablet,
  launchBrowser,
  OUTPUT,
  screenshot,
  signIn,
} from './browser';
import {
  SERIALS,
  seedWorkflow,
  setUpClinic,
  startE2eServer,
  STAFF,
  type E2eServer,
} from './clinic';

// Issue 15 §5: the plan page follows the workflow, picks CPT codes from the fee schedule, takes
// an item's size and shape from the item, asks before withdrawing a quote, shows what a completed
// plan used; notifications keep off the buttons; 1024 px keeps every column; printing prints
// the content.

let server: E2eServer;
let browser: Browser;
let coordinator: Page;
let patientId: string;
let suturesName: string;

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  const sutures = await server.api<{ id: string; name: string }>('POST', '/inventory/items', {
    code: 'sutures-absorbable',
    name: 'Absorbable sutures',
    category: 'SUTURE',
    unitPrice: '12.50',
    isBillable: false,
    requiresSerialNumber: false,
  });
  suturesName = sutures.name;
  await server.api('POST', `/inventory/items/${sutures.id}/batches`, {
    batchNumber: 'SUT-001',
    expiresAt: new Date(Date.now() + 400 * 864e5).toISOString().slice(0, 10),
    quantity: 20,
  });
  patientId = (
    await server.api<{ id: string }>('POST', '/patients', {
      firstName: 'Maria',
      lastName: 'Lopez',
      dateOfBirth: '1990-03-14',
      sexAtBirth: 'FEMALE',
    })
  ).id;
  browser = await launchBrowser();
  coordinator = await signIn(
    browser,
    server.baseUrl,
    STAFF.coordinator.email,
    STAFF.coordinator.password,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && coordinator !== undefined)
    await screenshot(coordinator, `planpage-failed-${task.name.replace(/\W+/g, '-').slice(0, 40)}`);
});

/** The checks every main screen gets: a screenshot at 1440 and 1024, axe, and the 1024 fit. */
async function mainScreen(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every visible button or button-like link of the page, with its box. */
async function buttonBoxes(page: Page): Promise<{ name: string; box: Box }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a.mantine-Button-root, [role="button"]')]
      .filter((el) => !el.closest('.mantine-Notifications-root'))
      .map((el) => ({ name: el.textContent?.trim() ?? '', rect: el.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && rect.height > 0)
      .map(({ name, rect }) => ({
        name,
        box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
      })),
  );
}

/** The ids of the plan page's sections, top to bottom. */
async function sectionOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main section[id^="plan-"]')].map((s) => s.id),
  );
}

async function expectWithinViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends inside the ${width} px window`).toBeLessThanOrEqual(
    width,
  );
}

describe('the plan page', () => {
  let planUrl: string;
  let planId: string;

  it('picks the primary CPT code from the fee schedule by its procedure name', async () => {
    const page = coordinator;
    await page.goto(`${server.baseUrl}/plans/new?patientId=${patientId}`);
    await page.getByLabel('Procedure name').fill('Breast Augmentation');
    await page.getByRole('combobox', { name: 'Procedure type', exact: true }).click();
    await page.getByRole('option', { name: 'Cosmetic' }).click();
    await page.getByLabel('Primary CPT code').fill('augmentation');
    await page.getByRole('option', { name: '19325 Breast augmentation with implant' }).click();
    // The picked code shows with its procedure name under the field.
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Breast augmentation with implant' })
      .waitFor();
    await mainScreen(page, 'planpage-01-new-plan-cpt-picker');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: /^Plan PLAN-\d{4}-\d{3}$/ }).waitFor();
    planUrl = page.url();
    planId = planUrl.split('/').pop() ?? '';
    const plan = await server.api<{ primaryCPTCode: string }>('GET', `/procedure-plans/${planId}`);
    expect(plan.primaryCPTCode).toBe('19325');
    await page
      .getByRole('region', { name: 'Plan details and codes' })
      .getByText('Breast augmentation with implant')
      .waitFor();
  });

  it("takes the implant's size and shape from the item; the notification keeps off the buttons and goes by itself", async () => {
    const page = coordinator;
    await page.getByRole('combobox', { name: 'Item', exact: true }).click();
    await page.getByRole('option', { name: /Silicone breast implant 300cc round/ }).click();
    const size = page.getByRole('textbox', { name: 'Size', exact: true });
    expect(await size.inputValue()).toBe('300cc');
    expect(await size.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('textbox', { name: 'Shape', exact: true }).inputValue()).toBe(
      'Round',
    );
    await page.getByRole('textbox', { name: 'Quantity', exact: true }).fill('2');
    await page.setViewportSize({ width: 1440, height: 768 });
    await page.getByRole('button', { name: 'Add requirement' }).click();
    const note = page.locator('.mantine-Notification-root').filter({ hasText: 'Added' });
    await note.waitFor();
    await page.getByRole('cell', { name: /Silicone breast implant 300cc round/ }).waitFor();
    // At both widths, the notification's box meets no button's box.
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      const box = await note.boundingBox();
      expect(box, 'the notification is still shown').not.toBeNull();
      const buttons = await buttonBoxes(page);
      expect(buttons.length).toBeGreaterThan(5);
      for (const button of buttons)
        expect(overlaps(box!, button.box), `at ${width}, it covers "${button.name}"`).toBe(false);
      // The requirement's actions stay in view (no sideways scroll of the table).
      await expectWithinViewport(
        page,
        page.getByRole('columnheader', { name: 'Actions' }),
        `the Actions column at ${width}`,
      );
      // The window as the user sees it, the notification in it (screenshot() hides them).
      await page.screenshot({ path: join(OUTPUT, `planpage-02-notification-${width}.png`) });
    }
    // It closes on its own, in seconds, with nobody touching it.
    await page.mouse.move(1000, 10);
    await note.waitFor({ state: 'detached', timeout: 12_000 });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('follows the workflow: codes, implants, quote, consent, approval, readiness, schedule', async () => {
    const page = coordinator;
    await page.getByRole('button', { name: 'Create quote' }).click();
    await page.getByRole('button', { name: 'Approve plan' }).waitFor();
    const order = await sectionOrder(page);
    const workflow = [
      'plan-details',
      'plan-inventory',
      'plan-quote',
      'plan-consent',
      'plan-approval',
      'plan-readiness',
      'plan-schedule',
    ];
    expect(order.filter((id) => workflow.includes(id))).toEqual(
      workflow.filter((id) => order.includes(id)),
    );
    for (const id of [
      'plan-details',
      'plan-inventory',
      'plan-quote',
      'plan-consent',
      'plan-approval',
    ])
      expect(order).toContain(id);
    await mainScreen(page, 'planpage-03-quoted-plan');
  });

  it('asks before an added item withdraws the quote, then adds it and the plan is a draft again', async () => {
    const page = coordinator;
    await page.getByRole('combobox', { name: 'Item', exact: true }).click();
    await page.getByRole('option', { name: new RegExp(suturesName) }).click();
    await page.getByRole('button', { name: 'Add requirement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw the quote?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(
      /Adding Absorbable sutures withdraws its current quote.*returns to Draft/,
    );
    await screenshot(page, 'planpage-04-withdraw-quote-1280');
    await dialog.getByRole('button', { name: 'Keep the quote' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await server.api<{ status: string }>('GET', `/procedure-plans/${planId}`)).status).toBe(
      'QUOTED',
    );

    await page.getByRole('button', { name: 'Add requirement' }).click();
    await dialog.getByRole('button', { name: 'Withdraw the quote and add' }).click();
    await page.getByRole('cell', { name: /Absorbable sutures/ }).waitFor();
    const plan = await server.api<{ status: string; currentQuoteId: string | null }>(
      'GET',
      `/procedure-plans/${planId}`,
    );
    expect(plan).toMatchObject({ status: 'DRAFT', currentQuoteId: null });
  });

  it('prints the content, not the menu', async () => {
    const page = coordinator;
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(false);
    expect(await page.getByTestId('signed-in-user').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Edit' }).isVisible()).toBe(false);
    const heading = page.getByRole('heading', { name: /^Plan PLAN-/ });
    expect(await heading.isVisible()).toBe(true);
    const main = await page.locator('main').boundingBox();
    expect(main!.x, 'the content starts at the left edge').toBeLessThan(20);
    expect(main!.y, 'no room is left for the header').toBeLessThan(20);
    await page.screenshot({ path: join(OUTPUT, 'planpage-05-print.png') });
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('navigation', { name: 'Sections' }).isVisible()).toBe(true);
  });
});

describe('a completed plan', () => {
  let planId: string;
  let billId: string;

  beforeAll(async () => {
    const implant = (
      await server.api<{ data: { id: string; code: string }[] }>('GET', '/inventory/items')
    ).data.find((i) => i.code === 'breast-implant-300cc-round');
    const room = (await server.api<{ data: { id: string }[] }>('GET', '/operating-rooms')).data[0];
    const surgeon = (
      await server.api<{ data: { id: string; email: string }[] }>('GET', '/users')
    ).data.find((u) => u.email === STAFF.surgeon.email);
    const day = new Date(Date.now() + 9 * 864e5).toISOString().slice(0, 10);
    const run = await seedWorkflow(server, {
      patient: { id: patientId },
      implants: {
        inventoryItemId: implant!.id,
        quantity: 2,
        sizeRequirement: '300cc',
        shapeRequirement: 'Round',
      },
      booking: () => ({
        operatingRoomId: room!.id,
        surgeonId: surgeon!.id,
        scheduledStart: `${day}T14:00:00Z`,
        scheduledEnd: `${day}T16:00:00Z`,
      }),
      until: 'COMPLETED',
    });
    planId = run.created.id;
    billId = run.completed?.billId;
  });

  it('shows the serials and lot its surgery used, and no shortfall', async () => {
    const page = coordinator;
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    const used = page.getByRole('table', { name: 'Used in surgery' });
    await used.waitFor();
    for (const serial of SERIALS.slice(0, 2))
      await used.getByText(serial, { exact: true }).waitFor();
    await used.getByText('BATCH-2026-001').first().waitFor();
    const section = page.getByRole('region', { name: 'Implants and supplies' });
    expect(await section.textContent()).not.toMatch(/Shortfall|Allocated/);
    await mainScreen(page, 'planpage-06-completed-plan');
  });

  it('keeps the payer and serial columns of the bill in a 1024 px window, serials on one line', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.billing.email, STAFF.billing.password);
    await page.goto(`${server.baseUrl}/billing/bills/${billId}`);
    const lines = page.getByRole('region', { name: 'Line items' });
    await lines.getByRole('columnheader', { name: 'Serial numbers' }).waitFor();
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const name of ['Payer', 'Serial numbers'])
      await expectWithinViewport(
        page,
        lines.getByRole('columnheader', { name }),
        `the ${name} column`,
      );
    for (const serial of SERIALS.slice(0, 2)) {
      const cell = lines.locator('.serial-number', { hasText: serial }).first();
      await expectWithinViewport(page, cell, serial);
      // One line box: the number did not break.
      expect(await cell.evaluate((el) => el.getClientRects().length)).toBe(1);
    }
    await screenshot(page, 'planpage-07-bill-1024');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'planpage-07-bill-1440');
    await page.context().close();
  });

  it('the plan board shows every column inside a 1024 px window', async () => {
    const page = coordinator;
    await page.goto(`${server.baseUrl}/plans`);
    await page
      .getByRole('region', { name: 'Completed' })
      .getByRole('link', { name: /^PLAN-/ })
      .waitFor();
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const column of ['Draft', 'Quoted', 'Approved', 'Scheduled', 'Completed'])
      await expectWithinViewport(
        page,
        page.getByRole('region', { name: column, exact: true }),
        column,
      );
    await mainScreen(page, 'planpage-08-board');
  });

  it('kept to the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});
