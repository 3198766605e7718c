// Phones, desktops and paper: the header's menu button, no page wider than a 320 px screen (even
// with a 400-character word typed in), and a screenshot of every page at 375x812, 1024x768 and
// 1280x900 (axe on each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, check, finish, env } from './harness.mjs';

const PAGES = ['/', '/eligibility', '/eligibility/organisation-type', '/eligibility/dspt-year', '/eligibility/check',
  '/eligibility/outcome', '/simulator', '/sign-in', '/shared-mailboxes', '/roster', '/rules', '/no-such-page'];
const LONG = 'x'.repeat(400);

/** Presses Tab until the focused element matches `selector` (at most 40 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

const headerHeight = (page) => page.evaluate(() => document.querySelector('header').getBoundingClientRect().height);
const expanded = (page) => page.getByTestId('menu-toggle').getAttribute('aria-expanded');
/** The links in the header's bar and in its menu list, by their words. */
const links = (page) => page.evaluate(() => ({
  bar: [...document.querySelectorAll('.nhsuk-header__navigation-list:not(.app-header-measure) > .nhsuk-header__navigation-item')].map((e) => e.textContent),
  menu: [...document.querySelectorAll('.nhsuk-header__menu-list a')].filter((a) => a.offsetParent).map((a) => a.textContent),
}));

for (const [width, height] of [[375, 812], [1280, 900]]) {
  test(`the header at ${width} px: short, its menu button opened and closed by keyboard`, async () => {
    const s = await open('/sign-in');
    const { page } = s;
    await page.setViewportSize({ width, height });
    await page.waitForFunction(() => document.querySelector('.nhsuk-header__menu')?.hidden === false);
    assert.ok(await headerHeight(page) <= 160, `header ${await headerHeight(page)} px tall`);
    const toggle = page.getByTestId('menu-toggle');
    const { bar } = await links(page);
    if (width < 641) {
      assert.equal((await toggle.textContent()).trim(), 'Menu');
      assert.deepEqual(bar, [], 'on a phone every link is behind the button');
    } else {
      assert.ok(bar.length >= 3, `${bar.length} links in the bar`);
      assert.equal(bar[0], 'Check if you can get NHSmail');
    }
    assert.equal(await expanded(page), 'false');
    assert.equal(await page.locator('#header-menu-list').isVisible(), false);
    // Tab to the button; Enter opens the list, Escape closes it and leaves the focus on the button.
    await tabTo(page, '[data-testid=menu-toggle]');
    await page.keyboard.press('Enter');
    assert.equal(await expanded(page), 'true');
    const { menu } = await links(page);
    assert.equal(bar.length + menu.length, 6, 'every page is reachable, once');
    await check(page, `header-menu-open-${width}`);
    // The open list is not drawn over the page: the header grows by its height.
    assert.ok(await headerHeight(page) > 160 || width > 641);
    await page.keyboard.press('Escape');
    assert.equal(await expanded(page), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'menu-toggle');
    assert.ok(await headerHeight(page) <= 160);
    // Space opens it too; a link in it goes to its page, and the list closes.
    await page.keyboard.press('Space');
    assert.equal(await expanded(page), 'true');
    await tabTo(page, '#header-menu-list a[href="/rules"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Policies and rules', level: 1 }).waitFor();
    assert.equal(await expanded(page), 'false');
    assert.equal(await page.locator('[aria-current="page"]').textContent(), 'Policies and rules');
    await check(page, `header-menu-closed-${width}`);
    await finish(s);
  });
}

/** Whether the page is wider than the window. */
const overflow = (page) => page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: innerWidth }));

async function assertFits(page, label) {
  const { scroll, inner } = await overflow(page);
  assert.ok(scroll <= inner, `${label}: ${scroll} px wide on a ${inner} px screen`);
}

