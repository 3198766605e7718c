//! The operations as the JS module and the JSON twins call them: each argument arrives as an
//! untyped serde input (a JSON value or a JS value), is parsed with field paths, and the core runs.

#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) mod columns;
pub(crate) mod json;
mod typescript;
#[cfg(feature = "wasm")]
mod wasm;
#[cfg(feature = "wasm")]
mod wasm_roster;

use std::fmt;

use serde::Deserializer;

use crate::checks::access::{check_access, AccessInput, AccessResult};
use crate::checks::eligibility::{check_eligibility, EligibilityResult};
use crate::checks::eligibility_input::EligibilityInput;
use crate::checks::mailbox::{plan_shared_mailboxes, MailboxPlan};
use crate::checks::plan_input::MailboxPlanInput;
use crate::decisions::compare::{compare_policies, Comparison};
use crate::decisions::document::DecisionExport;
use crate::decisions::{export_decisions, ExportOptions, DEFAULT_REMIND_WITHIN_DAYS};
use crate::lifecycle::{evaluate, evaluate_all, timeline, AccountResult, Explain, Segment};
use crate::model::account::Account;
use crate::model::calendar::add_working_days;
use crate::model::date::IsoDate;
use crate::model::error::{parse_at, EngineError, Input};
use crate::model::numbers::WholeNumber;
use crate::model::policy::{EvaluationOptions, PolicySet};
use crate::roster::columns::CsvOptions;
use crate::roster::file::{parse_roster_csv, parse_roster_csv_bytes};
use crate::roster::{Roster, RosterCsv};

/// `evaluateAccount(account, asOf, options?)`.
pub(crate) fn evaluate_account_in<'de, D>(
    account: D,
    as_of: D,
    options: D,
) -> Result<AccountResult, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let account: Account = parse_at(account, "").map_err(|e| e.naming("the account"))?;
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    let (set, explain) = EvaluationOptions::parse_explain(options)?;
    evaluate(&account, as_of, &set, Explain::when(explain))
}

/// `evaluateAccounts(accounts, asOf, options?)`: one result per account, in input order; the first
/// bad account fails the whole call with a path such as `[3].events[0].on`. The list may come
/// from another kind of input than the other arguments (JSON text, for one crossing from JS).
pub(crate) fn evaluate_accounts_in<'de, 'a, L, D>(
    accounts: L,
    as_of: D,
    options: D,
) -> Result<Vec<AccountResult>, EngineError>
where
    L: Input<'a>,
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let accounts: Vec<Account> = accounts
        .read("")
        .map_err(|e| e.naming("the list of accounts"))?;
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    let (set, explain) = EvaluationOptions::parse_explain(options)?;
    evaluate_all(&accounts, as_of, &set, "", Explain::when(explain))
}

/// `evaluateAccounts` under a policy set already resolved (the JS `Evaluator`), explained when
/// `explain`.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) fn evaluate_accounts_with<'de, 'a, L, D>(
    accounts: L,
    as_of: D,
    (set, explain): (&PolicySet, bool),
) -> Result<Vec<AccountResult>, EngineError>
where
    L: Input<'a>,
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let accounts: Vec<Account> = accounts
        .read("")
        .map_err(|e| e.naming("the list of accounts"))?;
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    evaluate_all(&accounts, as_of, set, "", Explain::when(explain))
}

/// `evaluateAccount` under a policy set already resolved (the JS `Evaluator`), explained when
/// `explain`.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) fn evaluate_account_with<'de, D>(
    account: D,
    as_of: D,
    (set, explain): (&PolicySet, bool),
) -> Result<AccountResult, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let account: Account = parse_at(account, "").map_err(|e| e.naming("the account"))?;
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    evaluate(&account, as_of, set, Explain::when(explain))
}

/// `timeline(account, until, options?)`.
pub(crate) fn timeline_in<'de, D>(
    account: D,
    until: D,
    options: D,
) -> Result<Vec<Segment>, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let account: Account = parse_at(account, "").map_err(|e| e.naming("the account"))?;
    let until: IsoDate = parse_at(until, "until")?;
    let set = EvaluationOptions::parse(options)?;
    timeline(&account, until, &set)
}

