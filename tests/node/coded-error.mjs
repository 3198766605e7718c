// Shared by the node tests: `fn` must throw an Error with this `code` (and `path`), never a trap.
import assert from 'node:assert/strict';

export function assertCoded(fn, code, path) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `expected an Error, got ${thrown}`);
  assert.doesNotMatch(String(thrown), /unreachable|RuntimeError/);
  assert.equal(thrown.code, code, thrown.message);
  if (path !== undefined) {
    assert.equal(thrown.path, path, thrown.message);
    assert.ok(thrown.message.includes(path), thrown.message);
  }
  return thrown;
}
