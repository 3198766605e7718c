// `explain: true` through the npm module (docs/READINGS.md, "Section 3: explanations"): each
// transition's `because`, appended last; without it the output is as before; a non-boolean
// `explain` is a coded error naming the field. Expected values worked out by hand from the SPEC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { assertCoded } from './coded-error.mjs';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const m = require(pkgDir + 'node/nhsmail_rules.js');

const fixtures = new URL('../fixtures/', import.meta.url);
const specAccount = JSON.parse(readFileSync(new URL('spec-section-3-account.json', fixtures), 'utf8'));

// North Central London: last sign-in 20 October 2022; on 1 December 2022 the policy went from 90
// to 30 days, and 20 October to 1 December is 42 days.
const ncl = { id: 'ncl', kind: 'user', created: '2022-09-01', onboarded: true,
  events: [{ on: '2022-10-20', type: 'activity', channel: 'office365Login' }] };

test('explain: true gives each transition its because, last, with the numbers', () => {
  const r = m.evaluateAccount(ncl, '2022-12-15', { policySet: 'ncl-icb', explain: true });
  const [t] = r.transitions;
  assert.deepEqual(Object.keys(t), ['on', 'from', 'to', 'rule', 'because']);
  assert.deepEqual(t.because, {
    text: 'On 1 December 2022 the policy changed from 90 to 30 days without a sign-in. The last sign-in or sent email was on 20 October 2022, 42 days before, so the account became inactive.',
    daysCounted: 42,
    limit: 30,
    policyChange: { on: '2022-12-01', policyId: 'ncl-icb-2022-12', from: 90, to: 30 },
  });
  // SPEC section 3's example: an event-driven transition has no numbers.
  const spec = m.evaluateAccount(specAccount, '2025-04-01', { explain: true });
  assert.deepEqual(spec.transitions[1].because,
    { text: 'Reactivated by a sign-in or sent email on 20 February 2025.', daysCounted: null, limit: null, policyChange: null });
  assert.deepEqual(spec.transitions[2].because.daysCounted, 30);
});

test('evaluateAccounts and an Evaluator explain the same; without explain nothing changes', () => {
  const explained = m.evaluateAccount(specAccount, '2025-04-01', { explain: true });
  assert.deepEqual(m.evaluateAccounts([specAccount, ncl], '2025-04-01', { explain: true })[0], explained);
  assert.deepEqual(new m.Evaluator({ explain: true }).evaluateAccount(specAccount, '2025-04-01'), explained);
  const plain = m.evaluateAccount(specAccount, '2025-04-01');
  for (const options of [undefined, {}, { explain: false }, { explain: null }]) {
    const r = m.evaluateAccount(specAccount, '2025-04-01', options);
    assert.equal(JSON.stringify(r), JSON.stringify(plain));
    assert.ok(r.transitions.every((t) => !('because' in t)));
  }
  const stripped = explained.transitions.map(({ because, ...t }) => t);
  assert.deepEqual(stripped, plain.transitions);
  assert.ok(new m.Evaluator().evaluateAccounts([specAccount], '2025-04-01')[0].transitions.every((t) => !('because' in t)));
});

test('a non-boolean explain is a coded error naming the field, never a trap', () => {
  for (const bad of ['yes', 1, [true], {}]) {
    assertCoded(() => m.evaluateAccount(specAccount, '2025-04-01', { explain: bad }), 'invalid_field', 'options.explain');
    assertCoded(() => m.evaluateAccounts([specAccount], '2025-04-01', { explain: bad }), 'invalid_field', 'options.explain');
    assertCoded(() => new m.Evaluator({ explain: bad }), 'invalid_field', 'options.explain');
  }
});
