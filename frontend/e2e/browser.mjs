// Debian's chromium, driven by playwright-core (which never downloads a browser of its own).
import { chromium, selectors } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const screenshots = resolve(import.meta.dirname, '..', '..', 'target', 'e2e-screenshots');

export async function launch() {
  mkdirSync(screenshots, { recursive: true });
  selectors.setTestIdAttribute('data-test');
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** A fresh page (no stored session or language) that fails the test on any page error. */
export async function freshPage(browser, base, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, baseURL: base });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.pageErrors = errors;
  return page;
}

export async function shot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}
