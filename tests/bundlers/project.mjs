// A throwaway project that depends on the built npm module (pkg/, linked as
// node_modules/nhsmail-rules), holding the apps the npm README shows (apps/). `sh` runs a command
// the README documents, after checking the README has it word for word; `npx esbuild` runs the
// workspace's pinned esbuild (npx itself could fetch from the registry).
import { execSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = fileURLToPath(new URL('../../', import.meta.url));
const apps = fileURLToPath(new URL('apps/', import.meta.url));
export const readme = readFileSync(join(root, 'xtask/package/README.md'), 'utf8');
const esbuild = join(root, 'node_modules/.bin/esbuild');

export function project() {
  const dir = mkdtempSync(join(tmpdir(), 'nhsmail-bundlers-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(root, 'pkg'), join(dir, 'node_modules/nhsmail-rules'), 'dir');
  cpSync(apps, dir, { recursive: true });
  return dir;
}

/** Removes a project: the link to pkg/ first, so nothing is removed through it. */
export function remove(dir) {
  unlinkSync(join(dir, 'node_modules/nhsmail-rules'));
  rmSync(dir, { recursive: true, force: true });
}

/** An app's text, checked to be in the README as it is. */
export function app(name) {
  const text = readFileSync(join(apps, name), 'utf8');
  assert.ok(readme.includes(text), `the npm README does not show apps/${name} as it is`);
  return text;
}

/** Runs a command the README documents, in `dir`; returns its stdout and stderr. */
export function sh(dir, command) {
  assert.ok(readme.includes(command), `the npm README does not document: ${command}`);
  return run(dir, command.replaceAll('npx esbuild ', `${esbuild} `));
}

/** Runs a command in `dir`, returning stdout and stderr as one text; throws with both on failure. */
export function run(dir, command) {
  try {
    return execSync(`${command} 2>&1`, { cwd: dir, encoding: 'utf8', shell: '/bin/sh' });
  } catch (e) {
    throw new Error(`${command} failed:\n${e.stdout}`);
  }
}

export const esbuildBin = esbuild;
export const tsc = join(root, 'node_modules/typescript/bin/tsc');
