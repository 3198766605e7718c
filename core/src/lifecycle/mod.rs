//! The account lifecycle state machine (SPEC section 3), evaluated event by event.
//!
//! Cost grows with the number of events and policy changes, never with the number of days: from
//! any state, the next automatic transition is found directly by working out, for each policy
//! stretch, the first day each rule's condition holds.

pub(crate) mod outcome;

pub(crate) use crate::lifecycle::outcome::Brief;
pub use crate::lifecycle::outcome::{
    segments, AccountResult, ActionKind, NextTransition, Segment, State, SuggestedAction,
    Transition, Warning, WarningCode,
};
use crate::model::account::{Account, Happening, SignIn};
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
        if self.exempt {
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

    /// The first day on which `rule`'s condition holds under policy `p` (None: never).
    fn due_on(&self, rule: RuleId, p: &Policy) -> Option<IsoDate> {
        let days = |anchor: IsoDate, n: u64| anchor.plus_days(n);
        match rule {
            RuleId::ActiveDeleted => days(
                self.last,
                u64::from(p.inactive_after_days.get())
                    + u64::from(p.delete_after_inactive_days.get()),
            ),
            RuleId::Onboarding if !self.onboarded() => {
                days(self.created, p.onboarding_days.get().into())
            }
            RuleId::Inactive => days(self.last, p.inactive_after_days.get().into()),
            RuleId::InactiveDeleted => days(self.since, p.delete_after_inactive_days.get().into()),
            RuleId::DisabledRetention => self.since.plus_months(p.disabled_retention_months.get()),
            RuleId::Leaver => days(self.since, p.leaver_deletion_days.get().into()),
            RuleId::RestoreWindow => days(self.since, p.restore_window_days.get().into()),
            _ => None,
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

    fn move_to(&mut self, to: State, on: IsoDate, rule: RuleId) {
        self.transitions.push(Transition {
            on,
            from: self.state,
            to,
            rule,
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

    fn warn(&mut self, on: IsoDate, event: usize, code: WarningCode, message: String) {
        self.warnings.push(Warning {
            on,
            event,
            code,
            message,
        });
    }

    fn not_applicable(&mut self, on: IsoDate, index: usize, what: &str) {
        let state = if self.exempt {
            "an exempt"
        } else {
            article(self.state)
        };
        let message =
            format!("A {what} event does not apply to {state} account, so it was ignored.");
        self.warn(on, index, WarningCode::EventNotApplicable, message);
    }

    /// Applies one event during day `on` (after that day's checks).
    fn apply(&mut self, on: IsoDate, index: usize, happening: Happening) {
        use State::*;
        match happening {
            Happening::SignIn(kind) => self.sign_in(on, index, kind),
            Happening::NameChanged(address) => {
                if matches!(self.state, Deleted | Purged) {
                    self.not_applicable(on, index, "nameChanged");
                } else {
                    self.rename(address);
                }
            }
            _ if self.exempt => {
                let what = event_name(&happening);
                self.not_applicable(on, index, what);
            }
            Happening::Disabled if matches!(self.state, Active | Inactive) => {
                self.move_to(Disabled, on, RuleId::Disabled)
            }
            Happening::Enabled if self.state == Disabled => {
                self.last = on;
                self.move_to(Active, on, RuleId::Enabled);
            }
            Happening::MarkedLeaver if matches!(self.state, Active | Inactive | Disabled) => {
                self.move_to(Leaver, on, RuleId::LeaverMarked)
            }
            Happening::Joined(org) if self.state == Leaver => {
                self.last = on;
                self.organisation = Some(org);
                self.move_to(Active, on, RuleId::Joiner);
            }
            Happening::Joined(org) if matches!(self.state, Active | Inactive) => {
                self.organisation = Some(org)
            }
            Happening::Restored if self.state == Deleted => {
                self.last = on;
                self.move_to(Active, on, RuleId::Restored);
            }
            Happening::Restored if self.state == Purged => {
                let message = format!(
                    "The account was permanently deleted on {}; it cannot be restored and a new account is needed.",
                    self.since
                );
                self.warn(on, index, WarningCode::RestoreWindowClosed, message);
            }
            other => {
                let what = event_name(&other);
                self.not_applicable(on, index, what);
            }
        }
    }

    fn sign_in(&mut self, on: IsoDate, index: usize, kind: SignIn) {
        if !self.exempt && matches!(self.state, State::Disabled | State::Deleted | State::Purged) {
            let message = format!(
                "Nobody can sign in to {} account, so this sign-in was ignored.",
                article(self.state)
            );
            self.warn(on, index, WarningCode::SignInBlocked, message);
            return;
        }
        match kind {
            SignIn::AupAccepted => self.aup_accepted = true,
            SignIn::AccountSecretSet => self.secret_set = true,
            SignIn::Activity => {}
        }
        self.last_activity = Some(on);
        self.last = on;
        if !self.exempt && self.state == State::Inactive && self.onboarded() {
            self.move_to(State::Active, on, RuleId::Reactivated);
        }
    }

    fn rename(&mut self, address: String) {
        if self.address.as_deref() == Some(address.as_str()) {
            return;
        }
        self.aliases.retain(|a| *a != address);
        if let Some(old) = self.address.replace(address) {
            self.aliases.push(old);
        }
    }
}

fn article(state: State) -> &'static str {
    match state {
        State::Active => "an active",
        State::Inactive => "an inactive",
        State::Disabled => "a disabled",
        State::Leaver => "a leaver's",
        State::Deleted => "a deleted",
        State::Purged => "a permanently deleted",
    }
}

fn event_name(h: &Happening) -> &'static str {
    match h {
        Happening::SignIn(SignIn::Activity) => "activity",
        Happening::SignIn(SignIn::AupAccepted) => "aupAccepted",
        Happening::SignIn(SignIn::AccountSecretSet) => "accountSecretSet",
        Happening::Disabled => "disabled",
        Happening::Enabled => "enabled",
        Happening::MarkedLeaver => "markedLeaver",
        Happening::Joined(_) => "joined",
        Happening::Restored => "restored",
        Happening::NameChanged(_) => "nameChanged",
    }
}

/// Runs the account's life from its start day to the end of `until`.
fn live<'a>(
    account: &Account,
    set: &'a PolicySet,
    until: IsoDate,
    until_field: &str,
) -> Result<Life<'a>, EngineError> {
    let happenings = account.check()?;
    let start = account.start_day();
    if until < start {
        return Err(EngineError::new(
            ErrorCode::InvalidDate,
            until_field,
            format!("{until} is before the account's start day ({start})"),
        ));
    }
    let mut life = Life {
        set,
        exempt: account.kind.is_exempt(),
        created: account.created,
        state: State::Active,
        since: start,
        last: start,
        last_activity: account.active_on,
        onboarded_flag: account.onboarded,
        aup_accepted: false,
        secret_set: false,
        address: account.address.clone(),
        aliases: Vec::new(),
        organisation: account.organisation.clone(),
        transitions: Vec::new(),
        warnings: Vec::new(),
    };
    // Stable sort: same-day events keep their input order.
    let mut order: Vec<usize> = (0..happenings.len()).collect();
    order.sort_by_key(|&i| account.events.get(i).map(|e| e.on));
    let mut day = start;
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
            life.warn(event.on, i, WarningCode::EventOutOfRange, message);
            continue;
        }
        life.run_clock(day, event.on);
        day = event.on;
        life.apply(event.on, i, happening.clone());
    }
    life.run_clock(day, until);
    Ok(life)
}

