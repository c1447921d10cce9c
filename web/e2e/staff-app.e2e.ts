import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  cspViolations,
  endSessionOnServer,
  expectAccessible,
  expectFitsTablet,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
} from './browser';
import {
  ADMIN,
  nextWeekAt,
  PASSWORD_CHANGER,
  ROOM,
  SERIALS,
  setUpClinic,
  startE2eServer,
  STAFF,
  type E2eServer,
} from './clinic';
import { checklistOnClinicTablet } from './portal';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startE2eServer();
  await setUpClinic(server);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The checks every main screen gets: a screenshot, axe, and the 1024 px tablet width. */
async function mainScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
  await expectFitsTablet(page, name);
}

describe('signing in', () => {
  it('shows the error for a wrong password and stays on sign-in', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('Email').fill(STAFF.coordinator.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/could not sign in/i);
    expect(page.url()).toMatch(/\/sign-in/);
    await mainScreen(page, '00-sign-in-wrong-password');
    await page.context().close();
  });

  it('returns to the page asked for after signing in', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.baseUrl}/inventory`);
    await page.waitForURL(/\/sign-in\?next=%2Finventory/);
    await page.getByLabel('Email').fill(STAFF.nurse.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(STAFF.nurse.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inventory$/);
    await page.context().close();
  });

  it('sends an expired session back to sign-in, then to where the user was', async () => {
    const page = await signIn(
      browser,
      server.baseUrl,
      STAFF.coordinator.email,
      STAFF.coordinator.password,
    );
    await page.goto(`${server.baseUrl}/patients`);
    await page.getByTestId('signed-in-user').waitFor();
    // The session ends on the server (as at expiry or after a password change): the next call
    // answers 401.
    await endSessionOnServer(page, server.baseUrl);
    await page.reload();
    await page.waitForURL(/\/sign-in\?next=%2Fpatients/);
    await page.getByText('Your session ended').waitFor();
    await page.getByLabel('Email').fill(STAFF.coordinator.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(STAFF.coordinator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/patients$/);
    await page.context().close();
  });
});

describe('changing your own password', () => {
  it('from the menu: a wrong current password is shown, then the new one signs in', async () => {
    const { email, password, newPassword } = PASSWORD_CHANGER;
    const page = await signIn(browser, server.baseUrl, email, password);
    await page.goto(`${server.baseUrl}/patients`);
    await page.getByTestId('signed-in-user').click();
    await page.getByRole('menuitem', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.getByLabel('Current password').fill('not-my-password');
    await dialog.getByLabel(/^New password/).fill(newPassword);
    await dialog.getByLabel('Confirm new password').fill(newPassword);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    // The API's 401 shows under the field, and the session goes on.
    await dialog.getByText('The current password is incorrect').waitFor();
    expect(page.url()).toMatch(/\/patients$/);

    await dialog.getByLabel('Current password').fill(password);
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `20-change-password-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectAccessible(page, 'change password');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other sessions have ended.').waitFor();
    await dialog.waitFor({ state: 'detached' });
    // The fresh token the API answered keeps this session: a reload stays on the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Patients', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/patients$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /could not sign in/i })
      .waitFor();
    await page.getByRole('textbox', { name: 'Password' }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-user').waitFor();
    expect(await page.getByTestId('signed-in-user').textContent()).toContain(PASSWORD_CHANGER.name);
    await page.context().close();
  });
});

