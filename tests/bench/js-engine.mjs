// A hand-written JavaScript engine for the lifecycle rules of SPEC section 3, as a strong JS
// developer would write it for speed: the baseline a user compares the npm module with.
//
// Covered: every kind (shared, application and resource are exempt), `created`, `activeOn`,
// `onboarded`, and the events activity, aupAccepted, accountSecretSet, disabled, enabled,
// markedLeaver, joined and restored, under ONE policy (its numbers in force on every day). Not
// covered: policy changes (LC-ACTIVE-DELETED can only fire then), recordedState/recordedSince
// (SPEC 7.0), nameChanged, warnings. The bench checks it against the engine on every account.
//
// Like the engine it is event-driven: between two event days it jumps to the first day each
// automatic rule would fire, so the cost follows the number of events, not days.

export const STATES = ['active', 'inactive', 'disabled', 'leaver', 'deleted', 'purged'];
const [ACTIVE, INACTIVE, DISABLED, LEAVER, DELETED, PURGED] = [0, 1, 2, 3, 4, 5];
export const NONE = 255;
export const NO_DAY = -2147483648;

// 'YYYY-MM-DD' as days since 1970-01-01, without building a Date (Howard Hinnant's days_from_civil).
export function dayOf(iso) {
  const d = (i) => iso.charCodeAt(i) - 48;
  let y = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const m = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Calendar months, the day clamped to the month's end (2024-08-31 + 18 months = 2026-02-28).
function addMonths(day, months) {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 86_400_000;
}

const byDay = (a, b) => a.day - b.day;

// Decides `accounts` on `asOf` under `policy` (the numbers of one policy object from
// policySets()); `rules` is the catalogue's id list, for the rule codes. Fills and returns columns
// shaped as evaluateRosterColumns returns them.
export function evaluateColumns(accounts, asOf, policy, rules) {
  const I = policy.inactiveAfterDays;
  const D = policy.deleteAfterInactiveDays;
  const R = policy.restoreWindowDays;
  const O = policy.onboardingDays;
  const M = policy.disabledRetentionMonths;
  const L = policy.leaverDeletionDays;
  const rule = (id) => rules.indexOf(id);
  const [ONBOARDING, INACTIVITY, INACTIVE_DELETED, RETENTION, LEAVER_PURGE, RESTORE_WINDOW] = [
    'LC-ONBOARDING', 'LC-INACTIVE', 'LC-INACTIVE-DELETED', 'LC-DISABLED-RETENTION', 'LC-LEAVER', 'LC-RESTORE-WINDOW',
  ].map(rule);
  const asOfDay = dayOf(asOf);
  const n = accounts.length;
  const out = {
    count: n,
    state: new Uint8Array(n),
    nextState: new Uint8Array(n),
    nextOn: new Int32Array(n),
    nextRule: new Uint8Array(n),
    since: new Int32Array(n),
  };

  // The account's simulation state, reused across accounts.
  let state, since, last, entered, created, onboarded;
  let nextDay, nextTo, nextRule;
  // The first automatic transition after `day` from the current state: sets next*.
  const firstAfter = (day) => {
    switch (state) {
      case ACTIVE: {
        const idle = Math.max(day + 1, last + I);
        if (!onboarded) {
          const due = Math.max(day + 1, created + O);
          if (due <= idle) { nextDay = due; nextTo = INACTIVE; nextRule = ONBOARDING; return; }
        }
        nextDay = idle; nextTo = INACTIVE; nextRule = INACTIVITY; return;
      }
      case INACTIVE: nextDay = Math.max(day + 1, entered + D); nextTo = DELETED; nextRule = INACTIVE_DELETED; return;
      case DISABLED: nextDay = Math.max(day + 1, addMonths(entered, M)); nextTo = DELETED; nextRule = RETENTION; return;
      case LEAVER: nextDay = Math.max(day + 1, entered + L); nextTo = PURGED; nextRule = LEAVER_PURGE; return;
      case DELETED: nextDay = Math.max(day + 1, entered + R); nextTo = PURGED; nextRule = RESTORE_WINDOW; return;
      default: nextDay = NO_DAY; nextTo = NONE; nextRule = NONE;
    }
  };
  const move = (to, day) => { state = to; since = day; entered = day; };
  // Runs the automatic transitions of the days after `from`, up to and including `until`.
  const runUntil = (from, until) => {
    let day = from;
    for (;;) {
      firstAfter(day);
      if (nextTo === NONE || nextDay > until) return;
      move(nextTo, nextDay);
      day = nextDay;
    }
  };

  for (let i = 0; i < n; i++) {
    const a = accounts[i];
    created = dayOf(a.created);
    const start = a.activeOn === undefined || a.activeOn === null ? created : dayOf(a.activeOn);
    state = ACTIVE; since = start; last = start; entered = start;
    if (a.kind !== 'user') {
      out.state[i] = ACTIVE; out.since[i] = start;
      out.nextState[i] = NONE; out.nextOn[i] = NO_DAY; out.nextRule[i] = NONE;
      continue;
    }
    onboarded = a.onboarded ?? a.activeOn != null;
    let aup = false;
    let secret = false;
    let day = start;
    const events = a.events;
    if (events !== undefined && events.length > 0) {
      const list = [];
      for (const e of events) {
        const on = dayOf(e.on);
        if (on >= start && on <= asOfDay) list.push({ day: on, type: e.type });
      }
      list.sort(byDay); // stable: same-day events keep their order
      for (const e of list) {
        runUntil(day, e.day); // the day's checks come before its events
        day = e.day;
        switch (e.type) {
          case 'aupAccepted':
          case 'accountSecretSet':
          case 'activity':
            if (state === DISABLED || state === DELETED || state === PURGED) break;
            if (e.type === 'aupAccepted') aup = true;
            if (e.type === 'accountSecretSet') secret = true;
            if (aup && secret) onboarded = true;
            last = day;
            if (state === INACTIVE && onboarded) { state = ACTIVE; since = day; }
            break;
          case 'disabled':
            if (state === ACTIVE || state === INACTIVE) move(DISABLED, day);
            break;
          case 'enabled':
            if (state === DISABLED) { move(ACTIVE, day); last = day; }
            break;
          case 'markedLeaver':
            if (state === ACTIVE || state === INACTIVE || state === DISABLED) move(LEAVER, day);
            break;
          case 'joined':
            if (state === LEAVER) { move(ACTIVE, day); last = day; }
            break;
          case 'restored':
            if (state === DELETED) { move(ACTIVE, day); last = day; }
            break;
          default:
        }
      }
    }
    runUntil(day, asOfDay);
    firstAfter(asOfDay);
    out.state[i] = state;
    out.since[i] = since;
    out.nextState[i] = nextTo;
    out.nextOn[i] = nextDay;
    out.nextRule[i] = nextRule;
  }
  return out;
}
