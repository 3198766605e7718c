// The npm module as a TypeScript developer meets it: every export used as the READMEs use it,
// then the mistakes people make, each of which must fail to compile (`@ts-expect-error` fails
// the check if the line below it compiles). `cargo xtask test` compiles this with `tsc --strict`
// under `nodenext` and `bundler` resolution (tsconfig.*.json), importing 'nhsmail-rules' through
// the package's `exports` (node_modules/nhsmail-rules is a link to pkg/, made by the xtask).
import { readFileSync, writeFileSync } from 'node:fs';

import {
  addWorkingDays, checkAccess, checkEligibility, comparePolicies, engineVersion, evaluateAccount,
  evaluateAccounts, evaluateRosterColumns, Evaluator, exportDecisions, exportDecisionsJson,
  parseRosterCsv, planSharedMailboxes, policySets, rules, RosterColumns, timeline,
} from 'nhsmail-rules';
import type {
  Account, AccountResult, Action, Because, BuiltInPolicySetId, DecisionExport, EngineError, ErrorCode,
  Event, IsoDate, NextTransition, PolicyChange, PolicySetId, RuleId, Segment, State, WarningCode,
} from 'nhsmail-rules';

// --- As the READMEs use it -------------------------------------------------------------------

const account: Account = {
  id: 'jane.doe', kind: 'user', created: '2025-01-06',
  events: [
    { on: '2025-01-06', type: 'aupAccepted' },
    { on: '2025-01-06', type: 'accountSecretSet' },
    { on: '2025-02-20', type: 'activity', channel: 'emailSent' },
    { on: '2025-02-21', type: 'joined', organisation: 'Care Home Two' },
    { on: '2025-02-22', type: 'nameChanged', address: 'jane.smith@nhs.net' },
  ],
};
const result: AccountResult = evaluateAccount(account, '2025-04-01');
const state: State = result.state;
if (result.next !== null) {
  const next: NextTransition = result.next;
  const on: IsoDate = next.on;
  on.slice(0, 4);
}
result.next?.on.slice(0, 4);
const lastActivity: string | null = result.lastActivity;
const keep: IsoDate | null = result.keepActiveBy;
const restorable: IsoDate | null = result.restorableUntil;
const address: string | null = result.address;
const organisation: string | null = result.organisation;
for (const w of result.warnings) {
  const code: WarningCode = w.code;
  const index: number | null = w.event;
  void [code, index];
}
result.actions.map((a) => `${a.kind} by ${a.by} (${a.rule})`);
evaluateAccount(account, '2025-04-01', { policySet: 'ncl-icb' });
evaluateAccount(account, '2025-04-01', {
  policySet: 'my-trust', policies: [{ id: 'p', effectiveFrom: '2020-01-01', inactiveAfterDays: 45, mfaAbroadFrom: null }],
});
evaluateAccounts([account], '2025-04-01');
// `explain: true`: each transition's `because`, with the numbers (absent without it).
const explained = evaluateAccount(account, '2025-04-01', { policySet: 'ncl-icb', explain: true });
for (const t of explained.transitions) {
  const why: Because | undefined = t.because;
  if (why !== undefined) {
    const days: number | null = why.daysCounted;
    const limit: number | null = why.limit;
    const change: PolicyChange | null = why.policyChange;
    const text: string = `${t.on}: ${why.text}${change ? ` (${change.policyId}: ${change.from} to ${change.to})` : ''}`;
    void [days, limit, text];
  }
}
evaluateAccounts([account], '2025-04-01', { explain: false });
new Evaluator({ explain: true }).evaluateAccount(account, '2025-04-01').transitions[0]?.because?.text;
const segments: Segment[] = timeline(account, '2025-05-31');
for (const s of segments) {
  const to: IsoDate | null = s.to;
  const rule: RuleId | null = s.rule;
  void [to, rule];
}
rules().find((r) => r.id === 'LC-INACTIVE')?.quote;
rules().find((x) => x.id === result.transitions[0]?.rule);
const day: IsoDate = addWorkingDays('2022-12-23', 1);

