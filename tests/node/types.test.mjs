// The TypeScript types and the runtime agree: every field the generated .d.ts types `| null` is
// present and null (never undefined or missing) in real results, every required field is present,
// and the literal unions are the runtime's own lists. (tests/types/ compiles a consumer against
// the same .d.ts; this checks the .d.ts against what the module really returns.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const m = require(pkgDir + 'node/nhsmail_rules.js');

/** The .d.ts's interfaces: name -> [{ name, optional, type }], and its type aliases: name -> text. */
function declarations(file) {
  const text = readFileSync(pkgDir + file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const interfaces = new Map();
  for (const [, name, body] of text.matchAll(/export interface (\w+)(?: extends \w+)? \{([^}]*)\}/g)) {
    const fields = [...body.matchAll(/^\s*(\w+)(\??): (.+);$/gm)]
      .map(([, field, optional, type]) => ({ name: field, optional: optional === '?', type }));
    interfaces.set(name, fields);
  }
  const aliases = new Map([...text.matchAll(/export type (\w+) = (.+);$/gm)].map(([, n, t]) => [n, t]));
  return { interfaces, aliases };
}

const node = declarations('node/nhsmail_rules.d.ts');
const web = declarations('web/nhsmail_rules.d.ts');

/** The string literals of a union alias, `"a" | "b"` -> ['a', 'b']. */
function literals(alias) {
  const text = node.aliases.get(alias);
  assert.ok(text, `no type ${alias}`);
  return [...text.matchAll(/"([^"]*)"/g)].map(([, word]) => word);
}

const asOf = '2025-06-01';
const user = (id, extra = {}) => ({ id, kind: 'user', created: '2025-01-06', ...extra });
const signedIn = [{ on: '2025-01-06', type: 'aupAccepted' }, { on: '2025-01-06', type: 'accountSecretSet' }];
const lives = [
  user('fresh'),
  user('busy', { onboarded: true, address: 'busy@nhs.net', organisation: 'Trust A', activeOn: '2025-05-30' }),
  user('gone', { events: [...signedIn, { on: '2025-02-01', type: 'markedLeaver' }] }),
  user('deleted', { onboarded: true, activeOn: '2025-03-20' }),
  user('purged', { onboarded: true, activeOn: '2025-01-06' }),
  user('moved', { events: [...signedIn, { on: '2025-05-01', type: 'activity', channel: 'emailSent' },
    { on: '2025-05-02', type: 'joined', organisation: 'Trust B' }, { on: '2099-01-01', type: 'enabled' }] }),
  { ...user('held'), recordedState: 'disabled' },
  { ...user('recorded', { created: '2025-05-20' }), recordedState: 'inactive' },
];
const roster = { accounts: lives };
// With `explain: true`: the national lives, and one North Central London life whose inactivity the
// policy change of 1 December 2022 caused (a `policyChange` that is not null).
const explained = [
  ...m.evaluateAccounts(lives, asOf, { explain: true }),
  m.evaluateAccount(user('ncl', { created: '2022-09-01', onboarded: true, activeOn: '2022-10-20' }), '2023-02-01',
    { policySet: 'ncl-icb', explain: true }),
].flatMap((r) => r.transitions.map((t) => t.because));

