//! Rosters as people keep them (SPEC section 9): every case of `scenarios/roster-csv.json` with its
//! accounts compared whole and every problem of an error, and the files in `fixtures/` shaped as
//! Excel and the NHSmail portal write them (UTF-8 with a mark, semicolons, UTF-16, Windows-1252,
//! a file with many bad rows), each read as bytes, whole and streamed. Expected values are worked
//! out by hand from the SPEC.

use std::path::{Path, PathBuf};

use nhsmail_rules::{
    parse_roster_csv, parse_roster_csv_bytes, parse_roster_csv_json, roster_file_text, CsvOptions,
    EngineError, RosterCsv, RosterCsvReader, TextEncoding,
};
use serde_json::{json, Value};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(tests_dir().join("fixtures").join(name)).unwrap()
}

#[track_caller]
fn assert_problems(name: &str, e: &EngineError, want: &Value) {
    let want = want.as_array().unwrap();
    let got: Vec<String> = e
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.place(), p.message))
        .collect();
    assert_eq!(e.problems.len(), want.len(), "{name}: problems {got:#?}");
    for (p, w) in e.problems.iter().zip(want) {
        assert_eq!(
            (p.line, p.column as u64, p.header.as_str()),
            (
                w["line"].as_u64().unwrap(),
                w["column"].as_u64().unwrap(),
                w["header"].as_str().unwrap()
            ),
            "{name}: {got:#?}"
        );
        let part = w["messageContains"].as_str().unwrap();
        assert!(
            p.message.contains(part),
            "{name}: `{}` lacks `{part}`",
            p.message
        );
    }
}

#[test]
fn every_roster_csv_scenario_with_whole_accounts_and_every_problem() {
    let path = tests_dir().join("scenarios/roster-csv.json");
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for case in cases {
        let name = case["name"].as_str().unwrap();
        assert_eq!(case["call"], "parseRosterCsv", "{name}");
        let result = parse_roster_csv_json(&case["args"].to_string());
        if let Some(want) = case.get("expectedError") {
            let e = result.expect_err(name);
            assert_eq!(e.code.as_str(), want["code"], "{name}: {e}");
            if let Some(path) = want.get("path") {
                assert_eq!(e.path, path.as_str().unwrap(), "{name}");
            }
            if let Some(part) = want.get("messageContains") {
                let part = part.as_str().unwrap();
                assert!(e.to_string().contains(part), "{name}: `{e}` lacks `{part}`");
            }
            match case.get("expectedProblems") {
                Some(problems) => assert_problems(name, &e, problems),
                None => assert!(e.problems.is_empty(), "{name}: {:?}", e.problems),
            }
            // The JSON twin's error carries its problems.
            let serialised = serde_json::to_value(&e).unwrap();
            assert_eq!(serialised.get("problems").is_some(), !e.problems.is_empty());
            continue;
        }
        let got: Value =
            serde_json::from_str(&result.unwrap_or_else(|e| panic!("{name}: {e}"))).unwrap();
        let want = &case["expected"];
        assert_eq!(got["accounts"], want["accounts"], "{name}");
        for key in ["columns", "ignoredColumns", "missingColumns"] {
            if let Some(w) = want.get(key) {
                assert_eq!(&got[key], w, "{name}: {key}");
            }
        }
    }
}

/// A file read whole from its bytes, and streamed a few bytes at a time, agree.
fn read(bytes: &[u8]) -> Result<RosterCsv, EngineError> {
    let whole = parse_roster_csv_bytes(bytes, &CsvOptions::default());
    for step in [1, 5, 4096] {
        let mut assumed = None;
        let streamed = loop {
            let reader = Pieces { bytes, step };
            let mut reader =
                RosterCsvReader::with_encoding(reader, assumed, &CsvOptions::default());
            let accounts: Vec<_> = reader.by_ref().map(|r| r.account).collect();
            if let (None, Some(e)) = (assumed, reader.read_again_as()) {
                assumed = Some(e);
                continue;
            }
            break reader
                .finish(Vec::new())
                .map(|c| RosterCsv::new(accounts, c));
        };
        assert_eq!(streamed, whole, "in steps of {step}");
    }
    whole
}

