//! Line bookkeeping for the streaming roster CSV reader: the header line (read ahead for the
//! separator), which physical line each record starts on, whether the bytes so far are ASCII, and
//! whether a quoted cell is left open at the end.

use std::cell::RefCell;
use std::io::{self, Read};
use std::rc::Rc;

/// What the CSV reader has consumed, kept from the oldest byte not yet numbered (so from the start
/// of the last record read). The csv crate's own line count leaves out the blank lines it skips,
/// and its byte offset can point at them, so physical lines (1-based) are counted here from the
/// offsets: `\n`, `\r\n` and a lone `\r` each end a line.
#[derive(Debug)]
pub(crate) struct Seen {
    /// Bytes from offset `base` onwards.
    window: Vec<u8>,
    base: usize,
    /// Bytes before this offset are counted into `line`.
    at: usize,
    line: u64,
    separator: u8,
    /// The offset of the first byte that is not ASCII, once there is one.
    non_ascii: Option<usize>,
}

impl Seen {
    /// Nothing seen yet: line 1. Cells are separated by `separator`.
    pub(crate) fn new(separator: u8) -> Rc<RefCell<Seen>> {
        Rc::new(RefCell::new(Seen {
            window: Vec::new(),
            base: 0,
            at: 0,
            line: 1,
            non_ascii: None,
            separator,
        }))
    }

    /// At the end of the input: where a quoted cell opened and never closed, (line, column) both
    /// 1-based. The csv crate reads such a cell to the end as one, so it is in the last record,
    /// which is all that is scanned, as the csv crate reads it: a quote opens a quoted cell only
    /// at the start of a cell, and `""` inside one is a quote.
    pub(crate) fn unclosed_quote(&self) -> Option<(u64, usize)> {
        #[derive(PartialEq)]
        enum In {
            CellStart,
            Cell,
            Quoted,
            QuoteInQuoted,
        }
        let last = self.window.get(self.at.saturating_sub(self.base)..)?;
        let (mut line, mut column, mut state) = (self.line, 1, In::CellStart);
        let mut opened = (line, column);
        let mut previous = 0;
        for &b in last {
            let line_end = b == b'\n' || b == b'\r';
            if line_end && !(b == b'\n' && previous == b'\r') {
                line += 1;
            }
            previous = b;
            state = match state {
                In::CellStart if b == b'"' => {
                    opened = (line, column);
                    In::Quoted
                }
                In::Quoted if b == b'"' => In::QuoteInQuoted,
                In::Quoted => In::Quoted,
                In::QuoteInQuoted if b == b'"' => In::Quoted,
                _ if b == self.separator => {
                    column += 1;
                    In::CellStart
                }
                _ if line_end => {
                    column = 1;
                    In::CellStart
                }
                _ => In::Cell,
            };
        }
        (state == In::Quoted).then_some(opened)
    }

    fn take(&mut self, bytes: &[u8]) {
        if self.non_ascii.is_none() && !bytes.is_ascii() {
            let at = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
            self.non_ascii = Some(self.base + self.window.len() + at);
        }
        self.window.extend_from_slice(bytes);
    }

    /// Whether every byte before offset `end` is ASCII.
    pub(crate) fn ascii_before(&self, end: u64) -> bool {
        self.non_ascii
            .is_none_or(|at| u64::try_from(at).is_ok_and(|at| at >= end))
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