/** Real results, by the interface the .d.ts says they are. */
const samples = {
  AccountResult: m.evaluateAccounts(lives, asOf),
  Segment: lives.flatMap((a) => m.timeline(a, asOf)),
  Warning: m.evaluateAccounts(lives, asOf).flatMap((r) => r.warnings),
  Because: explained,
  PolicyChange: explained.map((b) => b.policyChange).filter((c) => c !== null),
  DecisionExport: [m.exportDecisions(roster, asOf, { remindWithinDays: 60 })],
  Decision: m.exportDecisions(roster, asOf, { remindWithinDays: 60 }).decisions,
  // Before December 2022 the NCL ICB gave 90 days where the national policy gives 30.
  Answer: m.comparePolicies({ accounts: [user('c', { created: '2022-03-01', onboarded: true }),
    user('d', { created: '2022-05-20', onboarded: true })] }, '2022-06-01', undefined, { policySet: 'ncl-icb' })
    .differences.flatMap((d) => [d.a, d.b]),
  PolicySet: m.policySets(),
  Policy: m.policySets().flatMap((s) => s.policies),
  EligibilityResult: [
    m.checkEligibility({ organisationType: 'careProvider', cqcRegistered: true, dsptStatus: 'standardsMet', dsptYear: '2024-25', sites: 2, asOf }),
    m.checkEligibility({ organisationType: 'careProvider', asOf }),
  ],
  MailboxPlan: [
    m.planSharedMailboxes({ sites: [{ id: 's' }], asOf }),
    m.planSharedMailboxes({ sites: [{ id: 's' }], request: { siteId: 's', additional: 20 }, asOf }),
  ],
  Problem: m.planSharedMailboxes({
    sites: [{ id: 's' }],
    mailboxes: [{ id: 'mb', siteId: 's', owners: [] }, { id: 'mb2', siteId: 's' }, { id: 'mb3', siteId: 's' }],
    users: Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, siteId: 's', lastActivity: '2025-05-01' })),
    asOf,
  }).problems,
  RequestPlan: [
    m.planSharedMailboxes({ sites: [{ id: 's' }], request: { siteId: 's', additional: 20 }, asOf }).request,
    m.planSharedMailboxes({ sites: [{ id: 's' }], request: { siteId: 's', additional: 20, mdsCompleteOn: asOf }, asOf }).request,
  ],
};

test('both builds declare the same result types', () => {
  // The browser build adds its loader's `InitOutput` (the WebAssembly's own exports).
  const results = [...web.interfaces.entries()].filter(([n]) => n !== 'InitOutput');
  assert.deepEqual(results, [...node.interfaces.entries()]);
  assert.deepEqual([...web.aliases.entries()].filter(([n]) => node.aliases.has(n)), [...node.aliases.entries()]);
});

test('no result field is typed `| undefined`: absent values are null, as the runtime sends them', () => {
  for (const [name, fields] of node.interfaces) {
    for (const f of fields) {
      assert.doesNotMatch(f.type, /\bundefined\b/, `${name}.${f.name}: ${f.type}`);
    }
  }
});

// Every built-in policy has these dates (a policy of your own may have null, but no export
// returns one), and no built-in policy has the hard Account Secret date yet.
const alwaysGiven = new Set(['Policy.mfaAbroadFrom', 'Policy.accountSecretSoftFrom']);
const neverGiven = new Set(['Policy.accountSecretHardFrom']);

test('every `| null` field of a result is present and null in a real result, never undefined', () => {
  let checked = 0;
  for (const [name, fields] of node.interfaces) {
    const nullable = fields.filter((f) => !f.optional && /\| null$/.test(f.type));
    if (nullable.length === 0) continue;
    const values = samples[name];
    assert.ok(values?.length, `no runtime sample of ${name} (fields ${nullable.map((f) => f.name)})`);
    for (const f of nullable) {
      const field = `${name}.${f.name}`;
      assert.ok(values.every((v) => f.name in v && v[f.name] !== undefined), `${field} missing`);
      if (!alwaysGiven.has(field)) {
        assert.ok(values.some((v) => v[f.name] === null), `${field}: no sample is null`);
      }
      if (!neverGiven.has(field)) {
        assert.ok(values.some((v) => v[f.name] !== null), `${field}: no sample has a value`);
      }
      checked++;
    }
  }
  assert.ok(checked >= 20, `only ${checked} nullable fields checked`);
});