struct Pieces<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        let (now, rest) = self.bytes.split_at(n);
        buf[..n].copy_from_slice(now);
        self.bytes = rest;
        Ok(n)
    }
}

fn accounts(r: &RosterCsv) -> Value {
    serde_json::to_value(&r.accounts).unwrap()
}

#[test]
fn a_portal_export_saved_by_excel_as_csv_utf8() {
    let r = read(&fixture("portal-export-excel-csv-utf8.csv")).unwrap();
    assert_eq!(
        accounts(&r),
        json!([
            { "id": "jane.doe@nhs.net", "kind": "user", "created": "2025-01-06", "onboarded": true,
              "activeOn": "2025-12-01", "organisation": "Rose Care Home, Leeds", "recordedState": "active", "events": [] },
            { "id": "sam.ray@nhs.net", "kind": "user", "created": "2024-09-02", "onboarded": true,
              "activeOn": "2025-03-14", "organisation": "Rose Care Home", "recordedState": "leaver",
              "recordedSince": "2025-03-20", "events": [] },
            { "id": "rose.office@nhs.net", "kind": "shared", "created": "2023-07-15",
              "organisation": "Rose Care Home", "recordedState": "active", "events": [] },
            { "id": "ann.lee@nhs.net", "kind": "user", "created": "2025-11-28", "onboarded": false,
              "organisation": "Rose Care Home", "recordedState": "active", "events": [] },
            { "id": "bob.k@nhs.net", "kind": "user", "created": "2024-02-01", "onboarded": true,
              "activeOn": "2025-02-03", "organisation": "Elm House, Bradford", "recordedState": "active", "events": [] },
            { "id": "room1@nhs.net", "kind": "resource", "created": "2022-06-01",
              "organisation": "Elm House", "recordedState": "active", "events": [] },
            { "id": "old.user@nhs.net", "kind": "user", "created": "2020-01-01", "onboarded": true,
              "activeOn": "2024-01-01", "organisation": "Elm House", "recordedState": "purged",
              "recordedSince": "2024-03-05", "events": [] },
        ])
    );
    let columns = serde_json::to_value(&r.columns).unwrap();
    assert_eq!(
        columns,
        json!({ "id": "Email address", "kind": "Account type", "created": "Date created",
                "lastActivity": "Last sign in", "onboarded": "AUP accepted", "recordedState": "Status",
                "recordedSince": "Status date", "organisation": "Organisation name" })
    );
    assert_eq!(r.ignored_columns, ["Display name"]);
    assert_eq!(
        serde_json::to_value(&r.missing_columns).unwrap(),
        json!(["address"])
    );
}

#[test]
fn a_semicolon_file_from_excel_in_a_european_locale() {
    let r = read(&fixture("semicolon-excel.csv")).unwrap();
    assert_eq!(
        accounts(&r),
        json!([
            { "id": "zoe.p@nhs.net", "kind": "user", "created": "2025-12-01", "activeOn": "2025-12-05",
              "recordedState": "active", "events": [] },
            { "id": "lab.team@nhs.net", "kind": "shared", "created": "2021-06-01", "events": [] },
            { "id": "kim.o@nhs.net", "kind": "user", "created": "2024-02-29", "activeOn": "2025-11-30",
              "recordedState": "disabled", "events": [] },
        ])
    );
    assert_eq!(r.columns.len(), 5);
}

