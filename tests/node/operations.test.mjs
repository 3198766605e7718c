// Sections 4 to 7 from node, against pkg/ as a user loads it: each export on one realistic input,
// the export document against its published JSON Schema's shape, and a coded Error on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { assertCoded } from './coded-error.mjs';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const m = require(pkgDir + 'node/nhsmail_rules.js');

test('checkAccess: abroad without MFA is refused, an inactive account reactivates', () => {
  const abroad = m.checkAccess({ state: 'active', on: '2025-03-01', location: 'abroad', service: 'office365' });
  assert.equal(abroad.allowed, false);
  assert.deepEqual(abroad.reasons.map((r) => r.rule), ['AC-MFA-ABROAD']);
  const back = m.checkAccess({ state: 'inactive', on: '2025-03-01', location: 'uk', service: 'portal', accountSecretSet: true });
  assert.deepEqual([back.allowed, back.reactivates, back.reasons.map((r) => r.rule)], [true, true, ['AC-REACTIVATE']]);
  assertCoded(() => m.checkAccess({ state: 'active', on: '2025-03-01', location: 'mars', service: 'portal' }), 'invalid_field', 'location');
});

test('checkEligibility: DSPT 2024-25 counts on 2026-06-30 and not on 2026-07-01', () => {
  const input = { organisationType: 'careProvider', cqcRegistered: true, dsptStatus: 'standardsMet', dsptYear: '2024-25', sites: 3 };
  const on = m.checkEligibility({ ...input, asOf: '2026-06-30' });
  assert.equal(on.eligible, true);
  assert.deepEqual(on.routes, ['portal']);
  assert.deepEqual(on.allowance, { namedUsers: 30, sharedMailboxes: 3 });
  assert.equal(on.dsptValidUntil, '2026-06-30');
  const after = m.checkEligibility({ ...input, asOf: '2026-07-01' });
  assert.equal(after.eligible, false);
  assert.equal(after.reasons.find((r) => r.rule === 'EL-DSPT-CURRENT').met, false);
  assert.ok(after.nextSteps.length > 0);
  const sponsor = m.checkEligibility({ organisationType: 'locallyCommissioned', asOf: '2026-01-01' });
  assert.deepEqual([sponsor.eligible, sponsor.routes], [true, ['sponsor']]);
  assertCoded(() => m.checkEligibility({ ...input, dsptYear: undefined, asOf: '2026-01-01' }), 'invalid_field', 'dsptYear');
});

test('planSharedMailboxes: ten active linked users and one inactive block a request', () => {
  const users = Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, siteId: 's1', lastActivity: '2025-05-25' }));
  users.push({ id: 'amy.lee', siteId: 's1', lastActivity: '2025-04-20' });
  const plan = m.planSharedMailboxes({
    sites: [{ id: 's1', name: 'Rose Care Home' }],
    mailboxes: [{ id: 'm1', siteId: 's1', owners: ['u0', 'u1'], members: users.slice(2).map((u) => u.id) }],
    users,
    request: { siteId: 's1', additional: 4, justification: 'we are opening a new wing.', mdsCompleteOn: '2025-06-02' },
    asOf: '2025-06-01',
  });
  assert.deepEqual(plan.request.blockers, ['amy.lee']);
  assert.equal(plan.request.activeLinked, 10);
  assert.equal(plan.request.canProgress, false);
  assert.equal(plan.request.completesOn, '2025-06-09');
  assert.equal(plan.request.to, 'helpdesk@nhs.net');
  assert.ok(plan.request.email.endsWith('because we are opening a new wing.\n\nNumber of new users required: 4'));
  assert.equal(plan.sites[0].overAllowance, true);
  assertCoded(() => m.planSharedMailboxes({ sites: [{ id: 's1' }], users: [{ id: 'u', siteId: 's2', state: 'active' }], asOf: '2025-06-01' }), 'invalid_field', 'users[0].siteId');
});

