//! The account lifecycle state machine (SPEC section 3), evaluated event by event.
//!
//! Cost grows with the number of events and policy changes, never with the number of days: from
//! any state, the next automatic transition is found directly by working out, for each policy
//! stretch, the first day each rule's condition holds.

pub(crate) mod because;
mod events;
pub(crate) mod outcome;
mod snapshot;

pub(crate) use crate::lifecycle::because::Explain;
pub use crate::lifecycle::because::{Because, PolicyChange};
pub(crate) use crate::lifecycle::outcome::Brief;
pub use crate::lifecycle::outcome::{
    segments, segments_from, AccountResult, ActionKind, NextTransition, Segment, State,
    SuggestedAction, Transition, Warning, WarningCode,
};
pub(crate) use crate::lifecycle::snapshot::held_message;
use crate::lifecycle::snapshot::{start_of, Start};
use crate::model::account::{Account, SignIn};
use crate::model::date::IsoDate;
use crate::model::error::{EngineError, ErrorCode};
use crate::model::policy::{Policy, PolicySet};
use crate::model::rules::RuleId;

/// A time-driven rule and the clock it reads.
#[derive(Clone, Copy)]
struct Candidate {
    rule: RuleId,
    to: State,
}

/// The account as the simulation runs.
struct Life<'a> {
    set: &'a PolicySet,
    exempt: bool,
    /// Held as recorded (SPEC section 7.0): no automatic transition.
    held: bool,
    /// Give each transition its `because` (the caller asked with `explain: true`).
    explain: Explain,
    /// The day the simulation starts.
    start: IsoDate,
    created: IsoDate,
    state: State,
    // INVARIANT: `since` is the day the current state was entered (the start day at first).
    since: IsoDate,
    /// The inactivity clock.
    last: IsoDate,
    last_activity: Option<IsoDate>,
    onboarded_flag: bool,
    aup_accepted: bool,
    secret_set: bool,
    address: Option<String>,
    aliases: Vec<String>,
    organisation: Option<String>,
    transitions: Vec<Transition>,
    warnings: Vec<Warning>,
}

