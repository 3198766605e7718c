// The npm module, loaded from pkg/ as a user would load it, under node's own test runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { assertCoded } from './coded-error.mjs';

import * as esm from '../../pkg/node/index.mjs';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const cjs = require(pkgDir + 'node/nhsmail_rules.js');

// SPEC section 3's example, shared with the Rust tests; the output is compared as JSON text, so
// key order counts.
const fixtures = new URL('../fixtures/', import.meta.url);
const specAccount = JSON.parse(readFileSync(new URL('spec-section-3-account.json', fixtures), 'utf8'));
const specOutput = readFileSync(new URL('spec-section-3-output.json', fixtures), 'utf8');

test('SPEC section 3 example, byte for byte as JSON', () => {
  const { actions, ...rest } = cjs.evaluateAccount(specAccount, '2025-04-01');
  assert.equal(JSON.stringify(rest), JSON.stringify(JSON.parse(specOutput)));
  // The one addition to the SPEC's shape, last: what would stop the next transition.
  assert.deepEqual(actions, [{ kind: 'signIn', by: '2025-04-20', rule: 'LC-INACTIVE-DELETED' }]);
});

test('the ES module entry exports the same functions as the CommonJS one', () => {
  const fromCjs = Object.keys(cjs).filter((k) => typeof cjs[k] === 'function' && !k.startsWith('__')).sort();
  const fromEsm = Object.keys(esm).filter((k) => k !== 'default').sort();
  assert.deepEqual(fromEsm, fromCjs);
  assert.equal(esm.evaluateAccount(specAccount, '2025-04-01').state, 'inactive');
});

test('package.json exports point at files that exist, with types', () => {
  const pkg = JSON.parse(readFileSync(pkgDir + 'package.json', 'utf8'));
  const node = pkg.exports['.'].node;
  for (const rel of [node.types, node.import, node.require, pkg.exports['.'].browser.default, pkg.exports['.'].browser.types]) {
    assert.ok(readFileSync(pkgDir + rel).length > 0, rel);
  }
  const dts = readFileSync(pkgDir + node.types, 'utf8');
  for (const name of ['evaluateAccount', 'evaluateAccounts', 'timeline', 'addWorkingDays', 'checkAccess', 'checkEligibility',
    'planSharedMailboxes', 'exportDecisions', 'parseRosterCsv', 'comparePolicies', 'policySets', 'rules', 'engineVersion']) {
    assert.match(dts, new RegExp(`export function ${name}\\(`), name);
  }
  // Generated from the Rust types, not hand-written.
  assert.match(dts, /export interface AccountResult/);
  for (const type of ['AccessInput', 'AccessResult', 'EligibilityInput', 'EligibilityResult', 'MailboxPlanInput',
    'MailboxPlan', 'Roster', 'DecisionExport', 'ExportOptions', 'Comparison', 'Action', 'SuggestedAction']) {
    assert.match(dts, new RegExp(`export (interface|type) ${type}\\b`), type);
  }
  // Each type is declared once (two Rust types once both generated `Action`).
  const declared = [...dts.matchAll(/^export (?:interface|type) (\w+)/gm)].map((d) => d[1]);
  assert.deepEqual(declared.filter((d, i) => declared.indexOf(d) !== i), [], 'types declared twice');
  assert.match(dts, /export function checkAccess\(input: AccessInput, options\?: EvaluationOptions \| null\): AccessResult;/);
  assert.match(dts, /export function exportDecisions\(roster: Roster, asOf: IsoDate, options\?: ExportOptions \| null\): DecisionExport;/);
  assert.match(dts, /exportDecisions\(roster: Roster, asOf: IsoDate, remindWithinDays\?: number\): DecisionExport;/);
  assert.match(dts, /export type IsoDate = string/);
  assert.match(dts, /export type RuleId = "LC-ACTIVE-DELETED"/);
  assert.doesNotMatch(dts, /NaiveDate/);
});

test('evaluateAccounts runs a batch in input order', () => {
  const accounts = [specAccount, { ...specAccount, id: 'b', events: [] }];
  const out = cjs.evaluateAccounts(accounts, '2025-04-01', { policySet: 'ncl-icb' });
  assert.deepEqual(out.map((r) => r.accountId), ['jane.doe', 'b']);
  assert.ok(out.every((r) => r.policySet === 'ncl-icb'));
});

