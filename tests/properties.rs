//! Property tests of the engine's invariants: the lifecycle (SPEC section 3) and the back-office
//! export (section 7).

use nhsmail_rules::{
    decision_id, evaluate_account, export_decisions, export_decisions_json, timeline, Account,
    AccountKind, Channel, DecisionAction, DecisionExport, Event, EventType, IsoDate, PolicySet,
    Roster, State,
};
use proptest::prelude::*;

fn day(n: u32) -> IsoDate {
    "2021-01-01"
        .parse::<IsoDate>()
        .unwrap()
        .plus_days(u64::from(n))
        .unwrap()
}

fn event_strategy() -> impl Strategy<Value = Event> {
    let kinds = prop_oneof![
        4 => Just(EventType::Activity),
        2 => Just(EventType::AupAccepted),
        2 => Just(EventType::AccountSecretSet),
        1 => Just(EventType::Disabled),
        1 => Just(EventType::Enabled),
        1 => Just(EventType::MarkedLeaver),
        1 => Just(EventType::Joined),
        1 => Just(EventType::Restored),
        1 => Just(EventType::NameChanged),
    ];
    (0u32..900, kinds, 0u8..3).prop_map(|(offset, kind, n)| {
        let mut e = Event::new(day(offset), kind);
        match kind {
            EventType::Activity => e.channel = Some(Channel::PortalLogin),
            EventType::Joined => e.organisation = Some(format!("Org {n}")),
            EventType::NameChanged => e.address = Some(format!("name{n}@nhs.net")),
            _ => {}
        }
        e
    })
}

fn account_strategy() -> impl Strategy<Value = Account> {
    let kind = prop_oneof![8 => Just(AccountKind::User), 1 => Just(AccountKind::Shared)];
    (
        kind,
        0u32..60,
        any::<bool>(),
        prop::collection::vec(event_strategy(), 0..25),
    )
        .prop_map(|(kind, created, onboarded, events)| Account {
            id: "p".into(),
            recorded_state: None,
            recorded_since: None,
            kind,
            created: day(created),
            onboarded: Some(onboarded),
            active_on: None,
            address: Some("a@nhs.net".into()),
            organisation: None,
            events,
        })
}

