//! A simulator scenario in a link: `?scenario=` and the scenario as JSON, form-encoded
//! (`form_urlencoded`, as the browser's `URLSearchParams` reads it). Pure text in and out, so the
//! round trip is a property test here, not only a browser check.

use super::simulator::Scenario;

/// The query (`scenario=...`, without the `?`) that carries `s`.
pub fn scenario_query(s: &Scenario) -> String {
    // Serialising a scenario cannot fail: it holds only strings, dates, booleans and enums.
    let json = serde_json::to_string(s).unwrap_or_default();
    form_urlencoded::Serializer::new(String::new())
        .append_pair("scenario", &json)
        .finish()
}

/// The scenario a link's query (`?scenario=...`) carries, if it has one; `Err` says why it
/// could not be read.
pub fn scenario_from_query(query: &str) -> Option<Result<Scenario, String>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let (_, text) = form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "scenario")?;
    Some(crate::store::from_json(&text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nhsmail_rules::{AccountKind, Channel, Event, EventType, IsoDate, PolicySet};
    use proptest::prelude::*;
    use proptest::sample::select;

    fn date() -> impl Strategy<Value = IsoDate> {
        (0i32..=9999, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| IsoDate::from_ymd(y, m, d).unwrap_or(IsoDate::MIN))
    }

    /// Text with everything a URL treats specially: & = + % # ? / spaces, quotes, and non-ASCII.
    fn text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a-zA-Z0-9 &=+%#?/\"'\\\\ñé€😀\\n\\t-]{0,24}").unwrap()
    }

    fn event() -> impl Strategy<Value = Event> {
        (
            date(),
            select(EventType::ALL.to_vec()),
            proptest::option::of(select(Channel::ALL.to_vec())),
            proptest::option::of(text()),
            proptest::option::of(text()),
        )
            .prop_map(|(on, kind, channel, organisation, address)| Event {
                on,
                kind,
                channel,
                organisation,
                address,
            })
    }

    fn scenario() -> impl Strategy<Value = Scenario> {
        (
            select(AccountKind::ALL.to_vec()),
            date(),
            any::<bool>(),
            proptest::collection::vec(event(), 0..12),
            text(),
            date(),
        )
            .prop_map(
                |(kind, created, onboarded, events, policy_set, as_of)| Scenario {
                    kind,
                    created,
                    onboarded,
                    events,
                    policy_set,
                    as_of,
                },
            )
    }

    proptest! {
        /// Any scenario, put in a link and read back, is exactly the same scenario.
        #[test]
        fn a_scenario_link_round_trips_exactly(s in scenario()) {
            let query = scenario_query(&s);
            prop_assert!(query.bytes().all(|b| b.is_ascii_graphic()), "{query}");
            prop_assert_eq!(scenario_from_query(&format!("?{query}")), Some(Ok(s.clone())));
            // And with other parameters around it, as a shared link may gain.
            let longer = format!("?utm=x&{query}&z=%20");
            prop_assert_eq!(scenario_from_query(&longer), Some(Ok(s)));
        }
    }

    #[test]
    fn links_made_by_encode_uri_component_still_read() {
        // Links shared before this module used %20 for spaces, as encodeURIComponent writes them.
        let query = "?scenario=%7B%22kind%22%3A%22user%22%2C%22created%22%3A%222025-01-06%22%2C%22onboarded%22%3Afalse%2C%22events%22%3A%5B%5D%2C%22policySet%22%3A%22national%22%2C%22asOf%22%3A%222025-04-01%22%7D";
        let s = scenario_from_query(query).unwrap().unwrap();
        assert_eq!(s.policy_set, PolicySet::default_set().id);
        assert_eq!(s.as_of.to_string(), "2025-04-01");
    }

    #[test]
    fn a_link_without_a_scenario_or_with_a_broken_one() {
        assert_eq!(scenario_from_query("?x=1"), None);
        assert_eq!(scenario_from_query(""), None);
        assert!(matches!(scenario_from_query("?scenario=%7B"), Some(Err(_))));
    }
}
