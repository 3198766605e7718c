// Benchmark: the roster page in headless Chromium with a generated roster (the built app in dist/).
//
//   node tests/bench/browser.mjs [--rows N] [--runs R] [--json FILE] [--profile FILE]
//
// Each run opens /roster on a fresh page, chooses the file, sets the date, presses "Check the
// roster" and waits for "Checked N accounts". It reports, per run, the time from the press to the
// first animation frame after that message appears (measured in the page: a capturing click
// listener, a MutationObserver and requestAnimationFrame), so the summary and the table are drawn,
// and the longest gap between two frames meanwhile (the page's responsiveness). `--profile`
// writes a Chrome DevTools CPU profile of the last run. Timings never fail the run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../browser/chromium.mjs';
import { serveDir } from '../browser/serve.mjs';
import { rosterCsv } from '../browser/roster-csv.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const rows = Number(arg('--rows', '100000'));
const runs = Number(arg('--runs', '3'));
const jsonOut = arg('--json', null);
const profileOut = arg('--profile', null);

const { server, origin } = await serveDir(join(root, 'dist'));
const browser = await launchChromium();
const csv = Buffer.from(rosterCsv(rows));
const results = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${origin}/roster`);
    // The app draws the page after its WebAssembly starts: wait for the form before listening on it.
    await page.getByTestId('roster-file').waitFor();
    await page.getByTestId('evaluate').waitFor();
    // Reading the chosen file: its change event to the page naming the file.
    await page.evaluate(() => {
      const w = window;
      w.__read = { chosen: null, read: null };
      document.querySelector('[data-testid=roster-file]').addEventListener('change', () => {
        w.__read.chosen = performance.now();
      }, { capture: true });
      // The file's name is in the page from the start, hidden until a file has been read.
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid=file-name]:not([hidden])')) {
          w.__read.read = performance.now();
          obs.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
    });
    await page.getByTestId('roster-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByTestId('file-name').waitFor();
    const readMs = await page.evaluate(() => window.__read.read - window.__read.chosen);
    // The NHS.UK date input: day, month and year.
    await page.getByTestId('as-of-day').fill('1');
    await page.getByTestId('as-of-month').fill('6');
    await page.getByTestId('as-of-year').fill('2025');
    const last = run === runs - 1;
    const cdp = last && profileOut ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // In the page: when the press happens, when "Checked" appears, and every frame in between.
    await page.evaluate(() => {
      const w = window;
      w.__bench = { pressed: null, done: null, painted: null, frames: [] };
      document.querySelector('[data-testid=evaluate]').addEventListener('click', () => {
        w.__bench.pressed = performance.now();
        const frame = (t) => {
          w.__bench.frames.push(t);
          if (w.__bench.done === null) requestAnimationFrame(frame);
          else if (w.__bench.painted === null) w.__bench.painted = performance.now();
        };
        requestAnimationFrame(frame);
      }, { capture: true });
      new MutationObserver((_, obs) => {
        if (document.querySelector('[data-testid=done]')) {
          w.__bench.done = performance.now();
          obs.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('evaluate').click();
    await page.getByTestId('done').waitFor({ timeout: 120000 });
    await page.waitForFunction(() => window.__bench.painted !== null);
    const b = await page.evaluate(() => window.__bench);
    const text = await page.getByTestId('done').textContent();
    if (!text.includes(`Checked ${rows.toLocaleString('en-GB')} accounts`)) throw new Error(`unexpected: ${text}`);
    const times = [b.pressed, ...b.frames, b.painted];
    let gap = 0;
    for (let i = 1; i < times.length; i += 1) gap = Math.max(gap, times[i] - times[i - 1]);
    results.push({ ms: b.painted - b.pressed, doneMs: b.done - b.pressed, readMs, longestFrameGapMs: gap, frames: b.frames.length });
    console.log(`run ${run + 1}: ${rows} rows in ${(b.painted - b.pressed).toFixed(0)} ms to the first frame with the results (the message at ${(b.done - b.pressed).toFixed(0)} ms; reading the file before that ${readMs.toFixed(0)} ms); longest gap between frames ${gap.toFixed(0)} ms (${b.frames.length} frames)`);
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(profileOut, JSON.stringify(profile));
      console.log(`profile written to ${profileOut}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const gap = Math.max(...results.map((r) => r.longestFrameGapMs));
console.log(`median ${median.toFixed(0)} ms for ${rows} rows (target: under 1000 ms for 100,000: ${rows === 100000 ? (median < 1000 ? 'PASS' : 'MISS') : 'n/a'}); longest gap between frames ${gap.toFixed(0)} ms`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ rows, runs: results, medianMs: median, longestFrameGapMs: gap }, null, 2));