fn set_strategy() -> impl Strategy<Value = PolicySet> {
    // Every built-in set, whatever the table holds.
    proptest::sample::select(PolicySet::built_ins())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn timeline_is_contiguous_and_ends_in_the_evaluated_state(a in account_strategy(), set in set_strategy(), until in 60u32..1200) {
        let until = day(until);
        let segments = timeline(&a, until, &set).unwrap();
        prop_assert!(!segments.is_empty());
        prop_assert_eq!(segments[0].from, a.created);
        for pair in segments.windows(2) {
            let to = pair[0].to.unwrap();
            prop_assert!(pair[0].from <= to, "segment ends before it starts");
            prop_assert_eq!(to.succ().unwrap(), pair[1].from, "gap or overlap");
        }
        let last = segments.last().unwrap();
        prop_assert_eq!(last.to, None);
        let result = evaluate_account(&a, until, &set).unwrap();
        prop_assert_eq!(last.state, result.state);
        // The app draws segments from an evaluation instead of living the account twice.
        prop_assert_eq!(nhsmail_rules::segments(a.start_day(), &result.transitions), segments);
    }

    #[test]
    fn purged_is_terminal(a in account_strategy(), set in set_strategy()) {
        let result = evaluate_account(&a, day(1500), &set).unwrap();
        if let Some(i) = result.transitions.iter().position(|t| t.to == State::Purged) {
            prop_assert_eq!(i, result.transitions.len() - 1, "a transition after purged");
            prop_assert_eq!(result.state, State::Purged);
            prop_assert_eq!(result.next, None);
        }
    }

    #[test]
    fn shuffling_events_keeps_the_result(a in account_strategy(), set in set_strategy(), seed in any::<u64>()) {
        // Reorder events across dates while keeping the order of same-day events.
        let mut shuffled = a.clone();
        let mut keyed: Vec<(u64, usize, Event)> = shuffled.events.drain(..).enumerate()
            .map(|(i, e)| (seed.wrapping_mul(i as u64 + 1).rotate_left(17) ^ seed, i, e)).collect();
        keyed.sort_by_key(|(k, _, _)| *k);
        // Restore input order among same-day events.
        let mut by_day: std::collections::BTreeMap<IsoDate, Vec<(usize, Event)>> = Default::default();
        for (_, i, e) in &keyed { by_day.entry(e.on).or_default().push((*i, e.clone())); }
        for list in by_day.values_mut() { list.sort_by_key(|(i, _)| *i); }
        let mut cursor: std::collections::BTreeMap<IsoDate, usize> = Default::default();
        shuffled.events = keyed.iter().map(|(_, _, e)| {
            let k = cursor.entry(e.on).or_insert(0);
            let picked = by_day[&e.on][*k].1.clone();
            *k += 1;
            picked
        }).collect();
        let as_of = day(1000);
        let mut x = evaluate_account(&a, as_of, &set).unwrap();
        let mut y = evaluate_account(&shuffled, as_of, &set).unwrap();
        // Warnings name input indexes, which shuffling changes; compare them by code and date.
        let codes = |r: &nhsmail_rules::AccountResult| r.warnings.iter().map(|w| (w.on, w.code)).collect::<Vec<_>>();
        prop_assert_eq!(codes(&x), codes(&y));
        x.warnings.clear();
        y.warnings.clear();
        prop_assert_eq!(x, y);
    }

    #[test]
    fn a_later_date_never_changes_earlier_transitions(a in account_strategy(), set in set_strategy(), d1 in 60u32..900, extra in 0u32..600) {
        let early = evaluate_account(&a, day(d1), &set).unwrap();
        let late = evaluate_account(&a, day(d1 + extra), &set).unwrap();
        prop_assert!(late.transitions.len() >= early.transitions.len());
        prop_assert_eq!(&late.transitions[..early.transitions.len()], &early.transitions[..]);
        // And the earlier answer's `next` is the first later transition, when nothing intervened.
        if let (Some(next), Some(t)) = (&early.next, late.transitions.get(early.transitions.len())) {
            let no_events_between = a.events.iter().all(|e| e.on <= day(d1) || e.on > next.on);
            if no_events_between && next.on <= day(d1 + extra) {
                prop_assert_eq!((t.on, t.to, t.rule), (next.on, next.state, next.rule));
            }
        }
    }

    #[test]
    fn exempt_accounts_never_move(a in account_strategy(), set in set_strategy()) {
        let mut a = a;
        a.kind = AccountKind::Resource;
        let r = evaluate_account(&a, day(1500), &set).unwrap();
        prop_assert_eq!(r.state, State::Active);
        prop_assert!(r.transitions.is_empty() && r.next.is_none() && r.exempt);
    }
}

#[test]
fn a_2016_account_evaluated_in_2026_is_event_driven() {
    // No loop over ~3,650 days: the same answer comes back for a century, instantly.
    let a = Account {
        id: "old".into(),
        recorded_state: None,
        recorded_since: None,
        kind: AccountKind::User,
        created: "2016-01-04".parse().unwrap(),
        onboarded: Some(true),
        active_on: None,
        address: None,
        organisation: None,
        events: vec![],
    };
    let set = PolicySet::built_in("national").unwrap();
    let r = evaluate_account(&a, "2026-11-21".parse().unwrap(), &set).unwrap();
    assert_eq!(r.state, State::Purged);
    assert_eq!(r.transitions.len(), 3);
    let far = evaluate_account(&a, "9999-12-31".parse().unwrap(), &set).unwrap();
    assert_eq!(far.transitions, r.transitions);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn working_days_never_land_on_a_weekend_or_holiday(offset in 0u32..39_000, n in 1u32..400) {
        let start = "1990-01-01".parse::<IsoDate>().unwrap().plus_days(u64::from(offset)).unwrap();
        if let Ok(end) = nhsmail_rules::add_working_days(start, n) {
            prop_assert!(end > start);
            prop_assert!(nhsmail_rules::is_working_day(end).unwrap());
        }
    }

    #[test]
    fn working_days_are_monotonic(offset in 0u32..39_000, n in 0u32..300, more in 1u32..30) {
        let start = "1990-01-01".parse::<IsoDate>().unwrap().plus_days(u64::from(offset)).unwrap();
        if let (Ok(a), Ok(b)) = (nhsmail_rules::add_working_days(start, n), nhsmail_rules::add_working_days(start, n + more)) {
            prop_assert!(a < b);
            // Counting on from the earlier answer lands on the same day.
            prop_assert_eq!(nhsmail_rules::add_working_days(a, more).unwrap(), b);
        }
    }
}

