//! `evaluateRosterColumns` (SPEC section 10): a roster file's text or bytes, CSV or JSON, decided
//! in one pass into columns of codes and day numbers, with the accounts kept so that any one
//! account's whole result can be had later.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use chrono::Datelike;
use serde::{Deserialize, Deserializer};

use crate::lifecycle::{brief, evaluate_account, locate, AccountResult};
use crate::model::account::{Account, AccountKind};
use crate::model::date::IsoDate;
use crate::model::error::{parse_at, EngineError};
use crate::model::numbers::WholeNumber;
use crate::model::policy::{EvaluationOptions, PolicyInput, PolicySet};
use crate::roster::columns::{CsvOptions, RosterColumn};
use crate::roster::file::{parse_roster_csv_bytes, roster_file_text};
use crate::roster::Roster;

/// The code for "none" in the `Uint8Array` columns.
pub(crate) const NO_CODE: u8 = u8::MAX;
/// The day number for "none" in the `Int32Array` columns.
pub(crate) const NO_DAY: i32 = i32::MIN;
/// `1970-01-01` as days from 0001-01-01 (chrono's `num_days_from_ce` is 1 for that day).
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// `evaluateRosterColumns` options: those of `exportDecisions` (SPEC section 7) and of
/// `parseRosterCsv` (SPEC section 9).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RosterColumnsOptions {
    /// A built-in set id (default `national`), or the label for `policies`.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional, type = "PolicySetId"))]
    pub policy_set: Option<String>,
    /// The caller's own policies.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub policies: Option<Vec<PolicyInput>>,
    /// Accepted as `exportDecisions` takes it; the columns hold no reminders.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub remind_within_days: Option<WholeNumber>,
    /// For a CSV roster: which header each named column is read from.
    #[serde(default)]
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "Partial<Record<RosterColumn, string>> | null")
    )]
    pub columns: Option<BTreeMap<RosterColumn, String>>,
    /// For a CSV roster: the kind of every row, when no header gives the kind.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub default_kind: Option<AccountKind>,
}

