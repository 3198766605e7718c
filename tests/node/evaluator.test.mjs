// The pre-validated policy handle (`new Evaluator(options)`) and the one-crossing batch calls:
// the same answers and bytes as the free functions, and coded errors on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { assertCoded } from './coded-error.mjs';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const m = require(pkgDir + 'node/nhsmail_rules.js');

const csv = ['id,kind,created,lastActivity,onboarded,recordedState',
  'a,user,2024-01-01,2025-05-20,true,active',
  'b,user,2024-01-01,2025-02-01,true,active',
  'c,user,2025-05-01,,false,',
  'd,shared,2020-01-01,,,',
  'e,user,2023-01-01,2024-01-01,yes,deleted'].join('\n');
const roster = m.parseRosterCsv(csv);
const mine = { policySet: 'my-trust', policies: [{ id: 'p', effectiveFrom: '2020-01-01', inactiveAfterDays: 45 }] };

test('an Evaluator gives the free functions\' answers and bytes, for built-in and own policies', () => {
  for (const options of [undefined, { policySet: 'ncl-icb' }, mine]) {
    const ev = new m.Evaluator(options);
    assert.equal(ev.policySet, options?.policySet ?? 'national');
    assert.deepEqual(ev.evaluateAccounts(roster.accounts, '2025-06-01'), m.evaluateAccounts(roster.accounts, '2025-06-01', options));
    assert.deepEqual(ev.evaluateAccount(roster.accounts[1], '2025-06-01'), m.evaluateAccount(roster.accounts[1], '2025-06-01', options));
    for (const days of [undefined, 0, 30]) {
      const free = m.exportDecisions(roster, '2025-06-01', { ...options, remindWithinDays: days });
      assert.equal(JSON.stringify(ev.exportDecisions(roster, '2025-06-01', days)), JSON.stringify(free));
    }
  }
  // The own policy really applies: 45 days idle, not 30.
  const b = new m.Evaluator(mine).evaluateAccount(roster.accounts[1], '2025-03-10');
  assert.equal(b.state, 'active');
  assert.equal(new m.Evaluator().evaluateAccount(roster.accounts[1], '2025-03-10').state, 'inactive');
});

test('bad options fail when the Evaluator is made; bad calls fail with a path', () => {
  assertCoded(() => new m.Evaluator({ policySet: 'nope' }), 'unknown_policy_set', 'options.policySet');
  assertCoded(() => new m.Evaluator({ policies: [{ id: 'p', effectiveFrom: '2020-01-01', inactiveAfterDays: 0 }] }),
    'invalid_field', 'options.policies[0].inactiveAfterDays');
  const ev = new m.Evaluator();
  assertCoded(() => ev.evaluateAccounts([roster.accounts[0], { ...roster.accounts[0], created: '2025-02-30' }], '2025-06-01'),
    'invalid_date', '[1].created');
  assertCoded(() => ev.evaluateAccounts({ accounts: [] }, '2025-06-01'), 'invalid_field');
  assertCoded(() => ev.exportDecisions(roster, '2025-06-01', -1), 'invalid_field', 'remindWithinDays');
  assertCoded(() => ev.exportDecisions(roster, 'soon'), 'invalid_date', 'asOf');
});

test('batch inputs JSON cannot hold are coded errors, not traps', () => {
  const cyclic = { ...roster.accounts[0] };
  cyclic.self = cyclic;
  assertCoded(() => m.evaluateAccounts([cyclic], '2025-06-01'), 'invalid_field');
  assertCoded(() => m.exportDecisions({ accounts: [{ ...roster.accounts[0], n: 10n }] }, '2025-06-01'), 'invalid_field');
  assertCoded(() => m.evaluateAccounts([undefined], '2025-06-01'), 'invalid_field', '[0]');
});
