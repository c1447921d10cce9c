import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IMPLANT_300CC_ROUND } from '../../test/support/seed-catalog';
import {
  choose,
  cspViolations,
  expectAccessible,
  expectFitsTablet,
  launchBrowser,
  screenshot,
  signIn,
} from './browser';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp';
import { enterDateOfBirth } from './portal';
import {
  nextWeekAt,
  ROOM,
  SERIALS,
  seedWorkflow,
  setUpClinic,
  startE2eServer,
  STAFF,
  type E2eServer,
} from './clinic';

// Issue 18: the seed's breast augmentation, steps 5–6 done by the patient on their phone through
// the link the coordinator mailed (read from a real local SMTP server): the date of birth (a
// wrong one first), the price, the consent signed by drawing with the mouse, the FDA checklist
// initialed, the plan approved, a payment plan chosen. Then the surgeon attests the checklist and
// the coordinator schedules the surgery in the staff app; after it, the patient's implant card.
// Every patient screen at 390×844 and 1280×800, axe-clean, never scrolling sideways.

const DOB = { iso: '1990-03-14', month: '3', day: '14', year: '1990' };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let smtp: TestSmtpServer;
let server: E2eServer;
let browser: Browser;
let coordinator: Page;
let patient: Page;
let planId: string;
let linkUrl: string;
/** The link the patient received by email. */
let mailedUrl: string;
const pages: Page[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startE2eServer({ SMTP_URL: smtp.url });
  await setUpClinic(server);
  const items = await server.api<{ data: { id: string; code: string }[] }>(
    'GET',
    '/inventory/items?limit=100',
  );
  const implant = items.data.find((i) => i.code === IMPLANT_300CC_ROUND.code);
  if (implant === undefined) throw new Error('setUpClinic adds the implant');
  const run = await seedWorkflow(server, {
    patient: {
      create: {
        firstName: 'Maria',
        lastName: 'Lopez',
        dateOfBirth: DOB.iso,
        sexAtBirth: 'FEMALE',
        email: 'maria.lopez@example.com',
      },
    },
    implants: { inventoryItemId: implant.id, quantity: 2 },
    until: 'QUOTED',
  });
  planId = String(run.created.id);
  // The clinic offers a payment plan on the quote (billing's or the coordinator's work).
  const firstDueDate = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
  await server.api('POST', `/quotes/${String(run.quote!.id)}/payment-plan-offers`, {
    depositAmount: '1000.00',
    installmentCount: 3,
    frequency: 'MONTHLY',
    firstDueDate,
  });
  browser = await launchBrowser();
  coordinator = await signIn(
    browser,
    server.baseUrl,
    STAFF.coordinator.email,
    STAFF.coordinator.password,
  );
  pages.push(coordinator);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const name = task.name.replace(/\W+/g, '-').slice(0, 40);
  for (const [i, page] of pages.entries()) await screenshot(page, `portal-failed-${name}-${i}`);
});

/** A phone's (or a desktop's) browser of its own: no staff cookie, nothing shared. */
async function patientBrowser(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'en-US',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  pages.push(page);
  return page;
}

/** A screen at the phone's and the desktop's size, with axe (the window back to `size` after). */
async function patientScreen(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? PHONE;
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await screenshot(page, `portal-${name}-${viewport.width}`);
    // Nothing wider than the window: a phone never scrolls sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `${name} at ${viewport.width} px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize(size);
  await expectAccessible(page, `patient ${name}`);
}

