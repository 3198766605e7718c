//! The streaming readers (`RosterCsvReader`, `read_roster_json`) against the whole-text parsers:
//! the same accounts or the same error, however the bytes arrive.

use std::io::Read;

use nhsmail_rules::{
    parse_roster_csv_bytes, parse_roster_csv_from, read_roster_json, CsvOptions, Roster, RosterCsv,
};
use proptest::prelude::*;

/// A reader that hands out at most `step` bytes per read, as a slow pipe would.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        let (now, rest) = self.bytes.split_at(n);
        buf[..n].copy_from_slice(now);
        self.bytes = rest;
        Ok(n)
    }
}

/// The CSV streamed a few bytes at a time through the whole-file reader's own collection (read
/// again from the start when the reader says so, as the CLI does).
fn streamed_csv(bytes: &[u8], step: usize) -> Result<RosterCsv, String> {
    parse_roster_csv_from(|| Trickle { bytes, step }, &CsvOptions::default())
        .map_err(|e| format!("{e}: {:?}", e.problems))
}

fn whole_csv(bytes: &[u8]) -> Result<RosterCsv, String> {
    parse_roster_csv_bytes(bytes, &CsvOptions::default())
        .map_err(|e| format!("{e}: {:?}", e.problems))
}

const CSV_CASES: [&[u8]; 20] = [
    b"id,kind,created\na,user,2025-01-01\n",
    "\u{feff}id,kind,created\r\na,user,2025-01-01\r\n\r\nb,shared,2024-02-29\r\n".as_bytes(),
    b"id,kind,created\ra,user,2025-01-01\r\rb,robot,2025-01-01",
    b"id,kind,created,address\na,user,2025-01-01,\"two\nlines\"\nb,user,2025-01-01,x\n",
    b"id,kind,created,address\na,user,2025-01-01,\"oops\nb,user,2025-01-01,x\n",
    b"id,kind,created\na,user,2025-01-01\na,user,2025-01-02\n",
    b"id,kind,created\na,user,2025-01-01,extra\n",
    b"",
    b"\n\n\n",
    b"id,kind\na,user\n",
    b"ID , Kind, created,lastActivity,onboarded,recordedState\n x ,USER,2025-01-01,2025-03-01,yes,Inactive\n",
    b"id,kind,created\n\n\n\na,user,2025-02-30\n",
    // Found by the roster_csv fuzz target: a doubled byte-order mark read a byte at a time.
    "\u{feff}\u{feff}\nfoo,kind\n".as_bytes(),
    "\u{feff}\u{feff}id,kind,created\na,user,2025-01-01\n".as_bytes(),
    // Windows-1252 from the first byte that is not UTF-8, everything before being ASCII.
    b"Email;Type;Created\nzoe@x;user;01/02/2025\nr\xe9a@x;user;1 Dec 2025\n",
    // UTF-8 text, then a byte that is not UTF-8: the whole file is read again as Windows-1252.
    b"id,kind,created,organisation\nzo\xc3\xab,user,2025-01-01,Caf\xc3\xa9\nb,user,2025-01-01,\xe9\n",
    // UTF-16 LE with its mark, tab-separated (Excel's Unicode text).
    b"\xff\xfei\0d\0\t\0k\0i\0n\0d\0\t\0c\0r\0e\0a\0t\0e\0d\0\n\0a\0\t\0u\0s\0e\0r\0\t\x001\x00/\x002\x00/\x002\x000\x002\x005\0\n\0",
    // A month-first column, found only at its last row.
    b"id,kind,created\na,user,03/04/2025\nb,user,12/25/2025\n",
    b"id,kind,created\na,user,03/04/2025\nb,user,12/25/2025\nc,user,13/01/2025\n",
    // A lone surrogate in UTF-16 BE.
    b"\xfe\xff\0i\0d\xd8\x00\0,",
];

