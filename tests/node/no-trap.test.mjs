// No trap from JS (issue 5): every export, fed wrong types, missing fields, huge numbers, far dates
// (year 0 and 9999), 10,000-event histories and empty inputs, either answers or throws a coded
// Error naming where the problem is. Never `RuntimeError: unreachable`, never a hang (each test
// has a time limit), and the module answers the same afterwards as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const m = require(fileURLToPath(new URL('../../pkg/node/nhsmail_rules.js', import.meta.url)));

const CODES = ['invalid_json', 'invalid_field', 'invalid_date', 'unknown_policy_set', 'invalid_csv'];

const account = {
  id: 'jane.doe', kind: 'user', created: '2025-01-06', onboarded: false, organisation: 'Rose Care Home',
  events: [
    { on: '2025-01-06', type: 'aupAccepted' },
    { on: '2025-02-20', type: 'activity', channel: 'emailSent' },
    { on: '2025-03-01', type: 'joined', organisation: 'Oak Lodge' },
  ],
};
const options = { policySet: 'custom', policies: [{ id: 'p', effectiveFrom: '2024-01-01', inactiveAfterDays: 60 }] };
const roster = { accounts: [{ ...account, recordedState: 'active' }, { id: 'box', kind: 'shared', created: '2020-01-01', onboarded: true, events: [] }] };
const eligibility = { organisationType: 'careProvider', cqcRegistered: true, dsptStatus: 'standardsMet', dsptYear: '2024-25', sites: 3, asOf: '2026-01-01' };
const access = { state: 'inactive', on: '2025-03-01', location: 'abroad', service: 'office365', mfa: true, accountSecretSet: true, onboarded: true };
const mailboxes = {
  sites: [{ id: 's1', name: 'Rose Care Home' }],
  mailboxes: [{ id: 'm1', siteId: 's1', owners: ['u0', 'u1'], members: ['u2'] }],
  users: [{ id: 'u0', siteId: 's1', lastActivity: '2025-05-25' }, { id: 'u1', siteId: 's1', state: 'active' }, { id: 'u2', siteId: 's1', lastActivity: '2025-01-02' }],
  request: { siteId: 's1', additional: 4, justification: 'a new wing', mdsCompleteOn: '2025-06-02' },
  asOf: '2025-06-01',
};
const csv = 'id,kind,created,onboarded,lastActivity,recordedState\njane,user,2025-01-06,yes,2025-02-20,active\n';

// Every export with good arguments. Evaluator methods go through one instance made with options.
const evaluator = new m.Evaluator(options);
const EXPORTS = {
  evaluateAccount: [(a, d, o) => m.evaluateAccount(a, d, o), [account, '2025-06-01', options]],
  evaluateAccounts: [(a, d, o) => m.evaluateAccounts(a, d, o), [[account], '2025-06-01', options]],
  timeline: [(a, d, o) => m.timeline(a, d, o), [account, '2026-06-01', options]],
  addWorkingDays: [(d, n) => m.addWorkingDays(d, n), ['2025-06-02', 5]],
  checkAccess: [(i, o) => m.checkAccess(i, o), [access, options]],
  checkEligibility: [(i, o) => m.checkEligibility(i, o), [eligibility, options]],
  planSharedMailboxes: [(i, o) => m.planSharedMailboxes(i, o), [mailboxes, options]],
  exportDecisions: [(r, d, o) => m.exportDecisions(r, d, o), [roster, '2025-06-01', { ...options, remindWithinDays: 10 }]],
  parseRosterCsv: [(t) => m.parseRosterCsv(t), [csv]],
  comparePolicies: [(r, d, a, b) => m.comparePolicies(r, d, a, b), [roster, '2025-06-01', { policySet: 'national' }, options]],
  'new Evaluator': [(o) => new m.Evaluator(o).policySet, [options]],
  'Evaluator.evaluateAccount': [(a, d) => evaluator.evaluateAccount(a, d), [account, '2025-06-01']],
  'Evaluator.evaluateAccounts': [(a, d) => evaluator.evaluateAccounts(a, d), [[account], '2025-06-01']],
  'Evaluator.exportDecisions': [(r, d, n) => evaluator.exportDecisions(r, d, n), [roster, '2025-06-01', 10]],
};

const cycle = {};
cycle.self = cycle;
const deep = JSON.parse('['.repeat(5000) + ']'.repeat(5000));
const JUNK = [
  null, undefined, 0, -1, 1.5, NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 53 + 1, 4294967296, -2147483649,
  '', 'text', '2025-02-30', '0000-01-01', '9999-12-31', '-0001-01-01', '+010000-01-01', '2025-6-1', ' 2025-06-01',
  true, [], [null], {}, { a: 1 }, cycle, deep, 10n, Symbol('s'), () => 1, new Date(0), new Map(),
  'x'.repeat(1 << 20), '\u0000\ud800',
];
const FAR_DATES = ['0000-01-01', '0000-02-29', '0001-12-31', '1969-12-31', '9999-12-31', '9999-02-29', '10000-01-01'];

