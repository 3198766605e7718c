// The built site's total gzip transfer: every file in dist/, compressed with gzip -9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './harness.mjs';

export function siteSize() {
  const dir = join(root, 'dist');
  const files = readdirSync(dir, { recursive: true }).filter((name) => statSync(join(dir, name)).isFile()).map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, total: files.reduce((sum, f) => sum + f.gzip, 0) };
}

// 300 KB in its stricter reading, 300,000 bytes (not 300 KiB): README, "Size".
const BUDGET = 300_000;

test('the built site is at most 300 KB gzip', () => {
  const { files, total } = siteSize();
  for (const f of files) console.log(`# ${f.name}: ${f.raw} B, ${f.gzip} B gzip`);
  console.log(`# total: ${total} B gzip (budget ${BUDGET} B)`);
  assert.ok(total <= BUDGET, `the site is ${total} B gzip, over the ${BUDGET} B budget`);
});
