//! Rosters from CSV as people keep them (SPEC section 9), read once here for every caller:
//! `parseRosterCsv`, the CLI (streamed) and the app. The bytes become text ([`text`]), the
//! separator and columns come from the header ([`columns`]), each row becomes an account
//! ([`row`]), and every problem is found and reported as `invalid_csv` with all of them listed.
//!
//! [`text`]: crate::roster::text
//! [`columns`]: crate::roster::columns
//! [`row`]: crate::roster::row

use std::cell::RefCell;
use std::io::{self, Chain, Cursor, Read};
use std::rc::Rc;

use csv::{ByteRecord, ReaderBuilder, StringRecord};

use crate::model::account::Account;
use crate::model::error::{CsvProblem, EngineError};
use crate::roster::columns::{separator, CsvOptions, Header, RosterColumn};
use crate::roster::lines::{fill, header_line, Seen, Tap};
use crate::roster::row::{month_first_problems, trim, Findings, Row};
use crate::roster::text::{windows_1252_record, Bom, Source, TextEncoding, Utf16Reader, NOT_UTF16};
use crate::roster::CsvColumns;

/// One account read from a roster CSV, with the physical line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterRow {
    /// The line (1-based).
    pub line: u64,
    /// The account.
    pub account: Account,
}

type Input<R> = Tap<Chain<Cursor<Vec<u8>>, Source<R>>>;

/// How records are turned into text once any UTF-16 is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// UTF-8; Windows-1252 from the first record that is not, if every record before was ASCII.
    Auto,
    /// UTF-8 only (a UTF-8 byte-order mark, or decoded UTF-16).
    Utf8,
    /// Windows-1252.
    Windows1252,
}

/// Reads a roster CSV (SPEC section 9) from any reader, one account at a time, in constant
/// memory: the streaming form of [`parse_roster_csv`]. The iterator gives the rows that have no
/// problem; [`RosterCsvReader::finish`] then gives the header's columns, or every problem in the
/// file (some are only known at the end: a column written month first, a quote never closed).
/// Ids are not checked for repeats here (that needs memory that grows with the roster): see
/// [`RosterCsvReader::repeated_id`].
pub struct RosterCsvReader<R: Read> {
    input: Option<R>,
    options: CsvOptions,
    /// The encoding of bytes with no byte-order mark; `None` to tell UTF-8 and Windows-1252
    /// apart as the bytes come.
    assumed: Option<TextEncoding>,
    csv: Option<csv::Reader<Input<R>>>,
    seen: Option<Rc<RefCell<Seen>>>,
    separator: u8,
    header_line: Vec<u8>,
    header: Option<Header>,
    /// Whether the header has no problem.
    header_clean: bool,
    header_at: u64,
    encoding: Option<TextEncoding>,
    mode: Mode,
    /// The record being read (`None` only while it is being read).
    record: Option<StringRecord>,
    last_line: u64,
    findings: Findings,
    /// A problem with the options, not the file.
    fatal: Option<EngineError>,
    read_again: Option<TextEncoding>,
    /// A row read by [`RosterCsvReader::columns`] to get past the header, not yet given.
    pending: Option<RosterRow>,
}

impl<R: Read> RosterCsvReader<R> {
    /// A reader over a file's bytes: the encoding from its byte-order mark, else UTF-8 unless
    /// it is not (then Windows-1252; see [`RosterCsvReader::read_again_as`]).
    pub fn new(input: R, options: &CsvOptions) -> Self {
        Self::with_encoding(input, None, options)
    }

    /// A reader over bytes that, without a byte-order mark, are in `assumed` (a mark still
    /// decides).
    pub fn with_encoding(input: R, assumed: Option<TextEncoding>, options: &CsvOptions) -> Self {
        RosterCsvReader {
            input: Some(input),
            options: options.clone(),
            assumed,
            csv: None,
            seen: None,
            separator: b',',
            header_line: Vec::new(),
            header: None,
            header_clean: false,
            header_at: 1,
            encoding: None,
            mode: Mode::Auto,
            record: None,
            last_line: 1,
            findings: Findings::default(),
            fatal: None,
            read_again: None,
            pending: None,
        }
    }

    /// The encoding the bytes are read in (once reading has started).
    pub fn encoding(&self) -> Option<TextEncoding> {
        self.encoding
    }

    /// Some encoding when the reader stopped because a byte that is not UTF-8 came after
    /// non-ASCII UTF-8 text: the rows given so far were read as UTF-8, but the file is
    /// Windows-1252. Read it again with [`RosterCsvReader::with_encoding`] in that encoding.
    pub fn read_again_as(&self) -> Option<TextEncoding> {
        self.read_again
    }

    /// Whether a problem has been found so far (the rows given since need not be kept).
    pub fn has_problems(&self) -> bool {
        self.findings.any || self.fatal.is_some()
    }