function show(v) {
  try {
    const s = typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? String(v) : JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 60)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}

// Calls f; an answer must be JSON-able, an error must be coded with a path; never a trap.
function answerOrCoded(what, f) {
  let out;
  try {
    out = f();
  } catch (e) {
    assert.ok(e instanceof Error, `${what}: threw ${show(e)}`);
    assert.doesNotMatch(`${e}\n${e.stack}`, /unreachable|RuntimeError|panicked/, what);
    assert.ok(CODES.includes(e.code), `${what}: code ${e.code}: ${e.message}`);
    assert.equal(typeof e.path, 'string', what);
    assert.ok(e.message.length > 0, what);
    return { error: e };
  }
  assert.notEqual(out, undefined, `${what}: no answer`);
  JSON.stringify(out);
  return { out };
}

// The same argument list with `value` at `path` ([argument index, key, key, ...]); undefined
// deletes the key, as a missing field.
function replaced(args, path, value) {
  const copy = structuredClone(args.map((a) => (a === undefined ? null : a)));
  if (path.length === 1) {
    copy[path[0]] = value;
    return copy;
  }
  let at = copy[path[0]];
  for (const key of path.slice(1, -1)) at = at[key];
  const last = path[path.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

// Every path to a field in the arguments: [0], [0, 'events'], [0, 'events', 1, 'on'], ...
function paths(value, prefix) {
  const out = [prefix];
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  }
  return out;
}

const baseline = Object.fromEntries(Object.entries(EXPORTS).map(([name, [f, args]]) => [name, JSON.stringify(f(...args))]));

function stillWorks() {
  for (const [name, [f, args]] of Object.entries(EXPORTS)) assert.equal(JSON.stringify(f(...args)), baseline[name], `${name} changed`);
}

test('every field of every export, missing or replaced by junk, answers or throws a coded Error', { timeout: 300_000 }, (t) => {
  let calls = 0;
  for (const [name, [f, args]] of Object.entries(EXPORTS)) {
    const fieldPaths = args.flatMap((a, i) => paths(a, [i]));
    for (const path of fieldPaths) {
      for (const junk of path.length > 1 ? [undefined, ...JUNK] : JUNK) {
        let mutated;
        try {
          mutated = replaced(args, path, junk);
        } catch {
          // structuredClone cannot copy symbols and functions: put them in after cloning.
          mutated = replaced(args, path, null);
          if (path.length === 1) mutated[path[0]] = junk;
          else {
            let at = mutated[path[0]];
            for (const key of path.slice(1, -1)) at = at[key];
            at[path[path.length - 1]] = junk;
          }
        }
        answerOrCoded(`${name} with ${path.join('.')} = ${show(junk)}`, () => f(...mutated));
        calls++;
      }
    }
    // Too few and too many arguments.
    answerOrCoded(`${name}()`, () => f());
    answerOrCoded(`${name} with an extra argument`, () => f(...args, 'extra'));
  }
  assert.ok(calls > 3000, `only ${calls} calls`);
  t.diagnostic(`${calls} calls, each answered or refused with a coded Error`);
  stillWorks();
});

test('far-past and far-future dates give answers or invalid_date, and the right answers where known', { timeout: 120_000 }, () => {
  for (const d of FAR_DATES) {
    const created = { ...account, created: d, events: [] };
    for (const [what, f] of [
      ['asOf', () => m.evaluateAccount(account, d)],
      ['created', () => m.evaluateAccount(created, '9999-12-31')],
      ['timeline until', () => m.timeline(account, d)],
      ['addWorkingDays', () => m.addWorkingDays(d, 1)],
      ['access on', () => m.checkAccess({ ...access, on: d })],
      ['eligibility asOf', () => m.checkEligibility({ ...eligibility, asOf: d })],
      ['mailbox asOf', () => m.planSharedMailboxes({ ...mailboxes, asOf: d })],
      ['export asOf', () => m.exportDecisions(roster, d)],
      ['compare asOf', () => m.comparePolicies(roster, d)],
      ['policy effectiveFrom', () => m.evaluateAccount(account, '2025-06-01', { policies: [{ id: 'p', effectiveFrom: d }] })],
    ]) {
      const r = answerOrCoded(`${what} ${d}`, f);
      if (r.error) assert.ok(['invalid_date', 'invalid_field'].includes(r.error.code), `${what} ${d}: ${r.error.code}`);
    }
  }
  // Known answers at the ends of the calendar.
  const old = { id: 'x', kind: 'user', created: '0000-01-01', onboarded: true, events: [] };
  assert.equal(m.evaluateAccount(old, '9999-12-31').state, 'purged');
  assert.equal(m.evaluateAccount(old, '0000-01-01').state, 'active');
  assert.equal(m.evaluateAccount({ ...old, created: '9999-12-31' }, '9999-12-31').next, null);
  assert.equal(m.evaluateAccount({ ...old, kind: 'shared' }, '9999-12-31').state, 'active');
  assert.throws(() => m.evaluateAccount(old, '10000-01-01'), (e) => e.code === 'invalid_date' && e.path === 'asOf');
  assert.throws(() => m.evaluateAccount({ ...old, created: '2025-01-02' }, '2025-01-01'), (e) => e.code === 'invalid_date');
  stillWorks();
});

test('10,000-event histories are decided, the same by every route', { timeout: 120_000 }, () => {
  const types = ['activity', 'disabled', 'enabled', 'markedLeaver', 'joined', 'restored', 'aupAccepted', 'accountSecretSet', 'nameChanged'];
  const start = Date.UTC(2000, 0, 1);
  const events = Array.from({ length: 10_000 }, (_, i) => {
    const type = types[i % types.length];
    const on = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    const e = { on, type };
    if (type === 'activity') e.channel = 'portalLogin';
    if (type === 'joined') e.organisation = `Home ${i}`;
    if (type === 'nameChanged') e.address = `name${i}@nhs.net`;
    return e;
  });
  const long = { id: 'long', kind: 'user', created: '2000-01-01', onboarded: true, events };
  const asOf = '2030-01-01';
  const one = answerOrCoded('evaluateAccount', () => m.evaluateAccount(long, asOf));
  const batch = answerOrCoded('evaluateAccounts', () => m.evaluateAccounts([long, long], asOf));
  const viaEvaluator = answerOrCoded('Evaluator', () => new m.Evaluator().evaluateAccount(long, asOf));
  const segments = answerOrCoded('timeline', () => m.timeline(long, asOf));
  const exported = answerOrCoded('exportDecisions', () => m.exportDecisions({ accounts: [long] }, asOf));
  answerOrCoded('comparePolicies', () => m.comparePolicies({ accounts: [long] }, asOf, null, { policySet: 'ncl-icb' }));
  for (const r of [one, batch, viaEvaluator, segments, exported]) assert.equal(r.error, undefined, r.error?.message);
  assert.deepEqual(batch.out[0], one.out);
  assert.deepEqual(viaEvaluator.out, one.out);
  assert.ok(segments.out.length > 1);
  assert.equal(exported.out.decisions.length, 1);
  // An event out of order deep in the history is named exactly.
  const shuffled = { ...long, events: events.map((e, i) => (i === 9_999 ? { ...e, on: '2000-01-02' } : e)) };
  const r = answerOrCoded('out of order', () => m.evaluateAccount(shuffled, asOf));
  if (r.error) assert.match(r.error.path, /^events\[\d+\]\.on$/);
  stillWorks();
});

test('empty inputs: empty rosters, lists and texts answer or say what is missing', { timeout: 60_000 }, () => {
  assert.deepEqual(m.evaluateAccounts([], '2025-06-01'), []);
  assert.equal(m.exportDecisions({ accounts: [] }, '2025-06-01').decisions.length, 0);
  assert.equal(m.comparePolicies({ accounts: [] }, '2025-06-01').differences.length, 0);
  assert.equal(new m.Evaluator().exportDecisions({ accounts: [] }, '2025-06-01').summary.accounts, 0);
  assert.throws(() => m.parseRosterCsv(''), (e) => e.code === 'invalid_csv' && /line 1/.test(e.path));
  assert.deepEqual(m.parseRosterCsv('id,kind,created,onboarded\n').accounts, []);
  const plan = answerOrCoded('empty plan', () => m.planSharedMailboxes({ sites: [], mailboxes: [], users: [], asOf: '2025-06-01' }));
  assert.equal(plan.error, undefined);
  for (const [name, f] of [
    ['evaluateAccount', () => m.evaluateAccount({}, '2025-06-01')],
    ['checkAccess', () => m.checkAccess({})],
    ['checkEligibility', () => m.checkEligibility({})],
    ['planSharedMailboxes', () => m.planSharedMailboxes({})],
    ['exportDecisions', () => m.exportDecisions({}, '2025-06-01')],
    ['addWorkingDays', () => m.addWorkingDays('', 0)],
  ]) {
    const r = answerOrCoded(name, f);
    assert.ok(r.error, `${name} accepted an empty input`);
    assert.ok(r.error.path.length > 0 || r.error.message.length > 0, name);
  }
  stillWorks();
});