fn roster_strategy() -> impl Strategy<Value = Roster> {
    let state = prop_oneof![
        Just(None),
        Just(Some(State::Active)),
        Just(Some(State::Inactive)),
        Just(Some(State::Deleted)),
        Just(Some(State::Purged)),
    ];
    prop::collection::vec((account_strategy(), state), 0..30).prop_map(|rows| Roster {
        accounts: rows
            .into_iter()
            .enumerate()
            .map(|(i, (mut a, recorded))| {
                a.id = format!("acc{i}");
                a.recorded_state = recorded;
                a
            })
            .collect(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exporting_twice_gives_identical_bytes(roster in roster_strategy(), as_of in 60u32..1200, within in 0u32..40) {
        let request = serde_json::json!({ "roster": roster, "asOf": day(as_of), "options": { "remindWithinDays": within } }).to_string();
        let first = export_decisions_json(&request).unwrap();
        prop_assert_eq!(&first, &export_decisions_json(&request).unwrap());
        // The JSON round trip of the roster changes nothing either.
        let reparsed: Roster = serde_json::from_value(serde_json::to_value(&roster).unwrap()).unwrap();
        prop_assert_eq!(reparsed, roster);
    }

    #[test]
    fn decision_ids_are_unique_and_derived_from_account_action_and_date(roster in roster_strategy(), as_of in 60u32..1200) {
        let set = PolicySet::built_in("national").unwrap();
        let export = export_decisions(&roster, day(as_of), &set, 14).unwrap();
        let mut ids = std::collections::HashSet::new();
        let mut keys = std::collections::HashSet::new();
        for d in &export.decisions {
            prop_assert!(ids.insert(d.id.clone()), "id {} twice", d.id);
            prop_assert!(keys.insert((d.account_id.clone(), d.action, d.effective_on)));
            prop_assert_eq!(&d.id, &decision_id(&d.account_id, d.action, d.effective_on));
            prop_assert!(d.from_state != d.to_state || d.action == DecisionAction::Remind);
        }
        let counted: usize = [export.summary.by_state.active, export.summary.by_state.inactive,
            export.summary.by_state.disabled, export.summary.by_state.leaver,
            export.summary.by_state.deleted, export.summary.by_state.purged].iter().sum();
        prop_assert_eq!(counted, roster.accounts.len());
    }

    /// A back office saves the export, reads it back and writes it out again: the same bytes.
    /// The roster saved as JSON and exported again gives the same bytes too.
    #[test]
    fn decisions_saved_parsed_and_re_exported_are_byte_identical(roster in roster_strategy(), as_of in 60u32..1200, within in 0u32..40) {
        let request = serde_json::json!({ "roster": roster, "asOf": day(as_of), "options": { "remindWithinDays": within } }).to_string();
        let saved = export_decisions_json(&request).unwrap();
        let parsed = DecisionExport::from_json(&saved).unwrap();
        prop_assert_eq!(&serde_json::to_string(&parsed).unwrap(), &saved);
        let roster_file = serde_json::to_string(&roster).unwrap();
        let again = serde_json::json!({ "roster": Roster::from_json(&roster_file).unwrap(), "asOf": day(as_of), "options": { "remindWithinDays": within } }).to_string();
        prop_assert_eq!(&export_decisions_json(&again).unwrap(), &saved);
    }
}

#[test]
fn an_edited_or_foreign_decisions_file_is_refused_with_its_field() {
    let roster = Roster::from_json(r#"{"accounts": [{"id": "a", "kind": "user", "created": "2020-01-01", "onboarded": true, "recordedState": "active"}]}"#).unwrap();
    let set = PolicySet::built_in("national").unwrap();
    let saved =
        serde_json::to_string(&export_decisions(&roster, day(900), &set, 14).unwrap()).unwrap();
    assert!(saved.contains("\"action\":\"purge\""), "{saved}");
    let edited = saved.replace("\"action\":\"purge\"", "\"action\":\"delete\"");
    let e = DecisionExport::from_json(&edited).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.path.as_str()),
        ("invalid_field", "decisions[0].id")
    );
    let foreign = saved.replace("nhsmail-decisions/2", "nhsmail-decisions/3");
    assert_eq!(
        DecisionExport::from_json(&foreign).unwrap_err().path,
        "schema"
    );
    let bad = saved.replace("\"action\":\"purge\"", "\"action\":\"explode\"");
    assert_eq!(
        DecisionExport::from_json(&bad).unwrap_err().path,
        "decisions[0].action"
    );
    assert_eq!(
        DecisionExport::from_json("[]").unwrap_err().code.as_str(),
        "invalid_field"
    );
    assert_eq!(
        DecisionExport::from_json("{").unwrap_err().code.as_str(),
        "invalid_json"
    );
}
