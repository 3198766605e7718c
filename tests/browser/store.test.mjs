// Keep work: answers survive a reload; a corrupted store is discarded with a message, never a
// blank page, and the person's other saved work is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, check, finish, env, fillDate, dateValue } from './harness.mjs';

const ROSTER = 'id,kind,created\nsam,user,2025-01-02\n';

/** Opens the sign-in check and the roster page and enters work in each; ends on the roster. */
async function enterWork() {
  const s = await open('/sign-in');
  await s.page.getByLabel('Deleted', { exact: true }).check();
  await fillDate(s.page, 'on', '2025-02-03');
  await s.page.goto(env.origin + '/roster');
  await s.page.getByTestId('roster-text').fill(ROSTER);
  return s;
}

test('reload keeps what was entered on each page', async () => {
  const s = await enterWork();
  const { page } = s;
  await page.goto(env.origin + '/simulator');
  await page.getByTestId('preset').selectOption('disabled-leave');
  await page.getByTestId('load-preset').click();
  await page.getByTestId('forward-week').click();
  const asOf = await dateValue(page, 'as-of');
  await page.reload();
  await page.getByTestId('state').first().waitFor();
  assert.equal(await dateValue(page, 'as-of'), asOf);
  await page.goto(env.origin + '/sign-in');
  assert.equal(await page.getByLabel('Deleted', { exact: true }).isChecked(), true);
  assert.equal(await dateValue(page, 'on'), '2025-02-03');
  await page.goto(env.origin + '/roster');
  assert.equal(await page.getByTestId('roster-text').inputValue(), 'id,kind,created\nsam,user,2025-01-02\n');
  await finish(s);
});

test('a corrupted store shows a message and a working page; other saved work is kept', async () => {
  const s = await open('/eligibility', { today: '2026-01-15' });
  const { page } = s;
  await page.evaluate(() => {
    localStorage.setItem('nhsmail-rules.eligibility.v1', JSON.stringify({ organisation_type: 'nationalSupport', existing_nhsmail: 'no' }));
    localStorage.setItem('nhsmail-rules.simulator.v1', '{"kind": "user", "created": "2025-13-45"');
    localStorage.setItem('nhsmail-rules.sign-in.v1', '[1, 2, 3]');
  });
  await page.goto(env.origin + '/simulator');
  await page.getByTestId('store-notice').waitFor();
  assert.match(await page.getByTestId('store-notice').textContent(), /saved simulator scenario could not be read/);
  // The page works: it shows the default scenario and recomputes.
  assert.equal(await page.getByTestId('state').first().textContent(), 'Inactive');
  await check(page, 'store-corrupted');
  await page.goto(env.origin + '/sign-in');
  await page.getByTestId('store-notice').waitFor();
  await page.getByTestId('check').click();
  await page.getByTestId('error-summary').waitFor();
  // The eligibility answers were not touched.
  await page.goto(env.origin + '/eligibility/check');
  assert.match(await page.getByTestId('answers').textContent(), /supports the NHS nationally/);
  await finish(s);
});

test('oversized and corrupt values, and a full store: messages, working pages, other work kept', async () => {
  const s = await enterWork();
  const { page } = s;
  await page.waitForFunction(() => (localStorage.getItem('nhsmail-rules.roster.v1') ?? '').includes('sam,user'));
  // Two megabytes of broken JSON, a megabyte of JSON of the wrong shape, then the rest of the
  // browser's quota filled by another app's key.
  const filled = await page.evaluate(() => {
    localStorage.setItem('nhsmail-rules.simulator.v1', `{"account": ${'['.repeat(1000)}${'x'.repeat(2_000_000)}`);
    localStorage.setItem('nhsmail-rules.eligibility.v1', JSON.stringify(Array.from({ length: 150_000 }, (_, i) => i)));
    localStorage.setItem('nhsmail-rules.shared-mailboxes.v1', '\u0000\ud800 not JSON');
    let size = 1 << 22;
    let n = 0;
    while (size >= 1024) {
      try {
        localStorage.setItem(`another-app-${n}`, 'y'.repeat(size));
        n += 1;
      } catch {
        size >>= 1;
      }
    }
    return n;
  });
  assert.ok(filled > 0);
  await page.goto(env.origin + '/simulator');
  await page.getByTestId('store-notice').waitFor();
  assert.match(await page.getByTestId('store-notice').textContent(), /saved simulator scenario could not be read/);
  assert.equal(await page.getByTestId('state').first().textContent(), 'Inactive');
  await page.goto(env.origin + '/eligibility/check');
  await page.getByTestId('store-notice').waitFor();
  assert.match(await page.getByTestId('store-notice').textContent(), /could not be read/);
  await page.goto(env.origin + '/shared-mailboxes');
  await page.getByTestId('store-notice').waitFor();
  // The person's other work is kept, and so is the other app's.
  await page.goto(env.origin + '/sign-in');
  assert.equal(await page.getByLabel('Deleted', { exact: true }).isChecked(), true);
  assert.equal(await dateValue(page, 'on'), '2025-02-03');
  await page.goto(env.origin + '/roster');
  assert.equal(await page.getByTestId('roster-text').inputValue(), 'id,kind,created\nsam,user,2025-01-02\n');
  assert.equal(await page.evaluate(() => localStorage.getItem('another-app-0').length > 0), true);
  // Now the store is full to the last byte: a change cannot be saved, the page says so and works.
  await page.evaluate(() => {
    let size = 1 << 20;
    let n = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`another-app-more-${n}`, 'z'.repeat(size));
        n += 1;
      } catch {
        size >>= 1;
      }
    }
  });
  await page.goto(env.origin + '/roster');
  await page.getByTestId('roster-text').fill('id,kind,created\nsam,user,2025-01-02\nkim,user,2025-01-03\n');
  await page.getByTestId('store-notice').waitFor();
  assert.match(await page.getByTestId('store-notice').textContent(), /could not be saved in this browser/);
  await page.goto(env.origin + '/sign-in');
  await page.getByTestId('check').click();
  await page.getByTestId('error-summary').waitFor();
  // With room again, a reload shows the last work that was saved.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('another-app')).forEach((k) => localStorage.removeItem(k)));
  await page.goto(env.origin + '/roster');
  assert.equal(await page.getByTestId('roster-text').inputValue(), 'id,kind,created\nsam,user,2025-01-02\n');
  await check(page, 'store-full');
  await finish(s);
});
