//! Rosters from CSV (SPEC section 7): RFC 4180 via the `csv` crate, columns matched by name, every
//! problem reported as `invalid_csv` at `line N, column M (name)`, and no partial result.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;
use std::rc::Rc;

use csv::{ReaderBuilder, StringRecord};

use crate::lifecycle::State;
use crate::model::account::{Account, AccountKind};
use crate::model::date::IsoDate;
use crate::model::error::{EngineError, ErrorCode};
use crate::roster::lines::{Seen, Tap};
use crate::roster::Roster;

/// The columns a roster CSV may have, as the SPEC names them.
pub const COLUMNS: [&str; 8] = [
    "id",
    "kind",
    "created",
    "lastActivity",
    "onboarded",
    "recordedState",
    "organisation",
    "address",
];
const REQUIRED: [&str; 3] = ["id", "kind", "created"];

fn at(line: u64, column: usize, name: &str, detail: impl Into<String>) -> EngineError {
    EngineError::new(
        ErrorCode::InvalidCsv,
        format!("line {line}, column {column} ({name})"),
        detail,
    )
}

/// Where each known column is in the file (0-based), by its position in [`COLUMNS`].
struct Header {
    names: Vec<String>,
    index: [Option<usize>; COLUMNS.len()],
}

// Positions in COLUMNS.
const ID: usize = 0;
const KIND: usize = 1;
const CREATED: usize = 2;
const LAST_ACTIVITY: usize = 3;
const ONBOARDED: usize = 4;
const RECORDED_STATE: usize = 5;
const ORGANISATION: usize = 6;
const ADDRESS: usize = 7;

impl Header {
    fn read(record: &StringRecord, line: u64) -> Result<Header, EngineError> {
        let mut index = [None; COLUMNS.len()];
        let names: Vec<String> = record.iter().map(|n| n.trim_ascii().to_owned()).collect();
        for (i, name) in names.iter().enumerate() {
            let known = COLUMNS
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    at(
                        line,
                        i + 1,
                        name,
                        format!(
                            "`{name}` is not a roster column (known: {})",
                            COLUMNS.join(", ")
                        ),
                    )
                })?;
            if let Some(slot) = index.get_mut(known) {
                if let Some(first) = slot.replace(i) {
                    return Err(at(
                        line,
                        i + 1,
                        name,
                        format!(
                            "the column `{}` is already column {}",
                            COLUMNS.get(known).copied().unwrap_or_default(),
                            first + 1
                        ),
                    ));
                }
            }
        }
        if let Some(missing) = REQUIRED
            .iter()
            .find(|c| Header::position(&index, c).is_none())
        {
            return Err(at(
                line,
                names.len() + 1,
                missing,
                format!("the required column `{missing}` is missing"),
            ));
        }
        Ok(Header { names, index })
    }

    fn position(index: &[Option<usize>], name: &str) -> Option<usize> {
        let known = COLUMNS.iter().position(|c| *c == name)?;
        index.get(known).copied().flatten()
    }

    /// The file's column (0-based) holding `COLUMNS[known]`.
    fn column(&self, known: usize) -> Option<usize> {
        self.index.get(known).copied().flatten()
    }
}

/// One row's cells, read by column name.
struct Row<'a> {
    line: u64,
    record: &'a StringRecord,
    header: &'a Header,
}