const csv = [
  '\uFEFFid,kind,created,lastActivity,onboarded,recordedState,organisation',
  'jane.doe,user,2025-01-06,2025-05-20,yes,,"Rose Care Home, Leeds"',
  'old.one,user,2024-01-06,2024-12-01,true,active,',
  '',
  'rose.office,shared,2024-03-01,,,,Rose Care Home',
].join('\r\n');

test('parseRosterCsv then exportDecisions: schema shape, ids and identical bytes', () => {
  const roster = m.parseRosterCsv(csv);
  assert.deepEqual(roster.accounts.map((a) => a.id), ['jane.doe', 'old.one', 'rose.office']);
  assert.equal(roster.accounts[0].activeOn, '2025-05-20');
  assert.equal(roster.accounts[0].organisation, 'Rose Care Home, Leeds');
  const doc = m.exportDecisions(roster, '2025-06-01');
  const text = JSON.stringify(doc);
  assert.equal(text, JSON.stringify(m.exportDecisions(roster, '2025-06-01')), 'byte-identical');
  assert.deepEqual(Object.keys(doc), ['schema', 'engineVersion', 'asOf', 'policySet', 'summary', 'decisions', 'held']);
  assert.equal(doc.schema, 'nhsmail-decisions/2');
  assert.equal(doc.engineVersion, '0.2.0');
  assert.deepEqual(Object.keys(doc.summary), ['accounts', 'held', 'byState', 'byAction']);
  assert.deepEqual(doc.held, []);
  assert.deepEqual(Object.keys(doc.summary.byAction), ['reactivate', 'markInactive', 'disable', 'markLeaver', 'delete', 'purge', 'remind']);
  assert.equal(doc.summary.byState.purged, 1);
  for (const d of doc.decisions) {
    const want = createHash('sha256').update(JSON.stringify([d.accountId, d.action, d.effectiveOn]), 'utf8').digest('hex');
    assert.equal(d.id, want);
  }
  const old = doc.decisions.find((d) => d.accountId === 'old.one');
  assert.deepEqual([old.action, old.fromState, old.toState, old.rule], ['purge', 'active', 'purged', 'LC-RESTORE-WINDOW']);
  // The published schema ships in the package and names every top-level field.
  const schema = JSON.parse(readFileSync(pkgDir + 'schemas/decisions-2.schema.json', 'utf8'));
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.required, Object.keys(doc));
  assert.equal(require('../../pkg/schemas/decisions-2.schema.json').$schema, schema.$schema);
});

test('a portal export: undated Disabled and Active (Leaver) rows are held, never deleted or purged', () => {
  const portal = [
    'Email address,Display name,Account type,Created,Last sign in,Status',
    'long.leave@nhs.net,Sam Ray,User,01/03/2019,02/01/2021 09:14,Disabled',
    'gone@nhs.net,Ann Lee,User,01/03/2019,02/01/2021,Active (Leaver)',
    'old.hand@nhs.net,Old Hand,User,01/03/2019,30/11/2025,Active',
  ].join('\r\n');
  const roster = m.parseRosterCsv(portal);
  assert.deepEqual(roster.ignoredColumns, ['Display name']);
  const doc = m.exportDecisions(roster, '2025-12-01', { remindWithinDays: 30 });
  assert.equal(doc.summary.held, 2);
  assert.deepEqual(doc.held.map((h) => [h.accountId, h.recordedState, h.missing]),
    [['long.leave@nhs.net', 'disabled', 'recordedSince'], ['gone@nhs.net', 'leaver', 'recordedSince']]);
  // The one who signed in yesterday is active (onboarded by default) and reminded before 30 December.
  assert.deepEqual(doc.decisions.map((d) => [d.accountId, d.action, d.effectiveOn, d.rule]),
    [['old.hand@nhs.net', 'remind', '2025-12-29', 'LC-INACTIVE']]);
  const held = m.evaluateAccount(roster.accounts[0], '2025-12-01');
  assert.deepEqual([held.state, held.next, held.transitions.length], ['disabled', null, 0]);
  assert.equal(held.warnings.at(-1).code, 'recorded_state_undated');
});

