use super::*;
use crate::pages::simulator_presets::presets;
use nhsmail_rules::BUILT_IN_SET_IDS;

fn preset(id: &str) -> Scenario {
    presets().into_iter().find(|p| p.0 == id).unwrap().4
}

fn d(s: &str) -> IsoDate {
    s.parse().unwrap()
}

#[test]
fn the_policy_change_is_named_with_its_numbers() {
    let s = preset("ncl-change");
    let run = compute(&s, &s.policy_set).unwrap();
    let (start, end) = span(&run);
    assert_eq!(
        policy_changes(&run.set, start, end),
        vec![(
            d("2022-12-01"),
            "1 December 2022: North Central London ICB moves to 30 days".to_owned()
        )]
    );
    // Outside the range: none.
    assert!(policy_changes(&run.set, d("2023-01-01"), d("2023-02-01")).is_empty());
    let area = area(&run);
    let a = area.as_str();
    assert!(a.contains("1 December 2022: North Central London ICB moves to 30 days"));
    assert!(a.contains("15 December 2022: the date looked at"));
    assert!(
        a.contains("15 December 2022 (the date looked at)"),
        "the table's last To"
    );
    assert!(a.contains(r#"download="timeline.svg" href="data:image/svg+xml;charset=utf-8,%3Csvg"#));
    assert!(a.contains("under North Central London ICB, looked at on 15 December 2022."));
}

#[test]
fn side_by_side_says_how_many_days_apart() {
    let s = preset("ncl-change");
    // The preset's own set (North Central London) against the other built-in one (national).
    let ncl = compute(&s, &s.policy_set).unwrap();
    let other = BUILT_IN_SET_IDS
        .iter()
        .find(|id| **id != s.policy_set)
        .unwrap();
    let national = compute(&s, other).unwrap();
    let words = differences(&ncl, &national);
    assert!(
        words.contains(&"Under North Central London ICB the account is deleted on 31 December 2022, 12 days later than under National policy (19 December 2022).".to_owned()),
        "{words:?}"
    );
    assert_eq!(
        differences(&national, &national),
        vec!["National policy and National policy give this account the same changes on the same days.".to_owned()]
    );
    let both = side_by_side(&ncl, &national);
    assert_eq!(both.as_str().matches("<svg").count(), 2);
}

#[test]
fn presenter_mode_steps_through_every_event_and_change() {
    let s = preset("six-weeks-leave");
    let run = compute(&s, &s.policy_set).unwrap();
    let days: Vec<String> = stops(&s, &run.set).iter().map(|d| d.to_string()).collect();
    assert_eq!(
        days,
        [
            "2025-06-02",
            "2025-06-27",
            "2025-07-27",
            "2025-08-08",
            "2025-09-07",
            "2025-10-07",
            "2025-11-06"
        ]
    );
    let screen = presenter(&run);
    assert!(
        screen.as_str().contains("Step 4 of 7."),
        "{}",
        screen.as_str()
    );
}

#[test]
fn every_preset_is_drawn_with_every_label_and_its_reasons() {
    for (id, .., s) in presets() {
        let run = compute(&s, &s.policy_set).unwrap();
        let (_, left_out) = drawing(&run, span(&run), "t", "T");
        assert_eq!(left_out, 0, "{id}");
        // Each change of state has the core's reason with the numbers.
        assert!(
            run.result.transitions.iter().all(|t| t.because.is_some()),
            "{id}"
        );
    }
    let s = preset("ncl-change");
    let run = compute(&s, &s.policy_set).unwrap();
    let why = why(&run.result.transitions[0]);
    assert!(why.contains("42 days") && why.contains("30"), "{why}");
}