test('timeline, policySets, rules and engineVersion', () => {
  const segments = cjs.timeline(specAccount, '2025-05-31');
  assert.deepEqual(segments.map((s) => s.state), ['active', 'inactive', 'active', 'inactive', 'deleted', 'purged']);
  assert.equal(segments.at(-1).to, null);
  const sets = cjs.policySets();
  // The contract's two sets come first, in this order; a set added later follows them.
  assert.deepEqual(sets.slice(0, 2).map((s) => s.id), ['national', 'ncl-icb']);
  assert.deepEqual(sets[1].policies.map((p) => p.id), ['ncl-icb-2016', 'ncl-icb-2022-12']);
  const inactive = cjs.rules().find((r) => r.id === 'LC-INACTIVE');
  assert.equal(inactive.source, '000_7d288f9dc339b39b.txt');
  const pkg = JSON.parse(readFileSync(pkgDir + 'package.json', 'utf8'));
  assert.equal(cjs.engineVersion(), pkg.version);
});

test('bad input throws a coded Error naming the field, never a trap', () => {
  const withEvent = (e) => ({ ...specAccount, events: [...specAccount.events, e] });
  assertCoded(() => cjs.evaluateAccount(withEvent({ on: '2025-02-30', type: 'activity', channel: 'emailSent' }), '2025-04-01'), 'invalid_date', 'events[3].on');
  assertCoded(() => cjs.evaluateAccount(withEvent({ on: '2025-02-03', type: 'teleport' }), '2025-04-01'), 'invalid_field', 'events[3].type');
  assertCoded(() => cjs.evaluateAccount(withEvent({ on: '2025-02-03', type: 'joined' }), '2025-04-01'), 'invalid_field', 'events[3].organisation');
  assertCoded(() => cjs.evaluateAccount(specAccount, '2025-04-01', { policySet: 'nowhere' }), 'unknown_policy_set', 'options.policySet');
  assertCoded(() => cjs.evaluateAccount(specAccount, '2025-04-31'), 'invalid_date', 'asOf');
  assertCoded(() => cjs.evaluateAccount(specAccount, 20250401), 'invalid_date', 'asOf');
  assertCoded(() => cjs.evaluateAccount({ ...specAccount, created: undefined }, '2025-04-01'), 'invalid_field', 'created');
  assertCoded(() => cjs.evaluateAccount(specAccount, '2025-04-01', { policies: [{ id: 'p', effectiveFrom: '2024-01-01', inactiveAfterDays: 0 }] }), 'invalid_field', 'options.policies[0].inactiveAfterDays');
  assertCoded(() => cjs.evaluateAccounts([specAccount, { ...specAccount, kind: 'robot' }], '2025-04-01'), 'invalid_field', '[1].kind');
  for (const junk of [null, undefined, 42, 'text', [], true, {}]) {
    assertCoded(() => cjs.evaluateAccount(junk, '2025-04-01'), 'invalid_field');
    assertCoded(() => cjs.timeline(junk, '2025-04-01'), 'invalid_field');
    if (!Array.isArray(junk)) assertCoded(() => cjs.evaluateAccounts(junk, '2025-04-01'), 'invalid_field');
  }
  // An empty batch is not an error: it has no results.
  assert.deepEqual(cjs.evaluateAccounts([], '2025-04-01'), []);
  // The module still works after every error.
  assert.equal(cjs.evaluateAccount(specAccount, '2025-04-01').state, 'inactive');
});

test('far dates and huge numbers give answers, not traps', () => {
  const r = cjs.evaluateAccount({ id: 'x', kind: 'user', created: '0000-01-01', onboarded: true }, '9999-12-31');
  assert.equal(r.state, 'purged');
  const huge = { policies: [{ id: 'p', effectiveFrom: '2020-01-01', inactiveAfterDays: 4294967295 }] };
  assert.equal(cjs.evaluateAccount({ id: 'x', kind: 'user', created: '9999-01-01', onboarded: true }, '9999-12-31', huge).next, null);
  assertCoded(() => cjs.evaluateAccount(specAccount, '2025-04-01', { policies: [{ id: 'p', effectiveFrom: '2020-01-01', inactiveAfterDays: 1e300 }] }), 'invalid_field');
});

test('addWorkingDays skips weekends and bank holidays, and rejects bad input', () => {
  assert.equal(cjs.addWorkingDays('2022-12-23', 1), '2022-12-28');
  assert.equal(cjs.addWorkingDays('2025-06-02', 5), '2025-06-09');
  assert.equal(cjs.addWorkingDays('2025-06-07', 0), '2025-06-07');
  assertCoded(() => cjs.addWorkingDays('2025-06-02', -1), 'invalid_field', 'n');
  assertCoded(() => cjs.addWorkingDays('2025-06-02', 1.5), 'invalid_field', 'n');
  assertCoded(() => cjs.addWorkingDays('2025-06-02', '5'), 'invalid_field', 'n');
  assertCoded(() => cjs.addWorkingDays('1989-12-29', 1), 'invalid_date', 'date');
  assertCoded(() => cjs.addWorkingDays('2025-02-29', 1), 'invalid_date', 'date');
});