test('exportDecisionsJson: a roster file in, the same export document out, as text', () => {
  const roster = m.parseRosterCsv(csv);
  const file = JSON.stringify(roster, null, 2); // as a person saves it: indented, on many lines
  for (const options of [undefined, { remindWithinDays: 30 }, { policySet: 'ncl-icb' }]) {
    const text = m.exportDecisionsJson(file, '2025-06-01', options);
    assert.equal(typeof text, 'string');
    assert.equal(text, JSON.stringify(m.exportDecisions(roster, '2025-06-01', options)));
  }
  const ev = new m.Evaluator({ policySet: 'national' });
  assert.equal(ev.exportDecisionsJson(file, '2025-06-01', 30), m.exportDecisionsJson(file, '2025-06-01', { remindWithinDays: 30 }));
  // The caller's own text: its line and column, and paths into it.
  const broken = file.replace('"kind": "user"', '"kind": "user",,');
  const e = assertCoded(() => m.exportDecisionsJson(broken, '2025-06-01'), 'invalid_json');
  const line = broken.split('\n').findIndex((l) => l.includes(',,')) + 1;
  assert.match(e.message, new RegExp(`line ${line}, column \\d+`));
  assertCoded(() => m.exportDecisionsJson(file.replace('"2025-05-20"', '"2025-02-30"'), '2025-06-01'), 'invalid_date', 'accounts[0].activeOn');
  assertCoded(() => m.exportDecisionsJson('[]', '2025-06-01'), 'invalid_field');
  assertCoded(() => m.exportDecisionsJson(roster, '2025-06-01'), 'invalid_field');
  assertCoded(() => m.exportDecisionsJson(file, '2025-13-01'), 'invalid_date', 'asOf');
  assertCoded(() => ev.exportDecisionsJson(file, '2025-06-01', -1), 'invalid_field', 'remindWithinDays');
});

test('parseRosterCsv errors name the line and column and list every problem, with no partial result', () => {
  const e = assertCoded(() => m.parseRosterCsv('id,kind,created\na,user,2025-01-01\n\nb,robot,2025-01-01\n'), 'invalid_csv');
  assert.match(e.message, /line 4, column 2 \(kind\)/);
  assert.deepEqual(e.problems.map((p) => [p.line, p.column, p.header]), [[4, 2, 'kind']]);
  // A near miss in the header, and every problem of the rows after it.
  const all = assertCoded(() => m.parseRosterCsv('id,kind,created,lastActivty,colour\na,robot,1/2/25,x,red\n'), 'invalid_csv', 'line 1, column 4 (lastActivty)');
  assert.deepEqual(all.problems.map((p) => [p.line, p.column, p.header]), [[1, 4, 'lastActivty'], [2, 2, 'kind'], [2, 3, 'created']]);
  assert.match(all.problems[0].message, /did you mean `lastActivity`\?/);
  assert.match(all.problems[2].message, /two-digit year/);
  assertCoded(() => m.parseRosterCsv(42), 'invalid_field', 'text');
  assertCoded(() => m.parseRosterCsv('Email,Created\na,2025-01-01\n', { columns: { lastActivity: 'Last used' } }), 'invalid_field', 'options.columns.lastActivity');
});

