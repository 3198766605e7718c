//! Rosters from CSV (SPEC section 7): RFC 4180 via the `csv` crate, columns matched by name, every
//! problem reported as `invalid_csv` at `line N, column M (name)`, and no partial result.

use std::collections::HashMap;

use csv::{ReaderBuilder, StringRecord, Trim};

use crate::account::{Account, AccountKind};
use crate::date::IsoDate;
use crate::decisions::Roster;
use crate::error::{EngineError, ErrorCode};
use crate::lifecycle::State;

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

/// Where each known column is in the file (0-based), by its SPEC name.
struct Header {
    names: Vec<String>,
    index: HashMap<&'static str, usize>,
}

impl Header {
    fn read(record: &StringRecord, line: u64) -> Result<Header, EngineError> {
        let mut index = HashMap::new();
        let names: Vec<String> = record.iter().map(str::to_owned).collect();
        for (i, name) in names.iter().enumerate() {
            let known = COLUMNS
                .iter()
                .find(|c| c.eq_ignore_ascii_case(name))
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
            if let Some(first) = index.insert(*known, i) {
                return Err(at(
                    line,
                    i + 1,
                    name,
                    format!("the column `{known}` is already column {}", first + 1),
                ));
            }
        }
        if let Some(missing) = REQUIRED.iter().find(|c| !index.contains_key(*c)) {
            return Err(at(
                line,
                names.len() + 1,
                missing,
                format!("the required column `{missing}` is missing"),
            ));
        }
        Ok(Header { names, index })
    }
}

/// One row's cells, read by column name.
struct Row<'a> {
    line: u64,
    record: &'a StringRecord,
    header: &'a Header,
}

impl Row<'_> {
    /// The cell of `column`, or None when the file has no such column or the cell is empty.
    fn cell(&self, column: &str) -> Option<(usize, &str)> {
        let i = *self.header.index.get(column)?;
        self.record.get(i).filter(|v| !v.is_empty()).map(|v| (i, v))
    }

    fn error(&self, i: usize, detail: impl Into<String>) -> EngineError {
        let name = self.header.names.get(i).map_or("", String::as_str);
        at(self.line, i + 1, name, detail)
    }

    fn required(&self, column: &'static str) -> Result<(usize, &str), EngineError> {
        let i = self.header.index.get(column).copied().unwrap_or(0);
        self.cell(column)
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
        let (_, id) = self.required("id")?;
        let (i, kind) = self.required("kind")?;
        let kind = match kind.to_ascii_lowercase().as_str() {
            "user" => AccountKind::User,
            "shared" => AccountKind::Shared,
            "application" => AccountKind::Application,
            "resource" => AccountKind::Resource,
            _ => {
                return Err(self.error(
                    i,
                    format!("`{kind}` is not a kind (user, shared, application, resource)"),
                ))
            }
        };
        let (i, created) = self.required("created")?;
        let created = self.date(i, created)?;
        let active_on = match self.cell("lastActivity") {
            Some((i, v)) => {
                let day = self.date(i, v)?;
                if day < created {
                    return Err(self.error(i, format!("`{v}` is before created `{created}`")));
                }
                Some(day)
            }
            None => None,
        };
        let onboarded = match self.cell("onboarded") {
            None => false,
            Some((i, v)) => match v.to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => true,
                "false" | "no" | "0" => false,
                _ => {
                    return Err(
                        self.error(i, format!("`{v}` is not one of true, false, yes, no, 1, 0"))
                    )
                }
            },
        };
        let recorded_state = match self.cell("recordedState") {
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
            address: self.cell("address").map(|(_, v)| v.to_owned()),
            organisation: self.cell("organisation").map(|(_, v)| v.to_owned()),
            recorded_state,
            events: Vec::new(),
        })
    }
}

