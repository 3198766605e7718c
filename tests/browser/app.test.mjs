// The built app (dist/) in headless Chromium, driven by Playwright: enter an account, read the state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { serveDir } from './serve.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'target', 'screenshots');
mkdirSync(shots, { recursive: true });

let server;
let browser;
let origin;

before(async () => {
  ({ server, origin } = await serveDir(join(root, 'dist')));
  // A fresh profile each run; the flags keep Chromium from calling out to Google's hosts.
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'nhsmail-chromium-')), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    locale: 'en-GB',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage() {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(origin + '/');
  await page.getByTestId('state').waitFor();
  return { page, requests, errors };
}

test('the simulator shows the SPEC example, then follows a new account', async () => {
  const { page, requests, errors } = await openPage();
  // The page opens on SPEC section 3's example.
  assert.equal(await page.getByTestId('state').textContent(), 'Inactive');
  assert.match(await page.getByTestId('next').textContent(), /Deleted on 21 April 2025/);

  // Enter an account: a personal account created on 1 March 2025, onboarded, with no events.
  await page.getByTestId('created').fill('2025-03-01');
  await page.getByTestId('onboarded').check();
  while (await page.getByRole('button', { name: /^Remove/ }).count() > 0) {
    await page.getByRole('button', { name: /^Remove/ }).first().click();
  }
  await page.getByTestId('as-of').fill('2025-03-15');
  assert.equal(await page.getByTestId('state').textContent(), 'Active');
  assert.equal(await page.getByTestId('keep-active-by').textContent(), '30 March 2025');

  // A day after the keep-active date it is inactive; the button moves the date by a week.
  await page.getByTestId('as-of').fill('2025-03-31');
  assert.equal(await page.getByTestId('state').textContent(), 'Inactive');
  await page.getByTestId('forward-month').click();
  assert.equal(await page.getByTestId('as-of').inputValue(), '2025-04-30');
  assert.equal(await page.getByTestId('state').textContent(), 'Deleted');
  assert.equal(await page.getByTestId('restorable-until').textContent(), '29 May 2025');

  // A sign-in while deleted is blocked: the helpdesk restores instead.
  await page.getByTestId('new-event-on').fill('2025-04-30');
  await page.getByTestId('new-event-type').selectOption('restored');
  await page.getByTestId('add-event').click();
  assert.equal(await page.getByTestId('state').textContent(), 'Active');
  const rows = await page.getByTestId('transitions').locator('tbody tr').count();
  assert.equal(rows, 3); // inactive, deleted, restored

  await page.screenshot({ path: join(shots, 'simulator.png'), fullPage: true });
  assert.deepEqual(errors, []);
  const foreign = requests.filter((u) => !u.startsWith(origin));
  assert.deepEqual(foreign, [], 'no request may leave the page origin');
  await page.close();
});

test('a missing date shows a problem, not a blank page', async () => {
  const { page } = await openPage();
  await page.getByTestId('as-of').fill('');
  await page.getByTestId('input-error').waitFor();
  assert.match(await page.getByTestId('input-error').textContent(), /There is a problem/);
  await page.getByTestId('new-event-type').selectOption('joined');
  await page.getByTestId('add-event').click();
  assert.match(await page.getByTestId('add-error').textContent(), /organisation/);
  await page.close();
});
