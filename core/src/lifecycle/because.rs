//! Why each transition happened, with the numbers (SPEC section 3 with `explain: true`; see
//! docs/READINGS.md, "Section 3: explanations"): the days counted toward the limit that day, the
//! limit in force, and the policy that took effect that very day when it is what moved the account.
//! Only computed when a caller asks, so it is written for clarity rather than speed.

use std::fmt::Write as _;

use serde::Serialize;

use super::{limit, Life};
use crate::model::date::IsoDate;
use crate::model::rules::RuleId;

/// Why a transition happened, in words and numbers (`because`, appended last to a transition when
/// the caller asks with `explain: true`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
pub struct Because {
    /// One or two plain-English sentences with the dates and numbers.
    pub text: String,
    /// For a time-driven rule, the days counted toward its limit on the transition's day (e.g.
    /// days since the last sign-in); null for a transition caused by an event.
    pub days_counted: Option<u32>,
    /// The limit in force that day, in the policy's unit: days, except months for
    /// `LC-DISABLED-RETENTION` (`disabledRetentionMonths`); `LC-ACTIVE-DELETED`'s is
    /// `inactiveAfterDays + deleteAfterInactiveDays`. Null for a transition caused by an event.
    pub limit: Option<u32>,
    /// The policy that took effect that very day, when the policy in force the day before would
    /// not have made this transition that day; else null.
    pub policy_change: Option<PolicyChange>,
}

/// A policy that took effect on a transition's day and caused it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct PolicyChange {
    /// The day it took effect (its `effectiveFrom`, the transition's day).
    pub on: IsoDate,
    /// The policy that took effect.
    pub policy_id: String,
    /// The rule's limit under the policy in force the day before (same unit as `limit`).
    pub from: u32,
    /// The rule's limit under the new policy (equal to `limit`).
    pub to: u32,
}

/// Whether to explain each transition as it happens. The explaining code is reached only through
/// [`Explain::YES`], so a build that never asks for explanations (the app's roster page) does not
/// carry it.
#[derive(Clone, Copy)]
pub(crate) struct Explain(Option<for<'a, 'b> fn(&'b Life<'a>, IsoDate, RuleId) -> Because>);

impl Explain {
    /// No `because` (SPEC section 3 as written).
    pub(crate) const NO: Explain = Explain(None);
    /// Each transition gets its `because`.
    pub(crate) const YES: Explain = Explain(Some(explain));

    /// [`Explain::YES`] when `yes` (the caller's `explain` option).
    pub(crate) fn when(yes: bool) -> Explain {
        if yes {
            Explain::YES
        } else {
            Explain::NO
        }
    }

    /// Why `rule` moves `life` on `on`, when explaining.
    pub(super) fn because(
        self,
        life: &Life<'_>,
        on: IsoDate,
        rule: RuleId,
    ) -> Option<Box<Because>> {
        self.0.map(|explain| Box::new(explain(life, on, rule)))
    }
}

/// [`Life::because`] as a plain function, for [`Explain::YES`].
fn explain(life: &Life<'_>, on: IsoDate, rule: RuleId) -> Because {
    life.because(on, rule)
}

/// A sentence being written. Its steps are not inlined: the sentences have many of them, and
/// explaining is not a hot path.
#[derive(Default)]
struct Words(String);

impl Words {
    #[inline(never)]
    fn s(&mut self, text: &str) -> &mut Self {
        self.0.push_str(text);
        self
    }

    /// `text` with its first letter a capital.
    #[inline(never)]
    fn cap(&mut self, text: &str) -> &mut Self {
        let mut chars = text.chars();
        if let Some(first) = chars.next() {
            self.0.push(first.to_ascii_uppercase());
            self.0.push_str(chars.as_str());
        }
        self
    }

    #[inline(never)]
    fn date(&mut self, d: IsoDate) -> &mut Self {
        d.push_long_form(&mut self.0);
        self
    }

    #[inline(never)]
    fn n(&mut self, n: u32) -> &mut Self {
        // Writing to a String cannot fail.
        let _ = write!(self.0, "{n}");
        self
    }
}

