// Plain English on every page (UI.md, Content): no backticks, camelCase names or field paths in
// what a person reads, even when something is wrong; plurals right; states by their labels;
// policy sets by their titles; sites by their names. At a phone's width and a desktop's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, check, finish, fillDate, errorSummary } from './harness.mjs';

const WIDTHS = [
  { width: 375, height: 812 },
  { width: 1280, height: 900 },
];

/** The text a person reads on the page now: no form values, no code samples. */
const visibleText = (page) => page.evaluate(() => {
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (el.closest('pre, code, script, style, textarea, select, [hidden]')) continue;
    // Text a screen reader reads counts too (visually hidden text).
    if (!el.checkVisibility() && !el.closest('.nhsuk-u-visually-hidden')) continue;
    parts.push(n.textContent);
  }
  return parts.join(' ').replace(/\s+/g, ' ');
});

/** Asserts the page says nothing in code. */
async function noCode(page, where) {
  const text = await visibleText(page);
  assert.doesNotMatch(text, /`/, `${where}: a backtick`);
  const camel = text.match(/\b[a-z]+[A-Z][A-Za-z]*\b/g) ?? [];
  assert.deepEqual(camel, [], `${where}: camelCase names`);
  const paths = text.match(/\b[a-z]+\[\d+\]/g) ?? [];
  assert.deepEqual(paths, [], `${where}: field paths`);
  assert.doesNotMatch(text, /\bpurged\b/i, `${where}: a state by its code name`);
  return text;
}

// Each page in a state where it shows what the engine said was wrong.
const ERRORS = [
  {
    name: 'roster-csv', path: '/roster',
    act: async (page) => {
      await page.getByTestId('roster-text').fill('id,kind,created,recordedState\njo,user,2025-02-30,\nsam,user,2025-01-02,zzz\n');
      await page.getByTestId('evaluate').click();
    },
    says: /line 2, column 3 \(created\): 2025-02-30 is not a real date/,
  },
  {
    name: 'roster-json', path: '/roster',
    act: async (page) => {
      await page.getByTestId('roster-text').fill(JSON.stringify({ accounts: [{ id: 'a', kind: 'user', created: '2025-13-01' }] }));
      await page.getByTestId('evaluate').click();
    },
    says: /The roster has a problem at account 1, date created: 2025-13-01 is not a real date/,
  },
  {
    name: 'shared-mailboxes-owner', path: '/shared-mailboxes',
    act: async (page) => {
      await page.getByTestId('example').click();
      await page.getByTestId('mailboxes').fill('oak-office, oak, x');
      await page.getByTestId('plan').click();
    },
    says: /Shared mailboxes, line 1: x is not one of the people listed/,
  },
  {
    name: 'shared-mailboxes-after', path: '/shared-mailboxes',
    act: async (page) => {
      await page.getByTestId('example').click();
      await page.getByTestId('users').fill('amy.lee, oak, 2025-07-01');
      await page.getByTestId('mailboxes').fill('');
      await page.getByTestId('plan').click();
    },
    says: /People, line 1: 1 July 2025 is after the date to plan for: 1 June 2025/,
  },
  {
    name: 'rules-policy', path: '/rules',
    act: async (page) => {
      await page.getByTestId('policy-text').fill(JSON.stringify({ policySet: 'my-trust', policies: [{ id: 'p1', effectiveFrom: '2024-01-01', inactiveAfterDays: 0 }] }));
      await page.getByTestId('load-policy').click();
    },
    says: /Your policy set has a problem at policy 1, inactive after no activity for/,
  },
  {
    name: 'sign-in-date', path: '/sign-in',
    act: async (page) => {
      await fillDate(page, 'on', ['31', '2', '2025']);
      await page.getByTestId('check').click();
    },
    says: /Date of the sign-in must be a real date/,
  },
  {
    name: 'simulator-date', path: '/simulator',
    act: async (page) => fillDate(page, 'as-of', ['1', '', '2025']),
    says: /Date to look at must include a month/,
  },
];

for (const size of WIDTHS) {
  for (const { name, path, act, says } of ERRORS) {
    test(`${name}: what is wrong is said in people's words (${size.width} px)`, async () => {
      const s = await open(path);
      const { page } = s;
      await page.setViewportSize(size);
      await act(page);
      const summary = page.getByTestId(path === '/simulator' ? 'input-error' : 'error-summary');
      await summary.waitFor();
      if (path !== '/simulator') await errorSummary(page);
      const text = await noCode(page, name);
      assert.match(text, says);
      await check(page, `words-${name}-${size.width}`);
      await finish(s);
    });
  }

  test(`counts are singular for one, and sets and sites go by their names (${size.width} px)`, async () => {
    const s = await open('/roster');
    const { page } = s;
    await page.setViewportSize(size);
    await page.getByTestId('roster-text').fill('id,kind,created\njo,user,2025-01-06\n');
    await fillDate(page, 'as-of', '2025-06-01');
    await page.getByTestId('evaluate').click();
    assert.equal(await page.getByTestId('done').textContent(), 'Checked 1 account.');
    assert.match(await visibleText(page), /1 account on 1 June 2025 \(National policy\)/);
    assert.match(await page.getByTestId('showing').textContent(), /of 1 account$/);
    await page.getByTestId('compare').click();
    await page.getByTestId('differing').waitFor();
    assert.match(await page.getByTestId('differing').textContent(), /^[01] of 1 account differs?\.$/);
    const heads = await page.getByTestId('compare-states').locator('th').allTextContents();
    assert.ok(heads.includes('National policy') && heads.includes('North Central London ICB'), heads.join(' | '));
    await noCode(page, 'roster results');
    await check(page, `words-roster-one-${size.width}`);
    await finish(s);

    // The policy sets' tables head their columns by dates, not policy ids.
    const r = await open('/rules');
    await r.page.setViewportSize(size);
    const text = await noCode(r.page, 'rules');
    assert.doesNotMatch(text, /national-2016|ncl-icb/);
    assert.match(text, /From 1 December 2022/);
    await finish(r);

    // The planner names sites by the names given.
    const m = await open('/shared-mailboxes');
    await m.page.setViewportSize(size);
    await m.page.getByTestId('example').click();
    await m.page.getByTestId('plan').click();
    const counts = await m.page.getByTestId('site-counts').textContent();
    assert.match(counts, /Oak House/);
    assert.match(counts, /Elm Lodge/);
    const planned = await noCode(m.page, 'planner results');
    assert.match(planned, /amy\.lee \(permanently deleted\)/);
    await finish(m);
  });
}

