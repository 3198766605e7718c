//! A whole roster file read at once (SPEC section 9): its text or bytes into a [`RosterCsv`],
//! every problem listed, and a file's bytes as the text the app keeps.

use std::collections::HashMap;
use std::io::Read;

use crate::model::error::{EngineError, ErrorCode};
use crate::roster::columns::CsvOptions;
use crate::roster::csv::{RosterCsvReader, RosterRow};
use crate::roster::text::{decode_windows_1252, Bom, Utf16Reader};
use crate::roster::RosterCsv;

/// Reads a roster CSV's text (SPEC section 9). Any problem fails the whole file, and the error
/// lists every problem.
pub fn parse_roster_csv(text: &str, options: &CsvOptions) -> Result<RosterCsv, EngineError> {
    parse_roster_csv_bytes(text.as_bytes(), options)
}

/// Reads a roster CSV file's bytes (SPEC section 9): UTF-8 with or without a byte-order mark,
/// UTF-16 with one, or Windows-1252.
pub fn parse_roster_csv_bytes(
    bytes: &[u8],
    options: &CsvOptions,
) -> Result<RosterCsv, EngineError> {
    parse_roster_csv_from(|| bytes, options)
}

/// [`parse_roster_csv_bytes`] over a reader that `open` makes, called again from the start when
/// a file thought UTF-8 turns out to be Windows-1252 (the streamed readers' tests use it with
/// readers that hand the bytes out a few at a time).
pub fn parse_roster_csv_from<R: Read>(
    mut open: impl FnMut() -> R,
    options: &CsvOptions,
) -> Result<RosterCsv, EngineError> {
    let mut assumed = None;
    loop {
        let mut reader = RosterCsvReader::with_encoding(open(), assumed, options);
        let mut accounts = Vec::new();
        let mut lines = Vec::new();
        for RosterRow { line, account } in reader.by_ref() {
            accounts.push(account);
            lines.push(line);
        }
        if let (None, Some(again)) = (assumed, reader.read_again_as()) {
            assumed = Some(again);
            continue;
        }
        // Repeated ids, found once every account is read (the ids borrowed, not copied).
        let mut first: HashMap<&str, u64> = HashMap::with_capacity(accounts.len());
        let mut repeats = Vec::new();
        for (account, line) in accounts.iter().zip(&lines) {
            match first.get(account.id.as_str()) {
                Some(at) => repeats.push(reader.repeated_id(*line, &account.id, *at)),
                None => {
                    first.insert(&account.id, *line);
                }
            }
        }
        drop(first);
        let columns = reader.finish(repeats)?;
        return Ok(RosterCsv::new(accounts, columns));
    }
}

/// A roster file's bytes as text, read as [`parse_roster_csv_bytes`] reads them (UTF-8 with or
/// without a byte-order mark, UTF-16 with one, else Windows-1252), for a caller that keeps the
/// text (the app shows a chosen file's text and reads JSON rosters too). Bytes that cannot be
/// read as text give the error the CSV reader gives for them.
pub fn roster_file_text(bytes: &[u8]) -> Result<String, EngineError> {
    let (bom, len) = Bom::of(bytes);
    let body = bytes.get(len..).unwrap_or_default();
    let text = match bom {
        Bom::None => Some(std::str::from_utf8(body).map_or_else(
            |_| {
                let mut text = String::new();
                decode_windows_1252(body, &mut text);
                text
            },
            str::to_owned,
        )),
        Bom::Utf8 => std::str::from_utf8(body).ok().map(str::to_owned),
        Bom::Utf16(encoding) => {
            let mut text = String::new();
            Utf16Reader::new(body, encoding)
                .read_to_string(&mut text)
                .ok()
                .map(|_| text)
        }
        Bom::Utf32 => None,
    };
    text.ok_or_else(|| {
        parse_roster_csv_bytes(bytes, &CsvOptions::default())
            .err()
            .unwrap_or_else(|| {
                EngineError::new(
                    ErrorCode::InvalidCsv,
                    "line 1",
                    "the file cannot be read as text: save it as CSV UTF-8",
                )
            })
    })
}
