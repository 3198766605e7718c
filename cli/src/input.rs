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
use nhsmail_rules::{read_roster_json, Account, EngineError, ErrorCode, RosterCsvReader};

use crate::Failure;

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

    /// Calls `each(index, account)` for every account in file order, and returns how many there
    /// were, or the roster's first problem exactly as the whole-text parsers would report it
    /// (`parseRosterCsv` for CSV; `exportDecisions`' id check for JSON).
    pub(crate) fn read(&self, mut each: impl FnMut(usize, Account)) -> Result<usize, Failure> {
        let progress = self.progress();
        let mut fingerprints: Vec<u64> = Vec::new();
        let mut count = 0;
        let input = self.reader(progress.as_ref())?;
        let parsed = match self.format {
            Format::Csv => {
                let mut problem = None;
                for row in RosterCsvReader::new(input) {
                    match row {
                        Ok(row) => {
                            fingerprints.push(fingerprint(&row.account.id));
                            each(count, row.account);
                            count += 1;
                        }
                        Err(e) => problem = Some(e),
                    }
                }
                problem.map_or(Ok(count), Err)
            }
            Format::Json => read_roster_json(input, |i, account| {
                fingerprints.push(fingerprint(&account.id));
                each(i, account);
            }),
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
            if let Some(e) = self.first_repeat()? {
                return Err(Failure::Input(e));
            }
        }
        parsed.map_err(Failure::Input)
    }

    /// Reads the file again, keeping every id, for the first problem: a repeated id, or (CSV)
    /// whatever came first. Only run when two fingerprints match.
    fn first_repeat(&self) -> Result<Option<EngineError>, Failure> {
        let input = self.reader(None)?;
        match self.format {
            Format::Csv => {
                let mut reader = RosterCsvReader::new(input);
                let mut lines: HashMap<String, u64> = HashMap::new();
                while let Some(row) = reader.next() {
                    let row = match row {
                        Ok(row) => row,
                        Err(e) => return Ok(Some(e)),
                    };
                    if let Some(first) = lines.insert(row.account.id.clone(), row.line) {
                        return Ok(Some(reader.repeated_id(row.line, &row.account.id, first)));
                    }
                }
                Ok(None)
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
