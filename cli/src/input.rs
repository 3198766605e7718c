//! Reading a roster file one account at a time, CSV or JSON, with a progress bar on a terminal,
//! and the repeated-id check in 8 bytes per account: ids are kept as 64-bit fingerprints, and
//! only when two fingerprints match is the file read again, exactly, to find the repeat (or the
//! rare fingerprint collision).

use std::collections::HashMap;
use std::fs::File;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use nhsmail_rules::{
    read_roster_json, Account, CsvColumns, CsvOptions, CsvProblem, EngineError, ErrorCode,
    RosterColumn, RosterCsvReader, TextEncoding,
};

use crate::Failure;

/// How a CSV roster is read: the options of `parseRosterCsv`, the optional columns it may lack,
/// and its encoding when an earlier reading found it is not what the bytes first suggested.
#[derive(Default)]
pub(crate) struct CsvSettings {
    pub(crate) options: CsvOptions,
    pub(crate) allow_missing: Vec<RosterColumn>,
    pub(crate) assumed: Option<TextEncoding>,
}

/// What a person should know about how a CSV roster was read: the headers it ignored and the
/// optional columns it found none for (a missing `recordedState` judges every row active).
pub(crate) fn columns_note(columns: &CsvColumns) -> Vec<String> {
    let mut notes = Vec::new();
    if !columns.ignored_columns.is_empty() {
        let quoted: Vec<String> = columns
            .ignored_columns
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect();
        notes.push(format!(
            "ignored these headers (not roster columns; name one with --columns if it is): {}",
            quoted.join(", ")
        ));
    }
    if !columns.missing_columns.is_empty() {
        let names: Vec<&str> = columns.missing_columns.iter().map(|c| c.as_str()).collect();
        notes.push(format!(
            "no header gave these optional columns: {}",
            names.join(", ")
        ));
    }
    notes
}

impl CsvSettings {
    /// A roster with no `lastActivity` column judges every account idle since it was created,
    /// which can mean mass deletions: refused unless allowed (SPEC section 9).
    fn check(&self, columns: &CsvColumns, header_line: u64) -> Result<(), Failure> {
        let missing = RosterColumn::LastActivity;
        if !columns.missing_columns.contains(&missing) || self.allow_missing.contains(&missing) {
            return Ok(());
        }
        let width = columns.columns.len() + columns.ignored_columns.len();
        let problem = CsvProblem::new(
            header_line,
            width + 1,
            missing.as_str(),
            "there is no `lastActivity` column (no header is a last sign-in date, such as \
             `Last sign in` or `lastActivity`), so every account would be judged idle since it \
             was created, which can mean mass deletions. Name the column with --columns \
             lastActivity=\"<its header>\", or, if the roster has no sign-in dates, give \
             --allow-missing lastActivity",
        );
        Err(EngineError::from_csv_problems(vec![problem]).map_or(
            Failure::System("no problem to report".to_owned()),
            Failure::Input,
        ))
    }
}

/// Files at least this big get a progress bar (when stderr is a terminal).
const PROGRESS_FROM_BYTES: u64 = 4 << 20;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

pub(crate) struct Roster {
    path: PathBuf,
    format: Format,
    len: u64,
}

fn system(path: &Path, e: &std::io::Error) -> Failure {
    Failure::System(format!("cannot read {}: {e}", path.display()))
}

