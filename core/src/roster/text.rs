//! A roster file's bytes as text (SPEC section 9): UTF-8 with or without a byte-order mark,
//! UTF-16 LE or BE with one (Excel's "Unicode text"), and Windows-1252 (Excel's "CSV (Comma
//! delimited)" on Windows) for bytes that are not UTF-8.
//!
//! UTF-16 is decoded below the CSV reader, by std's `char::decode_utf16`, as the bytes stream in.
//! UTF-8 and Windows-1252 agree on every byte the CSV syntax uses, so those are decoded a record
//! at a time above it ([`decode_windows_1252`]), which lets a reader that meets a byte that is not
//! UTF-8 switch to Windows-1252 there when everything before was ASCII.

use std::io::{self, Chain, Cursor, Read};

use csv::{ByteRecord, StringRecord};

/// How a roster's bytes are read as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-16, little-endian (with a byte-order mark: Excel's "Unicode text").
    Utf16Le,
    /// UTF-16, big-endian (with a byte-order mark).
    Utf16Be,
    /// Windows-1252: bytes that are not UTF-8 (Excel's "CSV (Comma delimited)" on Windows).
    Windows1252,
}

/// What a byte-order mark at the start says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bom {
    /// None: the bytes say nothing.
    None,
    /// A UTF-8 mark (3 bytes).
    Utf8,
    /// A UTF-16 mark (2 bytes).
    Utf16(TextEncoding),
    /// A UTF-32 mark (4 bytes): not read.
    Utf32,
}

impl Bom {
    /// The mark at the start of `head` (at least 4 bytes unless the input is shorter), and its
    /// length.
    pub(crate) fn of(head: &[u8]) -> (Bom, usize) {
        match head {
            [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => (Bom::Utf32, 4),
            [0xEF, 0xBB, 0xBF, ..] => (Bom::Utf8, 3),
            [0xFF, 0xFE, ..] => (Bom::Utf16(TextEncoding::Utf16Le), 2),
            [0xFE, 0xFF, ..] => (Bom::Utf16(TextEncoding::Utf16Be), 2),
            _ => (Bom::None, 0),
        }
    }
}

/// Windows-1252's bytes 0x80 to 0x9F, where it differs from Latin-1 (every other byte is the
/// code point of the same number). Written out rather than taken from `encoding_rs`: that crate
/// decodes through one dispatch over all its encodings, so the app would carry every encoding's
/// tables (well over its WebAssembly budget) for these 32 characters. The five bytes Windows-1252
/// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 controls of the same number, as the
/// WHATWG Encoding Standard (and so every browser) reads them.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// `bytes` read as Windows-1252, appended to `out`.
pub(crate) fn decode_windows_1252(bytes: &[u8], out: &mut String) {
    if bytes.is_ascii() {
        // ASCII is the same in every encoding read here; `is_ascii` made this valid UTF-8.
        out.push_str(std::str::from_utf8(bytes).unwrap_or_default());
        return;
    }
    out.reserve(bytes.len() + bytes.len() / 2);
    out.extend(bytes.iter().map(|&b| {
        match b {
            0x80..=0x9F => WINDOWS_1252_HIGH
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or(char::REPLACEMENT_CHARACTER),
            _ => char::from(b),
        }
    }));
}

/// Why UTF-16 bytes cannot be read.
pub(crate) const NOT_UTF16: &str = "bad UTF-16";

/// UTF-16 bytes (LE or BE) as UTF-8 bytes, decoded as they stream past by `char::decode_utf16`.
/// A lone surrogate or an odd byte at the end is an error (kind `InvalidData`, [`NOT_UTF16`]).
pub(crate) struct Utf16Reader<R> {
    inner: R,
    big_endian: bool,
    /// Raw bytes read but not yet decoded (an odd byte, or a high surrogate awaiting its pair).
    raw: Vec<u8>,
    /// Decoded UTF-8 not yet handed out, from `out_at`.
    out: Vec<u8>,
    out_at: usize,
    done: bool,
}

impl<R: Read> Utf16Reader<R> {
    pub(crate) fn new(inner: R, encoding: TextEncoding) -> Self {
        Utf16Reader {
            inner,
            big_endian: encoding == TextEncoding::Utf16Be,
            raw: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            done: false,
        }
    }

