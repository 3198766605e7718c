//! Decisions for a back office (SPEC section 7): reconcile a roster against the states the back
//! office holds, with reminders, as a document that is byte-identical for the same input.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::account::Account;
use crate::calendar::WholeNumber;
use crate::date::IsoDate;
use crate::decide::decide_brief;
pub use crate::decide::{decide, decision_id};
use crate::error::{read_json_object, EngineError, ErrorCode};
use crate::lifecycle::{
    brief, evaluate_account, evaluate_all, locate, AccountResult, Brief, State,
};
use crate::policy::{EvaluationOptions, PolicyInput, PolicySet};
use crate::rules::RuleId;

/// The export's schema id.
pub const SCHEMA_ID: &str = "nhsmail-decisions/1";
/// Days ahead a reminder looks by default.
pub const DEFAULT_REMIND_WITHIN_DAYS: u32 = 7;

/// A roster: `{ "accounts": [...] }`; each account may carry `recordedState`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Roster {
    /// The accounts, with unique ids.
    pub accounts: Vec<Account>,
}

impl Roster {
    /// Refuses a repeated account id (`accounts[i].id`).
    pub fn check_unique_ids(&self) -> Result<(), EngineError> {
        let mut seen = HashMap::with_capacity(self.accounts.len());
        for (i, a) in self.accounts.iter().enumerate() {
            if let Some(first) = seen.insert(a.id.as_str(), i) {
                return Err(EngineError::new(
                    ErrorCode::InvalidField,
                    format!("accounts[{i}].id"),
                    format!("`{}` is already the id of accounts[{first}]", a.id),
                ));
            }
        }
        Ok(())
    }

    /// Reads a roster from JSON text (`{"accounts": [...]}`); errors name the field
    /// (`accounts[3].created`), and text that is not JSON is `invalid_json` with its line and
    /// column. A repeated key is an error naming it. With the `direct-json` feature (on by
    /// default) a valid object is read straight through serde_json; only when that fails is it
    /// read again with the path tracked, for the first problem in the text and its path.
    pub fn from_json(text: &str) -> Result<Roster, EngineError> {
        #[cfg(feature = "direct-json")]
        if crate::error::starts_object(text) {
            if let Ok(roster) = serde_json::from_str(text) {
                return Ok(roster);
            }
        }
        read_json_object(
            text,
            "",
            "the roster must be a JSON object with an `accounts` list",
            "",
            Some("the roster"),
        )
    }

    /// Evaluates every account on `as_of`; errors name the account (`accounts[3].events[0].on`).
    pub fn evaluate(
        &self,
        as_of: IsoDate,
        set: &PolicySet,
    ) -> Result<Vec<AccountResult>, EngineError> {
        evaluate_all(&self.accounts, as_of, set, "accounts")
    }
}

/// `exportDecisions` options: those of SPEC section 3 plus `remindWithinDays`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ExportOptions {
    /// A built-in set id (default `national`), or the label for `policies`.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
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
        }
        .resolve()?;
        let days = self
            .remind_within_days
            .map_or(DEFAULT_REMIND_WITHIN_DAYS, |WholeNumber(n)| n);
        Ok((set, days))
    }
}

/// What the back office should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub enum Action {
    Reactivate,
    MarkInactive,
    Disable,
    MarkLeaver,
    Delete,
    Purge,
    Remind,
}

impl Action {
    /// The action that brings the recorded state to `state`.
    pub fn to_reach(state: State) -> Action {
        match state {
            State::Active => Action::Reactivate,
            State::Inactive => Action::MarkInactive,
            State::Disabled => Action::Disable,
            State::Leaver => Action::MarkLeaver,
            State::Deleted => Action::Delete,
            State::Purged => Action::Purge,
        }
    }

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Reactivate => "reactivate",
            Action::MarkInactive => "markInactive",
            Action::Disable => "disable",
            Action::MarkLeaver => "markLeaver",
            Action::Delete => "delete",
            Action::Purge => "purge",
            Action::Remind => "remind",
        }
    }
}

