//! The entry points the web app uses: a roster or a policy set read from a file a person chose,
//! and the incremental `Exporter` the roster page drives in chunks.

use nhsmail_rules::{
    export_decisions, parse_roster_csv, CsvOptions, EvaluationOptions, Exporter, IsoDate,
    PolicySet, Roster, Sites,
};

fn d(s: &str) -> IsoDate {
    s.parse().unwrap()
}

const CSV: &str = "id,kind,created,lastActivity,onboarded,recordedState
amy,user,2025-01-02,2025-03-01,true,active
bob,user,2025-01-02,2025-05-20,true,inactive
cat,shared,2024-06-01,,true,
dan,user,2025-04-01,,false,active
";

#[test]
fn exporter_in_chunks_gives_the_same_bytes_as_export_decisions() {
    let roster: Roster = parse_roster_csv(CSV, &CsvOptions::default())
        .unwrap()
        .into();
    let set = PolicySet::built_in("national").unwrap();
    let whole = export_decisions(&roster, d("2025-06-01"), &set, 7).unwrap();
    let mut exporter = Exporter::new(d("2025-06-01"), &set, 7);
    for chunk in roster.accounts.chunks(3).enumerate() {
        for (j, a) in chunk.1.iter().enumerate() {
            exporter.push(a, chunk.0 * 3 + j).unwrap();
        }
    }
    let chunked = exporter.finish();
    assert_eq!(
        serde_json::to_string(&chunked).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
    assert_eq!(chunked.summary.accounts, 4);
}

#[test]
fn exporter_errors_name_the_account() {
    let roster: Roster = parse_roster_csv(CSV, &CsvOptions::default())
        .unwrap()
        .into();
    let set = PolicySet::built_in("national").unwrap();
    // asOf before an account's creation: the error names the account by index and id.
    let mut exporter = Exporter::new(d("2025-01-01"), &set, 7);
    let e = exporter.push(&roster.accounts[0], 2).unwrap_err();
    assert_eq!(e.path, "asOf");
    assert!(
        e.detail.contains("accounts[2]") && e.detail.contains("`amy`"),
        "{}",
        e.detail
    );
}

#[test]
fn roster_from_json_reads_the_contract_and_names_bad_fields() {
    let r = Roster::from_json(r#"{"accounts":[{"id":"a","kind":"user","created":"2025-01-02"}]}"#)
        .unwrap();
    assert_eq!(r.accounts.len(), 1);
    let e = Roster::from_json(
        r#"{"accounts":[{"id":"a","kind":"user","created":"2025-01-02"},{"id":"b","kind":"user","created":"2025-02-30"}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "accounts[1].created");
    // Of two problems in one account, the first in the text is named.
    let e = Roster::from_json(
        r#"{"accounts":[{"id":"a","kind":"robot","created":"2025-01-02","events":[{"on":"2025-01-03","type":"activity","channel":"fax"}]}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "accounts[0].kind");
    for junk in ["", "[]", "null", "42", "{", r#"{"accounts": 3}"#] {
        let e = Roster::from_json(junk).unwrap_err();
        assert!(!e.render().is_empty(), "{junk:?}");
    }
    // The direct path (an object read straight into the roster) answers as the tracked path:
    // leading whitespace is fine, an array is never read as the roster's fields, and a repeated
    // key is an error naming it, as in the npm module's JSON-text calls.
    let one = r#"[{"id":"a","kind":"user","created":"2025-01-02"}]"#;
    let spaced = Roster::from_json(&format!(" \r\n\t{{\"accounts\":{one}}}")).unwrap();
    assert_eq!(spaced.accounts.len(), 1);
    let e = Roster::from_json(&format!("[{one}]")).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_field");
    let e = Roster::from_json(&format!(r#"{{"accounts":[],"accounts":{one}}}"#)).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("invalid_field", "accounts")
    );
    assert!(e.render().contains("given twice"), "{}", e.render());
    let e = Roster::from_json("{\n  \"accounts\": [,]\n}").unwrap_err();
    assert_eq!(e.code.as_str(), "invalid_json");
    assert!(e.render().contains("line 2, column"), "{}", e.render());
}

#[test]
fn policy_set_from_json_reads_a_file_and_names_bad_fields() {
    let set = EvaluationOptions::from_json(
        r#"{"policySet":"my-trust","policies":[{"id":"p1","effectiveFrom":"2024-01-01","inactiveAfterDays":45}]}"#,
    )
    .unwrap();
    assert_eq!(set.id, "my-trust");
    assert_eq!(set.policies()[0].inactive_after_days.get(), 45);
    let e = EvaluationOptions::from_json(
        r#"{"policySet":"my-trust","policies":[{"id":"p1","effectiveFrom":"2024-13-01"}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.path, "options.policies[0].effectiveFrom");
    let e = EvaluationOptions::from_json(r#"{"policySet":"nowhere"}"#).unwrap_err();
    assert_eq!(e.path, "options.policySet");
    for junk in ["", "[]", "null", "\"national\"", "{\"policies\": []}"] {
        assert!(EvaluationOptions::from_json(junk).is_err(), "{junk:?}");
    }
}

/// The eligibility checker builds its input without JSON: `Sites::new` takes exactly the numbers
/// the `sites` field of `checkEligibility`'s JSON takes.
#[test]
fn sites_new_takes_what_the_json_field_takes() {
    for n in [0, 1, 2, 999_999, 1_000_000, 1_000_001, u32::MAX] {
        let from_json = serde_json::from_str::<Sites>(&n.to_string()).ok();
        assert_eq!(Sites::new(n), from_json, "{n}");
    }
    assert!(Sites::new(0).is_none());
    assert!(Sites::new(1_000_000).is_some());
}
