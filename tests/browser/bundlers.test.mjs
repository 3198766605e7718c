// The npm module bundled for the browser by esbuild, as its README says, in headless Chromium: an
// ES module bundle with the wasm copied by the `file` loader (the code shown for Vite too), the
// TypeScript app, a classic-script global (IIFE) with the wasm inside, and no bundler at all. Each
// app logs the state evaluateAccount gives. tests/bundlers/ has the node side.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchChromium } from './chromium.mjs';
import { serveDir } from './serve.mjs';
import { app, esbuildBin, project, remove, run, sh } from '../bundlers/project.mjs';

let dir, browser, server, origin;

before(async () => {
  dir = project();
  ({ server, origin } = await serveDir(dir));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (dir) remove(dir);
});

/** The console lines of a page, once it has logged `count` of them. */
async function logged(path, count = 1) {
  const page = await browser.newPage();
  const lines = [];
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'log') lines.push(m.text()); });
  try {
    await page.goto(origin + path);
    const deadline = Date.now() + 10_000;
    while (lines.length < count && errors.length === 0 && Date.now() < deadline) await page.waitForTimeout(25);
    assert.deepEqual(errors, [], `errors on ${path}`);
    return lines;
  } finally {
    await page.close();
  }
}

const modulePage = (script) => `<!doctype html><script type="module" src="${script}"></script>`;

test('an ES module bundle, the wasm copied by the file loader and fetched by its URL', async () => {
  app('browser.js');
  sh(dir, 'npx esbuild browser.js --bundle --format=esm --platform=browser --loader:.wasm=file --outdir=dist');
  writeFileSync(join(dir, 'dist/browser.html'), modulePage('browser.js'));
  assert.deepEqual(await logged('/dist/browser.html'), ['inactive']);
});

test('the TypeScript app, bundled the same way', async () => {
  sh(dir, 'npx esbuild app.ts --bundle --format=esm --platform=browser --loader:.wasm=file --outdir=dist');
  writeFileSync(join(dir, 'dist/app.html'), modulePage('app.js'));
  assert.deepEqual(await logged('/dist/app.html'), ['inactive']);
});

test('an IIFE global with the wasm inside, for a classic script', async () => {
  app('global.js');
  app('global.html');
  const out = sh(dir, 'npx esbuild global.js --bundle --format=iife --global-name=nhsmailRules --loader:.wasm=binary --outfile=nhsmail-rules.js');
  // The one warning the README tells of: the generated glue's import.meta, unused when the wasm is given.
  assert.equal(out.match(/\[WARNING\]/g)?.length, 1, out);
  assert.match(out, /"import\.meta" is not available with the "iife" output format[\s\S]*nhsmail_rules\.js/);
  assert.deepEqual(await logged('/global.html'), ['inactive']);
});

test('no bundler: the browser entry from node_modules, the wasm found beside it', async () => {
  app('no-bundler.html');
  assert.deepEqual(await logged('/no-bundler.html'), ['inactive']);
});

test('clear errors: a function before init(), and init() with no wasm in an IIFE bundle', async () => {
  writeFileSync(join(dir, 'mistakes.js'), `
    import init, { evaluateAccount } from 'nhsmail-rules';
    try { evaluateAccount({ id: 'a', kind: 'user', created: '2025-01-06' }, '2025-04-01'); } catch (e) { console.log(e.message); }
    init().then(() => console.log('loaded'), (e) => console.log(e.message));
  `);
  run(dir, `${esbuildBin} mistakes.js --bundle --format=iife --platform=browser --log-level=error --outfile=mistakes/mistakes.js`);
  writeFileSync(join(dir, 'mistakes/index.html'), '<!doctype html><script src="mistakes.js"></script>');
  const [before, noWasm] = await logged('/mistakes/index.html', 2);
  assert.equal(before, 'nhsmail-rules: call `await init()` (the default export of nhsmail-rules/web) before evaluateAccount');
  assert.match(noWasm, /^nhsmail-rules: init\(\) could not load nhsmail_rules_bg\.wasm from beside the script \(.*Invalid URL.*\)\. Copy the file there, or pass its URL or bytes: `init\(\{ module_or_path \}\)`\. An IIFE or CommonJS bundle has no import\.meta\.url/);
});

test('an ES module bundle whose wasm was not copied: the error names the URL it tried', async () => {
  writeFileSync(join(dir, 'uncopied.js'), `
    import init from 'nhsmail-rules';
    init().then(() => console.log('loaded'), (e) => console.log(e.message));
  `);
  run(dir, `${esbuildBin} uncopied.js --bundle --format=esm --platform=browser --log-level=error --outdir=uncopied`);
  writeFileSync(join(dir, 'uncopied/index.html'), modulePage('uncopied.js'));
  const [message] = await logged('/uncopied/index.html');
  assert.match(message, /^nhsmail-rules: init\(\) could not load nhsmail_rules_bg\.wasm from beside the script \(failed to fetch Wasm: 404 Not Found fetching 'http:\/\/127\.0\.0\.1:\d+\/uncopied\/nhsmail_rules_bg\.wasm'\)/);
});