impl Row<'_> {
    /// The cell of `COLUMNS[known]`, or None when the file has no such column or the cell is empty.
    fn cell(&self, known: usize) -> Option<(usize, &str)> {
        let i = self.header.column(known)?;
        self.record
            .get(i)
            .map(str::trim_ascii)
            .filter(|v| !v.is_empty())
            .map(|v| (i, v))
    }

    fn error(&self, i: usize, detail: impl Into<String>) -> EngineError {
        let name = self.header.names.get(i).map_or("", String::as_str);
        at(self.line, i + 1, name, detail)
    }

    fn required(&self, known: usize) -> Result<(usize, &str), EngineError> {
        let i = self.header.column(known).unwrap_or(0);
        self.cell(known)
            .ok_or_else(|| self.error(i, "is empty; it is required"))
    }

    fn date(&self, i: usize, v: &str) -> Result<IsoDate, EngineError> {
        v.parse().map_err(|_| {
            self.error(
                i,
                format!("`{v}` is not a real date in the form YYYY-MM-DD"),
            )
        })
    }

    fn account(&self) -> Result<Account, EngineError> {
        let (_, id) = self.required(ID)?;
        let (i, kind) = self.required(KIND)?;
        let kind = if kind.eq_ignore_ascii_case("user") {
            AccountKind::User
        } else if kind.eq_ignore_ascii_case("shared") {
            AccountKind::Shared
        } else if kind.eq_ignore_ascii_case("application") {
            AccountKind::Application
        } else if kind.eq_ignore_ascii_case("resource") {
            AccountKind::Resource
        } else {
            return Err(self.error(
                i,
                format!("`{kind}` is not a kind (user, shared, application, resource)"),
            ));
        };
        let (i, created) = self.required(CREATED)?;
        let created = self.date(i, created)?;
        let active_on = match self.cell(LAST_ACTIVITY) {
            Some((i, v)) => {
                let day = self.date(i, v)?;
                if day < created {
                    return Err(self.error(i, format!("`{v}` is before created `{created}`")));
                }
                Some(day)
            }
            None => None,
        };
        let onboarded = match self.cell(ONBOARDED) {
            None => false,
            Some((i, v)) => {
                let is = |words: [&str; 3]| words.iter().any(|w| w.eq_ignore_ascii_case(v));
                if is(["true", "yes", "1"]) {
                    true
                } else if is(["false", "no", "0"]) {
                    false
                } else {
                    return Err(
                        self.error(i, format!("`{v}` is not one of true, false, yes, no, 1, 0"))
                    );
                }
            }
        };
        let recorded_state = match self.cell(RECORDED_STATE) {
            None => None,
            Some((i, v)) => Some(
                State::ALL
                    .into_iter()
                    .find(|s| s.as_str().eq_ignore_ascii_case(v))
                    .ok_or_else(|| {
                        self.error(
                            i,
                            format!("`{v}` is not a state (active, inactive, disabled, leaver, deleted, purged)"),
                        )
                    })?,
            ),
        };
        Ok(Account {
            id: id.to_owned(),
            kind,
            created,
            onboarded,
            active_on,
            address: self.cell(ADDRESS).map(|(_, v)| v.to_owned()),
            organisation: self.cell(ORGANISATION).map(|(_, v)| v.to_owned()),
            recorded_state,
            events: Vec::new(),
        })
    }
}

/// One account read from a roster CSV, with the physical line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterRow {
    /// The line (1-based).
    pub line: u64,
    /// The account.
    pub account: Account,
}

/// Reads a roster CSV (SPEC section 7) from any reader, one account at a time, in constant
/// memory: the streaming form of [`parse_roster_csv`], which is this reader collected. The first
/// problem is the last item; a quote never closed is found at the end of the input. Ids are not
/// checked for repeats here (that needs memory that grows with the roster): see
/// [`RosterCsvReader::repeated_id`].
pub struct RosterCsvReader<R: Read> {
    reader: csv::Reader<Tap<R>>,
    record: StringRecord,
    seen: Rc<RefCell<Seen>>,
    header: Option<Header>,
    done: bool,
}

impl<R: Read> RosterCsvReader<R> {
    /// A reader over `input` (bytes; they must be UTF-8).
    pub fn new(input: R) -> Self {
        let seen = Seen::new();
        let tap = Tap::new(input, &seen);
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(tap);
        RosterCsvReader {
            reader,
            record: StringRecord::new(),
            seen,
            header: None,
            done: false,
        }
    }

    /// The error for an id already used on line `first`, for the account on `line`.
    pub fn repeated_id(&self, line: u64, id: &str, first: u64) -> EngineError {
        let i = self.header.as_ref().and_then(|h| h.column(ID)).unwrap_or(0);
        let name = self
            .header
            .as_ref()
            .and_then(|h| h.names.get(i))
            .map_or("id", String::as_str);
        at(
            line,
            i + 1,
            name,
            format!("`{id}` is already the id on line {first}"),
        )
    }

    /// The end of the input: a missing header or a quote never closed are errors.
    fn end(&self) -> Option<EngineError> {
        let Some(header) = &self.header else {
            return Some(EngineError::new(
                ErrorCode::InvalidCsv,
                "line 1",
                "the header row is missing: the file is empty",
            ));
        };
        let (line, column) = self.seen.borrow().unclosed_quote()?;
        let name = header
            .names
            .get(column.saturating_sub(1))
            .map_or("extra", String::as_str);
        Some(at(
            line,
            column,
            name,
            "this quoted cell is never closed: its closing \" is missing",
        ))
    }