test('every field a result type requires is present in every sample, and nothing is undefined', () => {
  for (const [name, values] of Object.entries(samples)) {
    const fields = node.interfaces.get(name);
    assert.ok(fields, `no interface ${name}`);
    for (const v of values) {
      for (const f of fields.filter((f) => !f.optional)) {
        assert.ok(f.name in v, `${name}.${f.name} missing in ${JSON.stringify(v)}`);
      }
      for (const [k, value] of Object.entries(v)) {
        assert.notEqual(value, undefined, `${name}.${k} is undefined`);
        assert.ok(fields.some((f) => f.name === k), `${name}.${k} is not declared`);
      }
    }
  }
});

test('the literal unions are the runtime\'s own lists', () => {
  assert.deepEqual(literals('BuiltInPolicySetId'), m.policySets().map((s) => s.id));
  assert.equal(node.aliases.get('PolicySetId'), 'BuiltInPolicySetId | (string & {})');
  assert.deepEqual(literals('RuleId'), m.rules().map((r) => r.id));
  assert.deepEqual(literals('ErrorCode'), ['invalid_json', 'invalid_field', 'invalid_date', 'unknown_policy_set', 'invalid_csv']);
  // Each word the types allow is one the runtime reads back.
  for (const state of literals('State')) m.checkAccess({ state, on: asOf, location: 'uk', service: 'portal' });
  for (const kind of literals('AccountKind')) m.evaluateAccount({ id: 'a', kind, created: asOf }, asOf);
  const doc = m.exportDecisions(roster, asOf);
  assert.deepEqual(Object.keys(doc.summary.byAction), literals('Action'));
  assert.deepEqual(Object.keys(doc.summary.byState), literals('State'));
});

test('Event: the types require a field for exactly the event types the runtime requires one for', () => {
  const union = node.aliases.get('Event');
  const needs = new Map([...union.matchAll(/type: "(\w+)"; (\w+): \w+ \}/g)].map(([, t, f]) => [t, f]));
  assert.deepEqual([...needs.keys()].sort(), ['activity', 'joined', 'nameChanged']);
  for (const type of literals('EventType')) {
    const bare = () => m.evaluateAccount(user('a', { events: [{ on: '2025-02-01', type }] }), asOf);
    if (needs.has(type)) {
      assert.throws(bare, (e) => e.code === 'invalid_field' && e.path === `events[0].${needs.get(type)}`, type);
    } else {
      bare();
    }
  }
});

test('EngineError: code, path, and problems only for a CSV', () => {
  const fields = node.interfaces.get('EngineError');
  assert.deepEqual(fields, [
    { name: 'code', optional: false, type: 'ErrorCode' },
    { name: 'path', optional: false, type: 'string' },
    { name: 'problems', optional: true, type: 'CsvProblem[]' },
  ]);
  const codes = literals('ErrorCode');
  for (const fn of [() => m.evaluateAccount(user('a', { created: '2025-02-30' }), asOf),
    () => m.evaluateAccount(user('a'), asOf, { policySet: 'nope' }),
    () => m.exportDecisionsJson('{', asOf)]) {
    assert.throws(fn, (e) => e instanceof Error && codes.includes(e.code) && typeof e.path === 'string'
      && !('problems' in e));
  }
  assert.throws(() => m.parseRosterCsv('id,kind,created\na,robot,2025-01-01'),
    (e) => e.code === 'invalid_csv' && Array.isArray(e.problems) && e.problems.length === 1);
});

test('Evaluator: remindWithinDays may be left out, and policySet is the set id', () => {
  const ev = new m.Evaluator({ policySet: 'ncl-icb' });
  assert.equal(ev.policySet, 'ncl-icb');
  assert.equal(JSON.stringify(ev.exportDecisions(roster, asOf)), JSON.stringify(ev.exportDecisions(roster, asOf, 7)));
  assert.equal(ev.exportDecisionsJson(JSON.stringify(roster), asOf), ev.exportDecisionsJson(JSON.stringify(roster), asOf, 7));
  ev.free();
});
