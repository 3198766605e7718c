//! The operations as the JS module and the JSON twins call them: each argument arrives as an
//! untyped serde input (a JSON value or a JS value), is parsed with field paths, and the core runs.

use std::fmt;

use serde::Deserializer;

use crate::account::Account;
use crate::calendar::{add_working_days, WholeNumber};
use crate::date::IsoDate;
use crate::error::{parse_at, EngineError};
use crate::lifecycle::{evaluate_account, timeline, AccountResult, Segment};
use crate::policy::EvaluationOptions;

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
    let set = EvaluationOptions::parse(options)?;
    evaluate_account(&account, as_of, &set)
}

/// `evaluateAccounts(accounts, asOf, options?)`: one result per account, in input order; the first
/// bad account fails the whole call with a path such as `[3].events[0].on`.
pub(crate) fn evaluate_accounts_in<'de, D>(
    accounts: D,
    as_of: D,
    options: D,
) -> Result<Vec<AccountResult>, EngineError>
where
    D: Deserializer<'de>,
    D::Error: fmt::Display,
{
    let accounts: Vec<Account> =
        parse_at(accounts, "").map_err(|e| e.naming("the list of accounts"))?;
    let as_of: IsoDate = parse_at(as_of, "asOf")?;
    let set = EvaluationOptions::parse(options)?;
    accounts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            evaluate_account(a, as_of, &set).map_err(|e| {
                if e.path == "asOf" {
                    let mut e = e;
                    e.detail = format!("{} (the account at [{i}], `{}`)", e.detail, a.id);
                    e
                } else {
                    e.within(&format!("[{i}]"))
                }
            })
        })
        .collect()
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
