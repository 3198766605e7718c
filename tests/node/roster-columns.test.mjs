// evaluateRosterColumns (SPEC section 10) against pkg/ as a user loads it: column i agrees with
// evaluateAccounts on the parsed roster, for generated rosters (CSV and JSON, text and bytes) and
// the fixtures; the arrays belong to JS; errors are parseRosterCsv's and exportDecisionsJson's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { assertCoded } from './coded-error.mjs';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const m = require(pkgDir + 'node/nhsmail_rules.js');
const fixture = (name) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)));
const utf8 = (text) => new TextEncoder().encode(text);

const STATES = ['active', 'inactive', 'disabled', 'leaver', 'deleted', 'purged'];
const DAY = 86_400_000;
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const dayOf = (date) => Date.parse(date) / DAY;

// Column i against the whole result evaluateAccounts gives for the same account.
function assertAgrees(cols, accounts, asOf, options) {
  const expected = m.evaluateAccounts(accounts, asOf, options);
  assert.equal(cols.count, accounts.length);
  for (const column of [cols.state, cols.nextState, cols.nextRule, cols.nextOn, cols.since]) {
    assert.equal(column.length, accounts.length);
  }
  for (let i = 0; i < accounts.length; i++) {
    const r = expected[i];
    const got = {
      state: cols.states[cols.state[i]],
      since: iso(cols.since[i]),
      next: cols.nextState[i] === 255 ? null : {
        state: cols.states[cols.nextState[i]], on: iso(cols.nextOn[i]), rule: cols.rules[cols.nextRule[i]],
      },
    };
    assert.deepEqual(got, { state: r.state, since: r.since, next: r.next }, `account ${i} (${accounts[i].id})`);
    if (r.next === null) assert.deepEqual([cols.nextRule[i], cols.nextOn[i]], [255, -2147483648]);
    assert.equal(cols.id(i), accounts[i].id);
  }
  // The lazy whole results, checked on a spread of accounts.
  for (let i = 0; i < accounts.length; i += Math.max(1, Math.floor(accounts.length / 50))) {
    assert.deepEqual(cols.result(i), expected[i]);
  }
}

// A deterministic mix: every kind, recorded states dated and not, events of every type, both
// built-in policy sets.
function generate(n, seed) {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const asOf = dayOf('2025-11-01');
  const accounts = [];
  for (let i = 0; i < n; i++) {
    const created = asOf - Math.floor(rand() * 1500);
    const a = { id: `u${i}`, kind: rand() < 0.85 ? 'user' : pick(['shared', 'application', 'resource']), created: iso(created) };
    if (rand() < 0.7) a.activeOn = iso(created + Math.floor(rand() * (asOf - created + 1)));
    if (rand() < 0.3) a.onboarded = rand() < 0.7;
    if (rand() < 0.4) {
      a.recordedState = pick(STATES);
      if (rand() < 0.6) a.recordedSince = iso(asOf - Math.floor(rand() * 700));
    }
    if (rand() < 0.4) {
      a.events = [];
      for (let k = Math.floor(rand() * 4); k >= 0; k--) {
        const on = iso(created + Math.floor(rand() * (asOf - created + 1)));
        const type = pick(['activity', 'aupAccepted', 'accountSecretSet', 'disabled', 'enabled', 'markedLeaver', 'joined', 'restored', 'nameChanged']);
        const e = { on, type };
        if (type === 'activity') e.channel = pick(['portalLogin', 'office365Login', 'office365AppUse', 'emailSent']);
        if (type === 'joined') e.organisation = 'Elm Surgery';
        if (type === 'nameChanged') e.address = `n${i}@nhs.net`;
        a.events.push(e);
      }
    }
    accounts.push(a);
  }
  return { accounts, asOf: iso(asOf) };
}

// The CSV a roster like that is kept as (no events: a CSV row is a snapshot).
function toCsv(accounts) {
  const cells = (a) => [a.id, a.kind, a.created, a.activeOn ?? '', a.onboarded ?? '', a.recordedState ?? '', a.recordedSince ?? ''];
  return ['id,kind,created,lastActivity,onboarded,recordedState,recordedSince', ...accounts.map((a) => cells(a).join(','))].join('\r\n');
}

test('generated JSON rosters, as text and as bytes, under both built-in sets', () => {
  for (const [seed, policySet] of [[1, 'national'], [2, 'ncl-icb'], [3, 'national']]) {
    const { accounts, asOf } = generate(1500, seed);
    const text = JSON.stringify({ accounts });
    const options = { policySet };
    assertAgrees(m.evaluateRosterColumns(text, asOf, options), accounts, asOf, options);
    assertAgrees(m.evaluateRosterColumns(utf8(`\uFEFF${text}`), asOf, options), accounts, asOf, options);
  }
});

test('generated CSV rosters agree with evaluateAccounts on parseRosterCsv', () => {
  for (const seed of [4, 5]) {
    const { accounts, asOf } = generate(1500, seed);
    const csv = toCsv(accounts);
    const parsed = m.parseRosterCsv(csv).accounts;
    assertAgrees(m.evaluateRosterColumns(csv, asOf), parsed, asOf);
    assertAgrees(m.evaluateRosterColumns(utf8(csv), asOf), parsed, asOf);
  }
});

test('the CSV fixtures, read from their bytes as parseRosterCsv reads them', () => {
  const files = ['portal-export-excel-csv-utf8.csv', 'semicolon-excel.csv', 'csv-comma-delimited-windows-1252.csv', 'unicode-text-utf16le.txt'];
  for (const name of files) {
    const bytes = fixture(name);
    const parsed = m.parseRosterCsv(bytes).accounts;
    assertAgrees(m.evaluateRosterColumns(bytes, '2026-01-01'), parsed, '2026-01-01');
  }
  const options = { columns: { lastActivity: 'Last sign in' }, policySet: 'ncl-icb' };
  const bytes = fixture('portal-export-excel-csv-utf8.csv');
  assertAgrees(m.evaluateRosterColumns(bytes, '2026-01-01', options), m.parseRosterCsv(bytes, options).accounts, '2026-01-01', options);
});