impl Life<'_> {
    fn onboarded(&self) -> bool {
        self.onboarded_flag || (self.aup_accepted && self.secret_set)
    }

    /// The time-driven rules that can fire from the current state, in checking order.
    fn candidates(&self) -> &'static [Candidate] {
        const ACTIVE: [Candidate; 3] = [
            Candidate {
                rule: RuleId::ActiveDeleted,
                to: State::Deleted,
            },
            Candidate {
                rule: RuleId::Onboarding,
                to: State::Inactive,
            },
            Candidate {
                rule: RuleId::Inactive,
                to: State::Inactive,
            },
        ];
        const INACTIVE: [Candidate; 1] = [Candidate {
            rule: RuleId::InactiveDeleted,
            to: State::Deleted,
        }];
        const DISABLED: [Candidate; 1] = [Candidate {
            rule: RuleId::DisabledRetention,
            to: State::Deleted,
        }];
        const LEAVER: [Candidate; 1] = [Candidate {
            rule: RuleId::Leaver,
            to: State::Purged,
        }];
        const DELETED: [Candidate; 1] = [Candidate {
            rule: RuleId::RestoreWindow,
            to: State::Purged,
        }];
        if self.exempt || self.held {
            return &[];
        }
        match self.state {
            State::Active => &ACTIVE,
            State::Inactive => &INACTIVE,
            State::Disabled => &DISABLED,
            State::Leaver => &LEAVER,
            State::Deleted => &DELETED,
            State::Purged => &[],
        }
    }

    /// The first day on which `rule`'s condition holds under policy `p` (None: never): its
    /// [`limit`] counted from the day the rule counts from.
    fn due_on(&self, rule: RuleId, p: &Policy) -> Option<IsoDate> {
        let n = limit(rule, p)?;
        match rule {
            RuleId::ActiveDeleted | RuleId::Inactive => self.last.plus_days(n.into()),
            RuleId::Onboarding if self.onboarded() => None,
            RuleId::Onboarding => self.created.plus_days(n.into()),
            RuleId::DisabledRetention => self.since.plus_months(n),
            _ => self.since.plus_days(n.into()),
        }
    }

    /// The next automatic transition after `as_of`, if nothing else happens.
    fn next_after(&self, as_of: IsoDate) -> Option<NextTransition> {
        let (on, c) = self.next_automatic(as_of.succ()?)?;
        Some(NextTransition {
            state: c.to,
            on,
            rule: c.rule,
        })
    }

    /// The first day on or after `from` when a time-driven rule fires, and which one.
    fn next_automatic(&self, from: IsoDate) -> Option<(IsoDate, Candidate)> {
        let candidates = self.candidates();
        if candidates.is_empty() {
            return None;
        }
        for (start, end, policy) in self.set.segments() {
            if end.is_some_and(|e| e <= from) {
                continue;
            }
            let mut best: Option<(IsoDate, Candidate)> = None;
            for c in candidates {
                let Some(due) = self.due_on(c.rule, policy) else {
                    continue;
                };
                let day = due.max(start).max(from);
                let in_stretch = end.is_none_or(|e| day < e);
                // Strictly earlier only: on a tie the rule checked first wins.
                if in_stretch && best.is_none_or(|(b, _)| day < b) {
                    best = Some((day, *c));
                }
            }
            if best.is_some() {
                return best;
            }
        }
        None
    }

    /// What a person can do to stop `next`, and by when: the last day before it.
    fn suggest(&self, next: Option<&NextTransition>) -> Option<SuggestedAction> {
        let n = next?;
        let kind = match (self.state, n.rule) {
            (State::Active, RuleId::Onboarding) => ActionKind::CompleteOnboarding,
            (State::Active, _) => ActionKind::SignIn,
            (State::Inactive, _) if self.onboarded() => ActionKind::SignIn,
            (State::Inactive, _) => ActionKind::CompleteOnboarding,
            (State::Disabled, _) => ActionKind::AskAdministratorToEnable,
            (State::Leaver, _) => ActionKind::AskHelpdeskToMarkJoiner,
            (State::Deleted, _) => ActionKind::AskHelpdeskToRestore,
            (State::Purged, _) => return None,
        };
        Some(SuggestedAction {
            kind,
            by: n.on.pred()?,
            rule: n.rule,
        })
    }

    fn move_to(&mut self, to: State, on: IsoDate, rule: RuleId) {
        // Written before the move, while the clocks still say why it happens.
        let because = self.explain.because(self, on, rule);
        self.transitions.push(Transition {
            on,
            from: self.state,
            to,
            rule,
            because,
        });
        self.state = to;
        self.since = on;
    }

    /// Runs the start-of-day checks of every day after `day` up to and including `until`.
    fn run_clock(&mut self, day: IsoDate, until: IsoDate) {
        let mut from = day.succ();
        while let Some(first) = from {
            match self.next_automatic(first) {
                Some((on, c)) if on <= until => {
                    self.move_to(c.to, on, c.rule);
                    from = on.succ();
                }
                _ => break,
            }
        }
    }
}

