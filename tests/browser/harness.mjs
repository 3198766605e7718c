// Shared by the browser tests: the built app (dist/) served on 127.0.0.1, a headless Chromium
// driven by playwright-core, and checks every journey makes: no request leaves the origin, no
// page error, zero axe-core violations, and a screenshot under target/screenshots/.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium } from './chromium.mjs';
import { serveDir } from './serve.mjs';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const shots = join(root, 'target', 'screenshots');
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export const env = { browser: null, origin: null, server: null };

before(async () => {
  ({ server: env.server, origin: env.origin } = await serveDir(join(root, 'dist')));
  env.browser = await launchChromium({ locale: 'en-GB', acceptDownloads: true });
  // The copy buttons write to the clipboard; the tests read it back.
  await env.browser.grantPermissions(['clipboard-read', 'clipboard-write']);
});

after(async () => {
  await env.browser?.close();
  env.server?.close();
});

/** Opens `path` on a fresh page (local storage cleared unless `keep`), recording every request. */
export async function open(path, { keep = false, today } = {}) {
  const page = await env.browser.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  if (today) await page.clock.setFixedTime(new Date(`${today}T12:00:00`));
  if (!keep) {
    await page.goto(env.origin + '/');
    await page.evaluate(() => localStorage.clear());
  }
  await page.goto(env.origin + path);
  await page.locator('h1').first().waitFor();
  return { page, requests, errors };
}

/** Runs axe-core on the page as it is now and asserts zero violations. */
export async function axe(page, label) {
  // Evaluated through the devtools protocol, not added as a <script>: the page's content security
  // policy rightly refuses inline scripts, and the tests run under it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(result, [], `axe violations on ${label}`);
}

/** The error summary's text, once it is shown with at least one problem in it. */
export async function errorSummary(page) {
  const summary = page.getByTestId('error-summary');
  await summary.locator('li').first().waitFor();
  return summary.textContent();
}

/** Screenshot, axe, and no error: what every page of every journey must pass. */
export async function check(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  await axe(page, name);
}

/** The journey made no request outside the page's origin and raised no error. */
export async function finish({ page, requests, errors }) {
  const foreign = requests.filter((u) => !u.startsWith(env.origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'no request may leave the page origin');
  assert.deepEqual(errors, []);
  await page.close();
}

/** Types an ISO date (`2025-06-01`) into the date input `id`'s day, month and year fields as a
 *  person would (`1`, `6`, `2025`); `''` empties them. Parts given as an array are typed as they
 *  are (`['31', '02', '2025']`). */
export async function fillDate(page, id, date) {
  let parts;
  if (Array.isArray(date)) {
    parts = date;
  } else if (date === '') {
    parts = ['', '', ''];
  } else {
    const [y, m, d] = date.split('-');
    parts = [String(Number(d)), String(Number(m)), y];
  }
  const [day, month, year] = parts;
  await page.getByTestId(`${id}-day`).fill(day);
  await page.getByTestId(`${id}-month`).fill(month);
  await page.getByTestId(`${id}-year`).fill(year);
}

/** What the date input `id`'s fields hold, exactly: `[day, month, year]`. */
export async function dateParts(page, id) {
  return Promise.all(['day', 'month', 'year'].map((p) => page.getByTestId(`${id}-${p}`).inputValue()));
}

/** The date input `id`'s fields read as an ISO date (`2025-06-01`), as the old date fields gave. */
export async function dateValue(page, id) {
  const [d, m, y] = await dateParts(page, id);
  if (!d && !m && !y) return '';
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