describe("the patient's link", () => {
  it('is sent by email to the masked address, or created to copy and shown once', async () => {
    const page = coordinator;
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    const section = page.getByRole('region', { name: 'Patient link' });
    await section.waitFor();
    // By email: the choice names the patient's address, masked; the mail holds the link.
    await section.getByText('Send by email to m•••@example.com').waitFor();
    await section.getByRole('button', { name: 'Send link' }).click();
    const mail = await smtp.mailTo('maria.lopez@example.com', 10_000);
    mailedUrl = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0] ?? '';
    expect(mailedUrl).not.toBe('');
    await section.getByRole('cell', { name: /^Email to m.*@example\.com$/ }).waitFor();

    // To copy: the address is shown this once, with the warning.
    await section.getByRole('radio', { name: /Create a link to copy/ }).check();
    await section.getByRole('button', { name: 'Create link' }).click();
    const field = section.getByRole('textbox', { name: 'Patient link' });
    await field.waitFor();
    linkUrl = await field.inputValue();
    expect(linkUrl).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
    await section.getByText('it is shown only once').waitFor();
    await section.getByRole('cell', { name: 'Copied link' }).waitFor();
    expect(await section.getByText('ACTIVE', { exact: true }).count()).toBe(2);
    await section.scrollIntoViewIfNeeded();
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `portal-00-staff-patient-link-${width}`);
    }
    await expectFitsTablet(page, 'the plan page with a new patient link');
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page, 'the plan page with a new patient link');
  });

  it('asks for the date of birth first, by keyboard too, and says how many tries are left', async () => {
    patient = await patientBrowser(PHONE);
    // The link the mail carried, on this server (the e2e server's port).
    const token = mailedUrl.split('/p/')[1] ?? '';
    await patient.goto(`${server.baseUrl}/p/${token}`);
    await patient.getByRole('heading', { name: 'Confirm it’s you' }).waitFor();
    // The token left the address bar; this tab keeps it in sessionStorage only.
    expect(patient.url()).toBe(`${server.baseUrl}/p/`);
    expect(await patient.evaluate(() => localStorage.length)).toBe(0);
    expect(await patient.evaluate(() => document.cookie)).toBe('');
    await patientScreen(patient, '01-date-of-birth');

    // Keyboard only: Tab to each field, type, Enter.
    await patient.getByLabel('Month').focus();
    await patient.keyboard.press('Tab');
    expect(await patient.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe(
      'bday-day',
    );
    await patient.getByLabel('Month').selectOption(DOB.month);
    await patient.getByLabel('Day').focus();
    await patient.keyboard.type('15');
    await patient.keyboard.press('Tab');
    await patient.keyboard.type(DOB.year);
    await patient.keyboard.press('Enter');
    await patient.getByTestId('dob-mismatch').waitFor();
    expect(await patient.getByTestId('dob-mismatch').textContent()).toContain('4 tries left');
    await patientScreen(patient, '02-date-of-birth-wrong');

    await enterDateOfBirth(patient, DOB);
    await patient.getByRole('heading', { name: 'Your surgery plan' }).waitFor();
    await patient.getByText('Hello, Maria').waitFor();
    // Plain words, no staff jargon.
    const text = (await patient.locator('main').textContent()) ?? '';
    expect(text).toContain('Review your price');
    expect(text).toContain('Read and sign your consent');
    expect(text).not.toMatch(/QUOTED|PENDING|CPT|19325/);
    await patientScreen(patient, '03-steps');
  });

  it('shows the price, line by line, and its PDF', async () => {
    await patient.getByRole('link', { name: 'See your price' }).click();
    await patient.getByRole('heading', { name: 'Your price', level: 1 }).waitFor();
    await patient.getByTestId('you-pay').waitFor();
    expect(await patient.getByTestId('you-pay').textContent()).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect((await patient.locator('main').textContent()) ?? '').not.toMatch(/CPT|19325/);
    await patientScreen(patient, '04-price');
    const [download] = await Promise.all([
      patient.waitForEvent('download'),
      patient.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    // Back to the steps with the phone's Back button.
    await patient.goBack();
    await patient.getByRole('heading', { name: 'Your surgery plan' }).waitFor();
  });

  it('signs the consent by drawing with the mouse; the keyboard can sign with the typed name', async () => {
    await patient.getByRole('link', { name: 'Read and sign' }).click();
    await patient.getByRole('heading', { name: 'Read and sign your consent' }).waitFor();
    const fingerprint = (await patient.getByTestId('consent-fingerprint').textContent()) ?? '';
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Nothing filled in: each missing part is named.
    await patient.getByRole('button', { name: 'Sign the consent' }).click();
    await patient.getByText('Type your full name.').waitFor();
    await patientScreen(patient, '05-consent');

    await patient.getByLabel('Your full name').fill('Maria Lopez');
    // A keyboard user: the typed name becomes the signature's image.
    await patient.getByRole('button', { name: 'Use my typed name as my signature' }).focus();
    await patient.keyboard.press('Enter');
    const pad = patient.getByTestId('signature-pad');
    await expect.poll(() => inkedPixels(patient)).toBeGreaterThan(100);
    await patient.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => inkedPixels(patient)).toBe(0);

    // The mouse draws the signature.
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await patient.mouse.move(box.x + 30, box.y + box.height * 0.6);
    await patient.mouse.down();
    for (let i = 1; i <= 24; i++) {
      await patient.mouse.move(
        box.x + 30 + i * 10,
        box.y + box.height * 0.6 - Math.sin(i / 2) * 40,
        { steps: 2 },
      );
    }
    await patient.mouse.up();
    expect(await inkedPixels(patient)).toBeGreaterThan(100);
    await patient.getByRole('checkbox', { name: /I agree to sign it electronically/ }).check();
    await patient.getByRole('button', { name: 'Sign the consent' }).click();
    await patient.getByText('You signed this consent on').waitFor();
    await patient.getByText('Maria Lopez').first().waitFor();
    await patientScreen(patient, '06-consent-signed');

    // The clinic's record: signed, bound to the fingerprint shown.
    const plan = await server.api<{ consent: { id: string } | null }>(
      'GET',
      `/procedure-plans/${planId}`,
    );
    const consent = await server.api<{ status: string; contentHash: string; signerName: string }>(
      'GET',
      `/consents/${plan.consent!.id}`,
    );
    expect(consent).toMatchObject({
      status: 'SIGNED',
      contentHash: fingerprint,
      signerName: 'Maria Lopez',
    });
    const [download] = await Promise.all([
      patient.waitForEvent('download'),
      patient.getByRole('button', { name: 'Download signed consent (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('initials every part of the FDA checklist and signs it', async () => {
    await patient.goto(`${server.baseUrl}/p/`);
    await patient.getByRole('link', { name: 'Read and initial' }).click();
    const parts = patient.getByLabel(/^Your initials for part \d+$/);
    await parts.first().waitFor();
    const count = await parts.count();
    expect(count).toBeGreaterThan(5);
    // Submitting with nothing typed names each part left.
    await patient.getByRole('button', { name: 'Sign the checklist' }).click();
    await patient.getByText('Type your initials for this part.').first().waitFor();
    await patientScreen(patient, '06b-fda-checklist');
    for (let i = 0; i < count; i++) await parts.nth(i).fill('ML');
    await patient.getByLabel('Your full name').fill('Maria Lopez');
    await patient.getByRole('button', { name: 'Sign the checklist' }).click();
    await patient.getByText(/You signed this checklist as/).waitFor();
    await patientScreen(patient, '06c-fda-checklist-signed');
    const checklist = await server.api<{ checklist: { status: string; signedThrough: string } }>(
      'GET',
      `/procedure-plans/${planId}/fda-checklist`,
    );
    expect(checklist.checklist).toMatchObject({
      status: 'PATIENT_SIGNED',
      signedThrough: 'PATIENT_LINK',
    });
  });

  it('the steps at a desktop width; the patient approves the plan', async () => {
    await patient.setViewportSize(DESKTOP);
    // A reload of /p/ in the same tab: the link and the date of birth are still this tab's.
    await patient.goto(`${server.baseUrl}/p/`);
    await patient.getByRole('heading', { name: 'Your surgery plan' }).waitFor();
    await screenshot(patient, 'portal-07-steps-after-consent-1280');
    await expectAccessible(patient, 'patient steps at 1280');
    await patient.getByRole('link', { name: 'Review and approve' }).click();
    await patient.getByRole('heading', { name: 'Approve your plan' }).waitFor();
    await patientScreen(patient, '08-approve');
    await patient.getByRole('button', { name: 'I approve this plan' }).click();
    await patient.getByText('You approved this plan').waitFor();
    const plan = await server.api<{ status: string; approvedByPatient: boolean }>(
      'GET',
      `/procedure-plans/${planId}`,
    );
    expect(plan).toMatchObject({ status: 'APPROVED', approvedByPatient: true });
  });

  it('chooses the payment plan offered, each payment to the cent', async () => {
    await patient.goto(`${server.baseUrl}/p/#payment-plan`);
    await patient.getByRole('heading', { name: 'Your payment plan' }).waitFor();
    const offer = patient.getByRole('region', { name: /^Option 1/ });
    await offer.getByRole('cell', { name: '$2,333.34' }).waitFor();
    expect(await offer.getByRole('cell', { name: '$2,333.33' }).count()).toBe(2);
    await patientScreen(patient, '10-payment-plan-offer');
    await offer.getByRole('button', { name: 'Choose this plan' }).click();
    await patient.getByText('What is due next').waitFor();
    await patient.getByText(/Still to pay: \$7,000\.00/).waitFor();
    await patientScreen(patient, '11-payment-plan-chosen');
  });

  it('the surgeon attests the checklist; the coordinator allocates the implants and schedules the surgery', async () => {
    const surgeon = await signIn(
      browser,
      server.baseUrl,
      STAFF.surgeon.email,
      STAFF.surgeon.password,
    );
    pages.push(surgeon);
    await surgeon.goto(`${server.baseUrl}/plans/${planId}`);
    const checklist = surgeon.locator('#plan-fda-checklist');
    await checklist.getByText('initialed ML').first().waitFor();
    await checklist.getByRole('button', { name: 'Sign surgeon attestation' }).click();
    await surgeon.getByRole('dialog').getByRole('button', { name: 'Sign attestation' }).click();
    await checklist.getByText(`Attested by ${STAFF.surgeon.name}`).waitFor();

    const page = coordinator;
    await page.goto(`${server.baseUrl}/plans/${planId}`);
    await page
      .getByText(/approved by the patient through their link/i)
      .first()
      .waitFor();
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
    await screenshot(page, 'portal-12-staff-scheduled-1280');
  });

  it('after the surgery, the patient sees each implant on their card and can print it', async () => {
    // The day of surgery, quickly: the nurse starts the case, the surgeon completes it (the
    // reserved implants are consumed): docs/theater.md.
    const plan = await server.api<{ surgicalCaseId: string | null }>(
      'GET',
      `/procedure-plans/${planId}`,
    );
    const caseId = plan.surgicalCaseId!;
    await server.api('POST', `/surgical-cases/${caseId}/start`, {
      reason: 'Started ahead of its booked day in the e2e test',
    });
    await server.api('POST', `/surgical-cases/${caseId}/complete`, {});
    await patient.setViewportSize(PHONE);
    await patient.goto(`${server.baseUrl}/p/`);
    await patient.getByRole('link', { name: 'See your implant card' }).click();
    for (const serial of SERIALS.slice(0, 2)) await patient.getByText(serial).first().waitFor();
    await patientScreen(patient, '13-implant-card');
    const [download] = await Promise.all([
      patient.waitForEvent('download'),
      patient.getByRole('button', { name: /PDF/ }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('an unknown link, and a revoked one, show a clear page, never an error', async () => {
    const stranger = await patientBrowser(PHONE);
    await stranger.goto(`${server.baseUrl}/p/${'x'.repeat(43)}`);
    // The gate comes first (the page cannot tell a link from a guess); the API's one answer then.
    await enterDateOfBirth(stranger, DOB);
    await stranger.getByRole('heading', { name: 'This link can no longer be used' }).waitFor();
    await patientScreen(stranger, '09-link-unusable');

    // The coordinator revokes the link: the patient's next step gets the same clear page.
    const section = coordinator.getByRole('region', { name: 'Patient link' });
    await section
      .getByRole('row')
      .filter({ hasText: 'Email to' })
      .getByRole('button', { name: /^Revoke/ })
      .click();
    await section.getByText('REVOKED', { exact: true }).waitFor();
    await patient.reload();
    await patient.getByRole('heading', { name: 'This link can no longer be used' }).waitFor();
    // It names the clinic this tab saw, and keeps nothing of the link.
    await patient.getByText(/Please contact E2E Clinic/).waitFor();
    expect(await patient.evaluate(() => sessionStorage.getItem('contour.portal.token'))).toBeNull();
    expect(cspViolations).toEqual([]);
  });
});

/** How many pixels of the signature box are not white (the ink). */
function inkedPixels(page: Page): Promise<number> {
  return page.getByTestId('signature-pad').evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200) inked++;
    return inked;
  });
}