const access = checkAccess({ state: 'inactive', on: '2025-03-01', location: 'abroad', service: 'portal' });
access.reasons.map((r) => r.rule);
const eligibility = checkEligibility({
  organisationType: 'careProvider', cqcRegistered: true, dsptStatus: 'standardsMet',
  dsptYear: '2024-25', sites: 3, asOf: '2026-06-30',
});
const allowed: number | undefined = eligibility.allowance?.namedUsers;
const validUntil: IsoDate | null = eligibility.dsptValidUntil;
const plan = planSharedMailboxes({
  sites: [{ id: 's1' }], mailboxes: [{ id: 'm1', siteId: 's1', owners: ['u1'] }],
  users: [{ id: 'u1', siteId: 's1', lastActivity: '2025-05-30' }],
  request: { siteId: 's1', additional: 3, justification: 'Night shift', mdsCompleteOn: '2025-06-02' },
  asOf: '2025-06-01',
});
const completesOn: IsoDate | null | undefined = plan.request?.completesOn;
plan.problems.map((p) => p.mailboxId ?? p.siteId);

const roster = parseRosterCsv(readFileSync('roster.csv'));
parseRosterCsv('id,kind,created\na,user,2025-01-01', { columns: { id: 'Staff email', lastActivity: 'Last used' }, defaultKind: 'user' });
roster.missingColumns.includes('lastActivity');
const doc: DecisionExport = exportDecisions(roster, '2025-06-01');
exportDecisions(roster, '2025-06-01', { policySet: 'ncl-icb', remindWithinDays: 14 });
for (const d of doc.decisions) {
  const action: Action = d.action;
  const rule: RuleId | null = d.rule;
  void [action, rule];
}
doc.held.map((h) => `${h.accountId}: ${h.message}`);
const heldCount: number = doc.summary.held;
comparePolicies(roster, '2025-06-01', { policySet: 'national' }, { policySet: 'ncl-icb' }).differences
  .map((d) => [d.a.next?.on ?? null, d.b.rule]);
writeFileSync('decisions.json', exportDecisionsJson(readFileSync('roster.json', 'utf8'), '2025-06-01'));
// Bytes in, the document's UTF-8 bytes out.
const docBytes: Uint8Array = exportDecisionsJson(readFileSync('roster.json'), '2025-06-01');
writeFileSync('decisions.json', docBytes);

// A whole roster file into columns (SPEC section 10): codes and day numbers, whole results on demand.
const cols: RosterColumns = evaluateRosterColumns(readFileSync('roster.csv'), '2025-06-01', { policySet: 'national' });
for (let i = 0; i < cols.count; i++) {
  const code = cols.state[i] ?? 255;
  const state: State | undefined = cols.states[code];
  const nextOn: number | undefined = cols.nextOn[i];
  if (state === 'inactive' && nextOn !== undefined && nextOn !== -2147483648) {
    const whole: AccountResult = cols.result(i);
    const id: string = cols.id(i);
    void [whole.next?.on, id];
  }
}
cols.free();

const ev = new Evaluator({ policySet: 'ncl-icb' });
const set: PolicySetId = ev.policySet;
ev.evaluateAccounts(roster.accounts, '2025-06-01');
ev.evaluateAccount(account, '2025-06-01');
ev.exportDecisions(roster, '2025-06-01');
ev.exportDecisions(roster, '2025-06-01', 14);
ev.exportDecisionsJson('{"accounts":[]}', '2025-06-01');
ev.exportDecisionsJson('{"accounts":[]}', '2025-06-01', 14);
ev.free();
new Evaluator();

const ids: PolicySetId[] = policySets().map((s) => s.id);
const builtIn: BuiltInPolicySetId = 'national';
const version: string = engineVersion();

try {
  evaluateAccount({ ...account, created: '2025-02-30' }, '2025-04-01');
} catch (e) {
  const err = e as EngineError;
  const code: ErrorCode = err.code;
  if (err.code === 'invalid_csv') err.problems?.map((p) => `${p.line}:${p.column} ${p.header}`);
  void [code, err.path, err.message];
}