#[test]
fn excel_unicode_text_utf16_le_tab_separated() {
    let bytes = fixture("unicode-text-utf16le.txt");
    let r = read(&bytes).unwrap();
    assert_eq!(
        accounts(&r),
        json!([
            { "id": "zoë.brontë@nhs.net", "kind": "user", "created": "2024-12-01", "activeOn": "2025-12-01",
              "address": "zoë.brontë@nhs.net", "events": [] },
            { "id": "équipe.soins@nhs.net", "kind": "shared", "created": "2023-05-17", "events": [] },
        ])
    );
    // UPN and Mail both name the id: UPN comes first among the aliases.
    assert_eq!(r.ignored_columns, ["Mail"]);
    let reader = RosterCsvReader::new(&bytes[..], &CsvOptions::default());
    let mut reader = reader;
    assert!(reader.columns().is_some());
    assert_eq!(reader.encoding(), Some(TextEncoding::Utf16Le));
}

#[test]
fn excel_csv_comma_delimited_in_windows_1252() {
    let bytes = fixture("csv-comma-delimited-windows-1252.csv");
    assert!(std::str::from_utf8(&bytes).is_err());
    let r = read(&bytes).unwrap();
    assert_eq!(
        accounts(&r),
        json!([
            { "id": "renée.o’neil@nhs.net", "kind": "user", "created": "2025-03-03", "activeOn": "2025-03-04",
              "organisation": "Café Care – North", "events": [] },
            { "id": "jürgen.m@nhs.net", "kind": "user", "created": "2024-10-10",
              "organisation": "Crèche €1 Ltd", "events": [] },
        ])
    );
}

#[test]
fn a_file_with_many_bad_rows_lists_every_problem() {
    // Row i (on line i + 1), i from 1 to 120: i % 4 == 1 has a two-digit year in created
    // (column 3); i % 4 == 2 an unknown kind (column 2) and an impossible lastActivity (column 4).
    let e = read(&fixture("many-bad-rows.csv")).unwrap_err();
    let mut want = Vec::new();
    for i in 1..=120u64 {
        match i % 4 {
            1 => want.push((
                i + 1,
                3,
                "created",
                "`1/2/25` has a two-digit year".to_owned(),
            )),
            2 => {
                want.push((
                    i + 1,
                    2,
                    "kind",
                    "`robot` is not a kind of account".to_owned(),
                ));
                want.push((
                    i + 1,
                    4,
                    "lastActivity",
                    "`2025-02-30` is not a real date".to_owned(),
                ));
            }
            _ => {}
        }
    }
    assert_eq!(want.len(), 90);
    assert_eq!(e.problems.len(), want.len());
    for (p, (line, column, header, part)) in e.problems.iter().zip(&want) {
        assert_eq!(
            (p.line, p.column, p.header.as_str()),
            (*line, *column, *header)
        );
        assert!(p.message.starts_with(part.as_str()), "{}", p.message);
    }
    assert_eq!(e.path, "line 2, column 3 (created)");
    assert_eq!(e.detail, e.problems[0].message);
}

#[test]
fn at_most_a_thousand_problems_the_first_in_line_order() {
    let mut text = String::from("id,kind,created\n");
    for i in 0..1500 {
        text.push_str(&format!("u{i},robot,2025-02-30\n"));
    }
    let e = read(text.as_bytes()).unwrap_err();
    assert_eq!(e.problems.len(), 1000);
    // Two problems a row: the first 500 rows' problems, on lines 2 to 501.
    assert_eq!(
        e.problems.last().map(|p| (p.line, p.column)),
        Some((501, 3))
    );
}

#[test]
fn a_utf8_mark_then_bytes_that_are_not_utf8_is_unreadable_on_line_1() {
    let e = read(b"\xef\xbb\xbfid,kind,created\na,user,2025-01-01\n\xe9,user,2025-01-01\n")
        .unwrap_err();
    assert_eq!(e.path, "line 1, column 1");
    assert!(e.detail.contains("line 3 is not UTF-8"), "{e}");
    let e = read(b"\xff\xfei\0d\0,\0\0\xdc").unwrap_err();
    assert!(e.detail.contains("not UTF-16 text throughout"), "{e}");
}