test('no page is wider than a 320 px screen, even with a 400-character word typed in', async () => {
  const s = await open('/');
  const { page } = s;
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of PAGES) {
    await page.goto(env.origin + path);
    await page.locator('h1').first().waitFor();
    await assertFits(page, path);
  }
  // A long word into every box a page shows back.
  await page.goto(env.origin + '/roster');
  await page.getByTestId('roster-text').fill(`id,kind,created,organisation\n${LONG},user,2025-01-02,${LONG}\n`);
  await page.getByTestId('evaluate').click();
  await page.getByTestId('done').waitFor();
  await assertFits(page, 'roster with a long id');
  await page.getByTestId('roster-text').fill(`id,kind,created\n${LONG},user,2025-02-30\n`);
  await page.getByTestId('evaluate').click();
  await page.getByTestId('error-summary').waitFor();
  await assertFits(page, 'roster error with a long id');
  await page.goto(env.origin + '/shared-mailboxes');
  await page.getByTestId('example').click();
  await page.getByTestId('users').fill(`${LONG}, ${LONG}, 2025-05-01`);
  await page.getByTestId('plan').click();
  await page.getByTestId('error-summary').waitFor();
  await assertFits(page, 'mailbox planner with a long name');
  await page.goto(env.origin + '/simulator');
  await page.getByTestId('new-event-detail').fill(LONG);
  await page.getByTestId('add-event').click();
  await assertFits(page, 'simulator with a long word');
  await page.goto(env.origin + '/eligibility/dspt-year');
  await page.getByTestId('dspt-year').fill(LONG);
  await page.getByTestId('continue').click();
  await page.getByTestId('error-summary').waitFor();
  await assertFits(page, 'a question with a long answer');
  await page.goto(env.origin + '/rules');
  await page.getByTestId('policy-text').fill(`{"policySet": "${LONG}", "policies": [{"id": "${LONG}", "effectiveFrom": "2024-13-01"}]}`);
  await page.getByTestId('load-policy').click();
  await page.getByTestId('error-summary').waitFor();
  await assertFits(page, 'rules with a long word');
  await finish(s);
});

test('every page at 375x812, 1024x768 and 1280x900: screenshots, axe, and nothing wider than the screen', async () => {
  const s = await open('/', { today: '2026-01-15' });
  const { page } = s;
  for (const [width, height] of [[375, 812], [1024, 768], [1280, 900]]) {
    await page.setViewportSize({ width, height });
    for (const path of PAGES) {
      await page.goto(env.origin + path);
      await page.locator('h1').first().waitFor();
      await page.waitForTimeout(50);
      await assertFits(page, `${path} at ${width}`);
      // A button's words are never broken across lines (the simulator's "Remove" once read "Remo ve").
      const broken = await page.evaluate(() => [...document.querySelectorAll('.nhsuk-button')]
        .filter((b) => b.offsetParent !== null)
        .flatMap((b) => [...b.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())
          .flatMap((n) => {
            const words = [];
            const re = /\S+/g;
            let m;
            while ((m = re.exec(n.textContent))) {
              const r = document.createRange();
              r.setStart(n, m.index);
              r.setEnd(n, m.index + m[0].length);
              if (r.getClientRects().length > 1) words.push(m[0]);
            }
            return words;
          })));
      assert.deepEqual(broken, [], `${path} at ${width}: button words broken across lines`);
      const name = path === '/' ? 'home' : path.slice(1).replaceAll('/', '-');
      await check(page, `${name}-${width}x${height}`);
    }
  }
  await finish(s);
});

test('print: the sign-in check prints its answer without the form, menus or buttons', async () => {
  const s = await open('/sign-in', { today: '2025-03-01' });
  const { page } = s;
  await page.getByLabel('Active', { exact: true }).check();
  await page.getByLabel('The UK', { exact: true }).check();
  await page.getByLabel('The NHSmail portal').check();
  await page.locator('#secret-no').check();
  await page.getByTestId('check').click();
  await page.getByTestId('answer').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('answer').isVisible(), true);
  for (const hidden of ['input', 'button', '.nhsuk-header__navigation', 'legend']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is printed`);
  }
  await page.emulateMedia({ media: 'screen' });
  await finish(s);
});