// Every literal union is closed: a switch over it needs no default.
function label(s: State): string {
  switch (s) {
    case 'active': case 'inactive': case 'disabled': case 'leaver': case 'deleted': case 'purged':
      return s;
  }
}
function plain(e: Event): string {
  switch (e.type) {
    case 'activity': return e.channel;
    case 'joined': return e.organisation;
    case 'nameChanged': return e.address;
    default: return e.type;
  }
}
void [state, lastActivity, keep, restorable, address, organisation, day, allowed, validUntil,
  completesOn, set, ids, builtIn, version, label, plain];

// --- Mistakes people make: each must fail to compile ----------------------------------------

// @ts-expect-error a made-up kind of account
evaluateAccount({ id: 'a', kind: 'person', created: '2025-01-06' }, '2025-04-01');
// @ts-expect-error the date is required
evaluateAccount(account);
// @ts-expect-error a number for a date
evaluateAccount({ id: 'a', kind: 'user', created: 20250106 }, '2025-04-01');
// @ts-expect-error a Date object for the evaluation date
evaluateAccount(account, new Date());
// @ts-expect-error a misspelt event type
const misspelt: Event = { on: '2025-01-06', type: 'activty', channel: 'emailSent' };
// @ts-expect-error activity without its channel
const noChannel: Event = { on: '2025-01-06', type: 'activity' };
// @ts-expect-error a channel that is not one
const badChannel: Event = { on: '2025-01-06', type: 'activity', channel: 'emailReceived' };
// @ts-expect-error joined without its organisation
const noOrganisation: Event = { on: '2025-01-06', type: 'joined' };
// @ts-expect-error nameChanged without its address
const noAddress: Event = { on: '2025-01-06', type: 'nameChanged' };
// @ts-expect-error a made-up action
const madeUpAction: Action = 'archive';
// @ts-expect-error a made-up state
const madeUpState: State = 'suspended';
// @ts-expect-error a made-up rule id
const madeUpRule: RuleId = 'LC-MADE-UP';
// @ts-expect-error next is null for a purged account: check it first
result.next.on;
// @ts-expect-error null, not undefined: the runtime sends null
const undefinedNext: NextTransition | undefined = result.next;
// @ts-expect-error the last segment's `to` is null
segments[0]!.to.slice(0, 4);
// @ts-expect-error a decision with no transition has a null rule
doc.decisions[0]!.rule.startsWith('LC-');
// @ts-expect-error remindWithinDays is a number
ev.exportDecisions(roster, '2025-06-01', '14');
// @ts-expect-error remindWithinDays belongs to exportDecisions' options, not evaluateAccount's
evaluateAccount(account, '2025-04-01', { remindWithinDays: 14 });
// @ts-expect-error a policy set id is text
evaluateAccount(account, '2025-04-01', { policySet: 2 });
// @ts-expect-error explain is true or false, not a word
evaluateAccount(account, '2025-04-01', { explain: 'yes' });
// @ts-expect-error `because` is only there with `explain: true`: check it first
explained.transitions[0]!.because.text;
// @ts-expect-error an event-driven transition's daysCounted is null: check it first
explained.transitions[0]!.because!.daysCounted.toFixed();
// @ts-expect-error only the built-in sets are BuiltInPolicySetId
const notBuiltIn: BuiltInPolicySetId = 'my-trust';
// @ts-expect-error there is no `not_found` error code
if ((null as unknown as EngineError).code === 'not_found') { /* never */ }
// @ts-expect-error a made-up warning code
const madeUpWarning: WarningCode = 'event_ignored';
// @ts-expect-error somewhere to sign in from that is not `uk` or `abroad`
checkAccess({ state: 'active', on: '2025-03-01', location: 'mars', service: 'portal' });
// @ts-expect-error addWorkingDays needs how many days
addWorkingDays('2022-12-23');
// @ts-expect-error exportDecisionsJson takes the file's text, not the parsed roster
exportDecisionsJson(roster, '2025-06-01');
// @ts-expect-error a state code is a number into `states`, not a state name
const wrongCode: State = cols.state[0];
// @ts-expect-error the allowance is null for an organisation that is not eligible
eligibility.allowance.namedUsers;
// @ts-expect-error problems may be absent (only an `invalid_csv` error has them)
(null as unknown as EngineError).problems.length;
void [misspelt, noChannel, badChannel, noOrganisation, noAddress, madeUpAction, madeUpState, madeUpRule,
  undefinedNext, notBuiltIn, madeUpWarning];