#[test]
fn snapshots_of_the_json_twin_for_a_portal_export_and_for_a_file_with_problems() {
    let portal = String::from_utf8(fixture("portal-export-excel-csv-utf8.csv")).unwrap();
    let read = parse_roster_csv_json(&json!({ "text": portal }).to_string()).unwrap();
    let read: Value = serde_json::from_str(&read).unwrap();
    insta::assert_json_snapshot!("parse_roster_csv_portal_export", read);
    let bad = "Email,Type,Created,Last sign in,Status,Site\r\nann@x,robot,31/02/2025,Yesterday,Suspended,Leeds\r\nann@x,user,1/2/25,,,\r\n";
    let e = parse_roster_csv_json(&json!({ "text": bad }).to_string()).unwrap_err();
    insta::assert_json_snapshot!("parse_roster_csv_problems", e);
}

/// The app keeps a chosen file as text: decoded as the reader decodes bytes, it reads the same.
#[test]
fn a_file_as_text_reads_as_its_bytes_do() {
    for name in [
        "portal-export-excel-csv-utf8.csv",
        "semicolon-excel.csv",
        "unicode-text-utf16le.txt",
        "csv-comma-delimited-windows-1252.csv",
    ] {
        let bytes = fixture(name);
        let text = roster_file_text(&bytes).unwrap();
        assert!(!text.starts_with('\u{feff}'), "{name}: the mark is dropped");
        let options = CsvOptions::default();
        assert_eq!(
            parse_roster_csv(&text, &options),
            parse_roster_csv_bytes(&bytes, &options),
            "{name}"
        );
    }
    assert!(roster_file_text(b"id,kind\nzo\xeb,user\n")
        .unwrap()
        .contains("zo\u{eb}"));
    // Unreadable bytes give the reader's own error, on line 1.
    for bad in [
        &b"\xff\xfe\0\0i\0\0\0"[..],
        b"\xff\xfei\0\0\xd8",
        b"\xef\xbb\xbfid\xff",
    ] {
        let e = roster_file_text(bad).unwrap_err();
        assert_eq!(e.code.as_str(), "invalid_csv", "{e}");
        assert!(e.path.starts_with("line 1"), "{e}");
    }
}

/// A month-first column's cells are problems of their own; a "before created" problem that only
/// came from reading them day first is not listed as well.
#[test]
fn a_month_first_column_gives_no_false_before_created_problem() {
    let text = "id,kind,created,lastActivity\n\
                a,user,03/07/2025,12/25/2025\n\
                b,user,03/07/2025,05/06/2025\n\
                c,user,2025-07-03,2025-07-01\n";
    let e = parse_roster_csv(text, &CsvOptions::default()).unwrap_err();
    let got: Vec<String> = e.problems.iter().map(|p| p.place()).collect();
    // Line 3's `05/06/2025` is month first like line 2's (a problem), not "before created";
    // line 4's ISO dates really are the wrong way round.
    assert_eq!(
        got,
        [
            "line 2, column 4 (lastActivity)",
            "line 3, column 4 (lastActivity)",
            "line 4, column 4 (lastActivity)"
        ],
        "{:#?}",
        e.problems
    );
    assert!(!e.problems[1]
        .message
        .contains("before the account was created"));
    assert!(e.problems[2]
        .message
        .contains("before the account was created"));
    // Read day first (the column has a day above 12), the same cells are before created.
    let text = "id,kind,created,lastActivity\n\
                a,user,03/07/2025,25/12/2025\n\
                b,user,03/07/2025,05/06/2025\n";
    let e = parse_roster_csv(text, &CsvOptions::default()).unwrap_err();
    assert_eq!(e.problems.len(), 1, "{:#?}", e.problems);
    assert!(e.problems[0]
        .message
        .contains("before the account was created"));
}