/// The roster as the caller gave it.
pub(crate) enum RosterFile<'a> {
    /// A string (already UTF-8 here).
    Text(&'a str),
    /// A file's bytes: UTF-8, UTF-16 with a byte-order mark, or Windows-1252.
    Bytes(&'a [u8]),
}

/// The arguments other than the roster, read and checked: the policy set, the date, how to read
/// a CSV.
pub(crate) struct ColumnsArgs {
    pub(crate) set: PolicySet,
    pub(crate) as_of: IsoDate,
    pub(crate) csv: CsvOptions,
}

impl ColumnsArgs {
    /// Reads `asOf` and `options` (errors at `asOf`, `options.…`).
    pub(crate) fn parse<'de, D>(as_of: D, options: D) -> Result<ColumnsArgs, EngineError>
    where
        D: Deserializer<'de>,
        D::Error: fmt::Display,
    {
        let as_of: IsoDate = parse_at(as_of, "asOf")?;
        let options: Option<RosterColumnsOptions> = parse_at(options, "options")?;
        let o = options.unwrap_or_default();
        // Read (and checked) as `exportDecisions` reads it; the columns hold no reminders.
        let _ = o.remind_within_days;
        let set = EvaluationOptions {
            policy_set: o.policy_set,
            policies: o.policies,
            explain: None,
        }
        .resolve()?;
        let csv = CsvOptions {
            columns: o.columns,
            default_kind: o.default_kind,
        };
        Ok(ColumnsArgs { set, as_of, csv })
    }
}

/// Whether a roster file is JSON: `{` first, after any byte-order mark and JSON's whitespace.
fn is_json(text: &[u8]) -> bool {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    text.iter()
        .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        .is_some_and(|&c| c == b'{')
}

/// Reads the roster, CSV or JSON, with the errors `parseRosterCsv` and `exportDecisionsJson`
/// give (a repeated id included).
pub(crate) fn read_roster(file: RosterFile<'_>, csv: &CsvOptions) -> Result<Roster, EngineError> {
    // A CSV's repeated ids are among its problems already.
    let roster = match file {
        RosterFile::Text(t) if is_json(t.as_bytes()) => {
            Roster::from_json(t.strip_prefix('\u{FEFF}').unwrap_or(t))?
        }
        RosterFile::Text(t) => return parse_roster_csv_bytes(t.as_bytes(), csv).map(Roster::from),
        RosterFile::Bytes(b) => {
            // UTF-16 is decoded before looking for the `{`.
            let utf16 = matches!(b, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
            let decoded = if utf16 {
                roster_file_text(b).ok()
            } else {
                None
            };
            if !decoded
                .as_deref()
                .map_or(is_json(b), |t| is_json(t.as_bytes()))
            {
                return parse_roster_csv_bytes(b, csv).map(Roster::from);
            }
            match decoded {
                Some(t) => Roster::from_json(t.strip_prefix('\u{FEFF}').unwrap_or(&t))?,
                None => json_roster(b)?,
            }
        }
    };
    roster.check_unique_ids()?;
    Ok(roster)
}

/// A JSON roster file's bytes (`{"accounts": [...]}`) read as [`Roster::from_json`] reads its
/// text: UTF-8 with or without a byte-order mark, read in place; UTF-16 with a mark and
/// Windows-1252 decoded first.
pub(crate) fn json_roster(bytes: &[u8]) -> Result<Roster, EngineError> {
    let text: Cow<'_, str> = match std::str::from_utf8(bytes) {
        Ok(t) => Cow::Borrowed(t),
        Err(_) => Cow::Owned(roster_file_text(bytes)?),
    };
    Roster::from_json(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
}

/// A date as days since 1970-01-01.
pub(crate) fn epoch_day(d: IsoDate) -> i32 {
    d.naive().num_days_from_ce() - UNIX_EPOCH_FROM_CE
}

/// The decided roster: one entry per account in each column, and the accounts kept.
#[derive(Debug)]
pub(crate) struct RosterColumns {
    pub(crate) accounts: Vec<Account>,
    pub(crate) set: PolicySet,
    pub(crate) as_of: IsoDate,
    /// Codes into `State::ALL`.
    pub(crate) state: Vec<u8>,
    pub(crate) next_state: Vec<u8>,
    /// Codes into `RuleId::ALL` (the catalogue's order).
    pub(crate) next_rule: Vec<u8>,
    pub(crate) next_on: Vec<i32>,
    pub(crate) since: Vec<i32>,
}

impl RosterColumns {
    /// Decides every account (the simulation of `evaluateAccount`, keeping only the columns);
    /// the first bad account fails the whole call, named as `exportDecisions` names it.
    pub(crate) fn evaluate(
        roster: Roster,
        args: ColumnsArgs,
    ) -> Result<RosterColumns, EngineError> {
        let n = roster.accounts.len();
        let mut c = RosterColumns {
            accounts: Vec::new(),
            set: args.set,
            as_of: args.as_of,
            state: Vec::with_capacity(n),
            next_state: Vec::with_capacity(n),
            next_rule: Vec::with_capacity(n),
            next_on: Vec::with_capacity(n),
            since: Vec::with_capacity(n),
        };
        for (i, a) in roster.accounts.iter().enumerate() {
            let b = brief(a, c.as_of, &c.set).map_err(|e| locate(e, "accounts", i, &a.id))?;
            c.state.push(b.state as u8);
            c.since.push(epoch_day(b.since));
            match b.next {
                Some(n) => {
                    c.next_state.push(n.state as u8);
                    c.next_rule.push(n.rule as u8);
                    c.next_on.push(epoch_day(n.on));
                }
                None => {
                    c.next_state.push(NO_CODE);
                    c.next_rule.push(NO_CODE);
                    c.next_on.push(NO_DAY);
                }
            }
        }
        c.accounts = roster.accounts;
        Ok(c)
    }

    /// The i-th account's whole `evaluateAccount` result, if there is an i-th account.
    pub(crate) fn result(&self, i: usize) -> Option<Result<AccountResult, EngineError>> {
        let a = self.accounts.get(i)?;
        Some(
            evaluate_account(a, self.as_of, &self.set).map_err(|e| locate(e, "accounts", i, &a.id)),
        )
    }

    /// The i-th account's id.
    pub(crate) fn id(&self, i: usize) -> Option<&str> {
        self.accounts.get(i).map(|a| a.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rules::RuleId;
    use crate::model::state::State;

    fn args() -> ColumnsArgs {
        let (as_of, options) = ("\"2025-04-01\"", "null");
        ColumnsArgs::parse(
            &mut serde_json::Deserializer::from_str(as_of),
            &mut serde_json::Deserializer::from_str(options),
        )
        .unwrap()
    }

    fn check_agrees(c: &RosterColumns) {
        for i in 0..c.accounts.len() {
            let r = c.result(i).unwrap().unwrap();
            assert_eq!(State::ALL[c.state[i] as usize], r.state);
            assert_eq!(c.since[i], epoch_day(r.since));
            match r.next {
                Some(n) => {
                    assert_eq!(State::ALL[c.next_state[i] as usize], n.state);
                    assert_eq!(RuleId::ALL[c.next_rule[i] as usize], n.rule);
                    assert_eq!(c.next_on[i], epoch_day(n.on));
                }
                None => assert_eq!(
                    (c.next_state[i], c.next_rule[i], c.next_on[i]),
                    (NO_CODE, NO_CODE, NO_DAY)
                ),
            }
        }
    }

    #[test]
    fn csv_and_json_give_the_same_columns() {
        let csv =
            "id,kind,created,lastActivity\na,user,2025-01-06,2025-02-20\nb,shared,2024-01-01,\n";
        let json = r#"{"accounts":[{"id":"a","kind":"user","created":"2025-01-06","activeOn":"2025-02-20"},
            {"id":"b","kind":"shared","created":"2024-01-01"}]}"#;
        let from_csv = read_roster(RosterFile::Bytes(csv.as_bytes()), &CsvOptions::default());
        let from_json = read_roster(RosterFile::Text(json), &CsvOptions::default());
        let a = RosterColumns::evaluate(from_csv.unwrap(), args()).unwrap();
        let b = RosterColumns::evaluate(from_json.unwrap(), args()).unwrap();
        assert_eq!(
            (a.state.clone(), a.since.clone()),
            (b.state.clone(), b.since.clone())
        );
        assert_eq!(a.next_on, b.next_on);
        assert_eq!(a.id(1), Some("b"));
        assert!(a.result(2).is_none());
        check_agrees(&a);
        check_agrees(&b);
    }

    #[test]
    fn json_is_told_by_its_brace_after_a_byte_order_mark() {
        assert!(is_json(b"\xEF\xBB\xBF {\"accounts\":[]}"));
        assert!(!is_json(b"id,kind\n"));
        let e = read_roster(
            RosterFile::Text("{\"accounts\":[{\"id\":\"a\"},"),
            &CsvOptions::default(),
        );
        assert_eq!(e.unwrap_err().code.as_str(), "invalid_json");
        let twice = r#"{"accounts":[{"id":"a","kind":"user","created":"2025-01-06"},{"id":"a","kind":"user","created":"2025-01-06"}]}"#;
        let e = read_roster(RosterFile::Bytes(twice.as_bytes()), &CsvOptions::default());
        assert_eq!(e.unwrap_err().path, "accounts[1].id");
        assert_eq!(epoch_day("1970-01-02".parse().unwrap()), 1);
    }
}
