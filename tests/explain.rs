//! `explain: true` (docs/READINGS.md, "Section 3: explanations"): each transition's `because`,
//! with the days counted, the limit and the policy change that caused it. Every expected value
//! here is worked out by hand from SPEC sections 2 and 3 (the dates and day counts are in the
//! comments), not copied from the engine's output.

use nhsmail_rules::{
    evaluate_account, evaluate_account_explained, evaluate_account_json, evaluate_accounts_json,
    Account, ErrorCode, EvaluationOptions, IsoDate,
};
use serde_json::{json, Value};

const SPEC_ACCOUNT: &str = include_str!("fixtures/spec-section-3-account.json");
const SPEC_OUTPUT: &str = include_str!("fixtures/spec-section-3-output.json");

fn evaluate(account: Value, as_of: &str, options: Value) -> Value {
    let request = json!({ "account": account, "asOf": as_of, "options": options });
    let out = evaluate_account_json(&request.to_string()).unwrap();
    serde_json::from_str(&out).unwrap()
}

/// `(on, rule, because)` of every transition.
fn explained(result: &Value) -> Vec<(String, String, Value)> {
    result["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["on"].as_str().unwrap().to_owned(),
                t["rule"].as_str().unwrap().to_owned(),
                t["because"].clone(),
            )
        })
        .collect()
}

fn because(text: &str, days: Option<u32>, limit: Option<u32>, change: Value) -> Value {
    json!({ "text": text, "daysCounted": days, "limit": limit, "policyChange": change })
}

fn event(text: &str) -> Value {
    because(text, None, None, Value::Null)
}

fn row(on: &str, rule: &str, because: Value) -> (String, String, Value) {
    (on.to_owned(), rule.to_owned(), because)
}

/// The result with every transition's `because` taken out.
fn without_because(mut result: Value) -> Value {
    for t in result["transitions"].as_array_mut().unwrap() {
        t.as_object_mut().unwrap().remove("because");
    }
    result
}

fn spec_account() -> Value {
    serde_json::from_str(SPEC_ACCOUNT).unwrap()
}

#[test]
fn north_central_london_names_the_policy_change_of_1_december_2022() {
    // SPEC section 2: ncl-icb counts 90 days until 30 November 2022 and 30 from 1 December. Last
    // sign-in 20 October 2022: under 90 days it was due inactive on 18 January 2023; on 1 December
    // it is 11 + 30 + 1 = 42 days, over the new 30 but short of 60 (30 + 30) for deletion, so
    // LC-INACTIVE fires that day, because of the change. Then 30 days inactive (31 December) and
    // a 30-day restore window (30 January 2023), under the unchanged new policy.
    let account = json!({ "id": "ncl", "kind": "user", "created": "2022-09-01", "onboarded": true,
        "events": [ { "on": "2022-10-20", "type": "activity", "channel": "office365Login" } ] });
    let out = evaluate(
        account,
        "2023-02-15",
        json!({ "policySet": "ncl-icb", "explain": true }),
    );
    assert_eq!(
        explained(&out),
        [
            row("2022-12-01", "LC-INACTIVE", because(
                "On 1 December 2022 the policy changed from 90 to 30 days without a sign-in. The last sign-in or sent email was on 20 October 2022, 42 days before, so the account became inactive.",
                Some(42), Some(30),
                json!({ "on": "2022-12-01", "policyId": "ncl-icb-2022-12", "from": 90, "to": 30 }),
            )),
            row("2022-12-31", "LC-INACTIVE-DELETED", because(
                "Inactive for 30 days since 1 December 2022, so the account was deleted.",
                Some(30), Some(30), Value::Null,
            )),
            row("2023-01-30", "LC-RESTORE-WINDOW", because(
                "Deleted on 31 December 2022, 30 days before, and not restored within the 30-day restore window, so it was permanently deleted.",
                Some(30), Some(30), Value::Null,
            )),
        ]
    );
}

