// Trunk post-build hook: writes the SHA-256 of each inline script Trunk put in index.html (its
// wasm loader) into the page's content security policy, in place of 'sha256-TRUNK-LOADER'.
// Without it the policy allows no inline script and the page stays blank, so a missed step
// cannot pass unnoticed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
const html = readFileSync(file, 'utf8');
const placeholder = "'sha256-TRUNK-LOADER'";
if (html.split(placeholder).length !== 2) throw new Error(`${file}: ${placeholder} must be in the content security policy once`);
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) throw new Error(`${file}: no inline script to allow`);
const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
writeFileSync(file, html.replace(placeholder, hashes.join(' ')));
console.log(`csp.mjs: allowed ${hashes.length} inline script(s) by hash in ${file}`);