/// Physical line numbers (1-based) for records. The csv crate's own line count leaves out the
/// blank lines it skips, and its byte offset can point at them, so lines are counted from the
/// offsets, once through the text: `\n`, `\r\n` and a lone `\r` each end a line.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl Lines<'_> {
    /// The line a record at byte `position` starts on (positions only move forward).
    fn of(&mut self, position: Option<&csv::Position>) -> u64 {
        let byte = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let skip = self
            .bytes
            .iter()
            .skip(byte)
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(0);
        let target = byte.saturating_add(skip).min(self.bytes.len());
        while self.at < target {
            let b = self.bytes.get(self.at).copied();
            if ends_line(b, self.bytes.get(self.at + 1).copied()) {
                self.line += 1;
            }
            self.at += 1;
        }
        self.line
    }
}

/// Whether byte `b`, followed by `next`, ends a physical line: `\n`, or a `\r` not followed by
/// `\n` (so `\r\n` counts once).
fn ends_line(b: Option<u8>, next: Option<u8>) -> bool {
    b == Some(b'\n') || (b == Some(b'\r') && next != Some(b'\n'))
}

/// Where a quoted cell opens and never closes: (line, column), both 1-based.
fn unclosed_quote(text: &str) -> Option<(u64, usize)> {
    let (mut line, mut column, mut quoted) = (1u64, 1usize, false);
    let mut opened = (1, 1);
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        match b {
            b'"' => {
                quoted = !quoted;
                if quoted {
                    opened = (line, column);
                }
            }
            b',' if !quoted => column += 1,
            _ if ends_line(Some(b), bytes.peek().copied()) => {
                line += 1;
                if !quoted {
                    column = 1;
                }
            }
            _ => {}
        }
    }
    quoted.then_some(opened)
}

/// A blank line (nothing, or only spaces) is skipped.
fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(str::is_empty) && record.len() <= 1
}

/// Reads a roster CSV (SPEC section 7). Any problem fails the whole file.
pub fn parse_roster_csv(text: &str) -> Result<Roster, EngineError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut header = None;
    let mut accounts = Vec::new();
    let mut ids: HashMap<String, u64> = HashMap::new();
    let mut lines = Lines {
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
    };
    loop {
        let record = match records.next() {
            None => break,
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                let line = lines.of(e.position());
                return Err(EngineError::new(
                    ErrorCode::InvalidCsv,
                    format!("line {line}"),
                    e.to_string(),
                ));
            }
        };
        let line = lines.of(record.position());
        if is_blank(&record) {
            continue;
        }
        let Some(h) = &header else {
            header = Some(Header::read(&record, line)?);
            continue;
        };
        let width = h.names.len();
        if record.len() != width {
            let i = record.len().min(width);
            let name = h.names.get(i).map_or("extra", String::as_str);
            let detail = if record.len() < width {
                format!(
                    "is missing: the row has {} cells, the header {width}",
                    record.len()
                )
            } else {
                format!("is an extra cell: the header has {width} columns")
            };
            return Err(at(line, i + 1, name, detail));
        }
        let row = Row {
            line,
            record: &record,
            header: h,
        };
        let account = row.account()?;
        if let Some(first) = ids.insert(account.id.clone(), line) {
            let (i, _) = row.required("id")?;
            return Err(row.error(
                i,
                format!("`{}` is already the id on line {first}", account.id),
            ));
        }
        accounts.push(account);
    }
    if header.is_none() {
        return Err(EngineError::new(
            ErrorCode::InvalidCsv,
            "line 1",
            "the header row is missing: the file is empty",
        ));
    }
    // The csv crate reads an unclosed quote to the end of the file as one cell, swallowing the
    // rows after it: find the quote that never closes.
    if let Some((line, column)) = unclosed_quote(text) {
        let name = header
            .as_ref()
            .and_then(|h| h.names.get(column.saturating_sub(1)))
            .map_or("extra", String::as_str);
        return Err(at(
            line,
            column,
            name,
            "this quoted cell is never closed: its closing \" is missing",
        ));
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
