import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Screenshots of each main screen land here (`.ci/run` keeps them with the run's output). */
export const OUTPUT = resolve(__dirname, '../test-results/e2e');

/** Debian's chromium (`apt-get install chromium`); Playwright's own download cannot run here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    // The machine has no internet: without these, Chromium keeps trying Google's services.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** What the pages' consoles said about their Content-Security-Policy (nothing, if all is well). */
export const cspViolations: string[] = [];

/** A page of a fresh context, its console watched for CSP refusals. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  // A step that does not happen fails in seconds, not after Playwright's 30 s.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return page;
}

/** A signed-in person in their own browser context (own cookies, so own session). */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
  });
  // A step that does not happen fails in seconds, not after Playwright's 30 s.
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-user').waitFor();
  return page;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html?: string; any?: { message: string }[] }[];
}

/**
 * Runs axe-core in the page (injected from node_modules) and fails on any serious or critical
 * violation, naming the rule and the elements.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol: a script tag would be refused by the page's
  // Content-Security-Policy, which the test keeps on (it is part of what is tested).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html?.slice(0, 120),
        any: n.any?.map((a) => ({ message: a.message })),
      })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ` +
        v.nodes
          .map((n) => `${n.html ?? n.target.join(' ')} (${n.any?.[0]?.message ?? ''})`)
          .join(', '),
    ),
    `axe on ${screen}`,
  ).toEqual([]);
}

/**
 * The whole page under the test output, named for the screen: the window is made as tall as the
 * page (a full-page capture would paint the fixed header mid-page), toasts hidden.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const hideToasts = await page.addStyleTag({
    content: '.mantine-Notifications-root { display: none !important; }',
  });
  await page.setViewportSize({
    width: size.width,
    height: Math.min(Math.max(height, size.height), 4000),
  });
  await page.screenshot({ path: join(OUTPUT, `${name}.png`) });
  await page.setViewportSize(size);
  await hideToasts.evaluate((style: Element) => {
    style.remove();
  });
}

/**
 * The screen at a 1024 px tablet in landscape: nothing wider than the window (tables scroll
 * inside their own container), then back to the desktop width.
 */
export async function expectFitsTablet(page: Page, screen: string): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 768 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  await page.setViewportSize({ width: 1280, height: 800 });
  expect(overflow, `${screen} is wider than a 1024 px window`).toBeLessThanOrEqual(0);
}

/**
 * Picks an option of a Mantine Select (its listbox carries the same label, hence the role). A
 * list still loading when the box opened can leave it open and empty on a slow machine: the box is
 * closed and opened again, three times at most.
 */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  const box = page.getByRole('combobox', { name: label, exact: true });
  const item = page.getByRole('option', { name: option });
  for (let attempt = 1; ; attempt++) {
    await box.click();
    try {
      await item.click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Ends the page's web session on the server behind the app's back (as the idle timeout, a
 * password reset or a sign-out elsewhere would): the next call of the app answers 401.
 */
export async function endSessionOnServer(page: Page, baseUrl: string): Promise<void> {
  const cookies = await page.context().cookies(baseUrl + '/api/v1');
  const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = cookies.find((c) => c.name === 'contour_csrf')?.value ?? '';
  const res = await fetch(`${baseUrl}/api/v1/auth/session`, {
    method: 'DELETE',
    headers: { cookie: header, 'x-csrf-token': csrf },
  });
  expect(res.status).toBe(204);
}
