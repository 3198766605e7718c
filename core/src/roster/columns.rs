//! A roster CSV's columns (SPEC section 9): the column names and their aliases, how a header is
//! matched to them, near misses, the separator, and the caller's `columns` and `defaultKind`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::account::AccountKind;
use crate::model::error::{CsvProblem, EngineError, ErrorCode};

vocabulary! {
    /// A roster CSV's columns, in the SPEC's order.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum RosterColumn {
        /// The account id (required).
        Id = "id" => "account id",
        /// The kind of account (required, unless `defaultKind` is given).
        Kind = "kind" => "kind of account",
        /// When the account was created (required).
        Created = "created" => "date created",
        /// The last sign-in or other activity: the account's `activeOn`.
        LastActivity = "lastActivity" => "last sign-in",
        /// Whether the AUP was accepted and the Account Secret set.
        Onboarded = "onboarded" => "AUP accepted",
        /// What the back office holds: a state or a portal status.
        RecordedState = "recordedState" => "status",
        /// The day the recorded state began.
        RecordedSince = "recordedSince" => "status date",
        /// The organisation.
        Organisation = "organisation" => "organisation",
        /// The primary address.
        Address = "address" => "address",
    }
}

/// The columns every roster needs (`kind` may come from `defaultKind` instead).
pub(crate) const REQUIRED: [RosterColumn; 3] =
    [RosterColumn::Id, RosterColumn::Kind, RosterColumn::Created];

impl RosterColumn {
    /// Its other names, as the SPEC's table writes them (and a few more that real exports use),
    /// in order of precedence after the column's own name.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            RosterColumn::Id => &[
                "account",
                "account id",
                "username",
                "user name",
                "email",
                "email address",
                "user principal name",
                "upn",
                "mail",
            ],
            RosterColumn::Kind => &[
                "type",
                "account type",
                "mailbox type",
                "recipient type",
                // Exchange Online's mailbox export.
                "recipient type details",
            ],
            RosterColumn::Created => &[
                "date created",
                "created date",
                "created on",
                "creation date",
                "when created",
                "account created",
                // Microsoft Graph's user export.
                "created date time",
            ],
            RosterColumn::LastActivity => &[
                "last sign in",
                "last signed in",
                "last sign-in date",
                "last sign in time",
                "last logon",
                "last logon date",
                "last logon time",
                "last login",
                "last login time",
                "last active",
                "last activity date",
                // Active Directory's and Microsoft Graph's names.
                "last logon timestamp",
                "last sign in date time",
            ],
            RosterColumn::Onboarded => &["aup accepted", "onboarded"],
            RosterColumn::RecordedState => &[
                "status",
                "account status",
                "portal status",
                "recorded state",
            ],
            RosterColumn::RecordedSince => &[
                "status since",
                "status date",
                "status changed",
                "status changed on",
                "state since",
                "date of status",
                "disabled on",
            ],
            RosterColumn::Organisation => &["organization", "org", "organisation name", "ods name"],
            RosterColumn::Address => &["primary address", "primary smtp address", "smtp address"],
        }
    }

    /// How well `key` (a [`normalise`]d header) names this column: 0 for its own name, 1 + the
    /// alias's place for an alias, `None` for neither.
    fn rank(self, key: &str) -> Option<usize> {
        if normalise(self.as_str()) == key {
            return Some(0);
        }
        let at = self.aliases().iter().position(|a| normalise(a) == key)?;
        Some(at + 1)
    }

    /// The column a header names by its own name or an alias, with its [`RosterColumn::rank`].
    fn named_by(key: &str) -> Option<(RosterColumn, usize)> {
        RosterColumn::ALL
            .into_iter()
            .find_map(|c| c.rank(key).map(|r| (c, r)))
    }
}

/// A header as it is matched: lowercase, without spaces, `_`, `-`, `.` or anything in brackets
/// (`Last sign-in (UTC)` is `lastsignin`).
pub fn normalise(header: &str) -> String {
    let mut key = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '_' | '-' | '.' => {}
            c if c.is_whitespace() => {}
            c => key.push(c.to_ascii_lowercase()),
        }
    }
    key
}

/// How a roster CSV is read: columns named by the caller, and a kind for every row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CsvOptions {
    /// Which header each named column is read from (`{"id": "Email", "lastActivity": "Last
    /// used"}`), overriding the matching of headers for those columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "wasm",
        tsify(optional, type = "Partial<Record<RosterColumn, string>> | null")
    )]
    pub columns: Option<BTreeMap<RosterColumn, String>>,
    /// The kind of every row, when no header gives the kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub default_kind: Option<AccountKind>,
}

/// The separators a roster may use, in the order a tie is settled.
const SEPARATORS: [(u8, &str); 3] = [(b',', "comma"), (b';', "semicolon"), (b'\t', "tab")];

