//! Sections 4 to 7 through their JSON twins: every scenario case with a `call` (see the `format`
//! field of each file under `scenarios/`), the export's JSON Schema, and snapshots of the
//! JS-facing JSON of each operation.

use std::path::{Path, PathBuf};

use nhsmail_rules::{
    add_working_days_json, check_access_json, check_eligibility_json, compare_policies_json,
    export_decisions_json, parse_roster_csv_json, plan_shared_mailboxes_json, DecisionExport,
    EngineError,
};
use serde_json::{json, Value};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

type Twin = fn(&str) -> Result<String, EngineError>;

/// The JSON twin of a JS operation.
fn twin(operation: &str) -> Twin {
    match operation {
        "checkAccess" => check_access_json,
        "checkEligibility" => check_eligibility_json,
        "planSharedMailboxes" => plan_shared_mailboxes_json,
        "exportDecisions" => export_decisions_json,
        "parseRosterCsv" => parse_roster_csv_json,
        "comparePolicies" => compare_policies_json,
        "addWorkingDays" => add_working_days_json,
        other => panic!("unknown call `{other}`"),
    }
}

/// Runs the named operation's JSON twin on its named arguments.
pub fn call(operation: &str, args: &Value) -> Result<Value, EngineError> {
    twin(operation)(&args.to_string()).map(|s| serde_json::from_str(&s).unwrap())
}

/// `expected` is a recursive subset of `actual`: listed keys match, arrays match element-wise.
#[track_caller]
fn assert_matches(name: &str, at: &str, expected: &Value, actual: &Value) {
    match (expected, actual) {
        (Value::Object(want), Value::Object(got)) => {
            for (key, w) in want {
                let g = got
                    .get(key)
                    .unwrap_or_else(|| panic!("{name}: no `{at}.{key}` in {actual:#}"));
                assert_matches(name, &format!("{at}.{key}"), w, g);
            }
        }
        (Value::Array(want), Value::Array(got)) => {
            assert_eq!(
                want.len(),
                got.len(),
                "{name}: `{at}` length\ngot: {actual:#}"
            );
            for (i, (w, g)) in want.iter().zip(got).enumerate() {
                assert_matches(name, &format!("{at}[{i}]"), w, g);
            }
        }
        _ => assert_eq!(expected, actual, "{name}: `{at}`"),
    }
}

