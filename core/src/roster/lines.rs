//! Line and quote bookkeeping for the streaming roster CSV reader: which physical line each
//! record starts on, and whether a quoted cell is left open at the end.

use std::cell::RefCell;
use std::io::{self, Read};
use std::rc::Rc;

/// What the CSV reader has consumed, kept from the oldest byte not yet numbered, with the
/// unclosed-quote scan, both updated as the bytes stream past. The csv crate's own line count
/// leaves out the blank lines it skips, and its byte offset can point at them, so physical lines
/// (1-based) are counted here from the offsets: `\n`, `\r\n` and a lone `\r` each end a line.
#[derive(Debug)]
pub(crate) struct Seen {
    /// Bytes from offset `base` onwards.
    window: Vec<u8>,
    base: usize,
    /// Bytes before this offset are counted into `line`.
    at: usize,
    line: u64,
    quotes: QuoteScan,
}

impl Seen {
    /// Nothing seen yet: line 1. Cells are separated by `separator`.
    pub(crate) fn new(separator: u8) -> Rc<RefCell<Seen>> {
        Rc::new(RefCell::new(Seen {
            window: Vec::new(),
            base: 0,
            at: 0,
            line: 1,
            quotes: QuoteScan {
                line: 1,
                column: 1,
                quoted: false,
                opened: (1, 1),
                last: 0,
                separator,
            },
        }))
    }

    /// Where a quoted cell opened and never closed, so far: (line, column), both 1-based.
    pub(crate) fn unclosed_quote(&self) -> Option<(u64, usize)> {
        self.quotes.unclosed()
    }

    fn take(&mut self, bytes: &[u8]) {
        self.window.extend_from_slice(bytes);
        self.quotes.scan(bytes);
    }

    /// The line a record at byte `position` starts on (positions only move forward).
    pub(crate) fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        let byte = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let end = self.base.saturating_add(self.window.len());
        let from = byte.clamp(self.base, end) - self.base;
        let skip = self
            .window
            .iter()
            .skip(from)
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(0);
        let target = byte.saturating_add(skip).min(end);
        let lo = self.at.saturating_sub(self.base);
        let hi = target.saturating_sub(self.base);
        // Only the line-ending bytes matter: jump between them.
        for i in memchr::memchr2_iter(b'\n', b'\r', self.window.get(lo..hi).unwrap_or_default()) {
            let next = self.window.get(lo + i + 1).copied();
            if ends_line(self.window.get(lo + i).copied(), next) {
                self.line += 1;
            }
        }
        self.at = self.at.max(target);
        // Drop what is counted, now and then, so the window stays about one buffer long.
        let counted = self.at.saturating_sub(self.base);
        if counted > 1 << 16 && counted > self.window.len() / 2 {
            self.window.drain(..counted);
            self.base = self.at;
        }
        self.line
    }
}

/// Whether byte `b`, followed by `next`, ends a physical line: `\n`, or a `\r` not followed by
/// `\n` (so `\r\n` counts once).
fn ends_line(b: Option<u8>, next: Option<u8>) -> bool {
    b == Some(b'\n') || (b == Some(b'\r') && next != Some(b'\n'))
}

/// Finds a quoted cell that opens and never closes, a byte at a time: the csv crate reads an
/// unclosed quote to the end of the file as one cell, swallowing the rows after it.
#[derive(Debug)]
struct QuoteScan {
    line: u64,
    column: usize,
    quoted: bool,
    /// Where the open quote is: (line, column), both 1-based.
    opened: (u64, usize),
    last: u8,
    separator: u8,
}

impl QuoteScan {
    fn scan(&mut self, bytes: &[u8]) {
        if !self.quoted && memchr::memchr(b'"', bytes).is_none() {
            self.scan_unquoted(bytes);
            return;
        }
        for &b in bytes {
            match b {
                b'"' => {
                    self.quoted = !self.quoted;
                    if self.quoted {
                        self.opened = (self.line, self.column);
                    }
                }
                b if b == self.separator && !self.quoted => self.column += 1,
                // `\r\n` ends one line: counted at the `\r`.
                b'\n' if self.last == b'\r' => {}
                b'\n' | b'\r' => {
                    self.line += 1;
                    if !self.quoted {
                        self.column = 1;
                    }
                }
                _ => {}
            }
            self.last = b;
        }
    }

    /// The same as [`QuoteScan::scan`] for bytes holding no quote, outside quotes: count line
    /// ends, and the separators after the last one.
    fn scan_unquoted(&mut self, bytes: &[u8]) {
        let mut last_end = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let previous = match i.checked_sub(1) {
                Some(p) => bytes.get(p).copied().unwrap_or_default(),
                None => self.last,
            };
            if !(bytes.get(i) == Some(&b'\n') && previous == b'\r') {
                self.line += 1;
            }
            last_end = Some(i);
        }
        let separators = |from: usize| {
            memchr::memchr_iter(self.separator, bytes.get(from..).unwrap_or_default()).count()
        };
        match last_end {
            Some(i) => self.column = 1 + separators(i + 1),
            None => self.column += separators(0),
        }
        if let Some(&b) = bytes.last() {
            self.last = b;
        }
    }

    fn unclosed(&self) -> Option<(u64, usize)> {
        self.quoted.then_some(self.opened)
    }
}

/// Reads until `into` holds `n` bytes or the input ends.
pub(crate) fn fill(input: &mut impl Read, into: &mut Vec<u8>, n: usize) -> io::Result<()> {
    let mut buf = [0u8; 1 << 13];
    while into.len() < n {
        let want = (n - into.len()).min(buf.len());
        match input.read(buf.get_mut(..want).unwrap_or_default())? {
            0 => break,
            got => into.extend_from_slice(buf.get(..got).unwrap_or_default()),
        }
    }
    Ok(())
}

/// Reads into `prefix` up to the end of the first line that is not blank (only spaces,
/// separators and quotes), with leading UTF-8 byte-order marks dropped (a tool may add one to a
/// file that has one). Its range in `prefix`, or `None` when there is no such line.
pub(crate) fn header_line(
    source: &mut impl Read,
    prefix: &mut Vec<u8>,
) -> io::Result<Option<std::ops::Range<usize>>> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    loop {
        fill(source, prefix, BOM.len())?;
        if !prefix.starts_with(BOM) {
            break;
        }
        prefix.drain(..BOM.len());
    }
    let (mut at, mut start, mut quoted, mut blank) = (0, 0, false, true);
    loop {
        while let Some(&b) = prefix.get(at) {
            match b {
                b'"' => quoted = !quoted,
                b'\n' | b'\r' if !quoted => {
                    if !blank {
                        return Ok(Some(start..at));
                    }
                    (start, blank) = (at + 1, true);
                }
                b' ' | b'\t' | b',' | b';' => {}
                _ => blank = false,
            }
            at += 1;
        }
        let before = prefix.len();
        fill(source, prefix, before + (1 << 13))?;
        if prefix.len() == before {
            return Ok((!blank).then_some(start..at));
        }
    }
}

/// The input as the csv crate reads it, every byte shown to [`Seen`].
pub(crate) struct Tap<R> {
    inner: R,
    seen: Rc<RefCell<Seen>>,
}

impl<R> Tap<R> {
    /// `inner`, shown to `seen`.
    pub(crate) fn new(inner: R, seen: &Rc<RefCell<Seen>>) -> Self {
        Tap {
            inner,
            seen: Rc::clone(seen),
        }
    }
}

impl<R: Read> Read for Tap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.seen
            .borrow_mut()
            .take(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}
