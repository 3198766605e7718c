// Text a person types, pastes, uploads or brings in a link is shown as text, never as markup: the
// same `<img onerror>` goes into a roster id, a site id, a simulator event's details, a custom
// policy set's name and policy id, and a shared link's scenario. Each time the page shows it
// literally, creates no <img> element, and runs nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, finish, fillDate } from './harness.mjs';

const XSS = '<img src=x onerror="window.__xss=1">';

/** `locator` shows the markup as text, and the page holds no image and ran nothing. */
async function shownAsText(page, locator, what) {
  // An image's error handler runs after the image fails to load: give it time to.
  await page.waitForTimeout(200);
  assert.ok((await locator.textContent()).includes('<img src=x'), `${what} shows the text as it was typed`);
  assert.equal(await page.locator('img').count(), 0, `${what} created no image`);
  assert.equal(await page.evaluate(() => window.__xss), undefined, `${what} ran nothing`);
}

test('a roster id is text in the accounts table', async () => {
  const s = await open('/roster');
  const { page } = s;
  const quoted = `"${XSS.replaceAll('"', '""')}"`;
  await page.getByTestId('roster-text').fill(`id,kind,created,lastActivity\n${quoted},user,2025-01-06,2025-05-20\nplain,user,2025-01-06,2025-05-20\n`);
  await fillDate(page, 'as-of', '2025-06-01');
  await page.getByTestId('evaluate').click();
  await page.getByTestId('done').waitFor();
  await shownAsText(page, page.getByTestId('accounts'), 'the accounts table');
  await finish(s);
});

test('a site id and name are text in the shared mailbox plan', async () => {
  const s = await open('/shared-mailboxes');
  const { page } = s;
  await fillDate(page, 'as-of', '2025-06-01');
  // The table names a site by its name where one is given.
  await page.getByTestId('sites').fill(`${XSS}, ${XSS} House`);
  await page.getByTestId('users').fill(`amy.lee, ${XSS}, 2025-05-20`);
  await page.getByTestId('mailboxes').fill(`office, ${XSS}, amy.lee`);
  await page.getByTestId('plan').click();
  await page.getByTestId('site-counts').waitFor();
  await shownAsText(page, page.getByTestId('site-counts'), 'the counts per site');
  await finish(s);
});

test("a simulator event's organisation and new address are text in the events table", async () => {
  const s = await open('/simulator');
  const { page } = s;
  for (const type of ['joined', 'nameChanged']) {
    await fillDate(page, 'new-on', '2025-03-01');
    await page.getByTestId('new-event-type').selectOption(type);
    await page.getByTestId('new-event-detail').fill(XSS);
    await page.getByTestId('add-event').click();
  }
  const events = page.getByTestId('events');
  await shownAsText(page, events, 'the events table');
  assert.equal((await events.textContent()).split('<img src=x').length - 1, 4, 'both events, and both Remove buttons, name it');
  await finish(s);
});

test("a custom policy set's name and policy id are text on the rules and roster pages", async () => {
  const s = await open('/rules');
  const { page } = s;
  const set = { policySet: XSS, policies: [{ id: XSS, effectiveFrom: '2024-01-01', inactiveAfterDays: 45 }] };
  await page.getByTestId('policy-text').fill(JSON.stringify(set));
  await page.getByTestId('load-policy').click();
  await page.getByTestId('custom-set').waitFor();
  await shownAsText(page, page.getByTestId('custom-set'), 'the custom policy set');
  // Chosen on the roster page: its name is an option, then the heading of the counts.
  await page.goto(page.url().replace('/rules', '/roster'));
  await page.getByTestId('roster-text').fill('id,kind,created,lastActivity\njo,user,2025-01-06,2025-05-20\n');
  await fillDate(page, 'as-of', '2025-06-01');
  await page.getByTestId('policy-set').selectOption('custom');
  await page.getByTestId('evaluate').click();
  await page.getByTestId('done').waitFor();
  await shownAsText(page, page.locator('main'), 'the roster page');
  const counts = page.locator('main h2', { hasText: 'account on' });
  assert.ok((await counts.textContent()).includes('<img src=x'), 'the counts name the set');
  await finish(s);
});

test("a shared link's scenario is text on the simulator", async () => {
  const s = await open('/');
  const { page } = s;
  const scenario = {
    kind: 'user', created: '2025-01-06', onboarded: true, policySet: 'national', asOf: '2025-04-01',
    events: [
      { on: '2025-02-03', type: 'joined', organisation: XSS },
      { on: '2025-02-04', type: 'nameChanged', address: XSS },
    ],
  };
  await page.goto(`${new URL(page.url()).origin}/simulator?scenario=${encodeURIComponent(JSON.stringify(scenario))}`);
  await page.getByTestId('state').first().waitFor();
  await shownAsText(page, page.getByTestId('events'), 'the linked events');
  await finish(s);
});