test('every page in its ordinary state says nothing in code; screenshots at three sizes', async () => {
  const views = [
    ['/', null],
    ['/sign-in', (page) => page.getByTestId('check').click()],
    ['/simulator', null],
    ['/shared-mailboxes', async (page) => { await page.getByTestId('example').click(); await page.getByTestId('plan').click(); }],
    ['/roster', async (page) => {
      await page.getByTestId('roster-text').fill('id,kind,created,lastActivity,recordedState\njo,user,2025-01-06,2025-05-20,active\nsam,shared,2024-01-06,,purged\n');
      await page.getByTestId('evaluate').click();
      await page.getByTestId('done').waitFor();
    }],
    ['/rules', null],
    ['/eligibility', null],
    ['/eligibility/check', null],
  ];
  for (const [path, act] of views) {
    const s = await open(path);
    await act?.(s.page);
    await noCode(s.page, path);
    for (const size of [{ width: 375, height: 812 }, { width: 1024, height: 768 }, { width: 1280, height: 900 }]) {
      await s.page.setViewportSize(size);
      await check(s.page, `words${path.replace(/\//g, '-') || '-home'}-${size.width}x${size.height}`);
    }
    await finish(s);
  }
});

test('the eligibility answers\' hidden link text keeps its capitals', async () => {
  const s = await open('/eligibility/check');
  const hidden = await s.page.locator('.nhsuk-summary-list__actions .nhsuk-u-visually-hidden').allTextContents();
  assert.ok(hidden.length > 0, 'the answers have Change links');
  for (const h of hidden) assert.notEqual(h, h.toLowerCase(), `"${h}" is lower-cased`);
  await finish(s);
});