    /// The header's columns, reading up to the header if need be; `None` when there is no
    /// header or it has a problem (then [`RosterCsvReader::finish`] says what).
    pub fn columns(&mut self) -> Option<CsvColumns> {
        self.start();
        if self.header.is_none() && self.pending.is_none() {
            self.pending = self.next_row();
        }
        let clean = self.header_clean && self.fatal.is_none();
        self.header.as_ref().filter(|_| clean).map(columns_of)
    }

    /// The line the header is on (1 unless blank lines come first).
    pub fn header_line(&self) -> u64 {
        self.header_at
    }

    /// The problem of an id already used on line `first`, for the account on `line`.
    pub fn repeated_id(&self, line: u64, id: &str, first: u64) -> CsvProblem {
        let i = self
            .header
            .as_ref()
            .and_then(|h| h.column(RosterColumn::Id))
            .unwrap_or(0);
        let name = self.header.as_ref().map_or("id", |h| h.name(i));
        CsvProblem::new(
            line,
            i + 1,
            name,
            format!("`{id}` is already the id on line {first}: list each account once"),
        )
    }

    /// Reads what is left, then gives the header's columns, or the `invalid_csv` error listing
    /// every problem with those in `more` (repeated ids) among them.
    pub fn finish(mut self, more: Vec<CsvProblem>) -> Result<CsvColumns, EngineError> {
        while self.next().is_some() {}
        if let Some(e) = self.fatal.take() {
            return Err(e);
        }
        let mut problems = std::mem::take(&mut self.findings.problems);
        problems.extend(more);
        if let Some(header) = &self.header {
            problems.extend(month_first_problems(header, &self.findings));
        }
        match EngineError::from_csv_problems(problems) {
            Some(e) => Err(e),
            None => Ok(self.header.as_ref().map(columns_of).unwrap_or_default()),
        }
    }

    fn unreadable(&mut self, message: impl Into<String>) {
        self.findings.push(CsvProblem::new(1, 1, "", message));
        self.csv = None;
    }

    /// Reads the byte-order mark and the header line (for the separator), and sets up the CSV
    /// reader over all the bytes.
    fn start(&mut self) {
        let Some(mut input) = self.input.take() else {
            return;
        };
        let mut head = Vec::with_capacity(4);
        if let Err(e) = fill(&mut input, &mut head, 4) {
            return self.unreadable(format!("the file cannot be read: {e}"));
        }
        let (bom, len) = Bom::of(&head);
        let rest = Cursor::new(head.get(len..).unwrap_or_default().to_vec()).chain(input);
        let (source, encoding, mode) =
            match (bom, self.assumed) {
                (Bom::Utf32, _) => return self.unreadable(
                    "the file is UTF-32 text, which is not read: save it as CSV UTF-8 (or, from \
                     Excel, as Unicode text)",
                ),
                (Bom::Utf16(e), _)
                | (Bom::None, Some(e @ (TextEncoding::Utf16Le | TextEncoding::Utf16Be))) => {
                    (Source::Utf16(Utf16Reader::new(rest, e)), e, Mode::Utf8)
                }
                (Bom::Utf8, _) | (Bom::None, Some(TextEncoding::Utf8)) => {
                    (Source::Plain(rest), TextEncoding::Utf8, Mode::Utf8)
                }
                (Bom::None, Some(TextEncoding::Windows1252)) => (
                    Source::Plain(rest),
                    TextEncoding::Windows1252,
                    Mode::Windows1252,
                ),
                (Bom::None, None) => (Source::Plain(rest), TextEncoding::Utf8, Mode::Auto),
            };
        self.encoding = Some(encoding);
        self.mode = mode;
        let mut source = source;
        let mut prefix = Vec::new();
        let line = match header_line(&mut source, &mut prefix) {
            Ok(Some(line)) => line,
            Ok(None) => return self.unreadable("the header row is missing: the file is empty"),
            Err(e) => return self.unreadable(read_failure(&e)),
        };
        self.header_line = prefix.get(line).unwrap_or_default().to_vec();
        if bom == Bom::None && self.header_line.contains(&0) {
            return self.unreadable(
                "the file looks like UTF-16 text without a byte-order mark (its header has NUL \
                 bytes), which cannot be read: save it as CSV UTF-8, or from Excel as Unicode \
                 text (which writes the mark)",
            );
        }
        self.separator = separator(&self.header_line, &self.options);
        let seen = Seen::new(self.separator);
        let tap = Tap::new(Cursor::new(prefix).chain(source), &seen);
        self.csv = Some(
            ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(self.separator)
                .buffer_capacity(1 << 16)
                .from_reader(tap),
        );
        self.seen = Some(seen);
    }