fn fingerprint(id: &str) -> u64 {
    // Fixed keys: the same id always gives the same fingerprint.
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

impl Roster {
    /// The roster at `path`: JSON if it ends in `.json`, CSV if in `.csv`, else JSON when its
    /// first non-blank character is `{`.
    pub(crate) fn open(path: &Path) -> Result<Roster, Failure> {
        let file = File::open(path).map_err(|e| system(path, &e))?;
        let len = file.metadata().map_err(|e| system(path, &e))?.len();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let format = match extension.as_deref() {
            Some("json") => Format::Json,
            Some("csv") => Format::Csv,
            _ => {
                let mut start = [0u8; 64];
                let n = (&file).read(&mut start).map_err(|e| system(path, &e))?;
                let first = start.iter().take(n).find(|b| !b.is_ascii_whitespace());
                if first == Some(&b'{') {
                    Format::Json
                } else {
                    Format::Csv
                }
            }
        };
        Ok(Roster {
            path: path.to_owned(),
            format,
            len,
        })
    }

    fn reader(&self, progress: Option<&ProgressBar>) -> Result<Box<dyn Read>, Failure> {
        let file = File::open(&self.path).map_err(|e| system(&self.path, &e))?;
        Ok(match progress {
            Some(bar) => Box::new(bar.wrap_read(file)),
            None => Box::new(file),
        })
    }

    fn progress(&self) -> Option<ProgressBar> {
        if self.len < PROGRESS_FROM_BYTES || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::new(self.len);
        let style = ProgressStyle::with_template(
            "{spinner} reading the roster {bar:30} {bytes}/{total_bytes} ({eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Some(bar)
    }

    /// Whether the roster is CSV.
    pub(crate) fn is_csv(&self) -> bool {
        self.format == Format::Csv
    }

    /// Calls `each(index, account, line)` (the CSV line) for every account in file order, and returns how many there
    /// were with (CSV) the header each column came from, or the roster's problems exactly as the whole-text parsers would report them
    /// (`parseRosterCsv` for CSV, every problem; `exportDecisions`' id check for JSON). Once a CSV
    /// problem is found, no more accounts are given. `Failure::ReadAgain` when the CSV turned out
    /// to be Windows-1252 after rows were given as UTF-8: the whole command must start again.
    pub(crate) fn read(
        &self,
        csv: &CsvSettings,
        mut each: impl FnMut(usize, Account, Option<u64>),
    ) -> Result<(usize, Option<CsvColumns>), Failure> {
        let progress = self.progress();
        let mut fingerprints: Vec<u64> = Vec::new();
        let mut count = 0;
        let input = self.reader(progress.as_ref())?;
        let parsed = match self.format {
            Format::Csv => {
                let mut reader = RosterCsvReader::with_encoding(input, csv.assumed, &csv.options);
                if let Some(columns) = reader.columns() {
                    csv.check(&columns, reader.header_line())?;
                }
                while let Some(row) = reader.next() {
                    fingerprints.push(fingerprint(&row.account.id));
                    if !reader.has_problems() {
                        each(count, row.account, Some(row.line));
                    }
                    count += 1;
                }
                if let Some(encoding) = reader.read_again_as() {
                    if let Some(bar) = &progress {
                        bar.finish_and_clear();
                    }
                    return Err(Failure::ReadAgain(encoding));
                }
                reader
                    .finish(Vec::new())
                    .map(|columns| (count, Some(columns)))
            }
            Format::Json => read_roster_json(input, |i, account| {
                fingerprints.push(fingerprint(&account.id));
                each(i, account, None);
            })
            .map(|n| (n, None)),
        };
        if let Some(bar) = &progress {
            bar.finish_and_clear();
        }
        let parsed = match (parsed, self.format) {
            // A JSON document is parsed whole before ids are checked.
            (Err(e), Format::Json) => return Err(Failure::Input(e)),
            (parsed, _) => parsed,
        };
        fingerprints.sort_unstable();
        let maybe_repeated = fingerprints.windows(2).any(|w| w.first() == w.get(1));
        drop(fingerprints);
        if maybe_repeated {
            if let Some(e) = self.first_repeat(csv)? {
                return Err(Failure::Input(e));
            }
        }
        parsed.map_err(Failure::Input)
    }

    /// Reads the file again, keeping every id, for the problems: (CSV) every problem with the
    /// repeated ids among them, or (JSON) the first repeated id. Only run when two fingerprints
    /// match.
    fn first_repeat(&self, csv: &CsvSettings) -> Result<Option<EngineError>, Failure> {
        let input = self.reader(None)?;
        match self.format {
            Format::Csv => {
                let mut reader = RosterCsvReader::with_encoding(input, csv.assumed, &csv.options);
                let mut lines: HashMap<String, u64> = HashMap::new();
                let mut repeats = Vec::new();
                while let Some(row) = reader.next() {
                    if let Some(first) = lines.get(&row.account.id) {
                        repeats.push(reader.repeated_id(row.line, &row.account.id, *first));
                    } else {
                        lines.insert(row.account.id, row.line);
                    }
                }
                Ok(reader.finish(repeats).err())
            }
            Format::Json => {
                let mut seen: HashMap<String, usize> = HashMap::new();
                let mut repeat = None;
                let read = read_roster_json(input, |i, account| {
                    if repeat.is_some() {
                        return;
                    }
                    if let Some(first) = seen.insert(account.id.clone(), i) {
                        repeat = Some(EngineError::new(
                            ErrorCode::InvalidField,
                            format!("accounts[{i}].id"),
                            format!("`{}` is already the id of accounts[{first}]", account.id),
                        ));
                    }
                });
                Ok(repeat.or(read.err()))
            }
        }
    }
}
