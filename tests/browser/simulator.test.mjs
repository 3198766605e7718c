// The lifecycle simulator: the SPEC example, a preset with as-of changes, events, the share link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, check, finish, env, fillDate, dateValue } from './harness.mjs';

const text = (page, id) => page.getByTestId(id).first().textContent();

test('the simulator opens on the SPEC example, then follows a new account', async () => {
  const s = await open('/simulator');
  const { page } = s;
  assert.equal(await text(page, 'state'), 'Inactive');
  assert.match(await text(page, 'next'), /Deleted on 21 April 2025/);
  await check(page, 'simulator');

  await fillDate(page, 'created', '2025-03-01');
  await page.getByTestId('onboarded').check();
  while (await page.getByRole('button', { name: /^Remove/ }).count() > 0) {
    await page.getByRole('button', { name: /^Remove/ }).first().click();
  }
  await fillDate(page, 'as-of', '2025-03-15');
  assert.equal(await text(page, 'state'), 'Active');
  assert.equal(await text(page, 'keep-active-by'), '30 March 2025');
  assert.match(await page.getByTestId('actions').textContent(), /Sign in or send an email by 30 March 2025/);

  await fillDate(page, 'as-of', '2025-03-31');
  assert.equal(await text(page, 'state'), 'Inactive');
  await page.getByTestId('forward-month').click();
  assert.equal(await dateValue(page, 'as-of'), '2025-04-30');
  assert.equal(await text(page, 'state'), 'Deleted');
  assert.equal(await text(page, 'restorable-until'), '29 May 2025');

  await fillDate(page, 'new-on', '2025-04-30');
  await page.getByTestId('new-event-type').selectOption('restored');
  await page.getByTestId('add-event').click();
  assert.equal(await text(page, 'state'), 'Active');
  assert.equal(await page.getByTestId('transitions').locator('tbody tr').count(), 3);
  // The SVG has a text alternative listing the same stretches as the table.
  const desc = await page.locator('#tl-d').textContent();
  assert.match(desc, /Active from 1 March 2025 to 30 March 2025; Inactive from 31 March 2025 to 29 April 2025; Active from 30 April 2025/);
  assert.match(desc, /then Inactive on 30 May 2025/);
  await finish(s);
});

test('a preset, moved back and forward by the date buttons', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await page.getByTestId('preset').selectOption('six-weeks-leave');
  await page.getByTestId('load-preset').click();
  assert.equal(await dateValue(page, 'as-of'), '2025-08-11');
  assert.equal(await text(page, 'state'), 'Active');
  // Back a week: still on leave, inactive since 28 July 2025 (30 days after 27 June).
  await page.getByTestId('back-week').click();
  assert.equal(await dateValue(page, 'as-of'), '2025-08-04');
  assert.equal(await text(page, 'state'), 'Inactive');
  assert.match(await text(page, 'since'), /July 2025/);
  await page.getByTestId('back-day').click();
  assert.equal(await dateValue(page, 'as-of'), '2025-08-03');
  await page.getByTestId('forward-week').click();
  await page.getByTestId('forward-day').click();
  assert.equal(await dateValue(page, 'as-of'), '2025-08-11');
  assert.equal(await text(page, 'state'), 'Active');
  // Each change of state carries its rule and the source sentence.
  const why = page.getByTestId('transitions').locator('details').first();
  await why.locator('summary').click();
  assert.match(await why.textContent(), /Rule LC-INACTIVE/);

  for (const preset of ['new-starter', 'leaver-joins', 'ncl-change', 'disabled-leave']) {
    await page.getByTestId('preset').selectOption(preset);
    await page.getByTestId('load-preset').click();
    await page.getByTestId('state').first().waitFor();
  }
  // NCL: the 90-day policy until 1 December 2022, then 30 days.
  await page.getByTestId('preset').selectOption('ncl-change');
  await page.getByTestId('load-preset').click();
  await fillDate(page, 'as-of', '2022-11-30');
  assert.equal(await text(page, 'state'), 'Active');
  await page.getByTestId('forward-day').click();
  assert.equal(await text(page, 'state'), 'Inactive');
  await check(page, 'simulator-preset');
  await finish(s);
});

test('the share link reproduces the scenario exactly, in a fresh page', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await page.getByTestId('preset').selectOption('leaver-joins');
  await page.getByTestId('load-preset').click();
  await page.getByTestId('back-week').click();
  const link = await page.getByTestId('share-link').inputValue();
  const state = await text(page, 'state');
  const rows = await page.getByTestId('events').locator('tbody').textContent();
  await page.close();

  // A new page with an empty store, opened on the link.
  const t = await open('/');
  await t.page.goto(link);
  await t.page.getByTestId('state').first().waitFor();
  assert.equal(await dateValue(t.page, 'as-of'), '2025-04-13');
  assert.equal(await t.page.getByTestId('state').first().textContent(), state);
  assert.equal(await t.page.getByTestId('events').locator('tbody').textContent(), rows);
  assert.equal(await t.page.getByTestId('share-link').inputValue(), link);
  await finish(t);
  assert.ok(link.startsWith(env.origin + '/simulator?scenario='));
});

test('a missing date shows a problem, not a blank page', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await fillDate(page, 'as-of', '');
  await page.getByTestId('input-error').waitFor();
  assert.match(await page.getByTestId('input-error').textContent(), /There is a problem/);
  assert.match(await page.title(), /^Error: /);
  await page.getByTestId('new-event-type').selectOption('joined');
  await page.getByTestId('add-event').click();
  assert.match(await page.getByTestId('add-error').textContent(), /organisation/);
  // Its link takes the focus to the field, as the page's other error summaries do.
  await page.getByTestId('add-error').getByRole('link').click();
  await page.waitForFunction(() => document.activeElement?.id === 'new-detail');
  await finish(s);
});