    /// The end of the input: a quote never closed is a problem.
    fn end(&mut self) {
        self.csv = None;
        let Some(seen) = self.seen.take() else {
            return;
        };
        let Some((line, column)) = seen.borrow().unclosed_quote() else {
            return;
        };
        let name = self.header.as_ref().map_or(String::new(), |h| {
            h.name(column.saturating_sub(1)).to_owned()
        });
        self.findings.push(CsvProblem::new(
            line,
            column,
            &name,
            "this quoted cell is never closed: its closing \" is missing",
        ));
    }

    /// Turns the record just read into text in `self.record`; false when the reading must stop.
    fn decode(&mut self, bytes: ByteRecord, line: u64) -> bool {
        if self.mode == Mode::Windows1252 {
            self.record = Some(windows_1252_record(&bytes));
            return true;
        }
        let start = bytes.position().map_or(0, csv::Position::byte);
        let e = match StringRecord::from_byte_record(bytes) {
            Ok(record) => {
                self.record = Some(record);
                return true;
            }
            Err(e) => e,
        };
        let ascii_before = self
            .seen
            .as_ref()
            .is_some_and(|s| s.borrow().ascii_before(start));
        if self.mode == Mode::Auto && ascii_before {
            // Everything before was ASCII, which Windows-1252 reads the same.
            self.mode = Mode::Windows1252;
            self.encoding = Some(TextEncoding::Windows1252);
            self.record = Some(windows_1252_record(&e.into_byte_record()));
            return true;
        }
        if self.mode == Mode::Auto {
            self.read_again = Some(TextEncoding::Windows1252);
            self.unreadable(format!(
                "line {line} is not UTF-8 text, but an earlier line had UTF-8 characters: the \
                 whole file must be read again as Windows-1252"
            ));
        } else {
            self.unreadable(format!(
                "the file is read as UTF-8 (it starts with a UTF-8 byte-order mark, or was said \
                 to be UTF-8), but line {line} is not UTF-8 text: save it again as CSV UTF-8"
            ));
        }
        false
    }

    /// The next row without a problem, every problem before it noted.
    fn next_row(&mut self) -> Option<RosterRow> {
        self.start();
        loop {
            let csv = self.csv.as_mut()?;
            // The last record's buffers, reused (a new `ByteRecord` is an allocation).
            let mut bytes = self
                .record
                .take()
                .map_or_else(ByteRecord::new, StringRecord::into_byte_record);
            match csv.read_byte_record(&mut bytes) {
                Ok(true) => {}
                Ok(false) => {
                    self.end();
                    return None;
                }
                Err(e) => {
                    // With flexible rows read as bytes, the csv crate's only error is the input's.
                    let message = match e.into_kind() {
                        csv::ErrorKind::Io(e) => read_failure(&e),
                        _ => "the file cannot be read from here on".to_owned(),
                    };
                    let line = self.last_line;
                    self.findings.push(CsvProblem::new(line, 1, "", message));
                    self.end();
                    return None;
                }
            }
            let line = self
                .seen
                .as_ref()
                .map_or(1, |s| s.borrow_mut().line_of(bytes.position()));
            self.last_line = line;
            if !self.decode(bytes, line) {
                return None;
            }
            let Some(record) = &self.record else {
                return None;
            };
            if record.iter().all(|v| trim(v).is_empty()) {
                continue;
            }
            let Some(header) = &self.header else {
                self.read_header(line);
                continue;
            };
            let row = Row::new(line, record, header, self.separator);
            if let Some(account) = row.account(&self.options, &mut self.findings) {
                return Some(RosterRow { line, account });
            }
        }
    }

    fn read_header(&mut self, line: u64) {
        self.header_at = line;
        let cells = self
            .record
            .iter()
            .flatten()
            .map(|c| trim(c).to_owned())
            .collect();
        let read = Header::read(
            cells,
            line,
            self.separator,
            &self.header_line,
            &self.options,
        );
        match read {
            Err(e) => {
                self.fatal = Some(e);
                self.csv = None;
            }
            Ok((header, problems)) => {
                self.header_clean = problems.is_empty();
                problems.into_iter().for_each(|p| self.findings.push(p));
                if header.column(RosterColumn::Id).is_none() {
                    // Nothing in the rows can be read without knowing whose they are.
                    self.csv = None;
                }
                self.header = Some(header);
            }
        }
    }
}

impl<R: Read> Iterator for RosterCsvReader<R> {
    type Item = RosterRow;

    fn next(&mut self) -> Option<RosterRow> {
        self.pending.take().or_else(|| self.next_row())
    }
}

fn columns_of(header: &Header) -> CsvColumns {
    CsvColumns {
        columns: header.columns(),
        ignored_columns: header.ignored.clone(),
        missing_columns: header.missing.clone(),
    }
}

fn read_failure(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::InvalidData && e.to_string() == NOT_UTF16 {
        "the file starts with a UTF-16 byte-order mark (Excel's Unicode text) but is not UTF-16 \
         text throughout: save it again as CSV UTF-8 or as Unicode text"
            .to_owned()
    } else {
        format!("the file cannot be read from here on: {e}")
    }
}