fn decisions_schema() -> jsonschema::Validator {
    let schema = read_json(&tests_dir().join("../schemas/decisions-2.schema.json"));
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[track_caller]
fn assert_valid_export(validator: &jsonschema::Validator, name: &str, export: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(export)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{name}: schema: {errors:?}");
}

#[test]
fn operation_scenarios_pass() {
    let validator = decisions_schema();
    let mut files: Vec<_> = std::fs::read_dir(tests_dir().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut count = 0;
    for path in files {
        let file = read_json(&path);
        for case in file["cases"].as_array().unwrap() {
            let Some(operation) = case["call"].as_str() else {
                continue;
            };
            count += 1;
            let name = format!(
                "{}: {}",
                path.file_name().unwrap().to_string_lossy(),
                case["name"]
            );
            let result = call(operation, &case["args"]);
            if let Some(want) = case.get("expectedError") {
                let e = result
                    .err()
                    .unwrap_or_else(|| panic!("{name}: expected an error"));
                assert_eq!(e.code.as_str(), want["code"], "{name}: code ({e})");
                if let Some(path) = want.get("path") {
                    assert_eq!(e.path, path.as_str().unwrap(), "{name}: path ({e})");
                }
                if let Some(part) = want.get("messageContains") {
                    let part = part.as_str().unwrap();
                    assert!(e.to_string().contains(part), "{name}: `{e}` lacks `{part}`");
                }
                continue;
            }
            let got = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_matches(&name, "", &case["expected"], &got);
            if operation == "exportDecisions" {
                assert_valid_export(&validator, &name, &got);
            }
        }
    }
    assert!(count >= 100, "only {count} operation cases");
}

/// A roster that reaches every action, used by the snapshot and schema tests.
pub fn sample_roster() -> Value {
    let user = |id: &str, created: &str, events: Value, recorded: Option<&str>| {
        let mut a = json!({ "id": id, "kind": "user", "created": created, "onboarded": true, "events": events });
        if let Some(r) = recorded {
            a["recordedState"] = json!(r);
        }
        a
    };
    json!({ "accounts": [
        user("amy.active", "2025-05-01", json!([{ "on": "2025-05-08", "type": "activity", "channel": "emailSent" }]), Some("inactive")),
        user("ben.inactive", "2025-04-20", json!([]), None),
        user("cat.disabled", "2025-01-02", json!([{ "on": "2025-03-01", "type": "disabled" }]), None),
        user("dan.leaver", "2025-05-01", json!([{ "on": "2025-05-15", "type": "markedLeaver" }]), None),
        user("eve.deleted", "2025-03-10", json!([]), None),
        user("fay.purged", "2024-01-02", json!([]), Some("deleted")),
        user("gus.new", "2025-05-27", json!([]), None),
        user("hal.held", "2024-01-02", json!([]), Some("disabled")),
        { "id": "shared.box", "kind": "shared", "created": "2020-01-01" }
    ] })
}

#[test]
fn export_is_schema_valid_byte_identical_and_snapshotted() {
    let args = json!({ "roster": sample_roster(), "asOf": "2025-06-01" });
    let a = export_decisions_json(&args.to_string()).unwrap();
    let b = export_decisions_json(&args.to_string()).unwrap();
    assert_eq!(a, b, "same input, same bytes");
    let export: Value = serde_json::from_str(&a).unwrap();
    assert_valid_export(&decisions_schema(), "sample", &export);
    let actions: Vec<&str> = export["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["action"].as_str().unwrap())
        .collect();
    for action in [
        "reactivate",
        "markInactive",
        "disable",
        "markLeaver",
        "delete",
        "purge",
        "remind",
    ] {
        assert!(actions.contains(&action), "no {action} in {actions:?}");
    }
    insta::assert_snapshot!("export_decisions", a);
}

#[test]
fn the_schema_refuses_what_the_contract_forbids() {
    let validator = decisions_schema();
    let args = json!({ "roster": sample_roster(), "asOf": "2025-06-01" });
    let good: Value =
        serde_json::from_str(&export_decisions_json(&args.to_string()).unwrap()).unwrap();
    let mut extra = good.clone();
    extra["decisions"][0]["note"] = json!("x");
    let mut missing = good.clone();
    missing["summary"]["byAction"]
        .as_object_mut()
        .unwrap()
        .remove("remind");
    let mut bad_id = good.clone();
    bad_id["decisions"][0]["id"] = json!("ABC");
    // format "date" as well as the pattern: a validator with formats on refuses an impossible day.
    let mut impossible = good.clone();
    impossible["asOf"] = json!("2025-02-30");
    let mut no_held = good.clone();
    no_held.as_object_mut().unwrap().remove("held");
    let mut bad_held = good.clone();
    bad_held["held"][0]["recordedState"] = json!("deleted");
    for (what, doc) in [
        ("extra", extra),
        ("missing", missing),
        ("bad id", bad_id),
        ("2025-02-30", impossible),
        ("no held list", no_held),
        ("a held deleted account", bad_held),
    ] {
        assert!(!validator.is_valid(&doc), "{what} should be refused");
    }
}

#[test]
fn a_version_1_export_is_still_read_and_written_back_byte_for_byte() {
    let v1 = r#"{"schema":"nhsmail-decisions/1","engineVersion":"0.1.0","asOf":"2025-06-01","policySet":"national","summary":{"accounts":1,"byState":{"active":0,"inactive":1,"disabled":0,"leaver":0,"deleted":0,"purged":0},"byAction":{"reactivate":0,"markInactive":1,"disable":0,"markLeaver":0,"delete":0,"purge":0,"remind":0}},"decisions":[{"id":"5ed3f36e3bda39b488f30db37b17edb26b850efc89b1c0bae42f6e770af651bc","accountId":"jane.doe","action":"markInactive","effectiveOn":"2025-03-22","fromState":"active","toState":"inactive","rule":"LC-INACTIVE","reason":"No sign-in or sent email for 30 days"}]}"#;
    let export = DecisionExport::from_json(v1).unwrap();
    assert_eq!(serde_json::to_string(&export).unwrap(), v1);
    let schema = read_json(&tests_dir().join("../schemas/decisions-1.schema.json"));
    let v1_schema = jsonschema::draft202012::new(&schema).unwrap();
    assert!(v1_schema.is_valid(&serde_json::from_str::<Value>(v1).unwrap()));
    // Each version carries exactly its own fields.
    let v1_with_held = v1.replace(r#""decisions":["#, r#""held":[],"decisions":["#);
    let e = DecisionExport::from_json(&v1_with_held).unwrap_err();
    assert_eq!(e.path, "held");
    let v2_without = v1.replace("nhsmail-decisions/1", "nhsmail-decisions/2");
    let e = DecisionExport::from_json(&v2_without).unwrap_err();
    assert_eq!(e.path, "summary.held");
    let e = DecisionExport::from_json(&v1.replace("/1", "/3")).unwrap_err();
    assert_eq!(e.path, "schema");
}

#[test]
fn snapshots_of_each_operation() {
    let access = json!({ "input": { "state": "inactive", "on": "2025-03-01", "location": "abroad", "service": "portal", "accountSecretSet": true } });
    insta::assert_json_snapshot!("check_access", call("checkAccess", &access).unwrap());
    let eligibility = json!({ "input": { "organisationType": "careProvider", "cqcRegistered": true,
        "dsptStatus": "approachingStandards", "dsptYear": "2024-25", "approachingStandardsBefore": true,
        "sites": 3, "hasLocalAdministrators": true, "asOf": "2026-01-15" } });
    insta::assert_json_snapshot!(
        "check_eligibility",
        call("checkEligibility", &eligibility).unwrap()
    );
    let unsure = json!({ "input": { "organisationType": "careProvider", "cqcRegistered": true, "asOf": "2026-01-15" } });
    insta::assert_json_snapshot!(
        "check_eligibility_unsure",
        call("checkEligibility", &unsure).unwrap()
    );
    let users: Vec<Value> = (1..=10)
        .map(|i| json!({ "id": format!("u{i}"), "siteId": "s1", "lastActivity": "2025-05-20" }))
        .chain([json!({ "id": "amy.lee", "siteId": "s1", "lastActivity": "2025-04-01" })])
        .collect();
    let ids: Vec<String> = (1..=10).map(|i| format!("u{i}")).collect();
    let mailboxes = json!({ "input": {
        "sites": [{ "id": "s1", "name": "Rose Care Home" }],
        "mailboxes": [{ "id": "m1", "siteId": "s1", "owners": ["u1"], "members": ids.iter().skip(1).chain(["amy.lee".to_owned()].iter()).collect::<Vec<_>>() }],
        "users": users,
        "request": { "siteId": "s1", "additional": 3, "justification": "we have three new night staff.", "mdsCompleteOn": "2025-06-02" },
        "asOf": "2025-06-01" } });
    insta::assert_json_snapshot!(
        "plan_shared_mailboxes",
        call("planSharedMailboxes", &mailboxes).unwrap()
    );
    let csv = json!({ "text": "\u{feff}id,kind,created,lastActivity,onboarded,recordedState,organisation\r\njane.doe,user,2025-01-06,2025-02-20,yes,inactive,\"Rose Care Home, Leeds\"\r\n" });
    insta::assert_json_snapshot!("parse_roster_csv", call("parseRosterCsv", &csv).unwrap());
    let compare = json!({ "roster": sample_roster(), "asOf": "2025-06-01", "optionsA": { "policySet": "national" },
        "optionsB": { "policySet": "longer", "policies": [{ "id": "longer-2025", "effectiveFrom": "2016-01-01", "inactiveAfterDays": 60 }] } });
    insta::assert_json_snapshot!(
        "compare_policies",
        call("comparePolicies", &compare).unwrap()
    );
}

#[test]
fn bad_input_to_every_operation_is_a_coded_error_never_a_panic() {
    let ops = [
        "checkAccess",
        "checkEligibility",
        "planSharedMailboxes",
        "exportDecisions",
        "parseRosterCsv",
        "comparePolicies",
        "addWorkingDays",
    ];
    let junk = [
        json!(null),
        json!(true),
        json!(1e300),
        json!(-1),
        json!("2025-02-30"),
        json!([]),
        json!([null]),
        json!({}),
        json!({ "accounts": [{}] }),
        json!({ "accounts": [null] }),
        json!({ "sites": [{ "id": 1 }] }),
    ];
    let names = [
        "input", "roster", "asOf", "text", "options", "optionsA", "date", "n",
    ];
    for op in ops {
        for text in ["", "{", "[]", "null", "\"text\""] {
            assert!(twin(op)(text).is_err(), "{op}: {text:?} accepted");
        }
        for bad in &junk {
            for name in names {
                let args = json!({ name: bad });
                let e = call(op, &args).expect_err(&format!("{op} accepted {args}"));
                assert!(!e.to_string().is_empty());
            }
            // Every argument bad at once.
            let all: serde_json::Map<String, Value> = names
                .iter()
                .map(|n| ((*n).to_owned(), bad.clone()))
                .collect();
            if let Ok(v) = call(op, &Value::Object(all.clone())) {
                panic!("{op} accepted {all:?}: {v}");
            }
        }
    }
}

#[test]
fn errors_name_the_field_in_each_operation() {
    let cases = [
        (
            "checkAccess",
            json!({ "input": { "state": "asleep", "on": "2025-01-01", "location": "uk", "service": "portal" } }),
            "invalid_field",
            "state",
        ),
        (
            "checkAccess",
            json!({ "input": { "state": "active", "on": "2025-01-01", "location": "uk", "service": "portal" }, "options": { "policies": [{ "id": "p", "effectiveFrom": "2020-01-01", "mfaAbroadFrom": "2020-13-01" }] } }),
            "invalid_date",
            "options.policies[0].mfaAbroadFrom",
        ),
        (
            "checkEligibility",
            json!({ "input": { "organisationType": "careProvider", "asOf": "2026-01-01", "sites": 0 } }),
            "invalid_field",
            "sites",
        ),
        (
            "planSharedMailboxes",
            json!({ "input": { "sites": [{ "id": "s1" }], "users": [{ "id": "u1", "siteId": "s1" }, { "id": "u2", "siteId": "s1", "lastActivity": "2025-01-01" }, { "id": "u3", "siteId": "s1" }], "asOf": "2025-06-01" } }),
            "invalid_field",
            "users[0].lastActivity",
        ),
        (
            "planSharedMailboxes",
            json!({ "input": { "sites": [{ "id": "s1" }], "request": { "siteId": "s1", "mdsCompleteOn": "2100-01-04" }, "asOf": "2025-06-01" } }),
            "invalid_date",
            "request.mdsCompleteOn",
        ),
        (
            "exportDecisions",
            json!({ "roster": { "accounts": [{ "id": "a", "kind": "user", "created": "2025-01-01", "recordedState": "gone" }] }, "asOf": "2025-06-01" }),
            "invalid_field",
            "accounts[0].recordedState",
        ),
        (
            "exportDecisions",
            json!({ "roster": { "accounts": [] }, "asOf": "2025-06-01", "options": { "remindWithinDays": 1.5 } }),
            "invalid_field",
            "options.remindWithinDays",
        ),
        (
            "comparePolicies",
            json!({ "roster": { "accounts": [] }, "asOf": "2025-06-01", "optionsB": { "policySet": "mars" } }),
            "unknown_policy_set",
            "optionsB.policySet",
        ),
        (
            "parseRosterCsv",
            json!({ "text": 5 }),
            "invalid_field",
            "text",
        ),
    ];
    for (op, args, code, path) in cases {
        let e = call(op, &args).expect_err(op);
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            (code, path),
            "{op}: {e}"
        );
    }
}

#[test]
fn every_kind_of_counterfactual_action() {
    let eval = |account: Value, as_of: &str| {
        let args = json!({ "account": account, "asOf": as_of });
        let out: Value =
            serde_json::from_str(&nhsmail_rules::evaluate_account_json(&args.to_string()).unwrap())
                .unwrap();
        out["actions"].clone()
    };
    let user = |onboarded: bool, events: Value| json!({ "id": "a", "kind": "user", "created": "2025-01-06", "onboarded": onboarded, "events": events });
    let cases = [
        (
            user(true, json!([])),
            "2025-01-20",
            json!([{ "kind": "signIn", "by": "2025-02-04", "rule": "LC-INACTIVE" }]),
        ),
        (
            user(false, json!([])),
            "2025-01-20",
            json!([{ "kind": "completeOnboarding", "by": "2025-02-04", "rule": "LC-ONBOARDING" }]),
        ),
        (
            user(true, json!([])),
            "2025-02-10",
            json!([{ "kind": "signIn", "by": "2025-03-06", "rule": "LC-INACTIVE-DELETED" }]),
        ),
        (
            user(false, json!([])),
            "2025-02-10",
            json!([{ "kind": "completeOnboarding", "by": "2025-03-06", "rule": "LC-INACTIVE-DELETED" }]),
        ),
        (
            user(true, json!([{ "on": "2025-01-10", "type": "disabled" }])),
            "2025-02-10",
            json!([{ "kind": "askAdministratorToEnable", "by": "2026-07-09", "rule": "LC-DISABLED-RETENTION" }]),
        ),
        (
            user(
                true,
                json!([{ "on": "2025-01-10", "type": "markedLeaver" }]),
            ),
            "2025-02-01",
            json!([{ "kind": "askHelpdeskToMarkJoiner", "by": "2025-02-08", "rule": "LC-LEAVER" }]),
        ),
        (
            user(true, json!([])),
            "2025-03-10",
            json!([{ "kind": "askHelpdeskToRestore", "by": "2025-04-05", "rule": "LC-RESTORE-WINDOW" }]),
        ),
        (user(true, json!([])), "2025-06-10", json!([])),
        (
            json!({ "id": "s", "kind": "shared", "created": "2025-01-06" }),
            "2025-06-10",
            json!([]),
        ),
    ];
    for (account, as_of, want) in cases {
        assert_eq!(eval(account.clone(), as_of), want, "{account} on {as_of}");
    }
}