#[test]
fn a_change_that_makes_an_account_overdue_for_both_deletes_it_and_says_so() {
    // Last sign-in 20 September 2022: on 1 December 2022 that is 10 + 31 + 30 + 1 = 72 days, at
    // least 30 + 30 = 60 under the new policy (LC-ACTIVE-DELETED), where the old 90 + 90 = 180
    // would not even have made it inactive (due 19 December).
    let account = json!({ "id": "a", "kind": "user", "created": "2022-09-01", "onboarded": true,
        "events": [ { "on": "2022-09-20", "type": "activity", "channel": "emailSent" } ] });
    let out = evaluate(
        account,
        "2022-12-01",
        json!({ "policySet": "ncl-icb", "explain": true }),
    );
    assert_eq!(
        explained(&out),
        [row("2022-12-01", "LC-ACTIVE-DELETED", because(
            "On 1 December 2022 the policy changed from 180 to 60 days without a sign-in before an account is deleted. The last sign-in or sent email was on 20 September 2022, 72 days before, so the account was deleted straight from active.",
            Some(72), Some(60),
            json!({ "on": "2022-12-01", "policyId": "ncl-icb-2022-12", "from": 180, "to": 60 }),
        ))]
    );
}

#[test]
fn the_spec_section_3_example_explained() {
    // Created 6 January 2025 with the AUP and Account Secret that day (activity): 30 days later,
    // 5 February, inactive; the email sent on 20 February reactivates it; 30 days after that,
    // 22 March, inactive again. One unchanging national policy: no policy change.
    let out = evaluate(spec_account(), "2025-04-01", json!({ "explain": true }));
    assert_eq!(
        explained(&out),
        [
            row(
                "2025-02-05",
                "LC-INACTIVE",
                because(
                    "No sign-in or sent email for 30 days: the last was on 6 January 2025.",
                    Some(30),
                    Some(30),
                    Value::Null,
                )
            ),
            row(
                "2025-02-20",
                "LC-REACTIVATED",
                event("Reactivated by a sign-in or sent email on 20 February 2025.")
            ),
            row(
                "2025-03-22",
                "LC-INACTIVE",
                because(
                    "No sign-in or sent email for 30 days: the last was on 20 February 2025.",
                    Some(30),
                    Some(30),
                    Value::Null,
                )
            ),
        ]
    );
    // `because` comes last in each transition, after `rule`.
    let request =
        json!({ "account": spec_account(), "asOf": "2025-04-01", "options": { "explain": true } });
    let text = evaluate_account_json(&request.to_string()).unwrap();
    assert!(text.contains(
        r#""rule":"LC-REACTIVATED","because":{"text":"Reactivated by a sign-in or sent email on 20 February 2025.","daysCounted":null,"limit":null,"policyChange":null}}"#
    ), "{text}");
}

#[test]
fn without_explain_the_spec_output_is_unchanged_and_explain_only_adds_because() {
    let compact = |v: &Value| serde_json::to_string(v).unwrap();
    let spec: Value = serde_json::from_str(SPEC_OUTPUT).unwrap();
    let plain = evaluate(spec_account(), "2025-04-01", Value::Null);
    let off = evaluate(spec_account(), "2025-04-01", json!({ "explain": false }));
    let on = evaluate(spec_account(), "2025-04-01", json!({ "explain": true }));
    // The SPEC's fields, in the SPEC's order (`actions`, issue 3's addition, after them).
    let mut spec_part = plain.clone();
    spec_part.as_object_mut().unwrap().remove("actions");
    assert_eq!(compact(&spec_part), compact(&spec));
    assert!(!compact(&plain).contains("because"));
    assert_eq!(compact(&off), compact(&plain));
    assert_eq!(compact(&without_because(on)), compact(&plain));
}

#[test]
fn explaining_never_changes_a_worked_example() {
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/fixtures/lifecycle-cases.json"),
        )
        .unwrap(),
    )
    .unwrap();
    for case in file["cases"].as_array().unwrap() {
        let mut options =
            case.get("options")
                .cloned()
                .unwrap_or_else(|| match case.get("policySet") {
                    Some(id) => json!({ "policySet": id }),
                    None => json!({}),
                });
        let plain = evaluate(
            case["account"].clone(),
            case["asOf"].as_str().unwrap(),
            options.clone(),
        );
        options["explain"] = json!(true);
        let on = evaluate(
            case["account"].clone(),
            case["asOf"].as_str().unwrap(),
            options,
        );
        let transitions = on["transitions"].as_array().unwrap();
        assert!(transitions.iter().all(|t| t["because"]["text"]
            .as_str()
            .is_some_and(|s| s.ends_with('.'))));
        assert_eq!(without_because(on), plain, "{}", case["account"]["id"]);
    }
}

