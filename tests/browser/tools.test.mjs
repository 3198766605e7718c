// The sign-in check, the shared mailbox planner, roster and decisions, and policies and rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { open, check, finish, env, root, errorSummary, fillDate } from './harness.mjs';
import { rosterCsv } from './roster-csv.mjs';

const engine = createRequire(import.meta.url)(join(root, 'pkg', 'node', 'nhsmail_rules.js'));

test('the home page lists every tool', async () => {
  const s = await open('/');
  const { page } = s;
  const path = () => new URL(page.url()).pathname;
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  assert.equal(await page.locator('main h2').count(), 6);
  await check(page, 'home');
  // The skip link moves the focus to the content, not only the view.
  await page.getByRole('link', { name: 'Skip to main content' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'maincontent');
  // The links move between pages in place (leptos_router), without loading the page again; the
  // address and history follow, and the focus starts at the new page's content.
  await page.evaluate(() => { window.stillHere = true; });
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Sign-in check' }).click();
  await page.getByRole('heading', { name: 'Sign-in check', level: 1 }).waitFor();
  await page.waitForFunction(() => location.pathname === '/sign-in');
  assert.equal(await page.evaluate(() => window.stillHere), true);
  assert.equal(await page.locator('[aria-current="page"]').textContent(), 'Sign-in check');
  await page.waitForFunction(() => document.activeElement?.id === 'maincontent');
  // Back returns to the home page, in place.
  await page.goBack();
  await page.getByRole('heading', { name: 'NHSmail policy rules', level: 1 }).waitFor();
  assert.equal(path(), '/');
  assert.equal(await page.evaluate(() => window.stillHere), true);
  // A move from far down a long page starts the new page at its top.
  await page.goto(env.origin + '/rules');
  await page.getByRole('heading', { name: 'Policies and rules', level: 1 }).waitFor();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => window.scrollY > 500);
  await page.evaluate(() => document.querySelector('nav a[href="/roster"]').click());
  await page.waitForFunction(() => location.pathname === '/roster');
  await page.getByRole('heading', { name: 'Roster and decisions', level: 1 }).waitFor();
  await page.waitForFunction(() => window.scrollY === 0);
  await page.goto(env.origin + '/no-such-page');
  await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  assert.equal(await page.locator('[aria-current]').count(), 0);
  await check(page, 'not-found');
  // Steps the checker does not have are not found either; a trailing slash is the same page.
  for (const missing of ['/eligibility/no-such-step', '/eligibility/check/extra']) {
    await page.goto(env.origin + missing);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  }
  await page.goto(env.origin + '/roster/');
  await page.getByRole('heading', { name: 'Roster and decisions', level: 1 }).waitFor();
  assert.equal(await page.locator('[aria-current="page"]').textContent(), 'Roster and decisions');
  await page.goto(env.origin + '/eligibility/sites/');
  await page.getByRole('heading', { name: 'How many sites do you have?' }).waitFor();
  assert.equal(await page.locator('[aria-current="page"]').textContent(), 'Check if you can get NHSmail');
  assert.equal(await focused(), '');
  await finish(s);
});

