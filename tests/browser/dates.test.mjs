// Every date on every page is the NHS.UK date input (UI.md): three text fields, the NHS.UK error
// patterns with only the wrong fields marked, what was typed kept. At a phone's width and a
// desktop's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, check, finish, env, fillDate, dateParts, errorSummary } from './harness.mjs';

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];

// Every page and every date field on it; `submit` is the button that checks the form (none for
// the simulator, which checks as you type).
const FORMS = [
  { path: '/roster', submit: 'evaluate', dates: [['as-of', 'Date to check']] },
  { path: '/sign-in', submit: 'check', dates: [['on', 'Date of the sign-in']] },
  {
    path: '/shared-mailboxes', submit: 'plan',
    dates: [['as-of', 'Date to plan for'], ['mds-complete-on', 'Date the minimum data set was complete']],
    before: (page) => page.getByTestId('example').click(),
  },
  { path: '/simulator', dates: [['created', 'Date the account was created'], ['as-of', 'Date to look at']] },
];

const PAGES = ['/', '/sign-in', '/shared-mailboxes', '/roster', '/simulator', '/rules', '/eligibility',
  ...['organisation-type', 'cqc-registered', 'dspt-status', 'approaching-before', 'dspt-year', 'sites',
    'local-administrators', 'existing-nhsmail', 'check', 'outcome'].map((step) => `/eligibility/${step}`)];

/** The classes of a date input's three fields: which are marked as wrong. */
const marked = (page, id) => Promise.all(['day', 'month', 'year'].map(async (p) =>
  (await page.getByTestId(`${id}-${p}`).getAttribute('class')).includes('nhsuk-input--error')));

/** The inline message of the date input `id` (its fieldset's error). */
const inline = (page, id) => page.locator(`#${id}-error`).textContent();

async function submit(page, form) {
  if (form.submit) await page.getByTestId(form.submit).click();
}

for (const size of WIDTHS) {
  test(`no page has a browser date picker (${size.width} px)`, async () => {
    const s = await open('/');
    await s.page.setViewportSize(size);
    for (const path of PAGES) {
      await s.page.goto(env.origin + path);
      await s.page.locator('h1').first().waitFor();
      assert.notEqual(await s.page.locator('h1').first().textContent(), 'Page not found', path);
      assert.equal(await s.page.locator('input[type=date]').count(), 0, `${path} has no input[type=date]`);
      for (const input of await s.page.locator('.nhsuk-date-input input').all()) {
        assert.equal(await input.getAttribute('inputmode'), 'numeric');
        assert.equal(await input.getAttribute('type'), 'text');
      }
    }
    await finish(s);
  });

  for (const form of FORMS) {
    for (const [id, label] of form.dates) {
      test(`${form.path} ${label}: typed, missing, impossible (${size.width} px)`, async () => {
        const s = await open(form.path);
        const { page } = s;
        await page.setViewportSize(size);
        await form.before?.(page);
        const group = page.getByTestId(id);
        assert.equal(await group.locator('legend').textContent(), label);
        assert.match(await group.locator('.nhsuk-hint').textContent(), /^(.* )?For example, 15 3 2025$/);

        // Typed in three fields: accepted.
        await fillDate(page, id, '2025-06-01');
        await submit(page, form);
        assert.equal(await page.locator(`#${id}-error`).count(), 0, 'no error for a real date');

        // A missing month: named, only the month marked, the rest kept as typed.
        await fillDate(page, id, ['1', '', '2025']);
        await submit(page, form);
        const missing = `${label} must include a month`;
        assert.equal((await inline(page, id)).replace(/^Error: ?/, ''), missing);
        assert.deepEqual(await marked(page, id), [false, true, false]);
        assert.deepEqual(await dateParts(page, id), ['1', '', '2025']);
        assert.match(await page.title(), /^Error: /);
        if (form.submit) {
          assert.match(await errorSummary(page), new RegExp(missing));
          // The summary's link lands on the field to fix.
          await page.getByTestId('error-summary').getByRole('link', { name: missing }).click();
          await page.waitForFunction((want) => document.activeElement?.id === want, `${id}-month`);
        } else {
          assert.match(await page.getByTestId('input-error').textContent(), new RegExp(missing));
        }
        await check(page, `date-missing${form.path.replace(/\//g, '-')}-${id}-${size.width}`);

        // 31 February: not a real date, the day marked, kept exactly as typed (the leading 0 too).
        await fillDate(page, id, ['31', '02', '2025']);
        await submit(page, form);
        assert.equal((await inline(page, id)).replace(/^Error: ?/, ''), `${label} must be a real date`);
        assert.deepEqual(await marked(page, id), [true, false, false]);
        assert.deepEqual(await dateParts(page, id), ['31', '02', '2025']);

        // Letters in the year, and a two-digit year.
        await fillDate(page, id, ['1', '6', '20x5']);
        await submit(page, form);
        assert.equal((await inline(page, id)).replace(/^Error: ?/, ''), `${label} must be a real date`);
        assert.deepEqual(await marked(page, id), [false, false, true]);
        await fillDate(page, id, ['1', '6', '25']);
        await submit(page, form);
        assert.equal((await inline(page, id)).replace(/^Error: ?/, ''), `${label} must include a year with 4 numbers`);
        await check(page, `date-impossible${form.path.replace(/\//g, '-')}-${id}-${size.width}`);

        // Fixed: the message goes.
        await fillDate(page, id, '2025-06-01');
        await submit(page, form);
        await page.locator(`#${id}-error`).waitFor({ state: 'detached' });
        await finish(s);
      });
    }
  }

  test(`dates out of range say the range and mark the whole date (${size.width} px)`, async () => {
    const s = await open('/shared-mailboxes');
    const { page } = s;
    await page.setViewportSize(size);
    await page.getByTestId('example').click();
    await fillDate(page, 'mds-complete-on', '1989-12-31');
    await page.getByTestId('plan').click();
    const range = 'Date the minimum data set was complete must be between 1 January 1990 and 31 December 2099';
    assert.match(await errorSummary(page), new RegExp(range));
    assert.equal((await inline(page, 'mds-complete-on')).replace(/^Error: ?/, ''), range);
    assert.deepEqual(await marked(page, 'mds-complete-on'), [true, true, true]);
    assert.deepEqual(await dateParts(page, 'mds-complete-on'), ['31', '12', '1989']);
    await check(page, `date-range-shared-mailboxes-${size.width}`);
    await finish(s);

    // The simulator: the date to look at is on or after the day the account was created.
    const t = await open('/simulator');
    await t.page.setViewportSize(size);
    await fillDate(t.page, 'created', '2025-03-01');
    await fillDate(t.page, 'as-of', '2025-02-28');
    const after = 'Date to look at must be the same as or after 1 March 2025';
    assert.match(await t.page.getByTestId('input-error').textContent(), new RegExp(after));
    assert.equal((await inline(t.page, 'as-of')).replace(/^Error: ?/, ''), after);
    assert.deepEqual(await marked(t.page, 'as-of'), [true, true, true]);
    assert.deepEqual(await marked(t.page, 'created'), [false, false, false]);
    await check(t.page, `date-range-simulator-${size.width}`);
    await finish(t);
  });
}

