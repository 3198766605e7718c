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
  // The page says which year is current on the day checked.
  assert.equal(await page.getByTestId('current-year').textContent(),
    'Information: On 15 January 2026, the current DSPT year is 2025-26. Publish it by 30 June 2026. Until then, a 2024-25 publication still counts.');
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
  const steps = page.getByTestId('next-steps');
  assert.match(await steps.textContent(), /NHSmail portal.*self-management/s);
  // Real links out, plain navigation: the portal, and the site that holds the forms.
  assert.equal(await steps.getByRole('link', { name: 'Go to the NHSmail portal' }).getAttribute('href'), 'https://portal.nhs.net/');
  assert.equal(await steps.getByRole('link', { name: /self-management application form/ }).getAttribute('href'), 'https://support.nhs.net/');
  assert.match(await page.getByTestId('dspt-valid-until').textContent(), /30 June 2026/);
  // Said once, and nothing marked "Not met" on a page that says "You can get NHSmail".
  const main = await page.locator('main').textContent();
  assert.equal(main.split('Apply through the NHSmail portal').length - 1, 1, main);
  const reasons = page.getByTestId('reasons');
  assert.match(await reasons.textContent(), /Met/);
  assert.doesNotMatch(await reasons.textContent(), /Not met/);
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
  // A knock-out: straight to the outcome, no more questions.
  await page.getByTestId('outcome').waitFor();
  assert.equal(new URL(page.url()).pathname, '/eligibility/outcome');
  assert.equal(await page.getByTestId('outcome').textContent(), 'You cannot get NHSmail yet');
  assert.match(await page.getByTestId('next-steps').textContent(), /DSPT/);
  assert.match(await page.getByTestId('reasons').textContent(), /Not met/);
  assert.equal(await page.getByTestId('allowance').count(), 0);
  await check(page, 'eligibility-outcome-not-eligible');
  await finish(s);
});

async function atWidth(page, width) {
  await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
}

for (const width of [375, 1280]) {
  test(`knock-out answers go straight to the outcome, with what to do (${width} px)`, async () => {
    for (const [label, answers, says] of [
      ['not CQC registered', ['A care provider', 'No'], /not registered with the CQC/],
      ['DSPT not published', ['A care provider', 'Yes', 'Not Published'], /Complete and publish your DSPT/],
      ["I'm not sure", ['A care provider', 'Yes', "I'm not sure"], /Find your DSPT status/],
    ]) {
      const s = await open('/eligibility/organisation-type', { today: '2026-01-15' });
      const { page } = s;
      await atWidth(page, width);
      for (const a of answers) await choose(page, a);
      await page.getByTestId('outcome').waitFor();
      assert.equal(new URL(page.url()).pathname, '/eligibility/outcome', label);
      assert.equal(await page.getByTestId('outcome').textContent(), 'You cannot get NHSmail yet');
      assert.match(await page.locator('main').textContent(), says, label);
      assert.ok(await page.getByTestId('next-steps').locator('li').count() >= 1);
      // Nothing is said about questions that were not asked.
      assert.doesNotMatch(await page.getByTestId('reasons').textContent(), /do not have NHSmail yet/);
      if (label !== 'not CQC registered') {
        assert.equal(await page.getByTestId('dspt-link').getByRole('link').getAttribute('href'), 'https://www.dsptoolkit.nhs.uk/');
      }
      await check(page, `eligibility-knock-out-${label.replace(/\W+/g, '-')}-${width}`);
      // The answers so far, and the outcome from there.
      await page.getByTestId('back').click();
      await page.getByRole('heading', { name: 'Check your answers' }).waitFor();
      assert.equal(await page.getByTestId('answers').locator('.nhsuk-summary-list__row').count(), answers.length);
      await page.getByTestId('see-outcome').click();
      await page.getByTestId('outcome').waitFor();
      await finish(s);
    }
  });

  test(`the DSPT year: a lapsed year is warned of, a year out of range is an error (${width} px)`, async () => {
    const s = await open('/eligibility/organisation-type', { today: '2026-07-15' });
    const { page } = s;
    await atWidth(page, width);
    for (const a of ['A care provider', 'Yes', 'Standards Met']) await choose(page, a);
    assert.match(await page.getByTestId('current-year').textContent(), /current DSPT year is 2026-27\. Publish it by 30 June 2027\. Until then, a 2025-26 publication still counts\./);
    for (const year of ['2030-31', '1999-00', '2017-18']) {
      await page.getByTestId('dspt-year').fill(year);
      await page.getByTestId('continue').click();
      assert.match(await errorSummary(page), /Enter a year from 2018-19 to 2026-27/, year);
      assert.equal(await page.getByTestId('dspt-year').inputValue(), year);
    }
    await check(page, `eligibility-dspt-year-error-${width}`);
    assert.equal(await page.getByTestId('lapsed').count(), 0);
    await page.getByTestId('dspt-year').fill('2024-25');
    await page.getByTestId('lapsed').waitFor();
    assert.match(await page.getByTestId('lapsed').textContent(), /A 2024-25 publication stopped counting after 30 June 2026/);
    await check(page, `eligibility-dspt-year-lapsed-${width}`);
    await page.getByTestId('dspt-year').fill('2025-26');
    await page.getByTestId('lapsed').waitFor({ state: 'detached' });
    // Lapsed is a knock-out: straight to the outcome, which does not say it still counts.
    await page.getByTestId('dspt-year').fill('24/25');
    await page.getByTestId('continue').click();
    await page.getByTestId('outcome').waitFor();
    assert.match(await page.getByTestId('reasons').textContent(), /stopped counting/);
    assert.equal(await page.getByTestId('dspt-valid-until').count(), 0);
    await finish(s);
  });

  test(`a one-site home: one shared mailbox, no route marked not met; print and clear my answers (${width} px)`, async () => {
    const s = await open('/eligibility/organisation-type', { today: '2026-01-15' });
    const { page } = s;
    await atWidth(page, width);
    for (const a of ['A care provider', 'Yes', 'Standards Met']) await choose(page, a);
    await page.getByTestId('dspt-year').fill('2025-26');
    await page.getByTestId('continue').click();
    await page.getByTestId('sites').fill('1');
    await page.getByTestId('continue').click();
    await choose(page, 'No');
    await choose(page, 'No');
    await page.getByTestId('see-outcome').click();
    await page.getByTestId('outcome').waitFor();
    assert.equal(await page.getByTestId('allowance').textContent(), 'Up to 10 named user accounts and 1 shared mailbox.');
    assert.doesNotMatch(await page.locator('main').textContent(), /Not met|self-management/);
    await check(page, `eligibility-outcome-one-site-${width}`);
    // Print: the outcome without the back link, the buttons or the menu.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('outcome').isVisible(), true);
    assert.equal(await page.getByTestId('next-steps').isVisible(), true);
    for (const hidden of ['[data-testid=back]', '[data-testid=print]', '[data-testid=clear-answers]', '.nhsuk-header__navigation', 'button']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is printed`);
    }
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.getByTestId('print').textContent(), 'Print or save this page');
    // Clear my answers: nothing kept on this computer, back to the first question.
    assert.notEqual(await page.evaluate(() => localStorage.getItem('nhsmail-rules.eligibility.v1')), null);
    await page.getByTestId('clear-answers').click();
    await page.getByRole('heading', { name: 'What kind of organisation are you?' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('nhsmail-rules.eligibility.v1')), null);
    assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
    await page.reload();
    await page.getByRole('heading', { name: 'What kind of organisation are you?' }).waitFor();
    assert.equal(await page.locator('input[type=radio]:checked').count(), 0);
    await finish(s);
  });
}
