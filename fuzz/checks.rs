//! What each fuzz target checks, shared with the regression test (`tests/fuzz_regressions.rs`),
//! which replays every input a fuzzer ever crashed on. Beyond "no panic": an error always says
//! what is wrong, every answer is well-formed JSON, streamed and whole reads agree, and a parsed
//! roster survives a JSON round trip.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::io::Read;

use nhsmail_rules as n;
use nhsmail_rules::{DecisionExport, EngineError, EvaluationOptions, IsoDate, PolicySet, Roster};

/// What a target checks of one input; a failed check panics, as libFuzzer wants.
pub type Check = fn(&[u8]);

/// Every target, by name, as the fuzzer and the regression test call it.
pub const TARGETS: [(&str, Check); 10] = [
    ("account", account),
    ("policy", policy),
    ("roster_csv", roster_csv),
    ("roster_bytes", roster_bytes),
    ("roster_json", roster_json),
    ("eligibility", eligibility),
    ("access", access),
    ("mailbox", mailbox),
    ("json_twins", json_twins),
    ("decisions", decisions),
];

/// The input as text; bytes that are not UTF-8 are skipped (the engine takes `&str`).
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// An error is a clear one: it says what is wrong.
fn clear(e: &EngineError) {
    assert!(
        !e.detail.trim().is_empty(),
        "an error with no detail: {e:?}"
    );
}

/// A twin's answer: well-formed JSON, or a clear error.
fn answer(result: Result<String, EngineError>) {
    match result {
        Ok(json) => {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                panic!("the answer is not JSON ({e}): {json}");
            }
            calendar_dates_only(&json);
        }
        Err(e) => clear(&e),
    }
}

/// No answer holds a date outside years 0000 to 9999, written with a sign (`"+10000-01-30"`):
/// it could not be read back. Fields that echo the caller's own text are not dates.
fn calendar_dates_only(json: &str) {
    fn signed_date(s: &str) -> bool {
        let Some(rest) = s.strip_prefix(['+', '-']) else {
            return false;
        };
        let year = rest.bytes().take_while(u8::is_ascii_digit).count();
        year >= 4 && rest.as_bytes().get(year) == Some(&b'-')
    }
    fn walk(key: &str, v: &serde_json::Value) {
        const ECHOED: [&str; 8] = [
            "id",
            "accountId",
            "organisation",
            "address",
            "name",
            "email",
            "justification",
            "siteId",
        ];
        match v {
            serde_json::Value::String(s) if !ECHOED.contains(&key) => {
                assert!(!signed_date(s), "a date outside the calendar: {key}: {s}");
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(key, i)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, i)| walk(k, i)),
            _ => {}
        }
    }
    walk("", &serde_json::from_str(json).expect("an answer is JSON"));
}

fn day(y: i32, m: u32, d: u32) -> IsoDate {
    IsoDate::from_ymd(y, m, d).expect("a real date")
}

/// Decides a roster, as the export would; an export serialises.
fn decide(roster: &Roster, on: IsoDate, set: &PolicySet) {
    match n::export_decisions(roster, on, set, 30) {
        Ok(export) => {
            calendar_dates_only(&serde_json::to_string(&export).expect("an export serialises"));
        }
        Err(e) => clear(&e),
    }
}

/// Account JSON, `{"account", "asOf", "options"?}`, through `evaluateAccount` and `timeline`.
pub fn account(data: &[u8]) {
    if let Some(request) = text(data) {
        answer(n::evaluate_account_json(request));
        answer(n::timeline_json(request));
    }
}

/// Eligibility input, `{"input", "options"?}`, through `checkEligibility`.
pub fn eligibility(data: &[u8]) {
    if let Some(request) = text(data) {
        answer(n::check_eligibility_json(request));
    }
}

/// Access input through `checkAccess`.
pub fn access(data: &[u8]) {
    if let Some(request) = text(data) {
        answer(n::check_access_json(request));
    }
}

/// Shared mailbox plan input through `planSharedMailboxes`.
pub fn mailbox(data: &[u8]) {
    if let Some(request) = text(data) {
        answer(n::plan_shared_mailboxes_json(request));
    }
}

type Twin = fn(&str) -> Result<String, EngineError>;