#[test]
fn csv_streamed_in_any_chunks_equals_the_whole_text() {
    for bytes in CSV_CASES {
        let whole = whole_csv(bytes);
        for step in [1, 2, 3, 7, 64, 1 << 20] {
            assert_eq!(
                streamed_csv(bytes, step),
                whole,
                "{:?} in steps of {step}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

#[test]
fn csv_line_numbers_survive_a_window_longer_than_the_buffer() {
    // Far more than the reader's 64 KiB buffer, with blank lines and CRLF, then a bad row.
    let mut text = String::from("id,kind,created\r\n");
    for i in 0..30_000 {
        text.push_str(&format!("u{i},user,2025-01-01\r\n\r\n"));
    }
    text.push_str("bad,user,2025-13-01\r\n");
    let whole = whole_csv(text.as_bytes());
    assert!(whole
        .as_ref()
        .unwrap_err()
        .starts_with("line 60002, column 3 (created)"));
    assert_eq!(streamed_csv(text.as_bytes(), 4096), whole);
}

fn streamed_json(text: &str, step: usize) -> Result<Roster, (String, String)> {
    let mut accounts = Vec::new();
    read_roster_json(
        Trickle {
            bytes: text.as_bytes(),
            step,
        },
        |i, a| {
            assert_eq!(i, accounts.len());
            accounts.push(a);
        },
    )
    .map_err(|e| (e.code.as_str().to_owned(), e.path))?;
    Ok(Roster { accounts })
}

const JSON_CASES: [&str; 13] = [
    r#"{"accounts": []}"#,
    r#"{"note": [1, {"x": 2}], "accounts": [{"id": "a", "kind": "user", "created": "2025-01-01"}]}"#,
    r#"{"accounts": [{"id": "a", "kind": "user", "created": "2025-01-01", "events": null}, {"id": "b", "kind": "user", "created": "2025-02-30"}]}"#,
    r#"{"accounts": [{"id": "a", "kind": "user"}]}"#,
    r#"{"accounts": 5}"#,
    r#"{"accounts": null}"#,
    r#"{"people": []}"#,
    r#"[{"id": "a"}]"#,
    r#"{"accounts": [{"id": "a", "kind": "user", "created": "2025-01-01"}"#,
    r#"{"accounts": []} trailing"#,
    r#"{"accounts": [{"id": "a", "kind": "robot", "created": "2025-01-01", "events": [{"on": "2025-01-02", "type": "activity", "channel": "fax"}]}]}"#,
    r#"{"accounts": [], "accounts": []}"#,
    r#"{"accounts": [{"id": "a", "kind": "user", "id": "b", "created": "2025-01-01"}]}"#,
];

#[test]
fn json_streamed_in_any_chunks_equals_the_whole_text() {
    for text in JSON_CASES {
        let whole = Roster::from_json(text).map_err(|e| (e.code.as_str().to_owned(), e.path));
        for step in [1, 5, 1 << 20] {
            assert_eq!(
                streamed_json(text, step),
                whole,
                "{text} in steps of {step}"
            );
        }
    }
}

#[test]
fn the_stream_names_the_first_problem_in_reading_order() {
    // A bad value, then broken JSON in the same account: the whole read checks the syntax of the
    // whole text first; the stream, in constant memory, meets the bad value first.
    let text = r#"{"accounts": [{"id": "a", "kind": "robot", "created": "2025-01-01",}]}"#;
    let whole = Roster::from_json(text).unwrap_err();
    assert_eq!(whole.code.as_str(), "invalid_json");
    let streamed = streamed_json(text, 1 << 20).unwrap_err();
    assert_eq!(
        streamed,
        ("invalid_field".to_owned(), "accounts[0].kind".to_owned())
    );
}

proptest! {
    #[test]
    fn any_csv_streams_like_the_whole_text(
        cells in proptest::collection::vec(
            prop_oneof![
                Just("a"), Just("user"), Just("shared"), Just("2025-01-01"), Just("2025-02-30"),
                Just(""), Just(" "), Just("\""), Just("\"x,\ny\""), Just("yes"), Just("deleted"),
            ],
            0..40,
        ),
        seps in proptest::collection::vec(prop_oneof![Just(","), Just("\n"), Just("\r\n"), Just("\r")], 40),
        header in prop_oneof![Just("id,kind,created"), Just("id,kind,created,lastActivity,recordedState"), Just("kind,id")],
        step in 1usize..9,
    ) {
        let mut text = format!("{header}\n");
        for (cell, sep) in cells.iter().zip(&seps) {
            text.push_str(cell);
            text.push_str(sep);
        }
        prop_assert_eq!(streamed_csv(text.as_bytes(), step), whole_csv(text.as_bytes()));
    }
}
