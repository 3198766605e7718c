//! What the lifecycle engine returns (SPEC section 3): states, transitions, warnings, the
//! `evaluateAccount` result and `timeline` segments. Field order is the contract's.

use serde::Serialize;

use crate::lifecycle::because::Because;
use crate::model::account::AccountKind;
use crate::model::date::IsoDate;
use crate::model::rules::RuleId;
pub use crate::model::state::State;

/// A change of state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Transition {
    /// The day it happened.
    pub on: IsoDate,
    /// The state before.
    pub from: State,
    /// The state after.
    pub to: State,
    /// The rule that moved it.
    pub rule: RuleId,
    /// Why, with the numbers: only when the caller asks (`explain: true`); absent otherwise, so
    /// the default output is SPEC section 3's.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub because: Option<Box<Because>>,
}

/// The next automatic transition if nothing else happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct NextTransition {
    /// The state it will move to.
    pub state: State,
    /// The day it will move.
    pub on: IsoDate,
    /// The rule that will move it.
    pub rule: RuleId,
}

/// Why an event was ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum WarningCode {
    EventOutOfRange,
    SignInBlocked,
    EventNotApplicable,
    RestoreWindowClosed,
    /// A recorded `disabled` or `leaver` with no `recordedSince`: held as recorded (SPEC 7.0).
    RecordedStateUndated,
}

/// An ignored event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct Warning {
    /// The event's date.
    pub on: IsoDate,
    /// The event's index in the input array; null when the warning is about the account (a held
    /// row) or its `activeOn`.
    pub event: Option<usize>,
    /// What kind of problem.
    pub code: WarningCode,
    /// Plain English.
    pub message: String,
}

/// What `evaluateAccount` returns (SPEC section 3). Field order is the contract's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct AccountResult {
    /// The account's id.
    pub account_id: String,
    /// The account's kind.
    pub kind: AccountKind,
    /// True for shared, application and resource accounts (`LC-EXEMPT`).
    pub exempt: bool,
    /// The state at the end of the evaluation date.
    pub state: State,
    /// The date of the latest transition, or the start day.
    pub since: IsoDate,
    /// The latest applied sign-in or sent email.
    pub last_activity: Option<IsoDate>,
    /// The policy set's id or label.
    #[cfg_attr(feature = "wasm", tsify(type = "PolicySetId"))]
    pub policy_set: String,
    /// The policy in force on the evaluation date.
    pub policy_id: String,
    /// The next automatic transition if nothing else happens.
    pub next: Option<NextTransition>,
    /// For an active account heading for inactivity or deletion: the last day activity keeps it active.
    pub keep_active_by: Option<IsoDate>,
    /// For a deleted account: the last day it can be restored.
    pub restorable_until: Option<IsoDate>,
    /// The primary address now.
    pub address: Option<String>,
    /// Earlier addresses that still redirect, oldest first.
    pub aliases: Vec<String>,
    /// The organisation now.
    pub organisation: Option<String>,
    /// Every state change, in order.
    pub transitions: Vec<Transition>,
    /// Every ignored event, in processing order.
    pub warnings: Vec<Warning>,
    /// What a person can do to stop the next transition, and by when (empty when nothing can).
    pub actions: Vec<SuggestedAction>,
}

vocabulary! {
    /// What a person can do to stop the next automatic transition.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum ActionKind {
        /// Sign in (or send an email): keeps an active account active, reactivates an inactive one.
        SignIn = "signIn" => "Sign in or send an email",
        /// Accept the AUP and set the Account Secret.
        CompleteOnboarding = "completeOnboarding"
            => "Accept the acceptable use policy and set the Account Secret",
        /// Ask a local administrator to enable the account.
        AskAdministratorToEnable = "askAdministratorToEnable"
            => "Ask a local administrator to enable the account",
        /// Ask the helpdesk to mark the leaver as a joiner to a new organisation.
        AskHelpdeskToMarkJoiner = "askHelpdeskToMarkJoiner"
            => "Ask the helpdesk to mark them as joining a new organisation",
        /// Ask the helpdesk to restore the deleted account.
        AskHelpdeskToRestore = "askHelpdeskToRestore" => "Ask the helpdesk to restore the account",
    }
}

/// A counterfactual hint: do `kind` by `by`, or `rule` moves the account on the next day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct SuggestedAction {
    /// What to do.
    pub kind: ActionKind,
    /// The last day doing it helps.
    pub by: IsoDate,
    /// The rule that moves the account the day after.
    pub rule: RuleId,
}

/// A stretch of the account's life in one state, for drawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct Segment {
    /// The state.
    pub state: State,
    /// The first day.
    pub from: IsoDate,
    /// The last day, or null when still current at the end of the timeline.
    pub to: Option<IsoDate>,
    /// The rule that began it (null for the first).
    pub rule: Option<RuleId>,
}

impl AccountResult {
    /// The rule of the last transition: the rule behind the state it is in (`None` when it never
    /// left active).
    pub fn last_rule(&self) -> Option<RuleId> {
        self.transitions.last().map(|t| t.rule)
    }
}

/// What a back-office decision needs of an account on `as_of`: the parts of
/// [`evaluate_account`](crate::evaluate_account)'s result that [`decide`](crate::decide) reads, without building the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Brief {
    /// Held as recorded (SPEC 7.0): no state decision, no reminder.
    pub(crate) held: bool,
    pub(crate) state: State,
    pub(crate) since: IsoDate,
    /// The rule of the last transition.
    pub(crate) last_rule: Option<RuleId>,
    pub(crate) next: Option<NextTransition>,
    /// What a person can do to stop `next`.
    pub(crate) act: Option<ActionKind>,
}

impl From<&AccountResult> for Brief {
    fn from(r: &AccountResult) -> Brief {
        Brief {
            held: r
                .warnings
                .iter()
                .any(|w| w.code == WarningCode::RecordedStateUndated),
            state: r.state,
            since: r.since,
            last_rule: r.last_rule(),
            next: r.next,
            act: r.actions.first().map(|a| a.kind),
        }
    }
}

/// The segments a life with these transitions draws, from its start day (`created`, or
/// `activeOn`): what `timeline` returns for the same account, date and policies, without running
/// the life again when an `AccountResult` is already at hand.
pub fn segments(start: IsoDate, transitions: &[Transition]) -> Vec<Segment> {
    segments_from(start, State::Active, transitions)
}

/// [`segments`] of a life that starts in `first` (a roster row's recorded state, SPEC 7.0).
pub fn segments_from(start: IsoDate, first: State, transitions: &[Transition]) -> Vec<Segment> {
    let mut starts: Vec<(State, IsoDate, Option<RuleId>)> = vec![(first, start, None)];
    starts.extend(transitions.iter().map(|t| (t.to, t.on, Some(t.rule))));
    let mut segments: Vec<Segment> = Vec::with_capacity(starts.len());
    for (i, &(state, from, rule)) in starts.iter().enumerate() {
        let next_from = starts.get(i + 1).map(|s| s.1);
        // A state entered and left on the same day lasted no whole day: no segment.
        if next_from == Some(from) {
            continue;
        }
        segments.push(Segment {
            state,
            from,
            to: next_from.and_then(IsoDate::pred),
            rule,
        });
    }
    segments
}