/// The account's state at the end of `as_of` under `set` (SPEC section 3, `evaluateAccount`).
pub fn evaluate_account(
    account: &Account,
    as_of: IsoDate,
    set: &PolicySet,
) -> Result<AccountResult, EngineError> {
    let life = live(account, set, as_of, "asOf")?;
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
    let actions = next
        .as_ref()
        .and_then(|n| {
            let kind = match (life.state, n.rule) {
                (State::Active, RuleId::Onboarding) => ActionKind::CompleteOnboarding,
                (State::Active, _) => ActionKind::SignIn,
                (State::Inactive, _) if life.onboarded() => ActionKind::SignIn,
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
        })
        .into_iter()
        .collect();
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
    let life = live(account, set, as_of, "asOf")?;
    Ok(Brief {
        state: life.state,
        since: life.since,
        last_rule: life.transitions.last().map(|t| t.rule),
        next: life.next_after(as_of),
    })
}

/// `evaluate_account` over a list, in input order. The first bad account fails the whole call;
/// its error path is put under `{list}[i]` (`[3].events[0].on`, `accounts[3].events[0].on`), and an
/// `asOf` before its start day names the account.
pub(crate) fn evaluate_all(
    accounts: &[Account],
    as_of: IsoDate,
    set: &PolicySet,
    list: &str,
) -> Result<Vec<AccountResult>, EngineError> {
    accounts
        .iter()
        .enumerate()
        .map(|(i, a)| evaluate_account(a, as_of, set).map_err(|e| locate(e, list, i, &a.id)))
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
    let life = live(account, set, until, "until")?;
    Ok(segments(account.start_day(), &life.transitions))
}