/// One decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Decision {
    /// SHA-256 of `["<accountId>","<action>","<effectiveOn>"]`: the same decision keeps its id.
    pub id: String,
    /// The account.
    pub account_id: String,
    /// What to do.
    pub action: Action,
    /// From when (the computed `since`, or for a reminder the last day to act).
    pub effective_on: IsoDate,
    /// The state the back office holds.
    pub from_state: State,
    /// The state the engine computed.
    pub to_state: State,
    /// The rule behind it (null when no transition happened).
    pub rule: Option<RuleId>,
    /// Plain English.
    pub reason: Cow<'static, str>,
}

/// Counts of computed states, every state listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct StateCounts {
    pub active: usize,
    pub inactive: usize,
    pub disabled: usize,
    pub leaver: usize,
    pub deleted: usize,
    pub purged: usize,
}

impl StateCounts {
    /// Counts one more account in `state`.
    pub fn add(&mut self, state: State) {
        *match state {
            State::Active => &mut self.active,
            State::Inactive => &mut self.inactive,
            State::Disabled => &mut self.disabled,
            State::Leaver => &mut self.leaver,
            State::Deleted => &mut self.deleted,
            State::Purged => &mut self.purged,
        } += 1;
    }
}

/// Counts of decisions, every action listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[allow(missing_docs)]
pub struct ActionCounts {
    pub reactivate: usize,
    pub mark_inactive: usize,
    pub disable: usize,
    pub mark_leaver: usize,
    pub delete: usize,
    pub purge: usize,
    pub remind: usize,
}

impl ActionCounts {
    fn add(&mut self, action: Action) {
        *match action {
            Action::Reactivate => &mut self.reactivate,
            Action::MarkInactive => &mut self.mark_inactive,
            Action::Disable => &mut self.disable,
            Action::MarkLeaver => &mut self.mark_leaver,
            Action::Delete => &mut self.delete,
            Action::Purge => &mut self.purge,
            Action::Remind => &mut self.remind,
        } += 1;
    }
}

/// The export's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Summary {
    /// Accounts in the roster.
    pub accounts: usize,
    /// Computed states of all accounts.
    pub by_state: StateCounts,
    /// Decisions by action.
    pub by_action: ActionCounts,
}

/// What `exportDecisions` returns. Field order is the contract's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DecisionExport {
    /// Always `nhsmail-decisions/1`.
    pub schema: String,
    /// The engine that made it.
    pub engine_version: String,
    /// The evaluation date.
    pub as_of: IsoDate,
    /// The policy set's id or label.
    pub policy_set: String,
    /// Counts.
    pub summary: Summary,
    /// In roster order; per account a state decision before a reminder.
    pub decisions: Vec<Decision>,
}

impl DecisionExport {
    /// Reads an export back (a back office's saved file): errors name the field
    /// (`decisions[3].action`). The schema must be this one, and every decision's id must be the
    /// one its account, action and date give, so an edited decision is caught. Written out again,
    /// it is byte for byte the file that was read, when that file is what the engine wrote.
    pub fn from_json(text: &str) -> Result<DecisionExport, EngineError> {
        let export: DecisionExport = read_json_object(
            text,
            "",
            "the decisions must be a JSON object, as exportDecisions writes them",
            "",
            None,
        )?;
        if export.schema != SCHEMA_ID {
            return Err(EngineError::new(
                ErrorCode::InvalidField,
                "schema",
                format!("must be `{SCHEMA_ID}`, not `{}`", export.schema),
            ));
        }
        for (i, d) in export.decisions.iter().enumerate() {
            if d.id != decision_id(&d.account_id, d.action, d.effective_on) {
                return Err(EngineError::new(
                    ErrorCode::InvalidField,
                    format!("decisions[{i}].id"),
                    "is not the id of this decision's account, action and date: the decision was changed after it was exported",
                ));
            }
        }
        Ok(export)
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
}

impl<'a> Exporter<'a> {
    /// An empty export for `as_of` under `set`.
    pub fn new(as_of: IsoDate, set: &'a PolicySet, remind_within_days: u32) -> Self {
        Exporter {
            as_of,
            set,
            remind_within_days,
            summary: Summary::default(),
            decisions: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_sha256_of_the_compact_json_triple() {
        let d: IsoDate = "2025-03-22".parse().unwrap();
        // printf %s '["jane.doe","markInactive","2025-03-22"]' | sha256sum
        assert_eq!(
            decision_id("jane.doe", Action::MarkInactive, d),
            "5ed3f36e3bda39b488f30db37b17edb26b850efc89b1c0bae42f6e770af651bc"
        );
    }
}
