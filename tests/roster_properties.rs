//! Property tests of roster CSV reading (SPEC section 9): a roster written in the engine's own
//! column names, words and ISO dates, and the same roster written as people do (aliases with any
//! case, spacing and brackets, any separator, day-first and named-month dates with times,
//! synonyms and portal statuses, a mark and CRLF), read to the same accounts.

use nhsmail_rules::{parse_roster_csv, parse_roster_csv_bytes, CsvOptions, RosterColumn};
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Clone, Debug)]
struct Row {
    kind: usize,
    created: (u32, u32, u32),
    last: Option<(u32, u32, u32)>,
    onboarded: Option<bool>,
    state: Option<usize>,
    org: String,
}

fn row() -> impl Strategy<Value = Row> {
    let day = (2020u32..2026, 1u32..13, 1u32..29);
    (
        0usize..4,
        day.clone(),
        proptest::option::of(day),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0usize..6),
        "[A-Za-z ,;\"]{0,12}",
    )
        .prop_map(|(kind, created, last, onboarded, state, org)| {
            // A sign-in is never before the account was created.
            let last = last.map(|l| if l < created { created } else { l });
            Row {
                kind,
                created,
                last,
                onboarded,
                state,
                org,
            }
        })
}

const KINDS: [&str; 4] = ["user", "shared", "application", "resource"];
const KIND_WORDS: [&[&str]; 4] = [
    &["User", "user mailbox", "UserMailbox", "PERSON"],
    &["Shared", "Shared Mailbox", "shared_mailbox"],
    &["application", "Application"],
    &[
        "Room",
        "room mailbox",
        "Equipment",
        "EquipmentMailbox",
        "resource",
    ],
];
const STATES: [&str; 6] = [
    "active", "inactive", "disabled", "leaver", "deleted", "purged",
];
const STATE_WORDS: [&[&str]; 6] = [
    &[
        "Active",
        "Locked",
        "Pending",
        "Enabling",
        "Restoring",
        "Migration Pending",
    ],
    &["Inactive", "INACTIVE"],
    &["Disabled", "Disabling"],
    &[
        "Active (Leaver)",
        "Disabled_Leaver",
        "Disabled (Leaver)",
        "leaver",
    ],
    &["Deleted", "Deleting"],
    &[
        "Deleted Permanent",
        "Deleted_Permanent",
        "Permanently deleted",
        "Purged",
    ],
];

fn iso((y, m, d): (u32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A date as a person might write it, by `style`.
fn written((y, m, d): (u32, u32, u32), style: usize) -> String {
    let month = MONTHS[m as usize - 1];
    match style % 8 {
        0 => iso((y, m, d)),
        1 => format!("{d}/{m}/{y}"),
        2 => format!("{d:02}/{m:02}/{y} 09:14"),
        3 => format!("{d:02}-{m:02}-{y}"),
        4 => format!("{d}.{m}.{y}"),
        5 => format!("{}T23:05:00Z", iso((y, m, d))),
        6 => format!("{d} {month} {y}"),
        _ => format!("{d} {} {y} 7:30", &month[..3]),
    }
}

/// A header for `column` as a person might write it: its name or an alias, decorated.
fn header(column: RosterColumn, pick: usize) -> String {
    let names: Vec<&str> = std::iter::once(column.as_str())
        .chain(column.aliases().iter().copied())
        .collect();
    let name = names[pick % names.len()];
    match pick / names.len() % 4 {
        0 => name.to_owned(),
        1 => name.to_uppercase(),
        2 => format!(" {} (export) ", name.replace(' ', "_")),
        _ => name.replace(' ', "-"),
    }
}

fn csv(headers: &[String], rows: &[Vec<String>], separator: u8, crlf: bool) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    w.write_record(headers).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

proptest! {
    #[test]
    fn aliases_and_canonical_names_read_the_same_accounts(
        rows in proptest::collection::vec(row(), 1..12),
        picks in proptest::collection::vec(0usize..64, 8),
        styles in proptest::collection::vec(0usize..64, 36),
        separator in prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let canonical: Vec<Vec<String>> = rows.iter().enumerate().map(|(i, r)| vec![
            format!("u{i}@nhs.net"),
            KINDS[r.kind].to_owned(),
            iso(r.created),
            r.last.map(iso).unwrap_or_default(),
            r.onboarded.map(|b| b.to_string()).unwrap_or_default(),
            r.state.map(|s| STATES[s].to_owned()).unwrap_or_default(),
            r.org.clone(),
        ]).collect();
        let names = ["id", "kind", "created", "lastActivity", "onboarded", "recordedState", "organisation"];
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let text = String::from_utf8(csv(&names, &canonical, b',', false)).unwrap();
        let want = parse_roster_csv(&text, &CsvOptions::default()).unwrap();

        let columns = [RosterColumn::Id, RosterColumn::Kind, RosterColumn::Created,
            RosterColumn::LastActivity, RosterColumn::Onboarded, RosterColumn::RecordedState,
            RosterColumn::Organisation];
        let headers: Vec<String> = columns.iter().zip(&picks).map(|(c, p)| header(*c, *p)).collect();
        let style = |i: usize| styles[i % styles.len()];
        let people: Vec<Vec<String>> = rows.iter().enumerate().map(|(i, r)| vec![
            format!("u{i}@nhs.net"),
            KIND_WORDS[r.kind][style(i) % KIND_WORDS[r.kind].len()].to_owned(),
            written(r.created, style(i + 1)),
            r.last.map_or_else(|| ["", "never", "N/A", "-"][style(i + 2) % 4].to_owned(), |l| written(l, style(i + 3))),
            r.onboarded.map_or(String::new(), |b| {
                let words = if b { ["yes", "Y", "1", "TRUE"] } else { ["no", "N", "0", "False"] };
                words[style(i + 4) % 4].to_owned()
            }),
            r.state.map_or(String::new(), |s| STATE_WORDS[s][style(i + 5) % STATE_WORDS[s].len()].to_owned()),
            r.org.clone(),
        ]).collect();
        let mut bytes = if bom { b"\xef\xbb\xbf".to_vec() } else { Vec::new() };
        bytes.extend(csv(&headers, &people, separator, crlf));
        let got = parse_roster_csv_bytes(&bytes, &CsvOptions::default())
            .unwrap_or_else(|e| panic!("{e}: {:?}\n{}", e.problems, String::from_utf8_lossy(&bytes)));
        prop_assert_eq!(got.accounts, want.accounts);
    }
}
