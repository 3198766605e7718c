//! One roster CSV row read into an account (SPEC section 9), every problem in it noted.

use csv::StringRecord;

use crate::model::account::Account;
use crate::model::date::IsoDate;
use crate::model::error::{CsvProblem, MAX_CSV_PROBLEMS};
use crate::roster::columns::{CsvOptions, Header, RosterColumn};
use crate::roster::dates::{read_date, DateCell, DayFirstColumn};
use crate::roster::values;

/// The problems found so far, in line order, and how the file's date columns write their dates.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// Problems, in line order; once [`MAX_CSV_PROBLEMS`] are kept, only more on the same line.
    pub(crate) problems: Vec<CsvProblem>,
    /// Whether any problem was found (also one whose message waits for the end).
    pub(crate) any: bool,
    /// Whether the row being read has a problem.
    row_bad: bool,
    /// `created`, `lastActivity`, `recordedSince`.
    pub(crate) dates: [DayFirstColumn; 3],
    /// "Last sign-in before created" problems read from a date that depends on the order of day
    /// and month (`5/6/2025`), with which of the two columns did: kept only if those columns
    /// turn out day first (a month-first column's cells are problems of their own).
    pub(crate) before_created: Vec<(CsvProblem, [bool; 2])>,
}

impl Findings {
    pub(crate) fn push(&mut self, problem: CsvProblem) {
        self.any = true;
        self.row_bad = true;
        let full = self.problems.len() >= MAX_CSV_PROBLEMS;
        if !full || self.problems.last().is_some_and(|p| p.line == problem.line) {
            self.problems.push(problem);
        }
    }
}

/// The date columns whose order of day and month is looked at, by their place in
/// [`Findings::dates`].
const DATE_COLUMNS: [RosterColumn; 3] = [
    RosterColumn::Created,
    RosterColumn::LastActivity,
    RosterColumn::RecordedSince,
];

/// Each date column's month-first problems, once every row has been read, and the "before
/// created" problems that stand once the order of day and month is known.
pub(crate) fn month_first_problems(header: &Header, findings: &Findings) -> Vec<CsvProblem> {
    let day_first = |at: usize| findings.dates.get(at).is_some_and(|d| !d.month_first());
    let standing = findings
        .before_created
        .iter()
        .filter(|(_, ambiguous)| {
            ambiguous
                .iter()
                .enumerate()
                .all(|(at, &ambiguous)| !ambiguous || day_first(at))
        })
        .map(|(p, _)| p.clone());
    DATE_COLUMNS
        .iter()
        .zip(&findings.dates)
        .filter_map(|(c, dates)| {
            let i = header.column(*c)?;
            Some(dates.problems(i, header.name(i)))
        })
        .flatten()
        .chain(standing)
        .collect()
}

/// A cell without the spaces around it: ASCII first, as nearly every cell is, then any other
/// Unicode space (a no-break space pasted from a web page).
pub(crate) fn trim(cell: &str) -> &str {
    let cell = cell.trim_ascii();
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(a), Some(b)) if !a.is_ascii() || !b.is_ascii() => cell.trim(),
        _ => cell,
    }
}

/// The other separators, for a row that looks written with one of them.
const OTHERS: [(u8, &str); 3] = [(b',', "comma"), (b';', "semicolon"), (b'\t', "tab")];

/// One row and where it is.
pub(crate) struct Row<'a> {
    line: u64,
    record: &'a StringRecord,
    header: &'a Header,
    separator: u8,
    /// Each roster column's cell, trimmed (empty when the file has no such column), by its place
    /// in [`RosterColumn::ALL`].
    cells: [&'a str; RosterColumn::ALL.len()],
}

impl<'a> Row<'a> {
    pub(crate) fn new(
        line: u64,
        record: &'a StringRecord,
        header: &'a Header,
        separator: u8,
    ) -> Self {
        let cells = RosterColumn::ALL.map(|c| {
            header
                .column(c)
                .and_then(|i| record.get(i))
                .map_or("", trim)
        });
        Row {
            line,
            record,
            header,
            separator,
            cells,
        }
    }

    fn problem(&self, i: usize, message: impl Into<String>) -> CsvProblem {
        CsvProblem::new(self.line, i + 1, self.header.name(i), message)
    }

    /// The trimmed, non-empty cell of `column`, with the file's column (0-based).
    fn cell(&self, column: RosterColumn) -> Option<(usize, &'a str)> {
        let v = self.cells.get(column as usize).copied().unwrap_or_default();
        if v.is_empty() {
            return None;
        }
        Some((self.header.column(column)?, v))
    }

    /// Whether the row has as many cells as the header needs, and no non-empty extra one.
    fn fits(&self, findings: &mut Findings) -> bool {
        let (cells, width) = (self.record.len(), self.header.width);
        if cells < width {
            let mut message = format!(
                "is missing: the row has {cells} cell{}, the header {width}",
                if cells == 1 { "" } else { "s" }
            );
            let row = self.record.as_slice().as_bytes();
            if let Some((_, name)) = OTHERS.iter().find(|(s, _)| {
                *s != self.separator && memchr::memchr_iter(*s, row).count() + 1 >= width
            }) {
                let read_as = OTHERS
                    .iter()
                    .find(|(s, _)| *s == self.separator)
                    .map_or("comma", |(_, n)| n);
                message.push_str(&format!(
                    " (the row looks {name}-separated, but the file is read as \
                     {read_as}-separated, as its header is)"
                ));
            }
            findings.push(self.problem(cells, message));
            return false;
        }
        let columns = self.header.names.len();
        let extra = (cells > columns)
            .then(|| {
                (columns..cells)
                    .filter_map(|i| Some((i, self.record.get(i)?)))
                    .find(|(_, v)| !trim(v).is_empty())
            })
            .flatten();
        if let Some((i, v)) = extra {
            findings.push(self.problem(
                i,
                format!(
                    "`{}` is an extra cell: the header has {columns} columns",
                    v.trim()
                ),
            ));
            return false;
        }
        true
    }

