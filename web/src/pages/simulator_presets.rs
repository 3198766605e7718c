//! The simulator's presets: real-looking histories a trainer starts from.

use nhsmail_rules::{AccountKind, Channel, Event, EventType, IsoDate, BUILT_IN_SET_IDS};

use crate::pages::simulator::Scenario;

fn d(s: &str) -> IsoDate {
    s.parse().unwrap_or(IsoDate::MIN)
}

fn ev(on: &str, kind: EventType) -> Event {
    Event::new(d(on), kind)
}

fn used(on: &str, channel: Channel) -> Event {
    Event {
        channel: Some(channel),
        ..ev(on, EventType::Activity)
    }
}

fn scenario(
    created: &str,
    onboarded: bool,
    events: Vec<Event>,
    policy_set: &str,
    as_of: &str,
) -> Scenario {
    Scenario {
        kind: AccountKind::User,
        created: d(created),
        onboarded,
        events,
        policy_set: policy_set.into(),
        as_of: d(as_of),
    }
}

/// A preset: its id, name, what it shows, what a trainer points out, and the scenario.
pub type Preset = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Scenario,
);

/// The presets trainers start from, each telling one story whose timeline shows exactly that.
pub fn presets() -> Vec<Preset> {
    // The built-in sets, by name: this stops compiling if the list of them changes.
    let [national, ncl_icb] = BUILT_IN_SET_IDS;
    let set_up = |on: &str| {
        vec![
            ev(on, EventType::AupAccepted),
            ev(on, EventType::AccountSecretSet),
        ]
    };
    vec![
        ("spec-example", "Inactive after 30 days", "An account set up on 6 January and not used for 30 days, used once on 20 February, then not again.",
            "Point out: each stretch of 30 days without a sign-in or a sent email makes it inactive, and one sign-in makes it active again.",
            scenario("2025-01-06", false, [set_up("2025-01-06"), vec![used("2025-02-20", Channel::EmailSent)]].concat(), national, "2025-04-01")),
        ("national-30", "National 30-day rule from the first day", "A new account used on its first day, 2 June 2025, and never again.",
            "Point out: 30 days without a sign-in makes it inactive on 2 July; 30 more and it is deleted on 1 August, with a window to restore it.",
            scenario("2025-06-02", true, vec![used("2025-06-02", Channel::PortalLogin)], national, "2025-08-15")),
        ("new-starter", "New starter never accepts the AUP", "A new account where the person never accepts the acceptable use policy or sets an Account Secret.",
            "Point out: without the acceptable use policy and an Account Secret, the account becomes inactive when the time to set it up runs out.",
            scenario("2025-03-03", false, vec![], national, "2025-04-15")),
        ("six-weeks-leave", "Six weeks' leave", "Someone signs in on their last day before six weeks' leave, and signs in when they are back.",
            "Point out: the account becomes inactive 30 days into the leave and is active again the moment they sign in, before it is deleted.",
            scenario("2025-06-02", true, vec![used("2025-06-27", Channel::Office365AppUse), used("2025-08-08", Channel::PortalLogin)], national, "2025-08-11")),
        ("leaver-joins", "Leaver who joins another home", "Someone leaves one care home and joins another two weeks later.",
            "Point out: joining another organisation ends the leaver state, and the 30-day rule starts again from there.",
            scenario("2025-02-17", true, vec![used("2025-03-14", Channel::EmailSent), ev("2025-03-31", EventType::MarkedLeaver), Event { organisation: Some("Elm Lodge care home".into()), ..ev("2025-04-14", EventType::Joined) }], national, "2025-04-20")),
        ("ncl-change", "NCL before and after 1 December 2022", "North Central London ICB moved from 90 days to 30 days on 1 December 2022.",
            "Point out: the last sign-in was 42 days before 1 December, within the old 90 days, so the account became inactive on the day the policy changed. Compare it with the national policy.",
            scenario("2022-09-01", true, vec![used("2022-10-20", Channel::Office365Login)], ncl_icb, "2022-12-15")),
        ("restore-window", "Restore within the window", "An account deleted after 60 days without use, which the helpdesk restores two weeks later.",
            "Point out: a deleted account can be restored until the window closes; once restored it is active, and the 30-day rule starts again.",
            scenario("2025-01-06", true, vec![used("2025-01-06", Channel::PortalLogin), ev("2025-03-21", EventType::Restored)], national, "2025-04-01")),
        ("disabled-leave", "Disabled for long leave", "Someone sends a last email before a year's leave, and a local administrator disables their account that day.",
            "Point out: a disabled account is not made inactive by the 30-day rule; it is kept for 18 months and then deleted.",
            scenario("2024-05-07", true, vec![used("2024-06-03", Channel::EmailSent), ev("2024-06-03", EventType::Disabled)], national, "2025-09-01")),
    ]
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::simulator_timeline::account;
    use nhsmail_rules::{evaluate_account, PolicySet, State};

    /// Each preset's changes of state are exactly the ones its story tells, in order: no spell
    /// the description does not explain.
    #[test]
    fn every_preset_shows_exactly_its_story() {
        use State::*;
        let stories: [(&str, &[State]); 8] = [
            ("spec-example", &[Inactive, Active, Inactive]),
            ("national-30", &[Inactive, Deleted]),
            ("new-starter", &[Inactive]),
            ("six-weeks-leave", &[Inactive, Active]),
            ("leaver-joins", &[Leaver, Active]),
            ("ncl-change", &[Inactive]),
            ("restore-window", &[Inactive, Deleted, Active]),
            ("disabled-leave", &[Disabled]),
        ];
        let all = presets();
        assert_eq!(all.len(), stories.len());
        for ((id, _, about, point, s), (want_id, want)) in all.into_iter().zip(stories) {
            assert_eq!(id, want_id);
            assert!(
                !about.is_empty() && point.starts_with("Point out: "),
                "{id}"
            );
            let account = account(&s);
            let set = PolicySet::built_in(&s.policy_set).unwrap();
            let r = evaluate_account(&account, s.as_of, &set).unwrap();
            let got: Vec<State> = r.transitions.iter().map(|t| t.to).collect();
            assert_eq!(got, want, "{id}");
            assert!(r.warnings.is_empty(), "{id}: {:?}", r.warnings);
        }
    }
}