#[test]
fn onboarding_deadline_says_what_is_missing() {
    // Created 6 January 2025, not onboarded; the AUP accepted on 10 January but no Account
    // Secret. LC-ONBOARDING is due on 6 January + 30 = 5 February, before LC-INACTIVE (10 January
    // + 30 = 9 February).
    let account = json!({ "id": "new", "kind": "user", "created": "2025-01-06",
        "events": [ { "on": "2025-01-10", "type": "aupAccepted" } ] });
    let out = evaluate(account, "2025-02-10", json!({ "explain": true }));
    assert_eq!(
        explained(&out),
        [row("2025-02-05", "LC-ONBOARDING", because(
            "The Account Secret was not set within 30 days of the account being created on 6 January 2025, so it became inactive.",
            Some(30), Some(30), Value::Null,
        ))]
    );
}

#[test]
fn events_say_what_happened_and_when_and_the_clock_they_restart() {
    // Joined Oak Lodge on 15 February 2025: active again, no activity since, so inactive 30 days
    // later, on 17 March, counted from the joining.
    let account = json!({ "id": "j", "kind": "user", "created": "2025-01-06", "onboarded": true,
        "events": [ { "on": "2025-01-20", "type": "disabled" },
                    { "on": "2025-02-01", "type": "enabled" },
                    { "on": "2025-02-10", "type": "markedLeaver" },
                    { "on": "2025-02-15", "type": "joined", "organisation": "Oak Lodge" } ] });
    let out = evaluate(account, "2025-03-20", json!({ "explain": true }));
    assert_eq!(
        explained(&out),
        [
            row("2025-01-20", "LC-DISABLED", event("Disabled by a local administrator on 20 January 2025.")),
            row("2025-02-01", "LC-ENABLED", event("Enabled again by a local administrator on 1 February 2025, so its inactivity clock starts again.")),
            row("2025-02-10", "LC-LEAVER-MARKED", event("Marked as a leaver by the helpdesk on 10 February 2025.")),
            row("2025-02-15", "LC-JOINER", event("Joined Oak Lodge on 15 February 2025, so the account is active again.")),
            row("2025-03-17", "LC-INACTIVE", because(
                "No sign-in or sent email for 30 days: the account joined a new organisation on 15 February 2025.",
                Some(30), Some(30), Value::Null,
            )),
        ]
    );
}

#[test]
fn a_restore_and_a_clock_that_started_at_creation() {
    // Onboarded, never used: inactive 30 days after creation (5 February 2025), deleted 30 days
    // later (7 March), restored by the helpdesk on 20 March.
    let account = json!({ "id": "r", "kind": "user", "created": "2025-01-06", "onboarded": true,
        "events": [ { "on": "2025-03-20", "type": "restored" } ] });
    let out = evaluate(account, "2025-03-25", json!({ "explain": true }));
    assert_eq!(
        explained(&out),
        [
            row("2025-02-05", "LC-INACTIVE", because(
                "No sign-in or sent email for 30 days: the account was created on 6 January 2025.",
                Some(30), Some(30), Value::Null,
            )),
            row("2025-03-07", "LC-INACTIVE-DELETED", because(
                "Inactive for 30 days since 5 February 2025, so the account was deleted.",
                Some(30), Some(30), Value::Null,
            )),
            row("2025-03-20", "LC-RESTORED", event("Restored by the helpdesk on 20 March 2025, within the restore window.")),
        ]
    );
}

