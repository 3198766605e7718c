// Benchmark: how soon the home page is painted in headless Chromium (the built app in dist/).
//
//   node tests/bench/first-paint.mjs [--runs R] [--json FILE]
//
// Each run opens / on a fresh page with the browser's cache off (a first visit: the HTML, CSS,
// JavaScript and WebAssembly all fetched from the local server) and reads the page's own paint
// timings, measured from the start of the navigation: first paint, and first contentful paint
// (the app's header and text, drawn once its WebAssembly has run: before that the page is
// empty). The target (issue 20) is first contentful paint within 300 ms, median of the runs.
// Timings never fail the run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../browser/chromium.mjs';
import { serveDir } from '../browser/serve.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
};
const runs = Number(arg('--runs', '5'));
const jsonOut = arg('--json', null);
const TARGET_MS = 300;

const { server, origin } = await serveDir(join(root, 'dist'));
const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
const results = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'NHSmail policy rules', level: 1 }).waitFor();
    // The paint entries are queued once the frame is presented: wait for the contentful one.
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    const t = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const nav = performance.getEntriesByType('navigation')[0];
      return { firstPaintMs: at('first-paint'), firstContentfulPaintMs: at('first-contentful-paint'), loadedMs: nav?.loadEventEnd ?? null };
    });
    results.push(t);
    console.log(`run ${run + 1}: first paint ${t.firstPaintMs?.toFixed(0)} ms, first contentful paint ${t.firstContentfulPaintMs?.toFixed(0)} ms, load event ${t.loadedMs?.toFixed(0)} ms`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (key) => {
  const sorted = results.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const fp = median('firstPaintMs');
const fcp = median('firstContentfulPaintMs');
console.log(`median of ${runs}: first paint ${fp.toFixed(0)} ms, first contentful paint ${fcp.toFixed(0)} ms (target ${TARGET_MS} ms: ${fcp <= TARGET_MS ? 'PASS' : 'MISS'})`);
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ runs: results, medianFirstPaintMs: fp, medianFirstContentfulPaintMs: fcp, targetMs: TARGET_MS }, null, 2));
}