/// The cells of a header line split at `separator`, with RFC 4180 quoting.
fn split(line: &[u8], separator: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(line);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|cell| String::from_utf8_lossy(cell).trim().to_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// The separator of a header line: the one that splits it into the most known columns (column
/// names, aliases, or headers the caller named); comma when none finds any.
pub(crate) fn separator(line: &[u8], options: &CsvOptions) -> u8 {
    let named: Vec<String> = options
        .columns
        .iter()
        .flatten()
        .map(|(_, h)| normalise(h))
        .collect();
    let known = |cells: &[String]| {
        cells
            .iter()
            .map(|c| normalise(c))
            .filter(|k| RosterColumn::named_by(k).is_some() || named.contains(k))
            .count()
    };
    let mut best = (0, b',');
    for (s, _) in SEPARATORS {
        let n = known(&split(line, s));
        if n > best.0 {
            best = (n, s);
        }
    }
    best.1
}

/// Which of the file's columns (0-based) each roster column is read from, and what else the
/// header says: the `columns`, `ignoredColumns` and `missingColumns` of the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header cells as the file writes them (trimmed).
    pub names: Vec<String>,
    /// The file's column for each roster column, by its place in [`RosterColumn::ALL`].
    pub(crate) index: [Option<usize>; RosterColumn::ALL.len()],
    /// Headers read for no column, in file order.
    pub ignored: Vec<String>,
    /// Optional columns no header gave.
    pub missing: Vec<RosterColumn>,
    /// The number of cells a row must have: up to the last non-empty header.
    pub(crate) width: usize,
}

impl Header {
    /// The file's column (0-based) holding `column`.
    pub(crate) fn column(&self, column: RosterColumn) -> Option<usize> {
        self.index.get(column as usize).copied().flatten()
    }

    /// The header text of the file's column `i` (0-based); `extra` beyond the header.
    pub(crate) fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("extra", String::as_str)
    }

    /// `{column: header}` for every column read, in the SPEC's order.
    pub fn columns(&self) -> BTreeMap<RosterColumn, String> {
        RosterColumn::ALL
            .into_iter()
            .filter_map(|c| Some((c, self.names.get(self.column(c)?)?.clone())))
            .collect()
    }

    /// Matches the header cells (line `line`, read with `separator`) to the columns, with the
    /// header's problems (near misses, a required column missing) on its line. A `columns` option
    /// naming a header the file does not have is `invalid_field` at `options.columns.<column>`.
    pub(crate) fn read(
        cells: Vec<String>,
        line: u64,
        separator: u8,
        raw_line: &[u8],
        options: &CsvOptions,
    ) -> Result<(Header, Vec<CsvProblem>), EngineError> {
        let keys: Vec<String> = cells.iter().map(|c| normalise(c)).collect();
        let mut index = [None; RosterColumn::ALL.len()];
        let mut used = vec![false; cells.len()];
        let named = options.columns.as_ref();
        for (column, wanted) in named.into_iter().flatten() {
            let i = find_header(&cells, &keys, wanted)
                .ok_or_else(|| not_a_header(*column, wanted, &cells))?;
            set(&mut index, *column, i);
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        }
        // The best-ranked header for each column not named by the caller, among the headers the
        // caller did not name; the first on a tie.
        let mut best: [Option<(usize, usize)>; RosterColumn::ALL.len()] = Default::default();
        for (i, key) in keys.iter().enumerate() {
            if used.get(i) == Some(&true) {
                continue;
            }
            let Some((column, rank)) = RosterColumn::named_by(key) else {
                continue;
            };
            let slot = best.get_mut(column as usize);
            if let Some(slot) = slot {
                if slot.is_none_or(|(_, r)| rank < r) {
                    *slot = Some((i, rank));
                }
            }
        }
        for column in RosterColumn::ALL {
            let named_here = named.is_some_and(|n| n.contains_key(&column));
            if let (false, Some(Some((i, _)))) = (named_here, best.get(column as usize)) {
                set(&mut index, column, *i);
                if let Some(u) = used.get_mut(*i) {
                    *u = true;
                }
            }
        }
        let mut problems = Vec::new();
        let mut ignored = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            if used.get(i) == Some(&true) || cell.is_empty() {
                continue;
            }
            let key = keys.get(i).map_or("", String::as_str);
            match near_miss(key) {
                Some(column) if RosterColumn::named_by(key).is_none() => {
                    problems.push(CsvProblem::new(
                        line,
                        i + 1,
                        cell,
                        format!(
                            "`{cell}` is not a column name: did you mean `{}`? (Other headers that name no column are ignored.)",
                            column.as_str()
                        ),
                    ));
                }
                _ => ignored.push(cell.clone()),
            }
        }
        let header = Header {
            width: cells
                .iter()
                .rposition(|c| !c.is_empty())
                .map_or(0, |i| i + 1),
            names: cells,
            index,
            ignored,
            missing: Vec::new(),
        };
        for column in REQUIRED {
            if header.column(column).is_some()
                || (column == RosterColumn::Kind && options.default_kind.is_some())
            {
                continue;
            }
            let message = missing_required(column, &header, separator, raw_line);
            problems.push(CsvProblem::new(
                line,
                header.names.len() + 1,
                column.as_str(),
                message,
            ));
        }
        let missing = RosterColumn::ALL
            .into_iter()
            .filter(|c| !REQUIRED.contains(c) && header.column(*c).is_none())
            .collect();
        Ok((Header { missing, ..header }, problems))
    }
}