#[test]
fn disabled_retention_counts_months_and_a_leaver_days() {
    // Created 1 February 2024 (active until 2 March), disabled 1 March 2024; + 18 months =
    // 1 September 2025; 365 days to 1 March 2025, then 31 + 30 + 31 + 30 + 31 + 31 = 184: 549.
    let disabled = json!({ "id": "d", "kind": "user", "created": "2024-02-01", "onboarded": true,
        "events": [ { "on": "2024-03-01", "type": "disabled" } ] });
    let out = evaluate(disabled, "2025-10-01", json!({ "explain": true }));
    let rows = explained(&out);
    assert_eq!(
        rows[1],
        row("2025-09-01", "LC-DISABLED-RETENTION", because(
            "Disabled on 1 March 2024, 549 days before: a disabled account is kept for 18 months, then deleted.",
            Some(549), Some(18), Value::Null,
        ))
    );
    // Marked a leaver 1 February 2025: purged 30 days later, 3 March.
    let leaver = json!({ "id": "l", "kind": "user", "created": "2025-01-06", "onboarded": true,
        "events": [ { "on": "2025-02-01", "type": "markedLeaver" } ] });
    let out = evaluate(leaver, "2025-03-05", json!({ "explain": true }));
    assert_eq!(
        explained(&out)[1],
        row("2025-03-03", "LC-LEAVER", because(
            "Marked as a leaver on 1 February 2025, 30 days before: a leaver's account is permanently deleted after 30 days.",
            Some(30), Some(30), Value::Null,
        ))
    );
}

#[test]
fn a_policy_that_starts_the_same_day_but_did_not_cause_the_move_is_not_named() {
    // 30 days until 4 February 2025, 20 from 5 February. Created 6 January, never used: due on
    // 5 February under the old policy anyway (30 days), so no policy change is named; 30 days
    // counted, over the new limit of 20.
    let options = json!({ "policySet": "mine", "explain": true, "policies": [
        { "id": "old", "effectiveFrom": "2020-01-01" },
        { "id": "new", "effectiveFrom": "2025-02-05", "inactiveAfterDays": 20 } ] });
    let account = json!({ "id": "p", "kind": "user", "created": "2025-01-06", "onboarded": true });
    let out = evaluate(account, "2025-02-06", options);
    assert_eq!(
        explained(&out),
        [row("2025-02-05", "LC-INACTIVE", because(
            "No sign-in or sent email for 30 days, more than the 20 allowed: the account was created on 6 January 2025.",
            Some(30), Some(20), Value::Null,
        ))]
    );
}

#[test]
fn evaluate_accounts_and_the_rust_api_explain_too() {
    let request = json!({ "accounts": [spec_account(), spec_account()], "asOf": "2025-04-01",
        "options": { "explain": true } });
    let out: Value =
        serde_json::from_str(&evaluate_accounts_json(&request.to_string()).unwrap()).unwrap();
    let single = evaluate(spec_account(), "2025-04-01", json!({ "explain": true }));
    assert_eq!(out, json!([single, single]));

    let account: Account = serde_json::from_str(SPEC_ACCOUNT).unwrap();
    let as_of: IsoDate = "2025-04-01".parse().unwrap();
    let set = EvaluationOptions::built_in("national").resolve().unwrap();
    let rust = evaluate_account_explained(&account, as_of, &set).unwrap();
    assert_eq!(serde_json::to_value(&rust).unwrap(), single);
    let plain = evaluate_account(&account, as_of, &set).unwrap();
    assert!(plain.transitions.iter().all(|t| t.because.is_none()));
    let first = rust.transitions[0].because.as_deref().unwrap();
    assert_eq!((first.days_counted, first.limit), (Some(30), Some(30)));
}

#[test]
fn explain_must_be_true_or_false() {
    for bad in [json!("yes"), json!(1), json!([true]), json!({})] {
        let request = json!({ "account": spec_account(), "asOf": "2025-04-01",
            "options": { "explain": bad } });
        let e = evaluate_account_json(&request.to_string()).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidField, "options.explain"),
            "{e}"
        );
        let request = json!({ "accounts": [spec_account()], "asOf": "2025-04-01",
            "options": { "explain": bad } });
        let e = evaluate_accounts_json(&request.to_string()).unwrap_err();
        assert_eq!(
            (e.code, e.path.as_str()),
            (ErrorCode::InvalidField, "options.explain"),
            "{e}"
        );
    }
    // null is "not given".
    let request =
        json!({ "account": spec_account(), "asOf": "2025-04-01", "options": { "explain": null } });
    assert!(!evaluate_account_json(&request.to_string())
        .unwrap()
        .contains("because"));
}
