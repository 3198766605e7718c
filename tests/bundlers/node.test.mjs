// The npm module as a bundler meets it, in node: the exports map, the browser entry's guard, and
// esbuild bundles for node (ES module and CommonJS) run as the npm README says. The browser
// bundles run in Chromium: tests/browser/bundlers.test.mjs.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { app, esbuildBin, project as newProject, remove, run, sh, tsc } from './project.mjs';

const projects = [];
const project = () => {
  projects.push(newProject());
  return projects.at(-1);
};
after(() => projects.forEach(remove));

const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

test('the wasm files are in the exports map, and every export points at a file', () => {
  assert.equal(pkg.exports['./web/nhsmail_rules_bg.wasm'], './web/nhsmail_rules_bg.wasm');
  assert.equal(pkg.exports['./node/nhsmail_rules_bg.wasm'], './node/nhsmail_rules_bg.wasm');
  assert.equal(pkg.exports['.'].browser.default, './web/index.js');
  assert.equal(pkg.exports['.'].default.default, './web/index.js');
  assert.equal(pkg.exports['./web'].default, './web/index.js');
  const targets = (v) => (typeof v === 'string' ? [v] : Object.values(v).flatMap(targets));
  for (const file of targets(pkg.exports)) {
    assert.ok(readFileSync(join(pkgDir, file)).length > 0, file);
  }
});

test('the browser entry re-exports exactly what wasm-bindgen generated', () => {
  const names = (text) => [...text.matchAll(/^export (?:const|function|class|async function) (\w+)/gm)]
    .map((m) => m[1]).sort();
  const generated = readFileSync(join(pkgDir, 'web/nhsmail_rules.js'), 'utf8');
  const wrapper = readFileSync(join(pkgDir, 'web/index.js'), 'utf8');
  const expected = [...names(generated), 'initSync'].sort();
  assert.match(generated, /^export \{ initSync, __wbg_init as default \};$/m);
  assert.match(wrapper, /^export default async function init\(/m);
  assert.deepEqual(names(wrapper), expected);
});

test('the browser entry: a clear error before init(), the real answer after', () => {
  const dir = project();
  writeFileSync(join(dir, 'guard.mjs'), `
    import { readFileSync } from 'node:fs';
    import { initSync, evaluateAccount, Evaluator } from 'nhsmail-rules/web';
    const account = { id: 'jane.doe', kind: 'user', created: '2025-01-06', activeOn: '2025-02-20' };
    for (const call of [() => evaluateAccount(account, '2025-04-01'), () => new Evaluator()]) {
      try { call(); console.log('no error'); } catch (e) { console.log(e.message); }
    }
    initSync({ module: readFileSync('node_modules/nhsmail-rules/web/nhsmail_rules_bg.wasm') });
    console.log(evaluateAccount(account, '2025-04-01').state);
    console.log(new Evaluator().evaluateAccount(account, '2025-04-01').state);
    console.log(new Evaluator() instanceof Evaluator);
  `);
  run(dir, `${esbuildBin} guard.mjs --bundle --platform=node --format=esm --log-level=error --outfile=dist/guard.mjs`);
  assert.deepEqual(run(dir, 'node dist/guard.mjs').trim().split('\n'), [
    'nhsmail-rules: call `await init()` (the default export of nhsmail-rules/web) before evaluateAccount',
    'nhsmail-rules: call `await init()` (the default export of nhsmail-rules/web) before new Evaluator',
    'inactive', 'inactive', 'true',
  ]);
});

test('node: bundled by esbuild with the module left in node_modules, as ES module and CommonJS', () => {
  const dir = project();
  app('app.mjs');
  app('app.cjs');
  sh(dir, 'npx esbuild app.mjs --bundle --platform=node --format=esm --packages=external --outfile=dist/app.mjs');
  sh(dir, 'npx esbuild app.cjs --bundle --platform=node --format=cjs --packages=external --outfile=dist/app.cjs');
  assert.equal(run(dir, 'node dist/app.mjs'), 'inactive\n');
  assert.equal(run(dir, 'node dist/app.cjs'), 'inactive\n');
});

test('node: one file with the module inside, the wasm beside it, as CommonJS and ES module', () => {
  const dir = project();
  sh(dir, 'npx esbuild app.cjs --bundle --platform=node --format=cjs --outfile=dist/app.cjs');
  sh(dir, 'npx esbuild app.mjs --bundle --platform=node --format=esm --outfile=dist/app.mjs '
    + `--banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); const __dirname = import.meta.dirname;"`);
  // Without the wasm beside it, the error names the file it looked for.
  assert.throws(() => run(dir, 'node dist/app.cjs'), /ENOENT: no such file or directory, open '.*dist\/nhsmail_rules_bg\.wasm'/);
  sh(dir, 'cp node_modules/nhsmail-rules/node/nhsmail_rules_bg.wasm dist/');
  assert.equal(run(dir, 'node dist/app.cjs'), 'inactive\n');
  assert.equal(run(dir, 'node dist/app.mjs'), 'inactive\n');
});

test('TypeScript: the browser app type-checks with moduleResolution bundler', () => {
  const dir = project();
  app('app.ts');
  app('wasm-url.d.ts');
  app('tsconfig.json');
  assert.equal(run(dir, `node ${tsc} -p tsconfig.json`), '');
  // It is bundled and run in Chromium with the other browser apps.
});