    /// A date cell, or `None` with its problem noted (now, or at the end for a date whose
    /// reading waits for the column's verdict).
    fn date(&self, i: usize, v: &str, at: usize, findings: &mut Findings) -> Option<IsoDate> {
        let read = match read_date(v) {
            Ok(DateCell::Date(d)) => return Some(d),
            Ok(DateCell::Numeric {
                date,
                first,
                second,
            }) => {
                let waits = findings
                    .dates
                    .get_mut(at)
                    .is_some_and(|d| d.note(self.line, v, first, second));
                if waits {
                    findings.any = true;
                    findings.row_bad = true;
                    return None;
                }
                date.ok_or_else(|| {
                    format!(
                        "`{v}` is not a real date: dates are read day first (DD/MM/YYYY), as \
                         1/12/2025 for 1 December 2025"
                    )
                })
            }
            Err(message) => Err(message),
        };
        read.map_err(|message| findings.push(self.problem(i, message)))
            .ok()
    }

    /// A required cell, or `None` with its problem noted.
    fn required(&self, column: RosterColumn, findings: &mut Findings) -> Option<(usize, &str)> {
        let found = self.cell(column);
        if found.is_none() {
            let i = self.header.column(column)?;
            findings.push(self.problem(
                i,
                format!("is empty: every row needs its {}", column.label()),
            ));
        }
        found
    }

    /// A cell read by `read`, or `None` with its problem noted.
    fn value<T>(
        &self,
        column: RosterColumn,
        read: fn(&str) -> Result<T, String>,
        findings: &mut Findings,
    ) -> Option<T> {
        let (i, v) = self.cell(column)?;
        read(v)
            .map_err(|message| findings.push(self.problem(i, message)))
            .ok()
    }

    /// The account, or `None` when the row has a problem (each one noted in `findings`).
    pub(crate) fn account(&self, options: &CsvOptions, findings: &mut Findings) -> Option<Account> {
        findings.row_bad = false;
        if !self.fits(findings) {
            return None;
        }
        let id = self.required(RosterColumn::Id, findings);
        let kind = match self.header.column(RosterColumn::Kind) {
            None => options.default_kind,
            Some(_) => self
                .required(RosterColumn::Kind, findings)
                .and_then(|_| self.value(RosterColumn::Kind, values::kind, findings)),
        };
        let created = self
            .required(RosterColumn::Created, findings)
            .and_then(|(i, v)| self.date(i, v, 0, findings));
        let active_on = match self.cell(RosterColumn::LastActivity) {
            Some((i, v)) if !values::is_never(v) => {
                let day = self.date(i, v, 1, findings);
                if let (Some(day), Some(created)) = (day, created) {
                    if day < created {
                        let problem = self.problem(
                            i,
                            format!(
                                "`{v}` is before the account was created ({created}): the last \
                                 sign-in cannot come before the account existed"
                            ),
                        );
                        let created_cell = self.cell(RosterColumn::Created).map_or("", |c| c.1);
                        let ambiguous = [order_matters(created_cell), order_matters(v)];
                        if ambiguous.contains(&true) {
                            findings.any = true;
                            findings.row_bad = true;
                            findings.before_created.push((problem, ambiguous));
                        } else {
                            findings.push(problem);
                        }
                    }
                }
                day
            }
            _ => None,
        };
        let onboarded = self.value(RosterColumn::Onboarded, values::onboarded, findings);
        let recorded_state = self.value(RosterColumn::RecordedState, values::state, findings);
        let recorded_since = self.cell(RosterColumn::RecordedSince).and_then(|(i, v)| {
            if self.cell(RosterColumn::RecordedState).is_none() {
                let state = match self.header.column(RosterColumn::RecordedState) {
                    Some(s) => format!("this row's `{}` is empty", self.header.name(s)),
                    None => "the file has no status column".to_owned(),
                };
                findings.push(self.problem(
                    i,
                    format!(
                        "`{v}` is the date of a status, but {state}: give the status (for \
                         example Disabled) or leave the date out"
                    ),
                ));
            }
            self.date(i, v, 2, findings)
        });
        let account = Account {
            id: id?.1.to_owned(),
            kind: kind?,
            created: created?,
            onboarded,
            active_on,
            address: self.cell(RosterColumn::Address).map(|(_, v)| v.to_owned()),
            organisation: self
                .cell(RosterColumn::Organisation)
                .map(|(_, v)| v.to_owned()),
            recorded_state,
            recorded_since,
            events: Vec::new(),
        };
        (!findings.row_bad).then_some(account)
    }
}

/// Whether a date cell reads differently day first and month first (`5/6/2025`, not `5/5/2025`
/// or `13/6/2025`).
fn order_matters(cell: &str) -> bool {
    matches!(
        read_date(cell),
        Ok(DateCell::Numeric { first, second, .. }) if first <= 12 && second <= 12 && first != second
    )
}
