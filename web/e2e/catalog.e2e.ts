import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUTURES } from '../../test/support/seed-catalog';
import { expectAccessible, expectFitsTablet, launchBrowser, screenshot, signIn } from './browser';
import { SERIALS, setUpClinic, startE2eServer, STAFF, type E2eServer } from './clinic';

// Issue 15 §1: the catalog is kept from the browser. A nurse edits an item (its GTIN checked
// digit by digit) and corrects a batch's count; a coordinator releases a plan's stale hold.

let server: E2eServer;
let browser: Browser;
let implantId: string;
let suturesId: string;
let planId: string;

interface Item {
  id: string;
  gtin: string | null;
}
interface Plan {
  id: string;
  planNumber: string;
  inventoryRequirements: { id: string; isPreAllocated: boolean; serialNumbers: string[] }[];
}

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  const items = await server.api<{ data: (Item & { code: string })[] }>(
    'GET',
    '/inventory/items?limit=100',
  );
  implantId = items.data.find((i) => i.code === 'breast-implant-300cc-round')?.id ?? '';
  const sutures = await server.api<Item>('POST', '/inventory/items', SUTURES);
  suturesId = sutures.id;
  await server.api('POST', `/inventory/items/${suturesId}/batches`, {
    batchNumber: 'SUT-LOT-1',
    quantity: 10,
  });
  // A consultation's plan that holds two implants while the patient decides.
  const patient = await server.api<{ id: string }>('POST', '/patients', {
    firstName: 'Maria',
    lastName: 'Lopez',
    dateOfBirth: '1988-03-14',
    sexAtBirth: 'FEMALE',
  });
  const plan = await server.api<Plan>('POST', '/procedure-plans', {
    patientId: patient.id,
    procedureName: 'Breast Augmentation',
    procedureType: 'COSMETIC',
    primaryCPTCode: '19325',
    cptCodes: ['19325'],
    inventoryRequirements: [{ inventoryItemCode: 'breast-implant-300cc-round', quantity: 2 }],
  });
  planId = plan.id;
  const requirementId = plan.inventoryRequirements[0]?.id ?? '';
  await server.api('POST', `/procedure-plans/${planId}/inventory/${requirementId}/allocate`, {});
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A screen at 1440 and 1024 px (screenshots), checked with axe and for the tablet's width. */
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

/** The GS1 check digit, as the label printer computes it (weights 3, 1, 3, … from the right). */
function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

async function totals(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const label of ['On hand', 'Reserved', 'Available']) {
    const card = page.locator('.mantine-Card-root', {
      has: page.getByText(label, { exact: true }),
    });
    out[label] = (await card.locator('p').nth(1).textContent()) ?? '';
  }
  return out;
}

