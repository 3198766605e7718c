//! The `nhsmail-rules` binary end to end: the bytes it writes equal the library's export (which the
//! node tests show equals `JSON.stringify(exportDecisions(...))`), and bad input exits 1 with the
//! problem's place and nothing on stdout.

use std::path::PathBuf;
use std::process::{Command, Output};

use nhsmail_rules::{
    compare_policies, export_decisions, parse_roster_csv, CsvOptions, EvaluationOptions, PolicySet,
    Roster,
};

/// A CSV roster read as the library reads it.
fn parsed(text: &str) -> Roster {
    parse_roster_csv(text, &CsvOptions::default())
        .unwrap()
        .into()
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nhsmail-rules"))
}

fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nhsmail-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn roster_csv(rows: usize) -> String {
    let mut text = String::from("id,kind,created,lastActivity,onboarded,recordedState,address\n");
    let states = ["active", "active", "inactive", "deleted", ""];
    for i in 0..rows {
        let month = 1 + i % 10;
        let day = 1 + i % 28;
        let kind = if i % 17 == 0 { "shared" } else { "user" };
        let onboarded = if i % 5 == 0 { "false" } else { "true" };
        let state = states[i % states.len()];
        text.push_str(&format!(
            "u{i},{kind},2024-{month:02}-{day:02},2025-{month:02}-{day:02},{onboarded},{state},u{i}@nhs.net\n"
        ));
    }
    text
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn set(id: &str) -> PolicySet {
    EvaluationOptions::built_in(id).resolve().unwrap()
}

#[test]
fn decide_writes_the_library_export_byte_for_byte_from_csv_and_json() {
    let text = roster_csv(3_000);
    let roster = parsed(&text);
    for (policy_set, days) in [("national", 7), ("ncl-icb", 30)] {
        let expected = serde_json::to_string(
            &export_decisions(
                &roster,
                "2025-11-01".parse().unwrap(),
                &set(policy_set),
                days,
            )
            .unwrap(),
        )
        .unwrap();
        let csv = file("roster.csv", &text);
        let json = file("roster.json", &serde_json::to_string(&roster).unwrap());
        for path in [csv, json] {
            let out = bin()
                .args([
                    "decide",
                    "--as-of",
                    "2025-11-01",
                    "--policy-set",
                    policy_set,
                ])
                .args(["--remind-within-days", &days.to_string()])
                .arg(&path)
                .output()
                .unwrap();
            assert_eq!(stdout(&out), expected, "{}", path.display());
        }
    }
}

#[test]
fn decide_reads_own_policies_from_a_file() {
    let text = roster_csv(200);
    let policies = r#"{"policySet": "my-trust", "policies": [{"id": "p", "effectiveFrom": "2020-01-01", "inactiveAfterDays": 45}]}"#;
    let own = EvaluationOptions::from_json(policies).unwrap();
    let roster = parsed(&text);
    let expected = serde_json::to_string(
        &export_decisions(&roster, "2025-11-01".parse().unwrap(), &own, 7).unwrap(),
    )
    .unwrap();
    let out = bin()
        .args(["decide", "--as-of", "2025-11-01", "--policies"])
        .arg(file("policies.json", policies))
        .arg(file("own.csv", &text))
        .output()
        .unwrap();
    assert_eq!(stdout(&out), expected);
    assert!(expected.contains("\"policySet\":\"my-trust\""));
}

#[test]
fn compare_writes_the_library_comparison() {
    let text = roster_csv(2_000);
    let roster = parsed(&text);
    let expected = serde_json::to_string(
        &compare_policies(
            &roster,
            "2025-11-01".parse().unwrap(),
            &set("national"),
            &set("ncl-icb"),
        )
        .unwrap(),
    )
    .unwrap();
    let out = bin()
        .args([
            "compare",
            "--as-of",
            "2025-11-01",
            "--a",
            "national",
            "--b",
            "ncl-icb",
        ])
        .arg(file("compare.csv", &text))
        .output()
        .unwrap();
    assert_eq!(stdout(&out), expected);
}

/// Exit status 1, nothing on stdout, and stderr holding `place`.
fn refused(args: &[&str], name: &str, text: &str, place: &str) {
    let out = bin().args(args).arg(file(name, text)).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains(place), "{place} not in: {err}");
}

