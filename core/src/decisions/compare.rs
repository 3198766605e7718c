//! "What would the new policy do to our accounts?": two policy sets over one roster.

use serde::Serialize;

use crate::decisions::document::StateCounts;
use crate::lifecycle::{evaluate_account, locate, AccountResult, NextTransition, State};
use crate::model::account::Account;
use crate::model::date::IsoDate;
use crate::model::error::EngineError;
use crate::model::policy::PolicySet;
use crate::model::rules::RuleId;
use crate::roster::Roster;

/// One side's answer for an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(missing_as_null))]
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
            rule: r.last_rule(),
            next: r.next,
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
    #[cfg_attr(feature = "wasm", tsify(type = "PolicySetId"))]
    pub policy_set_a: String,
    /// The second set's id or label.
    #[cfg_attr(feature = "wasm", tsify(type = "PolicySetId"))]
    pub policy_set_b: String,
    /// Counts.
    pub summary: CompareSummary,
    /// The accounts that differ, in roster order.
    pub differences: Vec<Difference>,
}

/// Builds a comparison one account at a time, so a caller can stream a roster (the native
/// `compare` command does). [`compare_policies`] is this over a whole roster.
#[derive(Debug)]
pub struct Comparer<'a> {
    as_of: IsoDate,
    a: &'a PolicySet,
    b: &'a PolicySet,
    summary: CompareSummary,
    differences: Vec<Difference>,
}

impl<'a> Comparer<'a> {
    /// An empty comparison of `a` and `b` on `as_of`.
    pub fn new(as_of: IsoDate, a: &'a PolicySet, b: &'a PolicySet) -> Self {
        Comparer {
            as_of,
            a,
            b,
            summary: CompareSummary {
                accounts: 0,
                differing: 0,
                by_state_a: StateCounts::default(),
                by_state_b: StateCounts::default(),
            },
            differences: Vec::new(),
        }
    }

    /// Evaluates the account at `accounts[index]` under both sets and adds it. Ids are not checked
    /// for repeats here: use [`Roster::check_unique_ids`] first.
    pub fn push(&mut self, account: &Account, index: usize) -> Result<(), EngineError> {
        let under = |set| {
            evaluate_account(account, self.as_of, set)
                .map_err(|e| locate(e, "accounts", index, &account.id))
        };
        let (ra, rb) = (under(self.a)?, under(self.b)?);
        self.summary.accounts += 1;
        self.summary.by_state_a.add(ra.state);
        self.summary.by_state_b.add(rb.state);
        let next_on = |r: &AccountResult| r.next.as_ref().map(|n| n.on);
        if ra.state != rb.state || next_on(&ra) != next_on(&rb) {
            self.summary.differing += 1;
            self.differences.push(Difference {
                account_id: ra.account_id.clone(),
                a: Answer::of(&ra),
                b: Answer::of(&rb),
            });
        }
        Ok(())
    }

    /// Takes the differences found so far, leaving none (for a caller that writes them out as it
    /// goes): [`Comparer::finish`] then holds only the counts.
    pub fn drain(&mut self) -> std::vec::Drain<'_, Difference> {
        self.differences.drain(..)
    }

    /// The finished comparison.
    pub fn finish(self) -> Comparison {
        Comparison {
            as_of: self.as_of,
            policy_set_a: self.a.id.clone(),
            policy_set_b: self.b.id.clone(),
            summary: self.summary,
            differences: self.differences,
        }
    }
}

/// Runs both policy sets over the roster on `as_of` and lists the accounts whose state or next
/// transition date differs. An account that cannot be evaluated fails the whole call.
pub fn compare_policies(
    roster: &Roster,
    as_of: IsoDate,
    a: &PolicySet,
    b: &PolicySet,
) -> Result<Comparison, EngineError> {
    roster.check_unique_ids()?;
    let mut comparer = Comparer::new(as_of, a, b);
    for (i, account) in roster.accounts.iter().enumerate() {
        comparer.push(account, i)?;
    }
    Ok(comparer.finish())
}
