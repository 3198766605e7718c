// The trainer's timeline (issue 21): the drawing at a projector's 1024x768 and a phone's 375x812,
// presenter mode by keyboard, two policy sets side by side, print, and the SVG download.
// Screenshots of every preset at 1024x768 go to target/screenshots/timeline-<preset>.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { open, check, axe, finish, shots, fillDate, dateValue } from './harness.mjs';

const PRESETS = ['spec-example', 'national-30', 'new-starter', 'six-weeks-leave', 'leaver-joins', 'ncl-change', 'restore-window', 'disabled-leave'];

async function load(page, preset) {
  await page.getByTestId('preset').selectOption(preset);
  await page.getByTestId('load-preset').click();
  await page.getByTestId('state').first().waitFor();
}

/** The drawing `id`'s measures: its width, the content area's, every text's box (in the page). */
async function measure(page, id) {
  return page.evaluate((id) => {
    const svg = document.querySelector(`svg[data-testid="${id}"]`);
    const content = document.querySelector('.nhsuk-width-container');
    const style = getComputedStyle(content);
    const inner = content.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
    });
    return { width: svg.getBoundingClientRect().width, content: inner, texts };
  }, id);
}

function overlaps(texts) {
  const out = [];
  for (let i = 0; i < texts.length; i += 1) {
    for (let j = i + 1; j < texts.length; j += 1) {
      const a = texts[i];
      const b = texts[j];
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      if (!apart) out.push(`${a.text} / ${b.text}`);
    }
  }
  return out;
}

test('every preset at 1024x768: full width, labels of 14 px or more that never overlap, a legend', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await page.setViewportSize({ width: 1024, height: 768 });
  for (const preset of PRESETS) {
    await load(page, preset);
    const m = await measure(page, 'tl');
    assert.ok(Math.abs(m.width - m.content) <= 2, `${preset}: drawing ${m.width} px, content ${m.content} px`);
    const smallest = Math.min(...m.texts.map((t) => t.h));
    assert.ok(smallest >= 14, `${preset}: smallest label ${smallest} px`);
    assert.deepEqual(overlaps(m.texts), [], `${preset}: overlapping labels`);
    // The legend names each state shown, and so does its bar (or the label beside it).
    const state = await page.getByTestId('state').first().textContent();
    assert.ok(m.texts.filter((t) => t.text === state).length >= 2, `${preset}: ${state} in the legend and by its bar`);
    assert.ok(m.texts.some((t) => /the date looked at/.test(t.text)), `${preset}: the date looked at is marked`);
    assert.match(await page.getByTestId('point-out').textContent(), /^Point out: /);
    await page.getByRole('heading', { name: 'Timeline', exact: true }).scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('h2').scrollIntoView());
    await page.screenshot({ path: join(shots, `timeline-${preset}.png`) });
  }
  // North Central London: the policy change in words, and its reason with the numbers.
  await load(page, 'ncl-change');
  const m = await measure(page, 'tl');
  assert.ok(m.texts.some((t) => t.text === '1 December 2022: North Central London ICB moves to 30 days'), m.texts.map((t) => t.text).join(' | '));
  assert.match(await page.getByTestId('transitions').textContent(), /42 days/);
  assert.match(await page.getByTestId('timeline').textContent(), /15 December 2022 \(the date looked at\)/);
  assert.match(await page.getByTestId('policy-id').textContent(), /^North Central London ICB: 30 days/);
  // The day before the change is the last day to sign in.
  await fillDate(page, 'as-of', '2022-11-30');
  await page.getByTestId('as-of-year').blur();
  assert.match(await page.getByTestId('keep-active-by').textContent(), /30 November 2022: today \(the last day\)/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'timeline-first-screen-1024.png') });
  await check(page, 'timeline-1024');
  await finish(s);
});

