//! Decisions for a back office (SPEC section 7): reconcile a roster against the states the back
//! office holds, with reminders, as a document that is byte-identical for the same input.

pub(crate) mod compare;
pub(crate) mod decide;
pub(crate) mod document;
pub(crate) mod write;

use std::borrow::Cow;

use serde::Deserialize;

use crate::decisions::decide::decide_brief;
use crate::decisions::document::{Decision, DecisionExport, HeldAccount, Summary, SCHEMA_ID};
use crate::lifecycle::held_message;
use crate::lifecycle::{
    brief, evaluate_account, evaluate_all, locate, AccountResult, Brief, Explain,
};
use crate::model::account::Account;
use crate::model::date::IsoDate;
use crate::model::error::EngineError;
use crate::model::numbers::WholeNumber;
use crate::model::policy::{EvaluationOptions, PolicyInput, PolicySet};
use crate::roster::Roster;

/// Days ahead a reminder looks by default.
pub const DEFAULT_REMIND_WITHIN_DAYS: u32 = 7;

impl Roster {
    /// Evaluates every account on `as_of`; errors name the account (`accounts[3].events[0].on`).
    pub fn evaluate(
        &self,
        as_of: IsoDate,
        set: &PolicySet,
    ) -> Result<Vec<AccountResult>, EngineError> {
        evaluate_all(&self.accounts, as_of, set, "accounts", Explain::NO)
    }
}

/// `exportDecisions` options: those of SPEC section 3 plus `remindWithinDays`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ExportOptions {
    /// A built-in set id (default `national`), or the label for `policies`.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "PolicySetId"))]
    pub policy_set: Option<String>,
    /// The caller's own policies.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub policies: Option<Vec<PolicyInput>>,
    /// Remind when the last day to act is at most this many days after `asOf` (default 7).
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub remind_within_days: Option<WholeNumber>,
}

impl ExportOptions {
    /// The policy set and the reminder horizon.
    pub fn resolve(self) -> Result<(PolicySet, u32), EngineError> {
        let set = EvaluationOptions {
            policy_set: self.policy_set,
            policies: self.policies,
            explain: None,
        }
        .resolve()?;
        let days = self
            .remind_within_days
            .map_or(DEFAULT_REMIND_WITHIN_DAYS, |WholeNumber(n)| n);
        Ok((set, days))
    }
}

/// Builds a decision export one account at a time, so a caller can stream a roster or yield
/// between chunks (the app does, for 100,000 rows). [`export_decisions`] is this over a whole
/// roster, so both give the same bytes.
#[derive(Debug)]
pub struct Exporter<'a> {
    as_of: IsoDate,
    set: &'a PolicySet,
    remind_within_days: u32,
    summary: Summary,
    decisions: Vec<Decision>,
    held: Vec<HeldAccount>,
}

impl<'a> Exporter<'a> {
    /// An empty export for `as_of` under `set`.
    pub fn new(as_of: IsoDate, set: &'a PolicySet, remind_within_days: u32) -> Self {
        Exporter {
            as_of,
            set,
            remind_within_days,
            summary: Summary {
                held: Some(0),
                ..Summary::default()
            },
            decisions: Vec::new(),
            held: Vec::new(),
        }
    }

    /// Evaluates the account at `accounts[index]`, adds its decisions, and returns its result.
    /// Ids are not checked for repeats here: use [`Roster::check_unique_ids`] first.
    pub fn push(&mut self, account: &Account, index: usize) -> Result<AccountResult, EngineError> {
        let r = evaluate_account(account, self.as_of, self.set)
            .map_err(|e| locate(e, "accounts", index, &account.id))?;
        self.record(account, &Brief::from(&r));
        Ok(r)
    }

    /// [`Exporter::push`] for a caller that needs only the decisions: the same simulation, without
    /// building the account's full result (a third of the time on a large roster).
    pub fn add(&mut self, account: &Account, index: usize) -> Result<(), EngineError> {
        let r = brief(account, self.as_of, self.set)
            .map_err(|e| locate(e, "accounts", index, &account.id))?;
        self.record(account, &r);
        Ok(())
    }

    fn record(&mut self, account: &Account, r: &Brief) {
        self.summary.accounts += 1;
        self.summary.by_state.add(r.state);
        if r.held {
            self.summary.held = Some(self.held.len() + 1);
            self.held.push(HeldAccount {
                account_id: account.id.clone(),
                recorded_state: r.state,
                missing: Cow::Borrowed("recordedSince"),
                message: Cow::Borrowed(held_message(r.state)),
            });
        }
        let before = self.decisions.len();
        decide_brief(
            &account.id,
            r,
            account.recorded_state,
            self.as_of,
            self.remind_within_days,
            &mut self.decisions,
        );
        for d in self.decisions.iter().skip(before) {
            self.summary.by_action.add(d.action);
        }
    }

    /// Takes the decisions made so far, leaving none, for a caller that writes them out as it goes
    /// (the native `decide` command): [`Exporter::finish`] then holds only the counts.
    pub fn drain(&mut self) -> std::vec::Drain<'_, Decision> {
        self.decisions.drain(..)
    }

    /// The finished export.
    pub fn finish(self) -> DecisionExport {
        DecisionExport {
            schema: SCHEMA_ID.to_owned(),
            engine_version: env!("CARGO_PKG_VERSION").to_owned(),
            as_of: self.as_of,
            policy_set: self.set.id.clone(),
            summary: self.summary,
            decisions: self.decisions,
            held: Some(self.held),
        }
    }
}

/// Reconciles a roster against its recorded states on `as_of` (SPEC section 7).
pub fn export_decisions(
    roster: &Roster,
    as_of: IsoDate,
    set: &PolicySet,
    remind_within_days: u32,
) -> Result<DecisionExport, EngineError> {
    roster.check_unique_ids()?;
    let mut exporter = Exporter::new(as_of, set, remind_within_days);
    for (i, a) in roster.accounts.iter().enumerate() {
        exporter.add(a, i)?;
    }
    Ok(exporter.finish())
}
