//! "What would the new policy do to our accounts?": two policy sets over one roster.

use serde::Serialize;

use crate::date::IsoDate;
use crate::decisions::{Roster, StateCounts};
use crate::error::EngineError;
use crate::lifecycle::{AccountResult, NextTransition, State};
use crate::policy::PolicySet;
use crate::rules::RuleId;

/// One side's answer for an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Answer {
    /// The state on `asOf`.
    pub state: State,
    /// Since when.
    pub since: IsoDate,
    /// The policy in force on `asOf`.
    pub policy_id: String,
    /// The rule of the last transition (null if none).
    pub rule: Option<RuleId>,
    /// The next automatic transition.
    pub next: Option<NextTransition>,
}

impl Answer {
    fn of(r: &AccountResult) -> Answer {
        Answer {
            state: r.state,
            since: r.since,
            policy_id: r.policy_id.clone(),
            rule: r.transitions.last().map(|t| t.rule),
            next: r.next.clone(),
        }
    }
}

/// An account the two policy sets disagree on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Difference {
    /// The account.
    pub account_id: String,
    /// Under the first set.
    pub a: Answer,
    /// Under the second set.
    pub b: Answer,
}

/// Counts for a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CompareSummary {
    /// Accounts in the roster.
    pub accounts: usize,
    /// Accounts whose state or next transition date differs.
    pub differing: usize,
    /// States under the first set.
    pub by_state_a: StateCounts,
    /// States under the second set.
    pub by_state_b: StateCounts,
}

/// What `comparePolicies` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Comparison {
    /// The evaluation date.
    pub as_of: IsoDate,
    /// The first set's id or label.
    pub policy_set_a: String,
    /// The second set's id or label.
    pub policy_set_b: String,
    /// Counts.
    pub summary: CompareSummary,
    /// The accounts that differ, in roster order.
    pub differences: Vec<Difference>,
}

/// Runs both policy sets over the roster on `as_of` and lists the accounts whose state or next
/// transition date differs.
pub fn compare_policies(
    roster: &Roster,
    as_of: IsoDate,
    a: &PolicySet,
    b: &PolicySet,
) -> Result<Comparison, EngineError> {
    roster.check_unique_ids()?;
    let under_a = roster.evaluate(as_of, a)?;
    let under_b = roster.evaluate(as_of, b)?;
    let mut by_state_a = StateCounts::default();
    let mut by_state_b = StateCounts::default();
    let mut differences = Vec::new();
    for (ra, rb) in under_a.iter().zip(&under_b) {
        by_state_a.add(ra.state);
        by_state_b.add(rb.state);
        let next_on = |r: &AccountResult| r.next.as_ref().map(|n| n.on);
        if ra.state != rb.state || next_on(ra) != next_on(rb) {
            differences.push(Difference {
                account_id: ra.account_id.clone(),
                a: Answer::of(ra),
                b: Answer::of(rb),
            });
        }
    }
    Ok(Comparison {
        as_of,
        policy_set_a: a.id.clone(),
        policy_set_b: b.id.clone(),
        summary: CompareSummary {
            accounts: under_a.len(),
            differing: differences.len(),
            by_state_a,
            by_state_b,
        },
        differences,
    })
}