/// Runs the account's life from its start day to the end of `until`; for a roster row with a
/// recorded state, from where the record says it stood (SPEC section 7.0).
fn live<'a>(
    account: &Account,
    set: &'a PolicySet,
    until: IsoDate,
    until_field: &str,
    explain: Explain,
) -> Result<Life<'a>, EngineError> {
    let happenings = account.check()?;
    let begins = start_of(account, until)?;
    let (start, state) = match begins {
        Start::Recorded { state, on } => (on, state),
        Start::Held(state) => (account.start_day(), state),
        Start::Fresh => (account.start_day(), State::Active),
    };
    if until < start {
        return Err(EngineError::new(
            ErrorCode::InvalidDate,
            until_field,
            format!("{until} is before the account's start day ({start})"),
        ));
    }
    // A dated record knows the last activity only up to its date; a later `activeOn` is applied
    // as that day's first sign-in.
    let (last_activity, late_sign_in) = match (begins, account.active_on) {
        (Start::Recorded { on, .. }, Some(a)) if a > on => (None, Some(a)),
        _ => (account.active_on, None),
    };
    let mut life = Life {
        set,
        exempt: account.kind.is_exempt(),
        held: matches!(begins, Start::Held(_)),
        explain,
        start,
        created: account.created,
        state,
        since: start,
        last: start,
        last_activity,
        onboarded_flag: account.is_onboarded(),
        aup_accepted: false,
        secret_set: false,
        address: account.address.clone(),
        aliases: Vec::new(),
        organisation: account.organisation.clone(),
        transitions: Vec::new(),
        warnings: Vec::new(),
    };
    if let Start::Held(state) = begins {
        // A held row has no history: its listed events are not applied.
        let message = held_message(state).to_owned();
        life.warn(until, None, WarningCode::RecordedStateUndated, message);
        return Ok(life);
    }
    // Stable sort: same-day events keep their input order.
    let mut order: Vec<usize> = (0..happenings.len()).collect();
    order.sort_by_key(|&i| account.events.get(i).map(|e| e.on));
    let mut day = start;
    let mut late_sign_in = late_sign_in;
    for i in order {
        let (Some(event), Some(happening)) = (account.events.get(i), happenings.get(i)) else {
            continue;
        };
        if event.on < start || event.on > until {
            let message = if event.on < start {
                format!("This event is dated before the account's start day ({start}), so it was ignored.")
            } else {
                format!("This event is dated after {until}, the date being evaluated, so it was ignored.")
            };
            life.warn(event.on, Some(i), WarningCode::EventOutOfRange, message);
            continue;
        }
        if let Some(on) = late_sign_in.filter(|on| *on <= event.on) {
            life.run_clock(day, on);
            day = on;
            life.sign_in(on, None, SignIn::Activity);
            late_sign_in = None;
        }
        life.run_clock(day, event.on);
        day = event.on;
        life.apply(event.on, Some(i), happening.clone());
    }
    if let Some(on) = late_sign_in {
        life.run_clock(day, on);
        day = on;
        life.sign_in(on, None, SignIn::Activity);
    }
    life.run_clock(day, until);
    if life.exempt {
        // Exempt accounts keep their recorded state: their own hygiene is outside this engine.
        if let Some(recorded) = account.recorded_state {
            life.state = recorded;
            life.since = account.recorded_since.unwrap_or(start);
        }
    }
    Ok(life)
}

/// `rule`'s limit under `p`, in the policy's unit (days; months for `LC-DISABLED-RETENTION`;
/// `LC-ACTIVE-DELETED`'s is `inactiveAfterDays + deleteAfterInactiveDays`); `None` for a rule no
/// clock drives. What the rule is due after, and what an explanation quotes.
pub(crate) fn limit(rule: RuleId, p: &Policy) -> Option<u32> {
    Some(match rule {
        RuleId::ActiveDeleted => p
            .inactive_after_days
            .get()
            .saturating_add(p.delete_after_inactive_days.get()),
        RuleId::Onboarding => p.onboarding_days.get(),
        RuleId::Inactive => p.inactive_after_days.get(),
        RuleId::InactiveDeleted => p.delete_after_inactive_days.get(),
        RuleId::DisabledRetention => p.disabled_retention_months.get(),
        RuleId::Leaver => p.leaver_deletion_days.get(),
        RuleId::RestoreWindow => p.restore_window_days.get(),
        _ => return None,
    })
}

/// The account's state at the end of `as_of` under `set` (SPEC section 3, `evaluateAccount`).
pub fn evaluate_account(
    account: &Account,
    as_of: IsoDate,
    set: &PolicySet,
) -> Result<AccountResult, EngineError> {
    evaluate(account, as_of, set, Explain::NO)
}