// The seed's breast augmentation, from the consultation to a paid bill, as the staff do it.
describe('the seed workflow in the browser', () => {
  let coordinator: Page;
  let nurse: Page;
  let billing: Page;
  let planUrl: string;
  let planId: string;

  beforeAll(async () => {
    coordinator = await signIn(
      browser,
      server.baseUrl,
      STAFF.coordinator.email,
      STAFF.coordinator.password,
    );
    nurse = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
    billing = await signIn(browser, server.baseUrl, STAFF.billing.email, STAFF.billing.password);
  });

  // What each person's screen showed when a step failed, beside the screenshots of the walk.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const name = task.name.replace(/\W+/g, '-').slice(0, 40);
    for (const [who, page] of Object.entries({ coordinator, nurse, billing })) {
      await screenshot(page, `failed-${name}-${who}`);
    }
  });

  it('a coordinator creates the patient and records the consultation', async () => {
    const page = coordinator;
    await page.getByRole('link', { name: 'Patients' }).click();
    await page.getByRole('link', { name: 'New patient' }).click();
    await page.getByLabel('First name').fill('Maria');
    await page.getByLabel('Last name').fill('Lopez');
    await page.getByLabel('Date of birth').fill('1990-03-14');
    await page.keyboard.press('Escape');
    await page.getByLabel('Phone').fill('555-010-4477');
    await choose(page, 'Sex at birth', 'Female');
    await page.getByRole('button', { name: 'Create patient' }).click();
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    await mainScreen(page, '01-patient');

    await page.getByRole('button', { name: 'New consultation' }).click();
    const dialog = page.getByRole('dialog');
    await choose(page, 'Surgeon', STAFF.surgeon.name);
    await dialog.getByLabel('Reason').fill('I want breast augmentation');
    await dialog.getByRole('button', { name: 'Create consultation' }).click();
    await page.getByRole('link', { name: 'New plan' }).first().waitFor();
  });

  it('finds the patient by her phone number, and Enter opens her', async () => {
    const page = coordinator;
    await page.getByRole('link', { name: 'Patients', exact: true }).click();
    const search = page.getByLabel('Search patients');
    // Enter opens only the results of the text typed now: wait for them to arrive.
    const phone = '(555) 010 4477';
    const answered = page.waitForResponse(
      (r) => new URL(r.url()).searchParams.get('search') === phone,
    );
    await search.fill(phone);
    await answered;
    await page.getByRole('link', { name: 'Lopez, Maria' }).waitFor();
    const size = page.viewportSize() ?? { width: 1280, height: 800 };
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, `01-patient-search-by-phone-${width}`);
    }
    await page.setViewportSize(size);
    await search.press('Enter');
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
  });

  it('creates the plan with its two 300cc implants', async () => {
    const page = coordinator;
    await page.getByRole('link', { name: 'New plan' }).first().click();
    await page.waitForURL(/\/plans\/new\?/);
    await page.getByLabel('Procedure name').fill('Breast Augmentation');
    await choose(page, 'Procedure type', 'Cosmetic');
    // The CPT picker searches the fee schedule: the code is picked by its procedure name.
    await page.getByLabel('Primary CPT code').fill('augmentation');
    await page.getByRole('option', { name: /19325/ }).click();
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: /^Plan PLAN-\d{4}-\d{3}$/ }).waitFor();
    planUrl = page.url();
    planId = planUrl.split('/').pop() ?? '';

    await choose(page, 'Item', /Silicone breast implant 300cc round/);
    await page.getByRole('textbox', { name: 'Quantity', exact: true }).fill('2');
    // Size and shape are the item's.
    expect(await page.getByLabel('Size', { exact: true }).inputValue()).toBe('300cc');
    await page.getByRole('button', { name: 'Add requirement' }).click();
    await page.getByRole('cell', { name: /Silicone breast implant 300cc round/ }).waitFor();
  });

  it('explains a stale edit (412) when someone else changed the plan first', async () => {
    const page = coordinator;
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit plan' });
    await dialog.getByLabel('Notes').fill('Patient prefers a natural look');
    // Meanwhile, a colleague saves a change to the same plan.
    const plan = await server.api<{ version: number }>('GET', `/procedure-plans/${planId}`);
    await server.api('PATCH', `/procedure-plans/${planId}`, { notes: 'Changed by a colleague' });
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Someone else changed this record');
    await screenshot(page, '02-plan-stale-edit');
    await dialog.getByRole('button', { name: 'Reload' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    const after = await server.api<{ version: number; notes: string }>(
      'GET',
      `/procedure-plans/${planId}`,
    );
    expect(after).toMatchObject({ version: plan.version + 1, notes: 'Changed by a colleague' });
  });

  it('quotes it: 7000.00 + 200.00 + 2 × 400.00 = 8000.00', async () => {
    const page = coordinator;
    await page.getByRole('button', { name: 'Create quote' }).click();
    await page.getByText('$8,000.00').first().waitFor();
    for (const amount of ['$7,000.00', '$200.00', '$800.00']) {
      await page.getByRole('cell', { name: amount, exact: true }).first().waitFor();
    }
  });

  it('a nurse sees the quoted plan but no approve button', async () => {
    await nurse.goto(planUrl);
    await nurse.getByRole('heading', { name: /^Plan PLAN-/ }).waitFor();
    await nurse.getByRole('heading', { name: 'Implants and supplies' }).waitFor();
    expect(await nurse.getByRole('button', { name: 'Approve plan' }).count()).toBe(0);
    await coordinator.getByRole('button', { name: 'Approve plan' }).waitFor();
  });

  it("records the patient's typed signature, approves, allocates the serials, schedules", async () => {
    const page = coordinator;
    await page.getByLabel('Signer name').fill('Maria Lopez');
    await choose(page, 'Relationship', 'Self (the patient)');
    await page.getByLabel('Typed signature').fill('Maria Lopez');
    await page.getByRole('button', { name: 'Record signature' }).click();
    await page.getByText(/Signed by Maria Lopez/).waitFor();
    // Breast implants: the FDA checklist, initialed by the patient on the clinic's tablet, then
    // attested by the surgeon (scheduling needs both).
    await checklistOnClinicTablet(browser, page, server.baseUrl, {
      dob: { month: '3', day: '14', year: '1990' },
      name: 'Maria Lopez',
      initials: 'ML',
    });
    const surgeon = await signIn(
      browser,
      server.baseUrl,
      STAFF.surgeon.email,
      STAFF.surgeon.password,
    );
    await surgeon.goto(planUrl);
    const checklist = surgeon.locator('#plan-fda-checklist');
    await checklist.getByRole('button', { name: 'Sign surgeon attestation' }).click();
    await surgeon.getByRole('dialog').getByRole('button', { name: 'Sign attestation' }).click();
    await checklist.getByText(`Attested by ${STAFF.surgeon.name}`).waitFor();
    await surgeon.context().close();
    await page.reload();

    await page.getByLabel('Approval notes').fill('Patient chose the 300cc round implants.');
    await page.getByRole('button', { name: 'Approve plan' }).click();
    // Allocation names the plan's version (If-Match): it waits until the page shows the approved
    // plan (the record replaces the form; the typed notes alone would match the form's textarea).
    const approval = page.getByRole('region', { name: 'Patient approval' });
    await approval.getByText(/The patient approved this plan on/).waitFor();
    // What was typed is kept: the record shows it.
    await approval.getByText('Patient chose the 300cc round implants.').waitFor();
    await page.getByRole('button', { name: 'Allocate', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Allocate', exact: true }).click();
    await page.getByRole('cell', { name: `${SERIALS[0]}, ${SERIALS[1]}` }).waitFor();

    await choose(page, 'Operating room', ROOM);
    await choose(page, 'Surgeon', STAFF.surgeon.name);
    await page.getByRole('textbox', { name: 'Start', exact: true }).fill(nextWeekAt(8));
    await page.keyboard.press('Escape');
    await page.getByRole('textbox', { name: 'End', exact: true }).fill(nextWeekAt(10));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Schedule surgery' }).click();
    await page.getByRole('link', { name: 'Open the surgical case' }).waitFor();
    await mainScreen(page, '03-plan-page');
  });

  it('the plan board shows the plan under SCHEDULED', async () => {
    const page = coordinator;
    await page.getByRole('link', { name: 'Plan board' }).click();
    const column = page.getByRole('region', { name: 'Scheduled' });
    await column.getByRole('link', { name: /^PLAN-/ }).waitFor();
    await mainScreen(page, '04-plan-board');
  });

  it('a nurse finds the case on the theater day, starts it and completes it', async () => {
    const page = nurse;
    const day = nextWeekAt(8).slice(0, 10);
    await page.goto(`${server.baseUrl}/theater?date=${day}`);
    const caseLink = page.getByRole('link', { name: /^CASE-\d{4}-\d{3}/ });
    await caseLink.waitFor();
    await mainScreen(page, '05-theater-day');
    await caseLink.click();
    await page.getByRole('button', { name: 'Start case' }).click();
    // Booked a week ahead: starting today asks why (docs/theater.md).
    await page.getByLabel(/Why start it today/).fill('The walk runs the surgery early');
    await page.getByRole('button', { name: 'Start case anyway' }).click();
    await page.getByRole('button', { name: 'Complete case' }).click();
    await page.getByRole('button', { name: 'Confirm completion' }).click();
    await page.getByText('COMPLETED', { exact: true }).first().waitFor();
    await mainScreen(page, '06-case-page');
  });

  it('billing sees the 8000.00 bill with both serials and records the payment', async () => {
    const page = billing;
    // Billing has been signed in since before the surgery: a fresh visit lists the new bill.
    await page.goto(`${server.baseUrl}/billing`);
    await page.getByRole('link', { name: /^BILL-\d{4}-\d{3}$/ }).click();
    await page.getByText('$8,000.00').first().waitFor();
    for (const serial of SERIALS.slice(0, 2)) await page.getByText(serial).first().waitFor();
    await mainScreen(page, '07-bill');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Amount', exact: true }).inputValue())
      .toBe('8000.00');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByText('PAID', { exact: true }).first().waitFor();
    const bills = await server.api<{ data: { status: string; paid: string; balance: string }[] }>(
      'GET',
      '/bills',
    );
    expect(bills.data).toEqual([
      expect.objectContaining({ status: 'PAID', paid: '8000.00', balance: '0.00' }),
    ]);
  });

  it('the serial lookup names the patient who received the implant', async () => {
    const page = nurse;
    await page.goto(`${server.baseUrl}/inventory/units`);
    // Typed in lower case; found as received.
    await page.getByLabel('Serial number').fill((SERIALS[0] ?? '').toLowerCase());
    await page.getByLabel('Serial number').press('Enter');
    await page.getByRole('link', { name: /Lopez, Maria|Maria Lopez/ }).waitFor();
    await page.getByText(SERIALS[0] ?? '', { exact: true }).waitFor();
    await mainScreen(page, '08-serial-lookup');
    await page.setViewportSize({ width: 1440, height: 800 });
    await screenshot(page, '08-serial-lookup-1440');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Enter again, on the unit shown, opens the patient who received it.
    await page.getByLabel('Serial number').press('Enter');
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
  });
});

// The other main screens, after the walk (so they have something to show): each loads, passes
// axe and fits a 1024 px window.
describe('the other main screens', () => {
  const screens: {
    name: string;
    path: string;
    heading: string | RegExp;
    who: keyof typeof STAFF | 'admin';
  }[] = [
    {
      name: '10-patient-search',
      path: '/patients?q=lopez',
      heading: 'Patients',
      who: 'coordinator',
    },
    { name: '11-new-plan', path: '/plans/new', heading: 'New plan', who: 'coordinator' },
    {
      name: '12-inventory-catalog',
      path: '/inventory',
      heading: 'Inventory catalog',
      who: 'nurse',
    },
    { name: '13-receive-udi', path: '/inventory/receive', heading: 'Receive by UDI', who: 'nurse' },
    { name: '14-expiring', path: '/inventory/expiring', heading: 'Expiring stock', who: 'nurse' },
    { name: '15-recalls', path: '/inventory/recalls', heading: 'Recalls', who: 'nurse' },
    { name: '16-bills', path: '/billing', heading: 'Bills', who: 'billing' },
    {
      name: '17-payment-plans',
      path: '/billing/payment-plans',
      heading: 'Payment plans',
      who: 'billing',
    },
    { name: '18-audit', path: '/audit', heading: 'Audit events', who: 'admin' },
  ];

  for (const screen of screens) {
    it(`${screen.path} (${screen.who})`, async () => {
      const person = screen.who === 'admin' ? ADMIN : STAFF[screen.who];
      const page = await signIn(browser, server.baseUrl, person.email, person.password);
      await page.goto(`${server.baseUrl}${screen.path}`);
      await page.getByRole('heading', { name: screen.heading, level: 1 }).waitFor();
      await page.getByLabel('Loading').waitFor({ state: 'detached' });
      await mainScreen(page, screen.name);
      await page.context().close();
    });
  }

  it('an item page shows its stock per lot', async () => {
    const page = await signIn(browser, server.baseUrl, STAFF.nurse.email, STAFF.nurse.password);
    await page.goto(`${server.baseUrl}/inventory`);
    await page.getByRole('link', { name: 'breast-implant-300cc-round' }).click();
    await page.getByRole('cell', { name: 'BATCH-2026-001', exact: true }).first().waitFor();
    await mainScreen(page, '19-inventory-item');
    await page.context().close();
  });
});

describe('the page policy', () => {
  it('refused nothing the app itself does (its Content-Security-Policy stays on in every test)', () => {
    expect(cspViolations).toEqual([]);
  });
});