#[test]
fn bad_input_exits_1_naming_the_place_in_the_order_the_library_would() {
    let decide = [
        "decide",
        "--as-of",
        "2025-11-01",
        "--allow-missing",
        "lastActivity",
    ];
    let head = "id,kind,created\n";
    refused(
        &decide,
        "a.csv",
        &format!("{head}a,user,2025-01-01\nb,user,2025-02-30\n"),
        "line 3, column 3 (created)",
    );
    // A repeated id before a bad cell is the first problem, and the other way round.
    refused(
        &decide,
        "b.csv",
        &format!("{head}a,user,2025-01-01\na,user,2025-01-02\nb,user,2025-02-30\n"),
        "line 3, column 1 (id): `a` is already the id on line 2",
    );
    refused(
        &decide,
        "c.csv",
        &format!("{head}a,user,2025-02-30\na,user,2025-01-02\n"),
        "line 2, column 3 (created)",
    );
    // A problem anywhere in reading comes before an account that cannot be evaluated.
    refused(
        &decide,
        "d.csv",
        &format!("{head}a,user,2025-12-01\nb,robot,2025-01-01\n"),
        "line 3, column 2 (kind)",
    );
    refused(
        &decide,
        "e.csv",
        &format!("{head}x,user,2025-01-01\na,user,2025-12-01\n"),
        "(the account at line 3, `a`)",
    );
    refused(
        &decide,
        "e2.csv",
        "id,kind,created,recordedState,recordedSince\nx,user,2025-01-01,disabled,2025-12-01\n",
        "line 2, recordedSince: 2025-12-01 is after",
    );
    refused(
        &decide,
        "f.csv",
        "id,kind,created,address\na,user,2025-01-01,\"open\n",
        "never closed",
    );
    refused(
        &decide,
        "g.json",
        r#"{"accounts": [{"id": "a", "kind": "user", "created": "2025-01-01"}, {"id": "a", "kind": "user", "created": "2025-01-01"}]}"#,
        "accounts[1].id",
    );
    refused(
        &decide,
        "h.json",
        r#"{"accounts": [{"id": "a", "kind": "user", "created": "2025-13-01"}]}"#,
        "accounts[0].created",
    );
    refused(
        &decide,
        "i.json",
        r#"{"accounts": [{"id": "a", "kind": "user", "created": "2025-01-01"}"#,
        "not valid JSON (line 1",
    );
    refused(
        &["decide", "--as-of", "2025-02-30"],
        "j.csv",
        head,
        "--as-of",
    );
    refused(
        &["decide", "--as-of", "2025-11-01", "--policy-set", "nope"],
        "k.csv",
        head,
        "options.policySet",
    );
}

#[test]
fn help_lists_every_built_in_set_from_the_table() {
    for command in ["decide", "compare"] {
        let help = stdout(&bin().args([command, "--help"]).output().unwrap());
        for set in nhsmail_rules::BUILT_IN_SETS {
            let shown = format!("{} ({})", set.id, set.title);
            assert!(
                help.contains(&shown),
                "{command} --help lacks {shown}:\n{help}"
            );
        }
    }
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(name)
}

/// The library's export of a CSV roster file's bytes.
fn library_export(bytes: &[u8], options: &CsvOptions) -> String {
    let roster: Roster = nhsmail_rules::parse_roster_csv_bytes(bytes, options)
        .unwrap()
        .into();
    let set = set("national");
    serde_json::to_string(
        &export_decisions(&roster, "2025-12-10".parse().unwrap(), &set, 7).unwrap(),
    )
    .unwrap()
}

#[test]
fn decide_reads_roster_files_as_excel_and_the_portal_write_them() {
    let decide = ["decide", "--as-of", "2025-12-10"];
    for name in [
        "portal-export-excel-csv-utf8.csv",
        "unicode-text-utf16le.txt",
        "csv-comma-delimited-windows-1252.csv",
        "semicolon-excel.csv",
    ] {
        let path = fixture(name);
        let out = bin().args(decide).arg(&path).output().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(
            stdout(&out),
            library_export(&bytes, &CsvOptions::default()),
            "{name}"
        );
    }
    // UTF-8 text, then a byte that is not: the whole file is Windows-1252, read again from the
    // start, and the output is the library's.
    let text = b"id,kind,created,lastActivity,organisation\nzo\xc3\xab,user,2025-01-01,2025-11-01,Caf\xc3\xa9\nb,user,2025-01-01,2025-11-02,\xe9\n";
    let path = file("mixed.csv", "");
    std::fs::write(&path, text).unwrap();
    let out = bin().args(decide).arg(&path).output().unwrap();
    let expected = library_export(text, &CsvOptions::default());
    assert!(expected.contains("zoÃ«"), "{expected}");
    assert_eq!(stdout(&out), expected);
}

