// "Check if you can get NHSmail": an eligible care provider (with an error, a back link and a
// change), and a provider that is not eligible, by keyboard only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, check, finish, errorSummary } from './harness.mjs';

async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
  await page.getByTestId('continue').click();
}

test('an eligible care provider, with an error fixed, a back link and a changed answer', async () => {
  const s = await open('/eligibility', { today: '2026-01-15' });
  const { page } = s;
  await check(page, 'eligibility-start');
  await page.getByTestId('start').click();
  await page.getByRole('heading', { name: 'What kind of organisation are you?' }).waitFor();
  // Continue without an answer: the error summary, the inline error and the title say so.
  await page.getByTestId('continue').click();
  await page.getByTestId('error-summary').waitFor();
  assert.match(await errorSummary(page), /There is a problem.*Select the kind of organisation/);
  assert.match(await page.title(), /^Error: /);
  assert.equal(await page.locator('.nhsuk-error-message').count(), 1);
  // The summary takes the focus, so a screen reader reads it first (UI.md).
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'error-summary');
  await check(page, 'eligibility-error');
  await choose(page, 'A care provider');
  await check(page, 'eligibility-question');
  await choose(page, 'Yes');
  await choose(page, 'Standards Met');
  await page.getByTestId('dspt-year').fill('24/25');
  await page.getByTestId('continue').click();
  await page.getByTestId('sites').fill('three');
  await page.getByTestId('continue').click();
  assert.match(await errorSummary(page), /whole number/);
  assert.equal(await page.getByTestId('sites').inputValue(), 'three', 'keeps what was typed');
  // The back link keeps answers.
  await page.getByTestId('back').click();
  assert.equal(await page.getByTestId('dspt-year').inputValue(), '2024-25');
  await page.getByTestId('continue').click();
  await page.getByTestId('sites').fill('3');
  await page.getByTestId('continue').click();
  await choose(page, 'Yes');
  await choose(page, 'No');
  await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
  assert.match(await page.getByTestId('answers').textContent(), /Standards Met.*2024-25.*3/s);
  await check(page, 'eligibility-check-answers');
  // Change the number of sites: back to the check page afterwards.
  await page.getByTestId('change-sites').click();
  assert.equal(await page.getByTestId('sites').inputValue(), '3');
  await page.getByTestId('sites').fill('4');
  await page.getByTestId('continue').click();
  await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
  await page.getByTestId('see-outcome').click();
  assert.equal(await page.getByTestId('outcome').locator('h1').textContent(), 'You can get NHSmail');
  assert.equal(await page.getByTestId('allowance').textContent(), 'Up to 40 named user accounts and 4 shared mailboxes.');
  assert.match(await page.getByTestId('routes').textContent(), /NHSmail portal.*self-management/s);
  assert.match(await page.getByTestId('dspt-valid-until').textContent(), /30 June 2026/);
  assert.ok(await page.getByTestId('next-steps').locator('li').count() >= 1);
  const reasons = page.getByTestId('reasons');
  assert.match(await reasons.textContent(), /Met/);
  await reasons.locator('summary').first().click();
  assert.match(await reasons.locator('blockquote').first().textContent(), /\w/);
  await check(page, 'eligibility-outcome-eligible');
  await finish(s);
});

/** Presses Tab until the focused element matches `selector` (at most 60 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

async function keyAnswer(page, value) {
  await tabTo(page, `input[type=radio][value="${value}"], input[type=radio]:first-of-type`);
  // Arrow keys move between radios; the first Tab lands on the first one.
  for (let i = 0; i < 8; i += 1) {
    if (await page.evaluate((v) => document.activeElement?.value === v, value)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Space');
  await tabTo(page, '[data-testid=continue]');
  await page.keyboard.press('Enter');
}

test('a provider whose DSPT is not met, by keyboard only', async () => {
  const s = await open('/eligibility', { today: '2026-01-15' });
  const { page } = s;
  await tabTo(page, '[data-testid=start]');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'What kind of organisation are you?' }).waitFor();
  await keyAnswer(page, 'careProvider');
  await page.getByRole('heading', { name: /Care Quality Commission/ }).waitFor();
  await keyAnswer(page, 'yes');
  await page.getByRole('heading', { name: /DSPT\) status/ }).waitFor();
  await keyAnswer(page, 'standardsNotMet');
  await page.getByRole('heading', { name: 'How many sites do you have?' }).waitFor();
  await tabTo(page, '#sites');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /local administrators/ }).waitFor();
  await keyAnswer(page, 'no');
  await page.getByRole('heading', { name: /already have NHSmail/ }).waitFor();
  await keyAnswer(page, 'no');
  await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
  await tabTo(page, '[data-testid=see-outcome]');
  await page.keyboard.press('Enter');
  await page.getByTestId('outcome').waitFor();
  assert.equal(await page.getByTestId('outcome').textContent(), 'You cannot get NHSmail yet');
  assert.match(await page.getByTestId('next-steps').textContent(), /DSPT/);
  assert.match(await page.getByTestId('reasons').textContent(), /Not met/);
  assert.equal(await page.getByTestId('allowance').count(), 0);
  await check(page, 'eligibility-outcome-not-eligible');
  await finish(s);
});