fn set(index: &mut [Option<usize>], column: RosterColumn, i: usize) {
    if let Some(slot) = index.get_mut(column as usize) {
        *slot = Some(i);
    }
}

/// The header a caller named: the same text (trimmed), else the first that matches it as
/// headers are matched (case, spaces, `_`, `-`, `.` and brackets ignored).
fn find_header(cells: &[String], keys: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    if wanted.is_empty() {
        return None;
    }
    cells.iter().position(|c| c == wanted).or_else(|| {
        let key = normalise(wanted);
        keys.iter().position(|k| !key.is_empty() && *k == key)
    })
}

fn not_a_header(column: RosterColumn, wanted: &str, cells: &[String]) -> EngineError {
    let headers: Vec<String> = cells
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| format!("`{c}`"))
        .collect();
    EngineError::new(
        ErrorCode::InvalidField,
        format!("options.columns.{}", column.as_str()),
        format!(
            "`{wanted}` is not a header of the file; its headers are {}",
            if headers.is_empty() {
                "none".to_owned()
            } else {
                headers.join(", ")
            }
        ),
    )
}

/// The column a header that matches nothing was probably meant to be: within two edits of a
/// column name of six or more letters, and at most one letter longer or shorter.
fn near_miss(key: &str) -> Option<RosterColumn> {
    RosterColumn::ALL
        .into_iter()
        .filter_map(|c| {
            let name = normalise(c.as_str());
            let (a, b) = (key.chars().count(), name.chars().count());
            let distance = strsim::osa_distance(key, &name);
            (b >= 6 && a.abs_diff(b) <= 1 && distance <= 2).then_some((distance, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// What to say when a required column has no header.
fn missing_required(column: RosterColumn, header: &Header, separator: u8, raw: &[u8]) -> String {
    let aliases = column.aliases().join(", ");
    let mut message = match column {
        RosterColumn::Kind => format!(
            "there is no `kind` column (no header is `kind` or {aliases}). Add a column saying \
             user, shared, application or resource for each row, or, if every row is a person's \
             own account, confirm that every row is a user account (the option \
             `defaultKind: \"user\"`; `--default-kind user` for the command)"
        ),
        _ => format!(
            "there is no `{}` column (no header is `{}` or {aliases}): rename the column that \
             holds the {}, or name it in the option `columns` (`{{\"{}\": \"its header\"}}`)",
            column.as_str(),
            column.as_str(),
            column.label(),
            column.as_str(),
        ),
    };
    if column == RosterColumn::Id {
        let read_as = SEPARATORS
            .iter()
            .find(|(s, _)| *s == separator)
            .map_or("comma", |(_, n)| n);
        let cells = header.names.len();
        let looks = SEPARATORS
            .iter()
            .filter(|(s, _)| *s != separator)
            .map(|(s, n)| (split(raw, *s).len(), *n))
            .filter(|(n, _)| *n > cells.max(1))
            .max_by_key(|(n, _)| *n);
        if let Some((n, name)) = looks {
            message = format!(
                "the file looks {name}-separated (its header splits into {n} columns at each \
                 {name}) but was read as {read_as}-separated, and {message}"
            );
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_matched_without_case_spaces_punctuation_or_brackets() {
        assert_eq!(normalise("Last sign-in (UTC)"), "lastsignin");
        assert_eq!(
            normalise(" User_Principal.Name [AAD] "),
            "userprincipalname"
        );
        assert_eq!(
            RosterColumn::named_by("lastsignin"),
            Some((RosterColumn::LastActivity, 1))
        );
        assert_eq!(RosterColumn::named_by("state"), None);
    }

    #[test]
    fn no_alias_names_two_columns_or_is_a_near_miss_of_another() {
        let mut seen = std::collections::BTreeMap::new();
        for c in RosterColumn::ALL {
            for name in std::iter::once(c.as_str()).chain(c.aliases().iter().copied()) {
                if let Some(other) = seen.insert(normalise(name), c) {
                    assert_eq!(other, c, "`{name}` names {other:?} and {c:?}");
                }
            }
        }
    }

    #[test]
    fn near_misses_are_close_to_a_long_column_name() {
        assert_eq!(near_miss("lastactivty"), Some(RosterColumn::LastActivity));
        assert_eq!(near_miss("recordedstae"), Some(RosterColumn::RecordedState));
        for not in ["createdby", "date", "site", "displayname", "kinds", "ids"] {
            assert_eq!(near_miss(not), None, "{not}");
        }
    }

    #[test]
    fn the_separator_splits_the_header_into_the_most_known_columns() {
        let o = CsvOptions::default();
        assert_eq!(separator(b"Email;Type;Created", &o), b';');
        assert_eq!(separator(b"Email\tType\tCreated,Note", &o), b'\t');
        assert_eq!(separator(b"\"Name; first\",id,kind", &o), b',');
        assert_eq!(separator(b"nothing;known", &o), b',');
    }
}
