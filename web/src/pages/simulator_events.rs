//! The simulator's events: what "What happened" offers, an event built from the form, and the
//! events as a table with a Remove button on each row.

use leptos::prelude::*;
use nhsmail_rules::{Channel, Event, EventType, IsoDate};

use crate::components::from_key;
use crate::pages::simulator_timeline::describe;

/// What "What happened" offers, as (value, words): a sign-in or use by each channel (an activity
/// is always added with its channel), then every other kind of event.
pub fn event_choices() -> impl Iterator<Item = (&'static str, &'static str)> {
    let others = EventType::ALL
        .into_iter()
        .filter(|t| *t != EventType::Activity);
    Channel::ALL
        .into_iter()
        .map(|c| (c.as_str(), c.label()))
        .chain(others.map(|t| (t.as_str(), t.label())))
}

/// Builds an event from the form: `key` is a channel's or an event type's JSON name; the error
/// names the field to fix and what to do.
pub fn make_event(
    on: IsoDate,
    key: &str,
    detail: &str,
) -> Result<Event, (&'static str, &'static str)> {
    if let Some(channel) = from_key::<Channel>(key) {
        return Ok(Event {
            channel: Some(channel),
            ..Event::new(on, EventType::Activity)
        });
    }
    let kind = from_key::<EventType>(key).ok_or(("new-type", "Select what happened"))?;
    let detail = detail.trim();
    Ok(match kind {
        EventType::Joined if detail.is_empty() => {
            return Err((
                "new-detail",
                "Enter the name of the organisation they joined",
            ))
        }
        EventType::Joined => Event {
            organisation: Some(detail.to_owned()),
            ..Event::new(on, kind)
        },
        EventType::NameChanged if detail.is_empty() => {
            return Err(("new-detail", "Enter the new email address"))
        }
        EventType::NameChanged => Event {
            address: Some(detail.to_owned()),
            ..Event::new(on, kind)
        },
        EventType::Activity
        | EventType::AupAccepted
        | EventType::AccountSecretSet
        | EventType::Disabled
        | EventType::Enabled
        | EventType::MarkedLeaver
        | EventType::Restored => Event::new(on, kind),
    })
}

/// The events as a table in date order, each row keyed by its event's key (`<For>`), with a
/// Remove button.
#[component]
pub fn EventsTable(events: RwSignal<Vec<(usize, Event)>>) -> impl IntoView {
    let sorted = move || {
        let mut list = events.get();
        list.sort_by_key(|(k, e)| (e.on, *k));
        list
    };
    let row = move |(key, event): (usize, Event)| {
        let (on, words) = (event.on.long_form(), describe(&event));
        let hidden = format!(" {words} on {on}");
        view! {
            <tr class="nhsuk-table__row">
                <td class="nhsuk-table__cell">{on}</td>
                <td class="nhsuk-table__cell">{words}</td>
                <td class="nhsuk-table__cell">
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                        on:click=move |_| events.update(|l| l.retain(|(k, _)| *k != key))>
                        "Remove"<span class="nhsuk-u-visually-hidden">{hidden}</span>
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        {move || events.with(Vec::is_empty).then(|| view! { <p data-testid="no-events">"No events yet."</p> })}
        <div class="app-table-scroll" role="region" aria-label="Events" tabindex="0">
        <table class="nhsuk-table" data-testid="events">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Events"</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                    <th scope="col" class="nhsuk-table__header">"Date"</th>
                    <th scope="col" class="nhsuk-table__header">"Event"</th>
                    <th scope="col" class="nhsuk-table__header"><span class="nhsuk-u-visually-hidden">"Action"</span></th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                <For each=sorted key=|(k, _)| *k children=row/>
            </tbody>
        </table>
        </div>
    }
}