/// The JS-facing JSON twins by their JS names.
pub const TWINS: [(&str, Twin); 10] = [
    ("evaluateAccount", n::evaluate_account_json),
    ("evaluateAccounts", n::evaluate_accounts_json),
    ("timeline", n::timeline_json),
    ("addWorkingDays", n::add_working_days_json),
    ("checkAccess", n::check_access_json),
    ("checkEligibility", n::check_eligibility_json),
    ("planSharedMailboxes", n::plan_shared_mailboxes_json),
    ("exportDecisions", n::export_decisions_json),
    ("parseRosterCsv", n::parse_roster_csv_json),
    ("comparePolicies", n::compare_policies_json),
];

/// Every JSON twin: the input is the operation's JS name, a newline, then its request
/// (`checkAccess\n{"input": ...}`).
pub fn json_twins(data: &[u8]) {
    let Some(input) = text(data) else {
        return;
    };
    let Some((name, request)) = input.split_once('\n') else {
        return;
    };
    if let Some((_, twin)) = TWINS.iter().find(|(n, _)| *n == name) {
        answer(twin(request));
    }
}

/// Hands out at most `size` bytes a read, as a pipe or a slow upload would.
struct Pieces<'a> {
    rest: &'a [u8],
    size: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.size.min(buf.len()).min(self.rest.len());
        let (head, tail) = self.rest.split_at(n);
        buf[..n].copy_from_slice(head);
        self.rest = tail;
        Ok(n)
    }
}

/// A CSV error lists its problems well: at most 1,000, in line order, each with a message, the
/// first being the error's own place and message.
fn clear_csv(e: &EngineError) {
    clear(e);
    if e.code != n::ErrorCode::InvalidCsv {
        return;
    }
    assert!(!e.problems.is_empty() && e.problems.len() <= n::MAX_CSV_PROBLEMS);
    assert!(
        e.problems.windows(2).all(|w| w[0].line <= w[1].line),
        "{e:?}"
    );
    assert!(e
        .problems
        .iter()
        .all(|p| !p.message.trim().is_empty() && p.column >= 1));
    assert_eq!(e.path, e.problems[0].place());
    assert_eq!(e.detail, e.problems[0].message);
}

/// The whole-file reader over `bytes` handed out `size` at a time.
fn streamed(
    bytes: &[u8],
    size: usize,
    options: &n::CsvOptions,
) -> Result<n::RosterCsv, EngineError> {
    n::parse_roster_csv_from(|| Pieces { rest: bytes, size }, options)
}

/// The whole read and the streamed one agree; a read roster survives a JSON round trip and can
/// be decided.
fn whole_and_streamed(bytes: &[u8], size: u8, options: &n::CsvOptions) {
    let whole = n::parse_roster_csv_bytes(bytes, options);
    let pieces = usize::from(size % 16) + 1;
    assert_eq!(streamed(bytes, pieces, options), whole, "streamed differs");
    match whole {
        Ok(csv) => {
            let json = serde_json::to_string(&csv).expect("a roster serialises");
            let back = Roster::from_json(&json).expect("a parsed roster reads back");
            let roster: Roster = csv.into();
            assert_eq!(back, roster, "the JSON round trip changed the roster");
            decide(
                &roster,
                day(2025, 4, 1),
                &PolicySet::built_in("national").unwrap(),
            );
        }
        Err(e) => clear_csv(&e),
    }
}

/// Roster CSV text (the first byte sets the read size): `parseRosterCsv` on the whole text agrees
/// with the same read over a reader handing out small pieces.
pub fn roster_csv(data: &[u8]) {
    let Some((&size, rest)) = data.split_first() else {
        return;
    };
    let Some(csv) = text(rest) else {
        return;
    };
    let whole = n::parse_roster_csv(csv, &n::CsvOptions::default());
    assert_eq!(
        whole,
        n::parse_roster_csv_bytes(rest, &n::CsvOptions::default())
    );
    whole_and_streamed(rest, size, &n::CsvOptions::default());
}