/// `addWorkingDays(date, n)`.
pub(crate) fn add_working_days_in<'de, D>(date: D, n: D) -> Result<IsoDate, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let date: IsoDate = parse_at(date, "date")?;
    let WholeNumber(n) = parse_at(n, "n")?;
    add_working_days(date, n)
}

/// `checkAccess(input, options?)`.
pub(crate) fn check_access_in<'de, D>(input: D, options: D) -> Result<AccessResult, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let input: AccessInput = parse_at(input, "").map_err(|e| e.naming("the input"))?;
    let set = EvaluationOptions::parse(options)?;
    Ok(check_access(&input, &set))
}

/// `checkEligibility(input, options?)`.
pub(crate) fn check_eligibility_in<'de, D>(
    input: D,
    options: D,
) -> Result<EligibilityResult, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let input: EligibilityInput = parse_at(input, "").map_err(|e| e.naming("the input"))?;
    let set = EvaluationOptions::parse(options)?;
    check_eligibility(&input, &set)
}

/// `planSharedMailboxes(input, options?)`.
pub(crate) fn plan_shared_mailboxes_in<'de, D>(
    input: D,
    options: D,
) -> Result<MailboxPlan, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let input: MailboxPlanInput = parse_at(input, "").map_err(|e| e.naming("the input"))?;
    let set = EvaluationOptions::parse(options)?;
    plan_shared_mailboxes(&input, &set)
}

/// `exportDecisions(roster, asOf, options?)`, the roster already read (from JS values, a JSON
/// request or a JSON roster file, each with its own error paths).
pub(crate) fn export_decisions_in<'de, D>(
    roster: &Roster,
    as_of: D,
    options: D,
) -> Result<DecisionExport, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    let options: Option<ExportOptions> = parse_at(options, "options")?;
    let (set, remind_within_days) = options.unwrap_or_default().resolve()?;
    export_decisions(roster, as_of, &set, remind_within_days)
}

/// `exportDecisions` under a policy set already resolved (the JS `Evaluator`); `remindWithinDays`
/// is its own argument.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) fn export_decisions_with<'de, D>(
    roster: &Roster,
    as_of: D,
    remind_within_days: D,
    set: &PolicySet,
) -> Result<DecisionExport, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    let days: Option<WholeNumber> = parse_at(remind_within_days, "remindWithinDays")?;
    let days = days.map_or(DEFAULT_REMIND_WITHIN_DAYS, |WholeNumber(n)| n);
    export_decisions(roster, as_of, set, days)
}

/// The roster argument from any input, its errors naming the roster.
pub(crate) fn roster_in<'a, R: Input<'a>>(roster: R) -> Result<Roster, EngineError> {
    roster.read("").map_err(|e| e.naming("the roster"))
}

/// A roster CSV as the caller gave it: text, or a file's bytes.
pub(crate) enum CsvText<D> {
    /// Text (a string argument, still to be read).
    Text(D),
    /// A file's bytes.
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    Bytes(Vec<u8>),
}

/// `parseRosterCsv(text, options?)`: `text` a string or a file's bytes.
pub(crate) fn parse_roster_csv_in<'de, D>(
    text: CsvText<D>,
    options: D,
) -> Result<RosterCsv, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let options: Option<CsvOptions> = parse_at(options, "options")?;
    let options = options.unwrap_or_default();
    match text {
        CsvText::Text(text) => {
            let text: String = parse_at(text, "text")?;
            parse_roster_csv(&text, &options)
        }
        CsvText::Bytes(bytes) => parse_roster_csv_bytes(&bytes, &options),
    }
}

/// `comparePolicies(roster, asOf, optionsA, optionsB)`; the roster may come from another kind of
/// input than the other arguments.
pub(crate) fn compare_policies_in<'de, 'a, R, D>(
    roster: R,
    as_of: D,
    options_a: D,
    options_b: D,
) -> Result<Comparison, EngineError>
where
    R: Input<'a>,
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let roster = roster_in(roster)?;
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    let a = EvaluationOptions::parse_named(options_a, "optionsA")?;
    let b = EvaluationOptions::parse_named(options_b, "optionsB")?;
    compare_policies(&roster, as_of, &a, &b)
}
