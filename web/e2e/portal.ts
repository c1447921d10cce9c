import type { Browser, Page } from 'playwright-core';

/** The date of birth as the patient pages ask for it: month (1–12), day, year. */
export interface PortalDob {
  month: string;
  day: string;
  year: string;
}

/** The patient pages' date-of-birth gate, filled and sent. */
export async function enterDateOfBirth(page: Page, dob: PortalDob): Promise<void> {
  await page.getByLabel('Month').selectOption(dob.month);
  await page.getByLabel('Day').fill(dob.day);
  await page.getByLabel('Year').fill(dob.year);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * The in-clinic path of the FDA checklist: the coordinator creates a copy link on the plan page
 * and hands the clinic's tablet to the patient, who confirms her date of birth, initials every
 * part and signs (docs/patient-portal.md). The tablet is a browser context of its own.
 */
export async function checklistOnClinicTablet(
  browser: Browser,
  staff: Page,
  baseUrl: string,
  patient: { dob: PortalDob; name: string; initials: string },
): Promise<void> {
  const section = staff.getByRole('region', { name: 'Patient link' });
  await section.getByRole('radio', { name: /Create a link to copy/ }).check();
  await section.getByRole('button', { name: 'Create link' }).click();
  const url = await section.getByRole('textbox', { name: 'Patient link' }).inputValue();
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    tablet.setDefaultTimeout(15_000);
    const page = await tablet.newPage();
    await page.goto(`${baseUrl}/p/${url.split('/p/')[1] ?? ''}`);
    await enterDateOfBirth(page, patient.dob);
    await page.getByRole('link', { name: 'Read and initial' }).click();
    const parts = page.getByLabel(/^Your initials for part \d+$/);
    await parts.first().waitFor();
    for (let i = 0; i < (await parts.count()); i++) await parts.nth(i).fill(patient.initials);
    await page.getByLabel('Your full name').fill(patient.name);
    await page.getByRole('button', { name: 'Sign the checklist' }).click();
    await page.getByText(/You signed this checklist as/).waitFor();
  } finally {
    await tablet.close();
  }
}