    /// Reads and decodes the next piece into `out`; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        let mut buf = [0u8; 1 << 14];
        let n = self.inner.read(&mut buf)?;
        let at_end = n == 0;
        self.raw.extend_from_slice(buf.get(..n).unwrap_or_default());
        let whole = self.raw.len() / 2 * 2;
        let big_endian = self.big_endian;
        let units = self
            .raw
            .get(..whole)
            .unwrap_or_default()
            .chunks_exact(2)
            .map(|p| {
                let pair = [
                    p.first().copied().unwrap_or(0),
                    p.get(1).copied().unwrap_or(0),
                ];
                if big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            });
        self.out.clear();
        self.out_at = 0;
        let mut used = 0;
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => {
                    let mut utf8 = [0u8; 4];
                    self.out
                        .extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                    used += 2 * c.len_utf16();
                }
                // A high surrogate that is the last unit read may be paired by the next read:
                // it stays in `raw`.
                Err(e)
                    if !at_end
                        && used + 2 == whole
                        && (0xD800..0xDC00).contains(&e.unpaired_surrogate()) => {}
                Err(_) => return Err(io::Error::new(io::ErrorKind::InvalidData, NOT_UTF16)),
            }
        }
        self.raw.drain(..used);
        if at_end && !self.raw.is_empty() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, NOT_UTF16));
        }
        Ok(!at_end || !self.out.is_empty())
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_at >= self.out.len() {
            if self.done || !self.fill()? {
                self.done = true;
                return Ok(0);
            }
        }
        let rest = self.out.get(self.out_at..).unwrap_or_default();
        let n = rest.len().min(buf.len());
        buf.get_mut(..n)
            .unwrap_or_default()
            .copy_from_slice(rest.get(..n).unwrap_or_default());
        self.out_at += n;
        Ok(n)
    }
}

/// The bytes after any byte-order mark, as UTF-8 (UTF-16) or as they are (UTF-8, Windows-1252).
pub(crate) enum Source<R> {
    Plain(Chain<Cursor<Vec<u8>>, R>),
    Utf16(Utf16Reader<Chain<Cursor<Vec<u8>>, R>>),
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(r) => r.read(buf),
            Source::Utf16(r) => r.read(buf),
        }
    }
}

/// A record read as Windows-1252.
pub(crate) fn windows_1252_record(bytes: &ByteRecord) -> StringRecord {
    let mut record = StringRecord::with_capacity(bytes.as_slice().len() * 2, bytes.len());
    let mut cell = String::new();
    for field in bytes {
        cell.clear();
        decode_windows_1252(field, &mut cell);
        record.push_field(&cell);
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    struct OneByte<'a>(&'a [u8]);
    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(slot)) => {
                    *slot = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn utf16_decodes_in_any_pieces_and_refuses_lone_surrogates() {
        let text = "id\tkind\r\nzoë\tuser 𝄞\r\n";
        for (big, encoding) in [
            (false, TextEncoding::Utf16Le),
            (true, TextEncoding::Utf16Be),
        ] {
            let bytes = utf16(text, big);
            let mut whole = String::new();
            Utf16Reader::new(&bytes[..], encoding)
                .read_to_string(&mut whole)
                .unwrap();
            assert_eq!(whole, text);
            let mut piecewise = String::new();
            Utf16Reader::new(OneByte(&bytes), encoding)
                .read_to_string(&mut piecewise)
                .unwrap();
            assert_eq!(piecewise, text);
        }
        let lone = [0x3Du8, 0xD8, b'a', 0];
        let e = Utf16Reader::new(&lone[..], TextEncoding::Utf16Le)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        let odd = [b'a', 0, b'b'];
        assert!(Utf16Reader::new(&odd[..], TextEncoding::Utf16Le)
            .read_to_end(&mut Vec::new())
            .is_err());
    }

    #[test]
    fn windows_1252_is_latin_1_but_for_32_bytes() {
        let mut out = String::new();
        decode_windows_1252(b"Z\xf6e \x80 \x93quoted\x94 \x81 \xa3", &mut out);
        assert_eq!(out, "Zöe € “quoted” \u{81} £");
    }

    #[test]
    fn byte_order_marks() {
        assert_eq!(Bom::of(b"\xef\xbb\xbfid"), (Bom::Utf8, 3));
        assert_eq!(
            Bom::of(b"\xff\xfei\0"),
            (Bom::Utf16(TextEncoding::Utf16Le), 2)
        );
        assert_eq!(
            Bom::of(b"\xfe\xff\0i"),
            (Bom::Utf16(TextEncoding::Utf16Be), 2)
        );
        assert_eq!(Bom::of(b"\xff\xfe\0\0"), (Bom::Utf32, 4));
        assert_eq!(Bom::of(b"id,k"), (Bom::None, 0));
    }
}