/// A roster file's bytes in any encoding (the first byte sets the read size and the options:
/// none, `defaultKind`, or `columns` naming the first header): read whole and streamed alike.
pub fn roster_bytes(data: &[u8]) {
    let Some((&size, rest)) = data.split_first() else {
        return;
    };
    let mut options = n::CsvOptions::default();
    if size & 0x10 != 0 {
        options.default_kind = Some(n::AccountKind::User);
    }
    if size & 0x20 != 0 {
        let first = rest
            .split(|b| *b == b',' || *b == b'\n')
            .next()
            .unwrap_or_default();
        let header = String::from_utf8_lossy(first).trim().to_owned();
        options.columns = Some([(n::RosterColumn::Id, header)].into_iter().collect());
    }
    whole_and_streamed(rest, size, &options);
}

/// Roster JSON: `Roster::from_json` on the whole text agrees with `read_roster_json` streaming
/// the same bytes; a read roster can be decided.
pub fn roster_json(data: &[u8]) {
    let Some(json) = text(data) else {
        return;
    };
    let whole = Roster::from_json(json);
    let mut streamed = Vec::new();
    let read = n::read_roster_json(data, |_, account| streamed.push(account));
    // The streamed read reports the first problem in reading order, account by account; the
    // whole read checks the syntax of the whole text first. Both refuse the same documents (a
    // second `accounts` list included).
    match (&whole, &read) {
        (Ok(roster), Ok(count)) => {
            assert_eq!(*count, streamed.len());
            assert_eq!(roster.accounts, streamed, "streamed differs");
        }
        (Err(e), Err(f)) => {
            clear(e);
            clear(f);
        }
        (Ok(_), Err(f)) => panic!("only the stream refused: {f:?}"),
        (Err(e), Ok(_)) => panic!("only the whole read refused: {e:?}"),
    }
    match whole {
        Ok(roster) => decide(
            &roster,
            day(2025, 4, 1),
            &PolicySet::built_in("ncl-icb").unwrap(),
        ),
        Err(e) => clear(&e),
    }
}

/// Accounts of every shape, decided under a fuzzed policy.
const ROSTER: &str = r#"{"accounts": [
 {"id": "new", "kind": "user", "created": "2022-11-01", "onboarded": false, "events": []},
 {"id": "jane", "kind": "user", "created": "2021-01-06", "onboarded": true, "events": [
   {"on": "2021-01-06", "type": "aupAccepted"},
   {"on": "2021-02-20", "type": "activity", "channel": "emailSent"},
   {"on": "2022-06-01", "type": "markedLeaver"},
   {"on": "2023-01-09", "type": "joined"}]},
 {"id": "off", "kind": "user", "created": "2020-05-05", "onboarded": true, "events": [
   {"on": "2020-05-05", "type": "aupAccepted"},
   {"on": "2020-06-01", "type": "disabled"},
   {"on": "2024-06-01", "type": "enabled"}]},
 {"id": "shared", "kind": "shared", "created": "2019-03-01", "onboarded": true, "events": []}
]}"#;

/// Policy JSON (`{"policySet", "policies"}`, as a person keeps it in a file): read it, then decide
/// accounts of every shape under it, on days either side of each policy's start.
pub fn policy(data: &[u8]) {
    let Some(json) = text(data) else {
        return;
    };
    let set = match EvaluationOptions::from_json(json) {
        Ok(set) => set,
        Err(e) => return clear(&e),
    };
    let roster = Roster::from_json(ROSTER).expect("the fixed roster is good");
    let mut days = vec![
        IsoDate::from_ymd(2019, 1, 1),
        IsoDate::from_ymd(2026, 11, 21),
    ];
    for p in set.policies() {
        let from = p.effective_from;
        days.extend([from.pred(), Some(from), from.succ()]);
    }
    for on in days.into_iter().flatten() {
        for account in &roster.accounts {
            if let Err(e) = n::evaluate_account(account, on, &set) {
                clear(&e);
            }
            if let Err(e) = n::timeline(account, on, &set) {
                clear(&e);
            }
        }
        decide(&roster, on, &set);
    }
}

/// A saved decisions file read back (`DecisionExport::from_json`): refused with a clear error, or
/// read, and then written out and read again to the same export.
pub fn decisions(data: &[u8]) {
    let Some(json) = text(data) else {
        return;
    };
    match DecisionExport::from_json(json) {
        Ok(export) => {
            let again = serde_json::to_string(&export).expect("an export serialises");
            calendar_dates_only(&again);
            assert_eq!(DecisionExport::from_json(&again).as_ref(), Ok(&export));
        }
        Err(e) => clear(&e),
    }
}
