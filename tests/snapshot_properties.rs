//! Property tests of SPEC 7.0 (a roster row is a snapshot): whatever the dates and events, a row
//! recorded `disabled` or `leaver` with no `recordedSince` is held, and the export never decides a
//! step further along for it.

use nhsmail_rules::{
    evaluate_account, export_decisions, Account, AccountKind, Channel, DecisionAction, Event,
    EventType, IsoDate, PolicySet, Roster, RuleId, State,
};
use proptest::prelude::*;

/// The rules of SPEC 3's automatic transitions (the daily checks).
const AUTOMATIC: [RuleId; 7] = [
    RuleId::Inactive,
    RuleId::InactiveDeleted,
    RuleId::RestoreWindow,
    RuleId::DisabledRetention,
    RuleId::Leaver,
    RuleId::Onboarding,
    RuleId::ActiveDeleted,
];

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
        1 => Just(EventType::Disabled),
        1 => Just(EventType::Enabled),
        1 => Just(EventType::MarkedLeaver),
        1 => Just(EventType::Joined),
        1 => Just(EventType::Restored),
    ];
    (0u32..900, kinds).prop_map(|(offset, kind)| {
        let mut e = Event::new(day(offset), kind);
        match kind {
            EventType::Activity => e.channel = Some(Channel::PortalLogin),
            EventType::Joined => e.organisation = Some("Org".into()),
            _ => {}
        }
        e
    })
}

/// A roster row as a back office keeps it: any recorded state, dated or not, an optional last
/// sign-in, an onboarded column or none, and sometimes events.
fn row_strategy() -> impl Strategy<Value = Account> {
    let recorded = prop::option::of(proptest::sample::select(State::ALL.to_vec()));
    let kind = prop_oneof![8 => Just(AccountKind::User), 1 => Just(AccountKind::Shared)];
    (
        kind,
        recorded,
        prop::option::of(0u32..900),
        prop::option::of(0u32..900),
        prop::option::of(any::<bool>()),
        prop::collection::vec(event_strategy(), 0..6),
    )
        .prop_map(
            |(kind, recorded, since, active_on, onboarded, events)| Account {
                id: String::new(),
                recorded_since: recorded.and(since.map(day)),
                recorded_state: recorded,
                kind,
                created: day(0),
                onboarded,
                active_on: active_on.map(day),
                address: None,
                organisation: None,
                events,
            },
        )
}

fn roster_strategy() -> impl Strategy<Value = Roster> {
    prop::collection::vec(row_strategy(), 0..20).prop_map(|rows| Roster {
        accounts: rows
            .into_iter()
            .enumerate()
            .map(|(i, mut a)| {
                a.id = format!("row{i}");
                a
            })
            .collect(),
    })
}

fn is_held(a: &Account) -> bool {
    a.kind == AccountKind::User
        && a.recorded_since.is_none()
        && matches!(a.recorded_state, Some(State::Disabled | State::Leaver))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_held_row_gets_no_decision_and_is_listed(roster in roster_strategy(), within in 0u32..60) {
        let set = PolicySet::built_in("national").unwrap();
        let as_of = day(900);
        let export = export_decisions(&roster, as_of, &set, within).unwrap();
        let held_ids: Vec<&str> = roster.accounts.iter().filter(|a| is_held(a)).map(|a| a.id.as_str()).collect();
        let listed: Vec<&str> = export.held.as_deref().unwrap_or_default().iter().map(|h| h.account_id.as_str()).collect();
        prop_assert_eq!(&listed, &held_ids, "held lists every held row, in roster order");
        prop_assert_eq!(export.summary.held, Some(held_ids.len()));
        for d in &export.decisions {
            prop_assert!(!held_ids.contains(&d.account_id.as_str()), "decision for a held row: {:?}", d);
        }
    }

    #[test]
    fn an_undated_people_caused_row_is_never_moved_further_along(row in row_strategy(), within in 0u32..60) {
        let mut row = row;
        row.id = "r".into();
        row.recorded_since = None;
        let roster = Roster { accounts: vec![row.clone()] };
        let set = PolicySet::built_in("national").unwrap();
        let export = export_decisions(&roster, day(900), &set, within).unwrap();
        if matches!(row.recorded_state, Some(State::Disabled | State::Leaver)) {
            for d in &export.decisions {
                prop_assert!(!matches!(d.to_state, State::Deleted | State::Purged), "{:?}", d);
                prop_assert!(!matches!(d.action, DecisionAction::Delete | DecisionAction::Purge), "{:?}", d);
            }
            let result = evaluate_account(&row, day(900), &set).unwrap();
            prop_assert_eq!(Some(result.state), row.recorded_state);
            prop_assert!(result.transitions.is_empty());
            prop_assert!(result.next.is_none());
        }
    }

    #[test]
    fn a_dated_row_never_moves_before_its_date(row in row_strategy(), state in proptest::sample::select(State::ALL[1..].to_vec()), since in 0u32..900) {
        let mut row = row;
        row.id = "r".into();
        row.recorded_state = Some(state);
        row.recorded_since = Some(day(since));
        let set = PolicySet::built_in("national").unwrap();
        // Out-of-range activity after the evaluation date is an error; the others evaluate.
        if let Ok(result) = evaluate_account(&row, day(900), &set) {
            let since = row.recorded_since.unwrap();
            for t in &result.transitions {
                // Events dated D apply after the state began; the daily checks start on D + 1.
                prop_assert!(t.on >= since, "{:?} before {}", t, since);
                if t.on == since {
                    prop_assert!(!AUTOMATIC.contains(&t.rule), "{:?} on {}", t, since);
                }
            }
        }
    }

    #[test]
    fn a_recorded_purged_row_stays_purged(row in row_strategy()) {
        let mut row = row;
        row.id = "r".into();
        row.kind = AccountKind::User;
        row.recorded_state = Some(State::Purged);
        let set = PolicySet::built_in("national").unwrap();
        let result = evaluate_account(&row, day(900), &set).unwrap();
        prop_assert_eq!(result.state, State::Purged);
        prop_assert!(result.transitions.is_empty() && result.next.is_none());
    }
}
