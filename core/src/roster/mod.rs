//! Rosters in: the `Roster` type, CSV as people keep it (SPEC section 9) with every problem
//! listed, and a JSON roster read one account at a time.

pub(crate) mod columns;
pub(crate) mod csv;
pub(crate) mod dates;
pub(crate) mod file;
pub(crate) mod json;
pub(crate) mod lines;
pub(crate) mod row;
pub(crate) mod text;
pub(crate) mod values;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::account::Account;
use crate::model::error::{read_json_object, EngineError, ErrorCode};
use crate::roster::columns::RosterColumn;

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
        if crate::model::error::starts_object(text) {
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
}

/// What a roster CSV's header says: which header each column was read from, the headers read
/// for nothing, and the optional columns no header gave (SPEC section 9).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvColumns {
    /// `{column: header}` for every column read, in the SPEC's order.
    pub columns: BTreeMap<RosterColumn, String>,
    /// Headers that name no column (or lost to a better one), in file order.
    pub ignored_columns: Vec<String>,
    /// Optional columns no header gave, in the SPEC's order.
    pub missing_columns: Vec<RosterColumn>,
}

/// A roster read from CSV: its accounts, and what its header said (SPEC section 9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RosterCsv {
    /// The accounts, in file order.
    pub accounts: Vec<Account>,
    /// Which header each column was read from.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "Partial<Record<RosterColumn, string>>")
    )]
    pub columns: BTreeMap<RosterColumn, String>,
    /// Headers read for no column.
    pub ignored_columns: Vec<String>,
    /// Optional columns no header gave (with `lastActivity` here, every account is judged idle
    /// since it was created).
    pub missing_columns: Vec<RosterColumn>,
}

impl RosterCsv {
    /// The accounts with what the header said.
    pub fn new(accounts: Vec<Account>, columns: CsvColumns) -> Self {
        RosterCsv {
            accounts,
            columns: columns.columns,
            ignored_columns: columns.ignored_columns,
            missing_columns: columns.missing_columns,
        }
    }
}

impl From<RosterCsv> for Roster {
    fn from(csv: RosterCsv) -> Roster {
        Roster {
            accounts: csv.accounts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::error::{parse_at, Input, Text};

    #[test]
    fn text_reads_like_a_tracked_deserializer() {
        let good = r#"{"accounts":[{"id":"a","kind":"user","created":"2025-01-01"}]}"#;
        let bad = r#"{"accounts":[{"id":"a","kind":"user","created":"2025-01-01"},{"id":"b","kind":"user","created":"2025-02-30"}]}"#;
        for text in [good, bad, "[1]", "{\"accounts\": 3}", "nonsense"] {
            let tracked: Result<Roster, _> =
                parse_at(&mut serde_json::Deserializer::from_str(text), "roster");
            let fast: Result<Roster, _> = Text(text).read("roster");
            assert_eq!(fast, tracked, "{text}");
        }
        let e = Text(bad).read::<Roster>("").unwrap_err();
        assert_eq!(e.path, "accounts[1].created");
    }
}
