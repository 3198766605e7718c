// Trunk post-build hook, before csp.mjs: makes the built app smaller to download (issue 6's budget).
// 1. The WebAssembly loses the stream adapters that wasm-streams exports to JavaScript. Leptos
//    depends on server_fn, which depends on wasm-streams for server functions; this app has
//    none, so nothing ever calls them, but as exports they kept their code alive.
// 2. Its import and export names are shortened (binaryen's --minify-imports-and-exports-and-modules):
//    wasm-bindgen names each import after its function plus a hash, some 200 of them, in both the
//    WebAssembly and the JavaScript. The JavaScript is rewritten to the new names, by position:
//    the pass keeps the order and kinds of imports and exports (checked). The mapping binaryen 132
//    prints is not used: it does not match the names it writes (checked on this app's build).
//    Then one more -Oz, which must leave every name as it was (checked).
// 3. The JavaScript is minified (terser).
// 4. The app's own stylesheet loses its comments and extra white space.
// 5. The subresource integrity hashes in index.html are written again for the changed files.
// 6. index.html loses its comments (they document the source file, not the page).
// Each import and module name must be found exactly once where the imports object defines it, and
// every wasm.<name> the JavaScript uses must be an export afterwards: otherwise the build stops.
// Trunk starts a stage's hooks together, so Trunk.toml runs this and csp.mjs (which also writes
// index.html) one after the other in a single hook.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.TRUNK_STAGING_DIR ?? join(root, 'dist');
const wasmOpt = join(root, 'node_modules/.bin/wasm-opt');
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types'];
// wasm-streams' exported classes (IntoUnderlyingSource, IntoUnderlyingByteSource, IntoUnderlyingSink).
const DEAD_EXPORTS = '*intounderlying*';

const files = readdirSync(dir);
const one = (re) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`shrink.mjs: expected one file like ${re} in ${dir}, found ${found}`);
  return join(dir, found[0]);
};
const wasmFile = one(/_bg\.wasm$/);
const jsFile = one(/^nhsmail-web-[0-9a-f]+\.js$/);
const size = (f) => readFileSync(f).length;
const before = { wasm: size(wasmFile), js: size(jsFile) };

const opt = (input, output, passes) => execFileSync(wasmOpt, [input, ...FEATURES, ...passes, '-o', output]);
const names = (file) => {
  const m = new WebAssembly.Module(readFileSync(file));
  return { imports: WebAssembly.Module.imports(m), exports: WebAssembly.Module.exports(m) };
};

// 1. Without the dead exports, and what only they reached.
const stripped = `${wasmFile}.stripped`;
opt(wasmFile, stripped, ['--remove-exports', `--pass-arg=remove-exports@${DEAD_EXPORTS}`, '--remove-unused-module-elements']);
const old = names(stripped);
// 2. Short names. Then one more -Oz (Trunk's ran before): about 0.4 KB less gzip after the
// renaming (before it, the same pass made the gzip larger). It must not touch the names.
opt(stripped, wasmFile, ['--minify-imports-and-exports-and-modules']);
const now = names(wasmFile);
if (old.imports.length !== now.imports.length || old.exports.length !== now.exports.length) {
  throw new Error('shrink.mjs: minifying changed the number of imports or exports');
}
opt(wasmFile, wasmFile, ['-Oz']);
if (JSON.stringify(names(wasmFile)) !== JSON.stringify(now)) {
  throw new Error('shrink.mjs: -Oz changed the import or export names');
}
rmSync(stripped);

let js = readFileSync(jsFile, 'utf8');
const swap = (re, to, what) => {
  const n = (js.match(re) ?? []).length;
  if (n !== 1) throw new Error(`shrink.mjs: ${what} found ${n} times in ${jsFile}, not once`);
  js = js.replace(re, to);
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const key = (s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? s : JSON.stringify(s));
const modules = new Map();
old.imports.forEach((o, i) => {
  const n = now.imports[i];
  if (o.kind !== n.kind) throw new Error(`shrink.mjs: import ${i} changed kind`);
  const prev = modules.get(o.module);
  if (prev !== undefined && prev !== n.module) throw new Error(`shrink.mjs: module ${o.module} got two names`);
  modules.set(o.module, n.module);
  // Each import is one property of the imports object: `name: function(...)`.
  swap(new RegExp(`(?<=[\\s,{])${escape(o.name)}(?=\\s*:)`, 'g'), key(n.name), `import ${o.name}`);
});
for (const [from, to] of modules) swap(new RegExp(`"${escape(from)}"(?=\\s*:)`, 'g'), JSON.stringify(to), `module ${from}`);
old.exports.forEach((o, i) => {
  const n = now.exports[i];
  if (o.kind !== n.kind) throw new Error(`shrink.mjs: export ${i} changed kind`);
  const to = /^[A-Za-z_$][\w$]*$/.test(n.name) ? `wasm.${n.name}` : `wasm[${JSON.stringify(n.name)}]`;
  js = js.replace(new RegExp(`\\bwasm\\.${escape(o.name)}\\b`, 'g'), to);
});
// What JavaScript still asks of the WebAssembly must be there (bar the dead adapters' methods).
const exported = new Set(now.exports.map((e) => e.name));
const dead = new RegExp(`^${DEAD_EXPORTS.replaceAll('*', '.*')}$|^__wbg_intounderlying`, 'i');
for (const [, name] of js.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
  if (!exported.has(name) && !dead.test(name)) throw new Error(`shrink.mjs: the JavaScript still uses wasm.${name}`);
}

// 3. Minified.
const min = await minify(js, { module: true, compress: true, mangle: true });
if (!min.code) throw new Error('shrink.mjs: terser gave no code');
writeFileSync(jsFile, min.code);

// 4. The app's own stylesheet (web/local.css) without its comments and runs of white space:
// notes for the source file. Its only strings are attribute values without spaces or { } ; , (checked),
// so collapsing white space changes nothing else.
const cssFile = one(/^local-[0-9a-f]+\.css$/);
const css = readFileSync(cssFile, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
if (css.includes("'") || (css.match(/"[^"]*"/g) ?? []).some((q) => /[\s{};,]/.test(q))) {
  throw new Error('shrink.mjs: web/local.css has a string with spaces or punctuation; minify it another way');
}
writeFileSync(cssFile, css.replace(/\s+/g, ' ').replace(/ ?([{};,]) ?/g, '$1').trim());

// 5. Integrity hashes.
const indexFile = join(dir, 'index.html');
let html = readFileSync(indexFile, 'utf8');
for (const f of [jsFile, wasmFile, cssFile]) {
  const base = f.slice(dir.length + 1);
  const sri = `sha384-${createHash('sha384').update(readFileSync(f)).digest('base64')}`;
  const re = new RegExp(`(href="/${escape(base)}"[^>]*integrity=")[^"]*"`);
  if (!re.test(html)) throw new Error(`shrink.mjs: no integrity for ${base} in index.html`);
  html = html.replace(re, `$1${sri}"`);
}
// 6. The page without its comments and the blank lines they leave: notes for whoever reads
// index.html in the repository, not for the browser (none is inside the inline script).
html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/\n\s*(?=\n)/g, '');
writeFileSync(indexFile, html);
console.log(
  `shrink.mjs: wasm ${before.wasm} -> ${size(wasmFile)} bytes, js ${before.js} -> ${size(jsFile)} bytes; ` +
    `${now.imports.length} imports and ${now.exports.length} exports renamed`,
);