    fn row(&mut self) -> Option<Result<RosterRow, EngineError>> {
        loop {
            match self.reader.read_record(&mut self.record) {
                Err(e) => {
                    let line = self.seen.borrow_mut().line_of(e.position());
                    let path = format!("line {line}");
                    return Some(Err(EngineError::new(
                        ErrorCode::InvalidCsv,
                        path,
                        e.to_string(),
                    )));
                }
                Ok(false) => return self.end().map(Err),
                Ok(true) => {}
            }
            let line = self.seen.borrow_mut().line_of(self.record.position());
            if is_blank(&self.record) {
                continue;
            }
            let Some(h) = &self.header else {
                match Header::read(&self.record, line) {
                    Ok(h) => self.header = Some(h),
                    Err(e) => return Some(Err(e)),
                }
                continue;
            };
            let width = h.names.len();
            if self.record.len() != width {
                let i = self.record.len().min(width);
                let name = h.names.get(i).map_or("extra", String::as_str);
                let detail = if self.record.len() < width {
                    format!(
                        "is missing: the row has {} cells, the header {width}",
                        self.record.len()
                    )
                } else {
                    format!("is an extra cell: the header has {width} columns")
                };
                return Some(Err(at(line, i + 1, name, detail)));
            }
            let row = Row {
                line,
                record: &self.record,
                header: h,
            };
            return Some(row.account().map(|account| RosterRow { line, account }));
        }
    }
}

impl<R: Read> Iterator for RosterCsvReader<R> {
    type Item = Result<RosterRow, EngineError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.row();
        self.done = !matches!(item, Some(Ok(_)));
        item
    }
}

/// A blank line (nothing, or only spaces) is skipped.
fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|v| v.trim_ascii().is_empty()) && record.len() <= 1
}

/// Reads a roster CSV (SPEC section 7). Any problem fails the whole file.
pub fn parse_roster_csv(text: &str) -> Result<Roster, EngineError> {
    let mut reader = RosterCsvReader::new(text.as_bytes());
    let mut accounts = Vec::new();
    let mut ids: HashMap<String, u64> = HashMap::new();
    while let Some(row) = reader.next() {
        let RosterRow { line, account } = row?;
        if let Some(first) = ids.insert(account.id.clone(), line) {
            return Err(reader.repeated_id(line, &account.id, first));
        }
        accounts.push(account);
    }
    Ok(Roster { accounts })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        let e = parse_roster_csv(text).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidCsv);
        e.to_string()
    }

    #[test]
    fn spaces_around_cells_and_names_are_ignored() {
        // ASCII whitespace around a header name or a cell, quoted or not, is not part of it; a
        // line of spaces is blank.
        let spaced = " id ,\tkind , created,onboarded\n  a , user ,\t2025-01-01 ,\" true \"\n   \n";
        let plain = "id,kind,created,onboarded\na,user,2025-01-01,true\n";
        let read = parse_roster_csv(spaced).unwrap();
        assert_eq!(read, parse_roster_csv(plain).unwrap());
        assert_eq!(read.accounts[0].id, "a");
        assert_eq!(read.accounts.len(), 1);
        assert!(error("id,kind,created\na,user, 2025-13-01 \n").contains("2025-13-01"));
    }

    #[test]
    fn an_unclosed_quote_is_an_error_not_swallowed_rows() {
        let text = "id,kind,created,address\na,user,2025-01-01,\"oops\nb,user,2025-01-01,x\n";
        assert!(
            error(text).starts_with("line 2, column 4 (address)"),
            "{}",
            error(text)
        );
        // A closed quote with a newline inside is one cell, and the next row is still read.
        let ok = "id,kind,created,address\na,user,2025-01-01,\"two\nlines\"\nb,user,2025-01-01,x\n";
        assert_eq!(parse_roster_csv(ok).unwrap().accounts.len(), 2);
    }

    #[test]
    fn lines_are_physical_with_lf_crlf_or_a_lone_cr() {
        for newline in ["\n", "\r\n", "\r"] {
            let text = [
                "id,kind,created",
                "",
                "a,user,2025-01-01",
                "b,robot,2025-01-01",
            ]
            .join(newline);
            assert!(
                error(&text).starts_with("line 4, column 2 (kind)"),
                "{newline:?}: {}",
                error(&text)
            );
        }
    }

    #[test]
    fn an_extra_cell_is_named() {
        let text = "id,kind,created\na,user,2025-01-01,surprise\n";
        assert!(
            error(text).starts_with("line 2, column 4 (extra)"),
            "{}",
            error(text)
        );
    }

    #[test]
    fn a_large_roster_is_read_in_one_pass() {
        let mut text = String::from("id,kind,created,lastActivity\n");
        for i in 0..20_000 {
            text.push_str(&format!("u{i},user,2025-01-01,2025-03-01\n\n"));
        }
        text.push_str("bad,user,2025-02-30,\n");
        assert!(
            error(&text).starts_with("line 40002, column 3 (created)"),
            "{}",
            error(&text)
        );
    }
}