for (const width of [375, 1280]) {
  test(`the sign-in check: nothing chosen at first, one question per fact, soft enforcement worded as a prompt (${width} px)`, async () => {
    const s = await open('/sign-in', { today: '2025-03-01' });
    const { page } = s;
    await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
    assert.equal(await page.locator('input[type=radio]:checked, input[type=checkbox]:checked').count(), 0);
    // The Account Secret is one question (no checkbox that can disagree with it).
    assert.equal(await page.getByText(/Account Secret/).count(), 1);
    assert.equal(await page.locator('input[type=checkbox]').count(), 0);
    // An empty form is errors, never an answer.
    await page.getByTestId('check').click();
    assert.match(await errorSummary(page), /Select the account's state.*Select where.*Select what.*Account Secret/s);
    assert.equal(await page.getByTestId('answer').count(), 0);
    assert.match(await page.title(), /^Error: /);
    await check(page, `sign-in-error-${width}`);
    // The summary's link takes the focus to the field.
    await page.getByTestId('error-summary').getByRole('link').first().click();
    await page.waitForFunction(() => document.activeElement?.id === 'state');
    await page.getByLabel('Active', { exact: true }).check();
    await page.getByLabel('Outside the UK').check();
    // Asked only where it changes the answer: multi-factor authentication abroad.
    await page.locator('#mfa-no').check();
    await page.getByLabel('Office 365').check();
    await page.locator('#secret').check();
    await page.getByTestId('check').click();
    await page.getByTestId('error-summary').waitFor({ state: 'hidden' });
    assert.doesNotMatch(await page.title(), /^Error: /);
    assert.equal(await page.getByTestId('answer-heading').textContent(), 'They cannot sign in');
    assert.match(await page.getByTestId('reasons').textContent(), /multi-factor/i);
    await check(page, `sign-in-refused-${width}`);
    await page.locator('#mfa').check();
    await page.getByTestId('check').click();
    assert.equal(await page.getByTestId('answer-heading').textContent(), 'They can sign in');
    // The portal without an Account Secret after 3 February 2025: asked for it at sign-in (003).
    await page.getByLabel('The UK', { exact: true }).check();
    await page.getByLabel('The NHSmail portal').check();
    await page.locator('#secret-no').check();
    await page.getByTestId('check').click();
    await page.getByTestId('prompted').waitFor();
    const answer = await page.getByTestId('answer').textContent();
    assert.equal(await page.getByTestId('answer-heading').textContent(), 'They will be asked to set an Account Secret');
    assert.match(answer, /They will be asked to set an Account Secret when they sign in to the NHSmail portal\. They cannot use portal services until they do\./);
    assert.doesNotMatch(answer, /cannot sign in/i);
    assert.equal(await page.getByTestId('answer').getByRole('link').getAttribute('href'), 'https://support.nhs.net/knowledge-base/setting-a-user-account-secret/');
    await check(page, `sign-in-prompted-${width}`);
    // An inactive account is asked about the acceptable use policy too; not onboarded, no reactivation.
    await page.getByLabel('Inactive', { exact: true }).check();
    await page.getByLabel('Office 365').check();
    await page.getByTestId('check').click();
    assert.match(await errorSummary(page), /acceptable use policy/);
    await page.locator('#aup').check();
    await page.getByTestId('check').click();
    assert.equal(await page.getByTestId('answer-heading').textContent(), 'They can sign in');
    assert.match(await page.getByTestId('reasons').textContent(), /does not reactivate/);
    await page.locator('#secret').check();
    await page.getByTestId('check').click();
    await page.getByTestId('reactivates').waitFor();
    await finish(s);
  });
}

test('the mailbox planner counts, flags problems and writes the request email', async () => {
  const s = await open('/shared-mailboxes');
  const { page } = s;
  await page.getByTestId('example').click();
  await page.getByTestId('plan').click();
  const counts = await page.getByTestId('site-counts').textContent();
  assert.match(counts, /Oak House\s*12 of 10\s*1 of 1\s*Over/);
  assert.match(await page.getByTestId('problems').textContent(), /Mailbox elm-office/);
  assert.match(await page.getByTestId('can-progress').textContent(), /Not ready yet/);
  assert.match(await page.getByTestId('blockers').textContent(), /amy\.lee/);
  assert.match(await page.getByTestId('completes-on').textContent(), /9 June 2025/);
  const email = await page.getByTestId('email').inputValue();
  assert.ok(email.startsWith('Dear Care Admin Team,\n\nWe require new user accounts for our shared mailbox.'));
  assert.ok(email.endsWith('Number of new users required: 3'));
  await page.getByTestId('copy').click();
  await page.getByText('Email text copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), email);
  await check(page, 'shared-mailboxes');
  // A person on a site that does not exist: named by its line.
  await page.getByTestId('users').fill('amy.lee, nowhere, 2025-05-01');
  await page.getByTestId('plan').click();
  assert.match(await errorSummary(page), /People, line 1/);
  await finish(s);
});

/** A roster CSV of `n` accounts with a spread of histories and recorded states. */

test('a CSV upload, the summary, the table, a comparison and the decisions download', async () => {
  const s = await open('/roster');
  const { page } = s;
  const csv = rosterCsv(300);
  await page.getByTestId('roster-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('file-name').waitFor();
  await fillDate(page, 'as-of', '2025-06-01');
  await page.getByTestId('evaluate').click();
  await page.getByTestId('done').waitFor();
  const expected = engine.exportDecisions(engine.parseRosterCsv(csv), '2025-06-01', { policySet: 'national', remindWithinDays: 7 });
  assert.match(await page.getByTestId('by-state').textContent(), new RegExp(`Active\\s*${expected.summary.byState.active}(?!\\d)`));
  // The download is exactly what exportDecisions writes for the same input.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  assert.equal(download.suggestedFilename(), 'decisions-2025-06-01.json');
  const text = readFileSync(await download.path(), 'utf8');
  assert.deepEqual(JSON.parse(text), expected);
  assert.equal(text, JSON.stringify(expected));
  // Filter and sort the table.
  await page.getByTestId('filter-state').selectOption('inactive');
  const showing = await page.getByTestId('showing').textContent();
  assert.match(showing, new RegExp(`of ${expected.summary.byState.inactive} accounts`));
  await page.getByTestId('filter-state').selectOption('');
  await page.getByTestId('sort-Account').click();
  assert.equal(await page.locator('th[aria-sort=descending]').count(), 1);
  assert.equal(await page.getByTestId('accounts').locator('tbody tr').first().locator('td').first().textContent(), 'acct-000299');
  await page.getByTestId('next-page').click();
  assert.match(await page.getByTestId('showing').textContent(), /Showing 51 to 100 of 300 accounts/);
  // Compare with North Central London ICB on the same date.
  await page.getByTestId('compare-with').selectOption('ncl-icb');
  await page.getByTestId('compare').click();
  await page.getByTestId('differing').waitFor();
  const comparison = engine.comparePolicies(engine.parseRosterCsv(csv), '2025-06-01', { policySet: 'national' }, { policySet: 'ncl-icb' });
  assert.equal(await page.getByTestId('differing').textContent(), `${comparison.summary.differing} of 300 accounts differ.`);
  await check(page, 'roster');
  await finish(s);
});

test('Excel\'s Unicode text (UTF-16) and Windows-1252 CSV files decide as the npm module decides from their bytes', async () => {
  for (const name of ['unicode-text-utf16le.txt', 'csv-comma-delimited-windows-1252.csv']) {
    const bytes = readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
    const s = await open('/roster');
    const { page } = s;
    await page.getByTestId('roster-file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
    await page.getByTestId('file-name').waitFor();
    await fillDate(page, 'as-of', '2025-12-01');
    await page.getByTestId('evaluate').click();
    await page.getByTestId('done').waitFor();
    const expected = engine.exportDecisions(engine.parseRosterCsv(new Uint8Array(bytes)), '2025-12-01', { policySet: 'national', remindWithinDays: 7 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    assert.equal(readFileSync(await download.path(), 'utf8'), JSON.stringify(expected), name);
    await finish(s);
  }
});

test('a portal export: undated Disabled and Active (Leaver) rows are listed as kept as recorded, with no decision', async () => {
  const s = await open('/roster');
  const { page } = s;
  const csv = 'Email address,Display name,Account type,Created,Last sign in,Status\n'
    + 'long.leave@nhs.net,Sam Ray,User,01/03/2019,02/01/2021,Disabled\n'
    + 'gone@nhs.net,Ann Lee,User,01/03/2019,02/01/2021,Active (Leaver)\n'
    + 'old.hand@nhs.net,Old Hand,User,01/03/2019,30/11/2025,Active\n';
  await page.getByTestId('roster-text').fill(csv);
  await fillDate(page, 'as-of', '2025-12-01');
  await page.getByTestId('evaluate').click();
  await page.getByTestId('done').waitFor();
  const held = page.getByTestId('held');
  assert.match(await held.textContent(), /2 accounts kept as recorded/);
  assert.deepEqual(await page.getByTestId('held-list').locator('li strong').allTextContents(), ['long.leave@nhs.net', 'gone@nhs.net']);
  assert.match(await held.textContent(), /add the date it was disabled/);
  const expected = engine.exportDecisions(engine.parseRosterCsv(csv), '2025-12-01', { policySet: 'national', remindWithinDays: 7 });
  assert.equal(expected.summary.held, 2);
  assert.match(await page.getByTestId('by-action').textContent(), /Delete\s*0/);
  await check(page, 'roster-held');
  await finish(s);
});

test('a roster with a bad cell names its line and column', async () => {
  const s = await open('/roster');
  const { page } = s;
  await page.getByTestId('roster-text').fill('id,kind,created\njo,user,2025-02-30\n');
  await page.getByTestId('evaluate').click();
  await page.getByTestId('error-summary').waitFor();
  assert.match(await errorSummary(page), /line 2, column 3 \(created\)/);
  // The field names its hint and its error message for a screen reader.
  assert.equal(await page.getByTestId('roster-text').getAttribute('aria-describedby'), 'roster-text-hint roster-text-error');
  assert.match(await page.locator('#roster-text-error').textContent(), /line 2, column 3/);
  await check(page, 'roster-error');
  await finish(s);
});

test('100,000 rows: progress is shown and the page stays responsive', async () => {
  const s = await open('/roster');
  const { page } = s;
  await page.getByTestId('roster-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(rosterCsv(100000)) });
  await page.getByTestId('file-name').waitFor();
  await fillDate(page, 'as-of', '2025-06-01');
  await page.getByTestId('evaluate').click();
  await page.locator('#progress-bar').waitFor();
  // While it runs, the page answers within a fraction of a second.
  let slowest = 0;
  while (await page.getByTestId('done').count() === 0) {
    const t = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    slowest = Math.max(slowest, Date.now() - t);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(slowest < 1000, `the page froze for ${slowest} ms`);
  assert.match(await page.getByTestId('done').textContent(), /Checked 100,000 accounts/);
  await finish(s);
});

test('policies and rules: the catalogue, a bad policy file, then a good one used on the roster page', async () => {
  const s = await open('/rules');
  const { page } = s;
  assert.ok(await page.locator('[data-testid^=rules-] code').count() >= 30);
  await page.getByTestId('policy-file').setInputFiles({
    name: 'bad.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ policySet: 'my-trust', policies: [{ id: 'p1', effectiveFrom: '2024-13-01' }] })),
  });
  await page.getByTestId('error-summary').waitFor();
  assert.match(await errorSummary(page), /There is a problem.*Your policy set has a problem at policy 1, start date: 2024-13-01 is not a real date/s);
  assert.match(await page.title(), /^Error: /);
  await check(page, 'rules-error');
  await page.getByTestId('policy-text').fill(JSON.stringify({ policySet: 'my-trust', policies: [{ id: 'p1', effectiveFrom: '2024-01-01', inactiveAfterDays: 45 }] }));
  await page.getByTestId('load-policy').click();
  await page.getByTestId('custom-set').waitFor();
  assert.match(await page.getByTestId('custom-set').textContent(), /45 days/);
  await check(page, 'rules');
  await page.goto(env.origin + '/roster');
  assert.match(await page.getByTestId('policy-set').textContent(), /Your policy set \(my-trust\)/);
  await finish(s);
});
