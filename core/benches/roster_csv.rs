//! Criterion bench of reading a roster CSV (SPEC section 9): the same 100,000 accounts written in
//! the engine's own format and as a portal export saved by Excel (a byte-order mark, CRLF, the
//! portal's headers, UK dates with times, the portal's words, quoted cells, trailing empty
//! columns). The target: the portal export at most 1.3 times the engine's format.

use std::fmt::Write;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nhsmail_rules::{parse_roster_csv_bytes, CsvOptions};

const ACCOUNTS: usize = 100_000;

/// A day: (year, month, day).
type Day = (u32, u32, u32);

/// One account's fields, the same in both files: (kind, created, last sign-in, onboarded, state).
fn fields(i: usize) -> (usize, Day, Option<Day>, bool, usize) {
    let created = (
        2020 + (i % 5) as u32,
        1 + (i % 12) as u32,
        1 + (i % 28) as u32,
    );
    let last = (i % 7 != 0).then_some((2025, 1 + (i % 11) as u32, 1 + (i * 7 % 28) as u32));
    (i % 20 / 17, created, last, i % 10 != 0, i % 3)
}

fn canonical() -> Vec<u8> {
    let mut text =
        String::from("id,kind,created,lastActivity,onboarded,recordedState,organisation\n");
    for i in 0..ACCOUNTS {
        let (kind, (y, m, d), last, onboarded, state) = fields(i);
        let last = last.map_or(String::new(), |(y, m, d)| format!("{y}-{m:02}-{d:02}"));
        let _ = writeln!(
            text,
            "u{i:06},{},{y}-{m:02}-{d:02},{last},{onboarded},{},Care provider {}",
            ["user", "shared"][kind],
            ["active", "inactive", "deleted"][state],
            i % 2000
        );
    }
    text.into_bytes()
}

fn portal() -> Vec<u8> {
    let mut text = String::from(
        "\u{feff}Email address,Account type,Date created,Last sign in,AUP accepted,Status,Organisation name,,\r\n",
    );
    for i in 0..ACCOUNTS {
        let (kind, (y, m, d), last, onboarded, state) = fields(i);
        let last = last.map_or("Never".to_owned(), |(y, m, d)| {
            format!("{d:02}/{m:02}/{y} 17:02")
        });
        let _ = write!(
            text,
            "u{i:06},{},{d:02}/{m:02}/{y} 09:14,{last},{},{},\"Care provider {}\",,\r\n",
            ["User Mailbox", "Shared Mailbox"][kind],
            ["No", "Yes"][usize::from(onboarded)],
            ["Active", "Inactive", "Deleting"][state],
            i % 2000
        );
    }
    text.into_bytes()
}

fn read(c: &mut Criterion) {
    let options = CsvOptions::default();
    let (canonical, portal) = (canonical(), portal());
    let a = parse_roster_csv_bytes(&canonical, &options).expect("the engine's format reads");
    let b = parse_roster_csv_bytes(&portal, &options).expect("the portal export reads");
    assert_eq!(a.accounts, b.accounts, "both files hold the same accounts");
    let mut group = c.benchmark_group("100,000-row roster CSV");
    group.throughput(Throughput::Elements(ACCOUNTS as u64));
    group.sample_size(20);
    group.bench_function("the engine's format", |bench| {
        bench.iter(|| parse_roster_csv_bytes(&canonical, &options))
    });
    group.bench_function("a portal export (aliases, UK dates)", |bench| {
        bench.iter(|| parse_roster_csv_bytes(&portal, &options))
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