#[test]
fn the_csv_flags_name_columns_give_a_kind_and_allow_a_missing_last_activity() {
    let text = "Staff email,Created,Last used,Last sign in\ns@x,2025-01-01,2025-11-01,2025-10-01\n";
    let path = file("flags.csv", text);
    let out = bin()
        .args(["decide", "--as-of", "2025-12-10", "--default-kind", "user"])
        .args(["--columns", "id=\"Staff email\",lastActivity=Last used"])
        .arg(&path)
        .output()
        .unwrap();
    let mut columns = std::collections::BTreeMap::new();
    columns.insert(nhsmail_rules::RosterColumn::Id, "Staff email".to_owned());
    columns.insert(
        nhsmail_rules::RosterColumn::LastActivity,
        "Last used".to_owned(),
    );
    let options = CsvOptions {
        columns: Some(columns),
        default_kind: Some(nhsmail_rules::AccountKind::User),
    };
    assert_eq!(stdout(&out), library_export(text.as_bytes(), &options));

    // No lastActivity column: refused, then read when allowed.
    let bare = file("bare.csv", "id,kind,created\na,user,2025-01-01\n");
    let decide = ["decide", "--as-of", "2025-12-10"];
    let out = bin().args(decide).arg(&bare).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(
        err.contains("line 1, column 4 (lastActivity)")
            && err.contains("--allow-missing lastActivity"),
        "{err}"
    );
    let out = bin()
        .args(decide)
        .args(["--allow-missing", "lastActivity"])
        .arg(&bare)
        .output()
        .unwrap();
    assert!(out.status.success());

    // A header the file does not have is named as the flag that gave it.
    let out = bin()
        .args(decide)
        .args(["--columns", "lastActivity=Last used"])
        .arg(&bare)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("--columns lastActivity: `Last used` is not a header of the file"),
        "{err}"
    );
    for (flag, value) in [
        ("--columns", "colour=Red"),
        ("--columns", "id"),
        ("--default-kind", "robot"),
        ("--allow-missing", "nope"),
    ] {
        let out = bin()
            .args(decide)
            .args([flag, value])
            .arg(&bare)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{flag} {value}: {err}");
        assert!(err.contains(flag), "{flag} {value}: {err}");
    }
}

#[test]
fn bad_input_lists_every_problem_with_a_count_and_writes_nothing() {
    let out = bin()
        .args(["decide", "--as-of", "2025-12-10"])
        .arg(fixture("many-bad-rows.csv"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("the roster has 90 problems"), "{err}");
    let listed: Vec<&str> = err.lines().filter(|l| l.starts_with("  line ")).collect();
    assert_eq!(listed.len(), 90);
    assert!(listed[0].starts_with("  line 2, column 3 (created): `1/2/25` has a two-digit year"));
    assert!(
        listed[89].starts_with("  line 119, column 4 (lastActivity)"),
        "{}",
        listed[89]
    );
}

#[test]
fn decide_holds_undated_disabled_and_leaver_rows_and_counts_them_on_stderr() {
    // A portal-style export: a person on long leave (Disabled, no date), a leaver, a user who
    // signed in yesterday, and a dated disabled row.
    let text = "Email address,Account type,Created,Last sign in,Status,Status since\r\n\
                long.leave@nhs.net,User,01/03/2019,02/01/2021,Disabled,\r\n\
                gone@nhs.net,User,01/03/2019,02/01/2021,Active (Leaver),\r\n\
                old.hand@nhs.net,User,01/03/2019,30/11/2025,Active,\r\n\
                dated@nhs.net,User,01/03/2019,02/01/2021,Disabled,01/06/2024\r\n";
    let path = file("held.csv", text);
    let out = bin()
        .args(["decide", "--as-of", "2025-12-01"])
        .arg(&path)
        .output()
        .unwrap();
    let export: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let held: Vec<&str> = export["held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["accountId"].as_str().unwrap())
        .collect();
    assert_eq!(held, ["long.leave@nhs.net", "gone@nhs.net"]);
    assert_eq!(export["summary"]["held"], 2);
    // No state decision for the held rows, none for the user who signs in; the dated disabled
    // row is deleted 18 months after its date (2025-12-01), not purged.
    let decisions: Vec<(&str, &str)> = export["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["accountId"].as_str().unwrap(),
                d["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(decisions, [("dated@nhs.net", "delete")], "{export}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 accounts held"), "{err}");
}

#[test]
fn decide_says_which_headers_it_ignored_and_which_columns_it_found_none_for() {
    // A misspelt `Status` header is not a near miss of a column's own name: it is ignored, so
    // every row is judged active. The person is told, on stderr.
    let text = "Email address,Display name,Account type,Created,Last sign in,Stauts\n\
                ann@nhs.net,Ann Lee,User,01/03/2019,30/11/2025,Disabled\n";
    let out = bin()
        .args(["decide", "--as-of", "2025-12-01"])
        .arg(file("stauts.csv", text))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(r#"ignored these headers (not roster columns; name one with --columns if it is): "Display name", "Stauts""#),
        "{err}"
    );
    assert!(
        err.contains("no header gave these optional columns: onboarded, recordedState, recordedSince, organisation, address"),
        "{err}"
    );
}
