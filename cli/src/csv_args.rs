//! The flags that say how a CSV roster is read: `--columns`, `--default-kind`, `--allow-missing`
//! (the options of `parseRosterCsv`, SPEC section 9).

use std::collections::BTreeMap;
use std::path::Path;

use clap::Args;
use nhsmail_rules::{AccountKind, CsvOptions, EngineError, ErrorCode, RosterColumn, TextEncoding};

use crate::input::CsvSettings;
use crate::Failure;

#[derive(Args)]
pub(crate) struct CsvArgs {
    /// For a CSV roster: which header each column is read from, overriding the matching of
    /// headers, as COLUMN=HEADER pairs separated by commas (quote a header that holds a comma):
    /// --columns id="Email address",lastActivity="Last sign in". May be given more than once.
    #[arg(long, value_name = "COLUMN=HEADER,...")]
    columns: Vec<String>,
    /// For a CSV roster with no kind column: the kind of every row (user, shared, application
    /// or resource).
    #[arg(long, value_name = "KIND")]
    default_kind: Option<String>,
    /// Read a CSV roster that has no such column. A roster with no lastActivity column is
    /// refused without --allow-missing lastActivity: every account would be judged idle since it
    /// was created, which can mean mass deletions.
    #[arg(long, value_name = "COLUMN")]
    allow_missing: Vec<String>,
}

fn refused(flag: &str, detail: String) -> Failure {
    Failure::Input(EngineError::new(ErrorCode::InvalidField, flag, detail))
}

/// A column by its name in the roster's contract (`lastActivity`), case ignored.
fn column(name: &str, flag: &str) -> Result<RosterColumn, Failure> {
    RosterColumn::ALL
        .into_iter()
        .find(|c| c.as_str().eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let names: Vec<&str> = RosterColumn::ALL.iter().map(|c| c.as_str()).collect();
            refused(
                flag,
                format!(
                    "`{name}` is not a roster column (the columns: {})",
                    names.join(", ")
                ),
            )
        })
}

/// `a=b,c="d, e"`: the pairs, split at commas outside double quotes, quotes dropped.
fn pairs(text: &str) -> Result<Vec<(String, String)>, Failure> {
    let mut items = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => items.push(String::new()),
            c => items.last_mut().into_iter().for_each(|s| s.push(c)),
        }
    }
    items
        .into_iter()
        .filter(|item| !item.trim().is_empty())
        .map(|item| match item.split_once('=') {
            Some((name, header)) => Ok((name.trim().to_owned(), header.trim().to_owned())),
            None => Err(refused(
                "--columns",
                format!("`{item}` is not COLUMN=HEADER (for example id=\"Email address\")"),
            )),
        })
        .collect()
}

impl CsvArgs {
    /// The settings, each flag checked.
    pub(crate) fn settings(&self, assumed: Option<TextEncoding>) -> Result<CsvSettings, Failure> {
        let mut columns = BTreeMap::new();
        for text in &self.columns {
            for (name, header) in pairs(text)? {
                let named = column(&name, "--columns")?;
                if header.is_empty() {
                    return Err(refused(
                        "--columns",
                        format!("`{name}=` names no header: give the header's text"),
                    ));
                }
                columns.insert(named, header);
            }
        }
        let default_kind = match &self.default_kind {
            None => None,
            Some(kind) => Some(
                AccountKind::ALL
                    .into_iter()
                    .find(|k| k.as_str().eq_ignore_ascii_case(kind.trim()))
                    .ok_or_else(|| {
                        refused(
                            "--default-kind",
                            format!(
                                "`{kind}` is not a kind of account (user, shared, application, \
                                 resource)"
                            ),
                        )
                    })?,
            ),
        };
        let allow_missing = self
            .allow_missing
            .iter()
            .map(|name| column(name, "--allow-missing"))
            .collect::<Result<_, _>>()?;
        Ok(CsvSettings {
            options: CsvOptions {
                columns: (!columns.is_empty()).then_some(columns),
                default_kind,
            },
            allow_missing,
            assumed,
        })
    }
}

/// A JSON roster names its fields itself: the CSV flags that change a reading are refused.
pub(crate) fn json_roster(csv: &CsvSettings, path: &Path) -> Result<(), Failure> {
    let flag = if csv.options.columns.is_some() {
        "--columns"
    } else if csv.options.default_kind.is_some() {
        "--default-kind"
    } else {
        return Ok(());
    };
    Err(refused(
        flag,
        format!(
            "is for CSV rosters; {} is a JSON roster, whose accounts name their fields",
            path.display()
        ),
    ))
}

/// The place of a problem in the options, as the command names it: `options.columns.id` is
/// `--columns id`.
pub(crate) fn flag_of(path: &str) -> Option<String> {
    path.strip_prefix("options.columns.")
        .map(|c| format!("--columns {c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_split_at_commas_outside_quotes() {
        let got = pairs(r#"id="Email, work",lastActivity=Last sign in"#)
            .ok()
            .unwrap_or_default();
        assert_eq!(
            got,
            vec![
                ("id".to_owned(), "Email, work".to_owned()),
                ("lastActivity".to_owned(), "Last sign in".to_owned())
            ]
        );
        assert!(pairs("id").is_err());
    }
}