impl Life<'_> {
    /// Why `rule` moves the account on `on`: called as it moves, with the clocks as they stand.
    fn because(&self, on: IsoDate, rule: RuleId) -> Because {
        let Some(limit) = limit(rule, self.set.in_force(on)) else {
            return self.because_of_event(on, rule);
        };
        // The day the rule counts from, and what happened that day.
        let (from, what) = match rule {
            RuleId::ActiveDeleted | RuleId::Inactive => (self.last, self.clock_started()),
            RuleId::Onboarding => (self.created, "the account was created"),
            RuleId::InactiveDeleted => (self.since, "the account became inactive"),
            RuleId::DisabledRetention => (self.since, "the account was disabled"),
            RuleId::Leaver => (self.since, "the account was marked as a leaver"),
            _ => (self.since, "the account was deleted"),
        };
        let days = u32::try_from(on.days_since(from)).unwrap_or(0);
        let policy_change = self.policy_change(on, rule, limit);
        let mut w = Words::default();
        match &policy_change {
            Some(change) => {
                w.s("On ").date(on);
                if change.from == change.to {
                    w.s(" a new policy took effect. ");
                } else {
                    w.s(" the policy changed from ")
                        .n(change.from)
                        .s(" to ")
                        .n(change.to)
                        .s(changed(rule))
                        .s(". ");
                }
                w.cap(what)
                    .s(" on ")
                    .date(from)
                    .s(", ")
                    .n(days)
                    .s(" days before");
                if rule == RuleId::Onboarding {
                    w.s(", and ").s(self.not_onboarded());
                }
                w.s(", so ").s(outcome(rule)).s(".");
            }
            None => self.plain(&mut w, rule, (from, what), days, limit),
        }
        Because {
            text: w.0,
            days_counted: Some(days),
            limit: Some(limit),
            policy_change,
        }
    }

    /// The explanation of a time-driven move that the policy in force already made due.
    fn plain(
        &self,
        w: &mut Words,
        rule: RuleId,
        (from, what): (IsoDate, &str),
        days: u32,
        limit: u32,
    ) {
        // `what` for the inactivity clock when it was a sign-in, after "No sign-in ... for N days:".
        let what = if what == ACTIVITY {
            "the last was"
        } else {
            what
        };
        match rule {
            RuleId::Inactive | RuleId::ActiveDeleted => {
                w.s("No sign-in or sent email for ").n(days).s(" days");
                match (rule, days > limit) {
                    (RuleId::Inactive, false) => {}
                    (RuleId::Inactive, true) => {
                        w.s(", more than the ").n(limit).s(" allowed");
                    }
                    (_, false) => {
                        w.s(", the limit for deletion straight from active");
                    }
                    (_, true) => {
                        w.s(", more than the ")
                            .n(limit)
                            .s(" allowed before deletion");
                    }
                }
                w.s(": ").s(what).s(" on ").date(from).s(".");
            }
            RuleId::Onboarding => {
                w.cap(self.not_onboarded())
                    .s(" within ")
                    .n(limit)
                    .s(" days of the account being created on ")
                    .date(from);
                if days != limit {
                    w.s(" (").n(days).s(" days before)");
                }
                w.s(", so it became inactive.");
            }
            RuleId::InactiveDeleted => {
                w.s("Inactive for ").n(days).s(" days since ").date(from);
                if days > limit {
                    w.s(", more than the ").n(limit).s(" allowed");
                }
                w.s(", so the account was deleted.");
            }
            RuleId::DisabledRetention => {
                w.s("Disabled on ").date(from).s(", ").n(days);
                w.s(" days before: a disabled account is kept for ")
                    .n(limit);
                w.s(" months, then deleted.");
            }
            RuleId::Leaver => {
                w.s("Marked as a leaver on ").date(from).s(", ").n(days);
                w.s(" days before: a leaver's account is permanently deleted after ")
                    .n(limit);
                w.s(" days.");
            }
            _ => {
                w.s("Deleted on ").date(from).s(", ").n(days);
                w.s(" days before, and not restored within the ").n(limit);
                w.s("-day restore window, so it was permanently deleted.");
            }
        }
    }

    /// What last started the inactivity clock (`last`), as the subject of "... on {last}".
    fn clock_started(&self) -> &'static str {
        if self.last_activity == Some(self.last) {
            return ACTIVITY;
        }
        let restarted = self.transitions.iter().rev().find(|t| {
            t.on == self.last
                && matches!(t.rule, RuleId::Enabled | RuleId::Joiner | RuleId::Restored)
        });
        match restarted.map(|t| t.rule) {
            Some(RuleId::Enabled) => "the account was enabled again",
            Some(RuleId::Joiner) => "the account joined a new organisation",
            Some(_) => "the account was restored",
            None if self.last == self.created => "the account was created",
            None => "the inactivity clock started",
        }
    }

    /// What a not-onboarded account has still to do, lower case.
    fn not_onboarded(&self) -> &'static str {
        match (self.aup_accepted, self.secret_set) {
            (false, false) => {
                "the acceptable use policy was not accepted and the Account Secret not set"
            }
            (false, true) => "the acceptable use policy was not accepted",
            _ => "the Account Secret was not set",
        }
    }

    /// The policy that took effect on `on`, when the one in force the day before would not have
    /// made this same move that day.
    fn policy_change(&self, on: IsoDate, rule: RuleId, to: u32) -> Option<PolicyChange> {
        let now = self.set.in_force(on);
        let before = self.set.in_force(on.pred()?);
        if now.effective_from != on || std::ptr::eq(now, before) {
            return None;
        }
        // The rule the day-before policy would have fired today, checked in the usual order.
        let would = self
            .candidates()
            .iter()
            .find(|c| self.due_on(c.rule, before).is_some_and(|due| due <= on));
        if would.is_some_and(|c| c.rule == rule) {
            return None;
        }
        Some(PolicyChange {
            on,
            policy_id: now.id.clone(),
            from: limit(rule, before)?,
            to,
        })
    }

    /// Why an event's transition happened: the event and its day.
    fn because_of_event(&self, on: IsoDate, rule: RuleId) -> Because {
        let mut w = Words::default();
        match rule {
            RuleId::Reactivated => w.s("Reactivated by a sign-in or sent email on "),
            RuleId::Disabled => w.s("Disabled by a local administrator on "),
            RuleId::Enabled => w.s("Enabled again by a local administrator on "),
            RuleId::LeaverMarked => w.s("Marked as a leaver by the helpdesk on "),
            RuleId::Joiner => w
                .s("Joined ")
                .s(self.organisation.as_deref().unwrap_or("a new organisation"))
                .s(" on "),
            RuleId::Restored => w.s("Restored by the helpdesk on "),
            other => w.s(other.summary()).s(": "),
        };
        w.date(on);
        w.s(match rule {
            RuleId::Enabled => ", so its inactivity clock starts again.",
            RuleId::Joiner => ", so the account is active again.",
            RuleId::Restored => ", within the restore window.",
            _ => ".",
        });
        Because {
            text: w.0,
            days_counted: None,
            limit: None,
            policy_change: None,
        }
    }
}

/// The inactivity clock's start when it was a sign-in or sent email.
const ACTIVITY: &str = "the last sign-in or sent email was";

/// What the policy changed, after "changed from A to B".
fn changed(rule: RuleId) -> &'static str {
    match rule {
        RuleId::ActiveDeleted => " days without a sign-in before an account is deleted",
        RuleId::Onboarding => {
            " days to accept the acceptable use policy and set the Account Secret"
        }
        RuleId::Inactive => " days without a sign-in",
        RuleId::InactiveDeleted => " days inactive before an account is deleted",
        RuleId::DisabledRetention => " months a disabled account is kept",
        RuleId::Leaver => " days before a leaver's account is permanently deleted",
        _ => " days in which a deleted account can be restored",
    }
}

/// What the move did, after "so".
fn outcome(rule: RuleId) -> &'static str {
    match rule {
        RuleId::Inactive | RuleId::Onboarding => "the account became inactive",
        RuleId::ActiveDeleted => "the account was deleted straight from active",
        RuleId::InactiveDeleted | RuleId::DisabledRetention => "the account was deleted",
        _ => "the account was permanently deleted",
    }
}
