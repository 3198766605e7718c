//! Native JSON twins of the JS exports: the same operations over JSON text, for callers in Rust,
//! for tests, and for any language that can pass a string.
//!
//! Each twin takes one JSON object holding the JS function's arguments by name, e.g.
//! `{"account": {...}, "asOf": "2025-04-01", "options": {"policySet": "national"}}`, and returns the
//! JS function's result as compact JSON. Error paths are the same as from JS: relative to the
//! argument (`events[3].on`, `asOf`, `options.policySet`).

use serde::Serialize;
use serde_json::Value;

use crate::api;
use crate::decisions::write::export_json;
use crate::model::error::{parse_json_object, EngineError, ErrorCode};
use crate::model::policy::PolicySet;
use crate::model::rules::rules;

/// The request's named arguments.
struct Args(serde_json::Map<String, Value>);

impl Args {
    fn parse(text: &str) -> Result<Args, EngineError> {
        parse_json_object(
            text,
            "",
            "the request must be a JSON object of named arguments",
        )
        .map(Args)
    }

    fn required(&mut self, name: &str) -> Result<Value, EngineError> {
        let value = self
            .0
            .remove(name)
            .ok_or_else(|| EngineError::new(ErrorCode::InvalidField, name, "is required"))?;
        not_an_array(value, name)
    }

    fn optional(&mut self, name: &str) -> Result<Value, EngineError> {
        not_an_array(self.0.remove(name).unwrap_or(Value::Null), name)
    }
}

/// The object arguments (`input`, `roster`, `account`, `options`) must not be arrays: serde would
/// read an array as the struct's fields in order.
fn not_an_array(value: Value, name: &str) -> Result<Value, EngineError> {
    const OBJECTS: [&str; 6] = [
        "input", "roster", "account", "options", "optionsA", "optionsB",
    ];
    if value.is_array() && OBJECTS.contains(&name) {
        let path = if name.starts_with("options") {
            name
        } else {
            ""
        };
        return Err(EngineError::new(
            ErrorCode::InvalidField,
            path,
            format!("the {name} must be an object, not an array"),
        ));
    }
    Ok(value)
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising our own output types cannot fail: they hold only strings, numbers and dates.
    serde_json::to_string(value).unwrap_or_default()
}

/// Twin of `evaluateAccount`: `{"account", "asOf", "options"?}`.
pub fn evaluate_account_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let (account, as_of) = (a.required("account")?, a.required("asOf")?);
    api::evaluate_account_in(account, as_of, a.optional("options")?).map(|r| to_json(&r))
}

/// Twin of `evaluateAccounts`: `{"accounts", "asOf", "options"?}`.
pub fn evaluate_accounts_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let (accounts, as_of) = (a.required("accounts")?, a.required("asOf")?);
    api::evaluate_accounts_in(accounts, as_of, a.optional("options")?).map(|r| to_json(&r))
}

/// Twin of `timeline`: `{"account", "until", "options"?}`.
pub fn timeline_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let (account, until) = (a.required("account")?, a.required("until")?);
    api::timeline_in(account, until, a.optional("options")?).map(|r| to_json(&r))
}

/// Twin of `addWorkingDays`: `{"date", "n"}`; returns the date as a JSON string.
pub fn add_working_days_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let (date, n) = (a.required("date")?, a.required("n")?);
    api::add_working_days_in(date, n).map(|d| to_json(&d))
}

/// Twin of `checkAccess`: `{"input", "options"?}`.
pub fn check_access_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let input = a.required("input")?;
    api::check_access_in(input, a.optional("options")?).map(|r| to_json(&r))
}

/// Twin of `checkEligibility`: `{"input", "options"?}`.
pub fn check_eligibility_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let input = a.required("input")?;
    api::check_eligibility_in(input, a.optional("options")?).map(|r| to_json(&r))
}

/// Twin of `planSharedMailboxes`: `{"input", "options"?}`.
pub fn plan_shared_mailboxes_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let input = a.required("input")?;
    api::plan_shared_mailboxes_in(input, a.optional("options")?).map(|r| to_json(&r))
}

/// Twin of `exportDecisions`: `{"roster", "asOf", "options"?}`. The output is compact JSON with
/// the contract's key order: the document a back office stores.
pub fn export_decisions_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let (roster, as_of) = (a.required("roster")?, a.required("asOf")?);
    let roster = api::roster_in(roster)?;
    api::export_decisions_in(&roster, as_of, a.optional("options")?).map(|r| export_json(&r))
}

/// Twin of `parseRosterCsv`: `{"text", "options"?}`. A CSV error lists every problem in its
/// `problems` (serialised with the error).
pub fn parse_roster_csv_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let text = a.required("text")?;
    let options = a.optional("options")?;
    api::parse_roster_csv_in(api::CsvText::Text(text), options).map(|r| to_json(&r))
}

/// Twin of `comparePolicies`: `{"roster", "asOf", "optionsA"?, "optionsB"?}`.
pub fn compare_policies_json(request: &str) -> Result<String, EngineError> {
    let mut a = Args::parse(request)?;
    let (roster, as_of) = (a.required("roster")?, a.required("asOf")?);
    let (oa, ob) = (a.optional("optionsA")?, a.optional("optionsB")?);
    api::compare_policies_in(roster, as_of, oa, ob).map(|r| to_json(&r))
}

/// Twin of `policySets`: the built-in policy sets.
pub fn policy_sets_json() -> String {
    to_json(&PolicySet::built_ins())
}

/// Twin of `rules`: the rule catalogue.
pub fn rules_json() -> String {
    to_json(rules())
}

/// Twin of `engineVersion`.
pub fn engine_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