test('the date of a new simulator event: an impossible date is not added', async () => {
  const s = await open('/simulator');
  const { page } = s;
  const rows = await page.getByTestId('events').locator('tbody tr').count();
  await fillDate(page, 'new-on', ['30', '2', '2025']);
  await page.getByTestId('add-event').click();
  assert.match(await page.getByTestId('add-error').textContent(), /Date of the event must be a real date/);
  assert.deepEqual(await marked(page, 'new-on'), [true, false, false]);
  assert.equal(await page.getByTestId('events').locator('tbody tr').count(), rows);
  await page.getByTestId('add-error').getByRole('link').click();
  await page.waitForFunction(() => document.activeElement?.id === 'new-on-day');
  await fillDate(page, 'new-on', '2025-03-31');
  await page.getByTestId('add-event').click();
  assert.equal(await page.getByTestId('events').locator('tbody tr').count(), rows + 1);
  assert.equal(await page.getByTestId('add-error').count(), 0);
  await finish(s);
});

test('a half-typed date survives a reload as typed; a real one is kept as an ISO date', async () => {
  const s = await open('/roster');
  const { page } = s;
  await fillDate(page, 'as-of', ['31', '02', '2025']);
  await page.reload();
  await page.getByTestId('as-of-day').waitFor();
  assert.deepEqual(await dateParts(page, 'as-of'), ['31', '02', '2025']);
  await fillDate(page, 'as-of', ['01', '06', '2025']);
  await page.waitForFunction(() => localStorage.getItem('nhsmail-rules.roster.v1')?.includes('"as_of":"2025-06-01"'));
  // What was typed stays as typed ("01"), not rewritten while the person types.
  assert.deepEqual(await dateParts(page, 'as-of'), ['01', '06', '2025']);
  await page.reload();
  await page.getByTestId('as-of-day').waitFor();
  assert.deepEqual(await dateParts(page, 'as-of'), ['1', '6', '2025']);
  await finish(s);
});

test('screenshots of every page with dates, at a phone, a projector and a desktop', async () => {
  for (const form of FORMS) {
    const s = await open(form.path);
    const { page } = s;
    await form.before?.(page);
    const [id] = form.dates[0];
    await fillDate(page, id, ['31', '2', '2025']);
    await submit(page, form);
    for (const size of [{ width: 375, height: 812 }, { width: 1024, height: 768 }, { width: 1280, height: 900 }]) {
      await page.setViewportSize(size);
      await check(page, `dates${form.path.replace(/\//g, '-')}-${size.width}x${size.height}`);
      // The date input fits the screen.
      const box = await page.getByTestId(id).boundingBox();
      assert.ok(box.x + box.width <= size.width, `${form.path}: the date input fits ${size.width} px`);
    }
    await finish(s);
  }
});
