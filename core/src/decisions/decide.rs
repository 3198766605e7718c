//! The decisions for one evaluated account (SPEC section 7): a state decision where the computed
//! state differs from the recorded one, a reminder when the last day to act is near, and the id
//! that keeps a decision the same across exports.

use std::borrow::Cow;

use crate::decisions::document::{decision_id, Action, Decision};
use crate::lifecycle::{AccountResult, ActionKind, Brief, NextTransition, State};
use crate::model::date::IsoDate;
use crate::model::rules::RuleId;

/// A decision for the account whose evaluation is `r`: `toState` is its computed state.
fn decision(
    account_id: &str,
    r: &Brief,
    action: Action,
    effective_on: IsoDate,
    from_state: State,
    rule: Option<RuleId>,
    reason: Cow<'static, str>,
) -> Decision {
    Decision {
        id: decision_id(account_id, action, effective_on),
        account_id: account_id.to_owned(),
        action,
        effective_on,
        from_state,
        to_state: r.state,
        rule,
        reason,
    }
}

/// The decisions for one evaluated account: a state decision when the computed state differs
/// from the recorded one, then a reminder when the last day to act is near.
pub fn decide(
    r: &AccountResult,
    recorded: Option<State>,
    as_of: IsoDate,
    remind_within_days: u32,
    out: &mut Vec<Decision>,
) {
    let brief = Brief::from(r);
    decide_brief(
        &r.account_id,
        &brief,
        recorded,
        as_of,
        remind_within_days,
        out,
    );
}

/// [`decide`] from the parts of the result it reads.
pub(crate) fn decide_brief(
    account_id: &str,
    r: &Brief,
    recorded: Option<State>,
    as_of: IsoDate,
    remind_within_days: u32,
    out: &mut Vec<Decision>,
) {
    if r.held {
        return;
    }
    let recorded = recorded.unwrap_or(State::Active);
    if r.state != recorded {
        let reason = match r.last_rule {
            Some(rule) => Cow::Borrowed(rule.summary()),
            None => Cow::Owned(format!(
                "No transition: the account has been active since {}",
                r.since
            )),
        };
        out.push(decision(
            account_id,
            r,
            Action::to_reach(r.state),
            r.since,
            recorded,
            r.last_rule,
            reason,
        ));
    }
    let (Some(next), Some(act)) = (&r.next, r.act) else {
        return;
    };
    let Some(last_day) = next.on.pred() else {
        return;
    };
    if last_day.days_since(as_of) <= i64::from(remind_within_days) {
        out.push(decision(
            account_id,
            r,
            Action::Remind,
            last_day,
            r.state,
            Some(next.rule),
            Cow::Owned(reminder_reason(r.state, act, last_day, next)),
        ));
    }
}

/// What a person can do by `last_day`, and what happens otherwise: "Sign in or send an email by
/// 20 April 2025, or the account becomes inactive on 21 April 2025".
fn reminder_reason(
    state: State,
    act: ActionKind,
    last_day: IsoDate,
    next: &NextTransition,
) -> String {
    let what = match act {
        ActionKind::SignIn if state == State::Active => "Sign in or send an email",
        ActionKind::SignIn => "Sign in to reactivate the account",
        ActionKind::CompleteOnboarding => {
            "Sign in to the NHSmail portal, accept the acceptable use policy and set the Account Secret"
        }
        ActionKind::AskAdministratorToEnable => "Ask the local administrator to re-enable the account",
        ActionKind::AskHelpdeskToMarkJoiner => {
            "Tell the helpdesk if the person is joining another organisation"
        }
        ActionKind::AskHelpdeskToRestore => "Call the helpdesk to restore the account",
    };
    let otherwise = match next.state {
        State::Inactive => "the account becomes inactive",
        State::Deleted => "the account is deleted",
        State::Purged => "the account is permanently deleted",
        State::Active | State::Disabled | State::Leaver => "the account changes state",
    };
    let mut reason = String::with_capacity(what.len() + otherwise.len() + 44);
    reason.push_str(what);
    reason.push_str(" by ");
    last_day.push_long_form(&mut reason);
    reason.push_str(", or ");
    reason.push_str(otherwise);
    reason.push_str(" on ");
    next.on.push_long_form(&mut reason);
    reason
}
