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

/// The presets trainers start from: (id, name, what it shows, scenario).
pub fn presets() -> Vec<(&'static str, &'static str, &'static str, Scenario)> {
    // The built-in sets, by name: this stops compiling if the list of them changes.
    let [national, ncl_icb] = BUILT_IN_SET_IDS;
    vec![
        ("spec-example", "Inactive after 30 days", "An account that was used in February and not since.",
            scenario("2025-01-06", false, vec![ev("2025-01-06", EventType::AupAccepted), ev("2025-01-06", EventType::AccountSecretSet), used("2025-02-20", Channel::EmailSent)], national, "2025-04-01")),
        ("new-starter", "New starter never accepts the AUP", "A new account where the person never accepts the acceptable use policy or sets an Account Secret.",
            scenario("2025-03-03", false, vec![], national, "2025-04-15")),
        ("six-weeks-leave", "Six weeks' leave", "Someone signs in on their last day, goes on six weeks' leave, and signs in when they are back.",
            scenario("2025-05-01", true, vec![used("2025-06-27", Channel::Office365AppUse), used("2025-08-08", Channel::PortalLogin)], national, "2025-08-11")),
        ("leaver-joins", "Leaver who joins another home", "Someone leaves one care home and joins another two weeks later.",
            scenario("2025-02-17", true, vec![used("2025-03-14", Channel::EmailSent), ev("2025-03-31", EventType::MarkedLeaver), Event { organisation: Some("Elm Lodge care home".into()), ..ev("2025-04-14", EventType::Joined) }], national, "2025-04-20")),
        ("ncl-change", "NCL before and after 1 December 2022", "North Central London ICB moved from 90 days to 30 days on 1 December 2022.",
            scenario("2022-09-01", true, vec![used("2022-10-20", Channel::Office365Login)], ncl_icb, "2022-12-15")),
        ("disabled-leave", "Disabled for long leave", "A local administrator disables the account of someone going on a year's leave.",
            scenario("2024-04-02", true, vec![used("2024-05-31", Channel::EmailSent), ev("2024-06-03", EventType::Disabled)], national, "2025-09-01")),
    ]
}