test('presenter mode steps through the life by keyboard, and Escape leaves it', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await page.setViewportSize({ width: 1024, height: 768 });
  await load(page, 'six-weeks-leave');
  await fillDate(page, 'as-of', '2025-06-02');
  await page.getByTestId('present').click();
  const screen = page.getByTestId('presenter');
  await screen.waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid=presenter]'));
  assert.equal(await page.getByTestId('present-date').textContent(), '2 June 2025');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=present-date]')?.textContent === '27 June 2025');
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => document.querySelector('[data-testid=present-date]')?.textContent === '27 July 2025');
  assert.match(await page.getByTestId('present-state').textContent(), /Inactive since 27 July 2025/);
  assert.match(await screen.textContent(), /Step 3 of \d+/);
  await page.screenshot({ path: join(shots, 'timeline-presenter-1024.png') });
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('[data-testid=present-date]')?.textContent === '27 June 2025');
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => document.querySelector('[data-testid=present-date]')?.textContent === '2 June 2025');
  // The page under it moved too.
  assert.equal(await dateValue(page, 'as-of'), '2025-06-02');
  // The buttons on the screen do the same, for a mouse.
  await screen.locator('[data-step=forward]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=present-date]')?.textContent === '27 June 2025');
  await screen.locator('[data-step=back]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=present-date]')?.textContent === '2 June 2025');
  await axe(page, 'presenter mode');
  // Tab goes round the presenter's own buttons, never behind it (four presses over three buttons).
  const steps = [];
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    steps.push(await page.evaluate(() => document.activeElement?.closest('[data-testid=presenter]') ? document.activeElement.dataset.step ?? 'screen' : 'outside'));
  }
  assert.deepEqual(steps, ['back', 'forward', 'leave', 'back', 'leave']);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('[data-testid=presenter]').hidden);
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'present');
  await finish(s);
});

test('side by side: one account under two policy sets, the differences in words', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await page.setViewportSize({ width: 1024, height: 768 });
  await load(page, 'ncl-change');
  await page.getByTestId('compare').selectOption('national');
  const words = await page.getByTestId('differences').textContent();
  assert.match(words, /Under North Central London ICB the account is deleted on 31 December 2022, 12 days later than under National policy \(19 December 2022\)\./);
  const boxes = await page.evaluate(() => ['cmp-a', 'cmp-b'].map((id) => {
    const svg = document.querySelector(`svg[data-testid="${id}"]`);
    return svg.viewBox.baseVal.width;
  }));
  assert.deepEqual(boxes, [960, 960]);
  for (const id of ['cmp-a', 'cmp-b']) {
    const m = await measure(page, id);
    assert.deepEqual(overlaps(m.texts), [], id);
  }
  await page.getByTestId('side-by-side').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'timeline-side-by-side-1024.png') });
  await check(page, 'timeline-side-by-side');
  await finish(s);
});

test('print leaves out the form controls; the download is a standalone SVG', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await load(page, 'ncl-change');
  const href = await page.getByTestId('download-svg').getAttribute('href');
  assert.ok(href.startsWith('data:image/svg+xml;charset=utf-8,'));
  const parsed = await page.evaluate((href) => {
    const text = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, ns: doc.documentElement.namespaceURI, error: doc.querySelector('parsererror') !== null, texts: doc.querySelectorAll('text').length };
  }, href);
  assert.deepEqual(parsed, { root: 'svg', ns: 'http://www.w3.org/2000/svg', error: false, texts: parsed.texts });
  assert.ok(parsed.texts > 4);
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => {
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    return {
      controls: [...document.querySelectorAll('input, select, button, textarea')].filter(visible).length,
      drawing: visible(document.querySelector('svg[data-testid=tl]')),
      table: visible(document.querySelector('[data-testid=timeline]')),
      changes: visible(document.querySelector('[data-testid=transitions]')),
      scenario: visible(document.querySelector('[data-testid=scenario-words]')),
    };
  });
  assert.deepEqual(shown, { controls: 0, drawing: true, table: true, changes: true, scenario: true });
  await page.screenshot({ path: join(shots, 'timeline-print.png'), fullPage: true });
  await finish(s);
});

test('at 375x812 the drawing scrolls in its own box with 14 px text; at 1280x900 it fills the page', async () => {
  const s = await open('/simulator');
  const { page } = s;
  await page.setViewportSize({ width: 375, height: 812 });
  await load(page, 'ncl-change');
  const m = await measure(page, 'tl');
  assert.ok(Math.min(...m.texts.map((t) => t.h)) >= 14);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page itself does not scroll sideways');
  await page.evaluate(() => document.querySelector('h2').scrollIntoView());
  await page.screenshot({ path: join(shots, 'timeline-375.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  const wide = await measure(page, 'tl');
  assert.ok(Math.abs(wide.width - wide.content) <= 2);
  await page.screenshot({ path: join(shots, 'timeline-1280.png') });
  await finish(s);
});