test('parseRosterCsv reads a file\'s bytes in any of its encodings, and says which header gave each column', () => {
  const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
  const portal = fixture('portal-export-excel-csv-utf8.csv');
  const r = m.parseRosterCsv(portal);
  assert.equal(r.accounts.length, 7);
  assert.equal(r.columns.id, 'Email address');
  assert.equal(r.columns.lastActivity, 'Last sign in');
  assert.deepEqual(r.ignoredColumns, ['Display name']);
  assert.deepEqual(r.missingColumns, ['address']);
  assert.deepEqual(m.parseRosterCsv(portal.toString('utf8')), r, 'the text reads as its bytes do');
  assert.equal(m.parseRosterCsv(fixture('unicode-text-utf16le.txt')).accounts[0].id, 'zoë.brontë@nhs.net');
  assert.equal(m.parseRosterCsv(fixture('csv-comma-delimited-windows-1252.csv')).accounts[1].organisation, 'Crèche €1 Ltd');
  assert.equal(m.parseRosterCsv('Email,Created\na@x,2025-01-01\n', { defaultKind: 'user' }).accounts[0].kind, 'user');
  // The result is a roster: exportDecisions reads it as it is.
  assert.equal(m.exportDecisions(r, '2025-12-10').summary.accounts, 7);
});

test('comparePolicies: national against ncl-icb before December 2022', () => {
  const roster = { accounts: [
    { id: 'idle45', kind: 'user', created: '2022-04-17', onboarded: true },
    { id: 'busy', kind: 'user', created: '2022-05-25', onboarded: true },
  ] };
  const c = m.comparePolicies(roster, '2022-06-01', { policySet: 'national' }, { policySet: 'ncl-icb' });
  assert.equal(c.summary.accounts, 2);
  assert.equal(c.summary.differing, 2);
  const idle = c.differences.find((d) => d.accountId === 'idle45');
  assert.deepEqual([idle.a.state, idle.b.state], ['inactive', 'active']);
  assert.equal(idle.b.policyId, 'ncl-icb-2016');
  assertCoded(() => m.comparePolicies(roster, '2022-06-01', {}, { policySet: 'nowhere' }), 'unknown_policy_set', 'optionsB.policySet');
});

test('lifecycle results carry counterfactual actions', () => {
  const r = m.evaluateAccount({ id: 'a', kind: 'user', created: '2025-01-06', onboarded: true }, '2025-01-20');
  assert.deepEqual(r.actions, [{ kind: 'signIn', by: '2025-02-04', rule: 'LC-INACTIVE' }]);
  const gone = m.evaluateAccount({ id: 'a', kind: 'user', created: '2025-01-06', onboarded: true }, '2025-03-10');
  assert.deepEqual(gone.actions, [{ kind: 'askHelpdeskToRestore', by: gone.restorableUntil, rule: 'LC-RESTORE-WINDOW' }]);
});

test('every export refuses junk with a coded Error and keeps working', () => {
  const calls = [
    (x) => m.checkAccess(x), (x) => m.checkEligibility(x), (x) => m.planSharedMailboxes(x),
    (x) => m.exportDecisions(x, '2025-06-01'), (x) => m.parseRosterCsv(x),
    (x) => m.comparePolicies(x, '2025-06-01'), (x) => m.exportDecisions({ accounts: [] }, x),
    (x) => m.checkAccess({ state: 'active', on: '2025-01-01', location: 'uk', service: 'portal' }, x),
  ];
  for (const junk of [null, undefined, 42, 1e300, -1, 'text', [], true, {}, [null], { accounts: [{}] }, { sites: 'x' }]) {
    for (const [i, f] of calls.entries()) {
      let out;
      try {
        out = f(junk);
      } catch (e) {
        assert.ok(e instanceof Error, `call ${i}: ${e}`);
        assert.doesNotMatch(String(e), /unreachable|RuntimeError/);
        assert.ok(['invalid_json', 'invalid_field', 'invalid_date', 'unknown_policy_set', 'invalid_csv'].includes(e.code), `call ${i} ${JSON.stringify(junk)}: ${e.code} ${e.message}`);
        continue;
      }
      // The only junk some calls accept is "no options" (null, undefined, {}).
      assert.ok(i === 7 && (junk == null || (typeof junk === 'object' && !Array.isArray(junk))), `call ${i} accepted ${JSON.stringify(junk)}: ${JSON.stringify(out)}`);
    }
  }
  assert.equal(m.exportDecisions({ accounts: [] }, '2025-06-01').summary.accounts, 0);
});