describe('the catalog from the item page', () => {
  it('a nurse edits the GTIN: a wrong check digit is refused with a clear message, then a good one is saved', async () => {
    const body = '0088452111234';
    const good = `${body}${checkDigit(body)}`;
    const bad = `${body}${(checkDigit(body) + 1) % 10}`;
    const page = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
    await page.goto(`${server.baseUrl}/inventory/items/${implantId}`);
    await page.getByRole('heading', { name: 'Silicone breast implant 300cc round' }).waitFor();
    await mainScreen(page, 'catalog-10-item-nurse');

    await page.getByRole('button', { name: 'Edit item' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit breast-implant-300cc-round' });
    await dialog.getByLabel('GTIN').fill(bad);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog
      .getByText(
        `Wrong check digit: a GTIN starting ${body} ends in ${checkDigit(body)}, not ${bad[13]}`,
      )
      .waitFor();
    await mainScreen(page, 'catalog-11-edit-item-bad-gtin');
    expect((await server.api<Item>('GET', `/inventory/items/${implantId}`)).gtin).toBeNull();

    await dialog.getByLabel('GTIN').fill(good);
    await dialog.getByLabel('Manufacturer').fill('Mentor Worldwide');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(good, { exact: true }).waitFor();
    await page.getByText('Mentor Worldwide', { exact: true }).waitFor();
    expect((await server.api<Item>('GET', `/inventory/items/${implantId}`)).gtin).toBe(good);
    await page.context().close();
  });

  it('a nurse records an adjustment and sees the stock change; taking more than is there shows the API’s refusal', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
    await page.goto(`${server.baseUrl}/inventory/items/${suturesId}`);
    await page.getByRole('heading', { name: 'Absorbable sutures' }).waitFor();
    expect(await totals(page)).toEqual({ 'On hand': '10', Reserved: '0', Available: '10' });

    await page.getByRole('button', { name: 'Adjust batch SUT-LOT-1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Adjust batch SUT-LOT-1' });
    await dialog.getByLabel('Quantity').fill('25');
    await dialog.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Damaged' }).click();
    await dialog.getByLabel('Note').fill('Packs opened in transit');
    await dialog.getByRole('button', { name: 'Record adjustment' }).click();
    await dialog.getByRole('alert').getByText('On hand 10 with 0 reserved').waitFor();
    await mainScreen(page, 'catalog-20-adjust-refused');

    await dialog.getByLabel('Quantity').fill('3');
    await dialog.getByRole('button', { name: 'Record adjustment' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Batch SUT-LOT-1: 7 units on hand').waitFor();
    await expect
      .poll(() => totals(page))
      .toEqual({ 'On hand': '7', Reserved: '0', Available: '7' });

    await page.getByRole('button', { name: 'Adjustment history of batch SUT-LOT-1' }).click();
    const history = page.getByRole('dialog', { name: 'Adjustments of batch SUT-LOT-1' });
    const row = history.getByRole('row', { name: /Damaged/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Packs opened in transit');
    // The name comes from the staff list, which may arrive after the row.
    await expect.poll(async () => (await row.textContent()) ?? '').toContain(STAFF.nurse.name);
    expect(await row.textContent()).toContain('\u22123');
    await mainScreen(page, 'catalog-21-adjustment-history');
    await page.context().close();
  });

  it('shows the item read-only to billing, with no edit or adjust buttons', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.billing.email, STAFF.billing.password);
    await page.goto(`${server.baseUrl}/inventory/items/${suturesId}`);
    await page.getByRole('heading', { name: 'Absorbable sutures' }).waitFor();
    await page.getByRole('button', { name: 'Adjustment history of batch SUT-LOT-1' }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit item' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Deactivate' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Adjust batch/ }).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    // Holds are not billing's: no tab for them.
    expect(
      await page
        .getByRole('navigation', { name: 'Inventory sections' })
        .getByRole('link', { name: 'Holds' })
        .count(),
    ).toBe(0);
    await page.context().close();
  });
});

describe('stock holds', () => {
  it('a coordinator releases a plan’s hold, and the plan’s implants go back on the shelf', async () => {
    const page = await signIn(
      browser,
      server.baseUrl,
      STAFF.coordinator.email,
      STAFF.coordinator.password,
    );
    await page.goto(`${server.baseUrl}/inventory`);
    await page
      .getByRole('navigation', { name: 'Inventory sections' })
      .getByRole('link', { name: 'Holds' })
      .click();
    await page.waitForURL(/\/inventory\/holds$/);
    // The pointer leaves the tab it clicked (a hovered tab is drawn darker than axe measures).
    await page.mouse.move(0, 0);
    const table = page.getByRole('table', { name: 'Stock holds' });
    const row = table.getByRole('row', { name: /Lopez, Maria/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Silicone breast implant 300cc round');
    expect(text).toContain(SERIALS[0]);
    expect(text).toContain(SERIALS[1]);
    expect(text).toContain('Less than a day');
    await mainScreen(page, 'catalog-30-holds');

    // Older than 7 days: this morning's hold is not stale.
    await page.getByText('Over 7 days').click();
    await page.waitForURL(/olderThanDays=7/);
    await page.getByText('No hold is older than 7 days.').waitFor();
    await page.getByText('Any age').click();
    await row.waitFor();

    await row.getByRole('button', { name: /^Release the hold of/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Release the hold of PLAN-/ });
    await dialog.getByText(`2 units of Silicone breast implant 300cc round`).waitFor();
    await dialog.getByRole('button', { name: 'Release', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No stock is held for a plan awaiting approval.').waitFor();

    const plan = await server.api<Plan>('GET', `/procedure-plans/${planId}`);
    expect(plan.inventoryRequirements[0]).toMatchObject({
      isPreAllocated: false,
      serialNumbers: [],
    });
    await page.goto(`${server.baseUrl}/inventory/items/${implantId}`);
    await page.getByRole('heading', { name: 'Silicone breast implant 300cc round' }).waitFor();
    await expect
      .poll(() => totals(page))
      .toEqual({ 'On hand': '3', Reserved: '0', Available: '3' });
    await page.context().close();
  });
});