/// [`evaluate_account`] with each transition's [`Because`]: why it happened, with the days
/// counted, the limit and the policy change that caused it (`evaluateAccount` with
/// `explain: true`).
pub fn evaluate_account_explained(
    account: &Account,
    as_of: IsoDate,
    set: &PolicySet,
) -> Result<AccountResult, EngineError> {
    evaluate(account, as_of, set, Explain::YES)
}

/// [`evaluate_account`], explained or not.
pub(crate) fn evaluate(
    account: &Account,
    as_of: IsoDate,
    set: &PolicySet,
    explain: Explain,
) -> Result<AccountResult, EngineError> {
    let life = live(account, set, as_of, "asOf", explain)?;
    let next = life.next_after(as_of);
    let keep_active_by = match &next {
        Some(n)
            if life.state == State::Active
                && matches!(n.rule, RuleId::Inactive | RuleId::ActiveDeleted) =>
        {
            n.on.pred()
        }
        _ => None,
    };
    let restorable_until = match &next {
        Some(n) if life.state == State::Deleted => n.on.pred(),
        _ => None,
    };
    let actions = life.suggest(next.as_ref()).into_iter().collect();
    Ok(AccountResult {
        account_id: account.id.clone(),
        kind: account.kind,
        exempt: life.exempt,
        state: life.state,
        since: life.since,
        last_activity: life.last_activity,
        policy_set: set.id.clone(),
        policy_id: set.in_force(as_of).id.clone(),
        next,
        keep_active_by,
        restorable_until,
        address: life.address,
        aliases: life.aliases,
        organisation: life.organisation,
        transitions: life.transitions,
        warnings: life.warnings,
        actions,
    })
}

/// [`evaluate_account`], reduced to its [`Brief`]: the same simulation.
pub(crate) fn brief(
    account: &Account,
    as_of: IsoDate,
    set: &PolicySet,
) -> Result<Brief, EngineError> {
    let life = live(account, set, as_of, "asOf", Explain::NO)?;
    let next = life.next_after(as_of);
    Ok(Brief {
        held: life.held,
        state: life.state,
        since: life.since,
        last_rule: life.transitions.last().map(|t| t.rule),
        next,
        act: life.suggest(next.as_ref()).map(|a| a.kind),
    })
}

/// `evaluate_account` over a list, in input order (each explained when `explain`). The first bad
/// account fails the whole call; its error path is put under `{list}[i]` (`[3].events[0].on`,
/// `accounts[3].events[0].on`), and an `asOf` before its start day names the account.
pub(crate) fn evaluate_all(
    accounts: &[Account],
    as_of: IsoDate,
    set: &PolicySet,
    list: &str,
    explain: Explain,
) -> Result<Vec<AccountResult>, EngineError> {
    accounts
        .iter()
        .enumerate()
        .map(|(i, a)| evaluate(a, as_of, set, explain).map_err(|e| locate(e, list, i, &a.id)))
        .collect()
}

/// An error about one account of a list: its fields under `list[i]`; an `asOf` problem names the
/// account in words.
pub(crate) fn locate(mut e: EngineError, list: &str, i: usize, id: &str) -> EngineError {
    if e.path == "asOf" {
        e.detail = format!("{} (the account at {list}[{i}], `{id}`)", e.detail);
        e
    } else {
        e.within(&format!("{list}[{i}]"))
    }
}

/// The account's whole life up to `until` as contiguous segments (SPEC section 3, `timeline`).
pub fn timeline(
    account: &Account,
    until: IsoDate,
    set: &PolicySet,
) -> Result<Vec<Segment>, EngineError> {
    let life = live(account, set, until, "until", Explain::NO)?;
    let first = life.transitions.first().map_or(life.state, |t| t.from);
    Ok(segments_from(life.start, first, &life.transitions))
}
