//! Writing a document whose long list is made before its counts are known: the list goes to an
//! unnamed temporary file as it is made, and stdout gets the head (with the counts), the list and
//! the rest only once everything has succeeded, so a failure leaves stdout empty.

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

use serde::Serialize;

use crate::Failure;

pub(crate) struct Spool {
    file: BufWriter<File>,
    items: u64,
    error: Option<io::Error>,
}

fn system(what: &str, e: &io::Error) -> Failure {
    Failure::System(format!("{what}: {e}"))
}

impl Spool {
    pub(crate) fn new() -> Result<Spool, Failure> {
        let file = tempfile::tempfile().map_err(|e| system("cannot make a temporary file", &e))?;
        Ok(Spool {
            file: BufWriter::with_capacity(1 << 16, file),
            items: 0,
            error: None,
        })
    }

    /// Appends items as compact JSON, comma-separated. The first write error is kept and
    /// reported by [`Spool::write_out`].
    pub(crate) fn extend<T: Serialize>(&mut self, items: impl Iterator<Item = T>) {
        for item in items {
            if self.error.is_some() {
                return;
            }
            let comma = if self.items == 0 { &b""[..] } else { b"," };
            let written = self.file.write_all(comma).and_then(|()| {
                serde_json::to_writer(&mut self.file, &item).map_err(io::Error::from)
            });
            if let Err(e) = written {
                self.error = Some(e);
            }
            self.items += 1;
        }
    }

    /// Writes `document` (whose top-level list field `list` is empty) with the spooled items as
    /// that list, to stdout: the same bytes as serialising the whole document at once. (The list
    /// is found by its key: a string value cannot hold `"list":[` unescaped, and the fields
    /// before it hold no such key.)
    pub(crate) fn write_out<T: Serialize>(self, document: &T, list: &str) -> Result<(), Failure> {
        if let Some(e) = self.error {
            return Err(system("cannot write the temporary file", &e));
        }
        let whole = serde_json::to_string(document)
            .map_err(|e| Failure::System(format!("cannot write the output: {e}")))?;
        let empty = format!("\"{list}\":[]");
        let (head, tail) = whole
            .find(&empty)
            .and_then(|at| whole.split_at_checked(at + empty.len() - 1))
            .ok_or_else(|| Failure::System(format!("the output has no `{list}` list")))?;
        let mut file = self
            .file
            .into_inner()
            .map_err(|e| system("cannot write the temporary file", e.error()))?;
        file.rewind()
            .map_err(|e| system("cannot read the temporary file", &e))?;
        let stdout = io::stdout().lock();
        let mut out = BufWriter::with_capacity(1 << 16, stdout);
        let written = out
            .write_all(head.as_bytes())
            .and_then(|()| io::copy(&mut file, &mut out).map(drop))
            .and_then(|()| out.write_all(tail.as_bytes()))
            .and_then(|()| out.flush());
        written.map_err(|e| system("cannot write to stdout", &e))
    }
}