test('the lifecycle fixtures, each a one-account JSON roster', () => {
  const { cases } = JSON.parse(fixture('lifecycle-cases.json'));
  for (const c of cases) {
    const options = { policySet: c.policySet };
    assertAgrees(m.evaluateRosterColumns(JSON.stringify({ accounts: [c.account] }), c.asOf, options), [c.account], c.asOf, options);
  }
});

test('the code tables, and arrays that belong to JS', () => {
  const { accounts, asOf } = generate(20, 6);
  const cols = m.evaluateRosterColumns(JSON.stringify({ accounts }), asOf);
  assert.deepEqual(cols.states, STATES);
  assert.deepEqual(cols.rules, m.rules().map((r) => r.id));
  const before = Array.from(cols.state);
  for (const column of [cols.state, cols.nextState, cols.nextRule, cols.nextOn, cols.since]) {
    assert.equal(column.byteOffset, 0);
    assert.equal(column.buffer.byteLength, column.byteLength, 'a copy, not a view into WebAssembly memory');
  }
  assert.ok(cols.nextOn instanceof Int32Array && cols.since instanceof Int32Array && cols.nextRule instanceof Uint8Array);
  // Later calls (which may grow and reuse WebAssembly memory) leave it as it was.
  for (let k = 0; k < 3; k++) m.evaluateRosterColumns(JSON.stringify(generate(3000, 7 + k)), asOf);
  assert.deepEqual(Array.from(cols.state), before);
  assert.deepEqual(structuredClone(cols.state), cols.state);
  const empty = m.evaluateRosterColumns('{"accounts": []}', asOf);
  assert.equal(empty.count, 0);
  assert.throws(() => empty.id(0), RangeError);
});

test('id(i) and result(i) throw RangeError outside 0..count', () => {
  const cols = m.evaluateRosterColumns('id,kind,created\na,user,2025-01-06\nb,user,2025-01-07\n', '2025-04-01');
  assert.equal(cols.id(1), 'b');
  for (const i of [-1, 2, 1.5, NaN, Infinity]) {
    assert.throws(() => cols.id(i), RangeError, String(i));
    assert.throws(() => cols.result(i), RangeError, String(i));
  }
});

test('errors: a CSV as parseRosterCsv gives them, JSON as exportDecisionsJson gives them', () => {
  const bad = fixture('many-bad-rows.csv');
  const expected = assertCoded(() => m.parseRosterCsv(bad), 'invalid_csv');
  const got = assertCoded(() => m.evaluateRosterColumns(bad, '2026-01-01'), 'invalid_csv');
  assert.deepEqual([got.message, got.path, got.problems], [expected.message, expected.path, expected.problems]);
  assert.ok(got.problems.length > 1);

  const twice = JSON.stringify({ accounts: [{ id: 'a', kind: 'user', created: '2025-01-06' }, { id: 'a', kind: 'user', created: '2025-01-06' }] });
  const rosters = ['{"accounts": [', '{"accounts": [{"id": "a", "kind": "user", "created": "2025-02-30"}]}', twice,
    '{"accounts": [{"id": "a", "kind": "user", "created": "2025-06-01"}]}'];
  for (const roster of rosters) {
    let want;
    try { m.exportDecisionsJson(roster, '2025-04-01'); } catch (e) { want = e; }
    assert.ok(want instanceof Error, roster);
    for (const given of [roster, utf8(roster)]) {
      const e = assertCoded(() => m.evaluateRosterColumns(given, '2025-04-01'), want.code, want.path);
      assert.equal(e.message, want.message);
    }
  }
  assertCoded(() => m.evaluateRosterColumns('{"accounts": []}', '2025-13-01'), 'invalid_date', 'asOf');
  assertCoded(() => m.evaluateRosterColumns('{"accounts": []}', '2025-04-01', { policySet: 'mars' }), 'unknown_policy_set');
  assertCoded(() => m.evaluateRosterColumns('{"accounts": []}', '2025-04-01', { remindWithinDays: -1 }), 'invalid_field', 'options.remindWithinDays');
  assertCoded(() => m.evaluateRosterColumns({ accounts: [] }, '2025-04-01'), 'invalid_field');
  assertCoded(() => m.evaluateRosterColumns('id,kind,created\n', '2025-04-01', { defaultKind: 'robot' }), 'invalid_field', 'options.defaultKind');
});

test('exportDecisionsJson: text in, text out; bytes in, the same document\'s UTF-8 bytes out', () => {
  const { accounts, asOf } = generate(500, 9);
  const text = JSON.stringify({ accounts: accounts.map((a, i) => ({ ...a, id: `ü"${i}\n` })) });
  const expected = m.exportDecisionsJson(text, asOf);
  assert.equal(typeof expected, 'string');
  assert.equal(expected, JSON.stringify(m.exportDecisions(JSON.parse(text), asOf)));
  for (const bytes of [utf8(text), utf8(`\uFEFF${text}`), Buffer.from(text)]) {
    const out = m.exportDecisionsJson(bytes, asOf);
    assert.ok(out instanceof Uint8Array);
    assert.deepEqual(Buffer.from(out), Buffer.from(expected));
  }
  const e = assertCoded(() => m.exportDecisionsJson(utf8('{"accounts": ['), asOf), 'invalid_json');
  assert.match(e.message, /line 1/);
});
