//! The lifecycle simulator: an account, its events, a policy set and an as-of date in; the state,
//! the next transition, "sign in by", the transitions with their rules, and warnings out.

use leptos::prelude::*;
use nhsmail_rules::{
    evaluate_account, segments, Account, AccountKind, AccountResult, Channel, Event, EventType,
    IsoDate, PolicySet, Segment, BUILT_IN_SET_IDS,
};

use crate::components::state_tag::{state_label, StateTag};

/// The event types people can add, with the words shown for them.
const EVENT_TYPES: [(&str, &str); 12] = [
    ("portalLogin", "Signed in to the NHSmail portal"),
    (
        "office365Login",
        "Signed in to Office 365 (for example Teams)",
    ),
    (
        "office365AppUse",
        "Used an Office 365 app (for example Outlook)",
    ),
    ("emailSent", "Sent an email"),
    ("aupAccepted", "Accepted the acceptable use policy"),
    ("accountSecretSet", "Set the Account Secret"),
    ("disabled", "Disabled by a local administrator"),
    ("enabled", "Enabled by a local administrator"),
    ("markedLeaver", "Marked as a leaver"),
    ("joined", "Joined another organisation"),
    ("restored", "Restored by the helpdesk"),
    ("nameChanged", "Name changed (new email address)"),
];

fn describe(event: &Event) -> String {
    let key = match (event.kind, event.channel) {
        (EventType::Activity, Some(Channel::PortalLogin)) => "portalLogin",
        (EventType::Activity, Some(Channel::Office365Login)) => "office365Login",
        (EventType::Activity, Some(Channel::Office365AppUse)) => "office365AppUse",
        (EventType::Activity, _) => "emailSent",
        (EventType::AupAccepted, _) => "aupAccepted",
        (EventType::AccountSecretSet, _) => "accountSecretSet",
        (EventType::Disabled, _) => "disabled",
        (EventType::Enabled, _) => "enabled",
        (EventType::MarkedLeaver, _) => "markedLeaver",
        (EventType::Joined, _) => "joined",
        (EventType::Restored, _) => "restored",
        (EventType::NameChanged, _) => "nameChanged",
    };
    let words = EVENT_TYPES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, w)| *w);
    match (&event.organisation, &event.address) {
        (Some(org), _) => format!("{words}: {org}"),
        (_, Some(address)) => format!("{words}: {address}"),
        _ => words.to_owned(),
    }
}

/// Builds an event from the form; `None` when the type is unknown.
fn make_event(on: IsoDate, key: &str, detail: &str) -> Result<Event, &'static str> {
    let channel = |c| Event {
        channel: Some(c),
        ..Event::new(on, EventType::Activity)
    };
    let detail = detail.trim();
    Ok(match key {
        "portalLogin" => channel(Channel::PortalLogin),
        "office365Login" => channel(Channel::Office365Login),
        "office365AppUse" => channel(Channel::Office365AppUse),
        "emailSent" => channel(Channel::EmailSent),
        "aupAccepted" => Event::new(on, EventType::AupAccepted),
        "accountSecretSet" => Event::new(on, EventType::AccountSecretSet),
        "disabled" => Event::new(on, EventType::Disabled),
        "enabled" => Event::new(on, EventType::Enabled),
        "markedLeaver" => Event::new(on, EventType::MarkedLeaver),
        "restored" => Event::new(on, EventType::Restored),
        "joined" if detail.is_empty() => {
            return Err("Enter the name of the organisation they joined")
        }
        "joined" => Event {
            organisation: Some(detail.to_owned()),
            ..Event::new(on, EventType::Joined)
        },
        "nameChanged" if detail.is_empty() => return Err("Enter the new email address"),
        "nameChanged" => Event {
            address: Some(detail.to_owned()),
            ..Event::new(on, EventType::NameChanged)
        },
        _ => return Err("Select what happened"),
    })
}

fn date(s: &str) -> Option<IsoDate> {
    s.trim().parse().ok()
}

fn spec_example_events() -> Vec<(u32, Event)> {
    let d = |s: &str| date(s).unwrap_or(IsoDate::MIN);
    vec![
        (1, Event::new(d("2025-01-06"), EventType::AupAccepted)),
        (2, Event::new(d("2025-01-06"), EventType::AccountSecretSet)),
        (
            3,
            Event {
                channel: Some(Channel::EmailSent),
                ..Event::new(d("2025-02-20"), EventType::Activity)
            },
        ),
    ]
}

type Outcome = Result<(AccountResult, Vec<Segment>), String>;

/// The simulator page.
#[component]
pub fn Simulator() -> impl IntoView {
    let kind = RwSignal::new("user".to_owned());
    let created = RwSignal::new("2025-01-06".to_owned());
    let onboarded = RwSignal::new(false);
    let events = RwSignal::new(spec_example_events());
    let next_key = RwSignal::new(4u32);
    let policy_set = RwSignal::new("national".to_owned());
    let as_of = RwSignal::new("2025-04-01".to_owned());

    let new_on = RwSignal::new("2025-04-10".to_owned());
    let new_type = RwSignal::new("portalLogin".to_owned());
    let new_detail = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<&'static str>);

    let outcome = Memo::new(move |_| -> Outcome {
        let created = date(&created.get())
            .ok_or("Enter the date the account was created, for example 2025-01-06")?;
        let as_of =
            date(&as_of.get()).ok_or("Enter the date to look at, for example 2025-04-01")?;
        let kind = match kind.get().as_str() {
            "shared" => AccountKind::Shared,
            "application" => AccountKind::Application,
            "resource" => AccountKind::Resource,
            _ => AccountKind::User,
        };
        let account = Account {
            recorded_state: None,
            id: "simulated".into(),
            kind,
            created,
            onboarded: onboarded.get(),
            active_on: None,
            address: None,
            organisation: None,
            events: events.get().into_iter().map(|(_, e)| e).collect(),
        };
        let set = PolicySet::built_in(&policy_set.get()).ok_or("Choose a policy set")?;
        if as_of < created {
            return Err(format!(
                "The date to look at must be on or after the creation date ({})",
                created.long_form()
            ));
        }
        let result = evaluate_account(&account, as_of, &set).map_err(|e| e.to_string())?;
        // The same as `timeline(&account, as_of, &set)`, without living the account twice.
        let segments = segments(account.start_day(), &result.transitions);
        Ok((result, segments))
    });

    let shift = move |f: fn(IsoDate) -> Option<IsoDate>| {
        move |_| {
            if let Some(moved) = date(&as_of.get_untracked()).and_then(f) {
                as_of.set(moved.to_string());
            }
        }
    };

    let add_event = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(on) = date(&new_on.get_untracked()) else {
            add_error.set(Some("Enter the date of the event, for example 2025-04-10"));
            return;
        };
        match make_event(on, &new_type.get_untracked(), &new_detail.get_untracked()) {
            Ok(event) => {
                let key = next_key.get_untracked();
                next_key.set(key + 1);
                events.update(|list| list.push((key, event)));
                add_error.set(None);
            }
            Err(message) => add_error.set(Some(message)),
        }
    };

    view! {
        <h1>"Account lifecycle simulator"</h1>
        <p class="nhsuk-lede-text">
            "See how an NHSmail account moves from active to inactive to deleted, and what stops it."
        </p>

        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half">
                <h2>"The account"</h2>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="kind">"Kind of account"</label>
                    <select class="nhsuk-select" id="kind" data-testid="kind"
                        on:change=move |ev| kind.set(event_target_value(&ev)) prop:value=move || kind.get()>
                        <option value="user">"Personal user account"</option>
                        <option value="shared">"Shared mailbox"</option>
                        <option value="application">"Application account"</option>
                        <option value="resource">"Resource mailbox"</option>
                    </select>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="created">"Date the account was created"</label>
                    <div class="nhsuk-hint" id="created-hint">"For example, 2025-01-06"</div>
                    <input class="nhsuk-input nhsuk-input--width-10" id="created" type="date" data-testid="created"
                        aria-describedby="created-hint"
                        prop:value=move || created.get() on:input=move |ev| created.set(event_target_value(&ev))/>
                </div>
                <div class="nhsuk-form-group">
                    <div class="nhsuk-checkboxes">
                        <div class="nhsuk-checkboxes__item">
                            <input class="nhsuk-checkboxes__input" id="onboarded" type="checkbox" data-testid="onboarded"
                                prop:checked=move || onboarded.get()
                                on:change=move |ev| onboarded.set(event_target_checked(&ev))/>
                            <label class="nhsuk-label nhsuk-checkboxes__label" for="onboarded">
                                "The acceptable use policy and Account Secret were done before these events"
                            </label>
                        </div>
                    </div>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="policy-set">"Policy set"</label>
                    <select class="nhsuk-select" id="policy-set" data-testid="policy-set"
                        on:change=move |ev| policy_set.set(event_target_value(&ev)) prop:value=move || policy_set.get()>
                        {BUILT_IN_SET_IDS.iter().map(|id| {
                            let words = if *id == "national" { "National policy" } else { "North Central London ICB (90 days until 1 December 2022)" };
                            view! { <option value=*id>{words}</option> }
                        }).collect_view()}
                    </select>
                </div>

                <h2>"What happened"</h2>
                <table class="nhsuk-table" data-testid="events">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Events"</caption>
                    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                        <th scope="col" class="nhsuk-table__header">"Date"</th>
                        <th scope="col" class="nhsuk-table__header">"Event"</th>
                        <th scope="col" class="nhsuk-table__header"><span class="nhsuk-u-visually-hidden">"Action"</span></th>
                    </tr></thead>
                    <tbody class="nhsuk-table__body">
                        <For each=move || { let mut l = events.get(); l.sort_by_key(|(_, e)| e.on); l } key=|(k, _)| *k
                            children=move |(key, event)| {
                                let words = describe(&event);
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell">{event.on.long_form()}</td>
                                        <td class="nhsuk-table__cell">{words.clone()}</td>
                                        <td class="nhsuk-table__cell">
                                            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                                                on:click=move |_| events.update(|l| l.retain(|(k, _)| *k != key))>
                                                "Remove"<span class="nhsuk-u-visually-hidden">{format!(" {} on {}", words, event.on.long_form())}</span>
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }/>
                    </tbody>
                </table>

                <form on:submit=add_event novalidate>
                    <fieldset class="nhsuk-fieldset">
                        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Add an event"</legend>
                        {move || add_error.get().map(|m| view! {
                            <div class="nhsuk-error-summary" role="alert" tabindex="-1" data-testid="add-error">
                                <h2 class="nhsuk-error-summary__title">"There is a problem"</h2>
                                <div class="nhsuk-error-summary__body"><p>{m}</p></div>
                            </div>
                        })}
                        <div class="nhsuk-form-group">
                            <label class="nhsuk-label" for="new-on">"Date"</label>
                            <input class="nhsuk-input nhsuk-input--width-10" id="new-on" type="date" data-testid="new-event-on"
                                prop:value=move || new_on.get() on:input=move |ev| new_on.set(event_target_value(&ev))/>
                        </div>
                        <div class="nhsuk-form-group">
                            <label class="nhsuk-label" for="new-type">"What happened"</label>
                            <select class="nhsuk-select" id="new-type" data-testid="new-event-type"
                                on:change=move |ev| new_type.set(event_target_value(&ev)) prop:value=move || new_type.get()>
                                {EVENT_TYPES.iter().map(|(k, w)| view! { <option value=*k>{*w}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="nhsuk-form-group">
                            <label class="nhsuk-label" for="new-detail">"New organisation or email address (if needed)"</label>
                            <input class="nhsuk-input" id="new-detail" type="text" data-testid="new-event-detail"
                                prop:value=move || new_detail.get() on:input=move |ev| new_detail.set(event_target_value(&ev))/>
                        </div>
                        <button type="submit" class="nhsuk-button nhsuk-button--secondary" data-testid="add-event">"Add event"</button>
                    </fieldset>
                </form>
            </div>

            <div class="nhsuk-grid-column-one-half">
                <h2>"The account on a date"</h2>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="as-of">"Date to look at"</label>
                    <input class="nhsuk-input nhsuk-input--width-10" id="as-of" type="date" data-testid="as-of"
                        prop:value=move || as_of.get() on:input=move |ev| as_of.set(event_target_value(&ev))/>
                </div>
                <div class="nhsuk-button-group" role="group" aria-label="Move the date">
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="back-month" on:click=shift(|d| d.minus_months(1))>"Back a month"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="back-week" on:click=shift(|d| d.minus_days(7))>"Back a week"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="back-day" on:click=shift(|d| d.pred())>"Back a day"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="forward-day" on:click=shift(|d| d.succ())>"Forward a day"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="forward-week" on:click=shift(|d| d.plus_days(7))>"Forward a week"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="forward-month" on:click=shift(|d| d.plus_months(1))>"Forward a month"</button>
                </div>
                <div aria-live="polite" data-testid="result">
                    {move || match outcome.get() {
                        Err(message) => view! {
                            <div class="nhsuk-error-summary" data-testid="input-error">
                                <h2 class="nhsuk-error-summary__title">"There is a problem"</h2>
                                <div class="nhsuk-error-summary__body"><p>{message}</p></div>
                            </div>
                        }.into_any(),
                        Ok((result, segments)) => view! { <Outcome result segments/> }.into_any(),
                    }}
                </div>
            </div>
        </div>
    }
}

/// The answer for one date.
#[component]
fn Outcome(result: AccountResult, segments: Vec<Segment>) -> impl IntoView {
    let next = result.next.clone().map(|n| {
        format!(
            "{} on {} ({})",
            state_label(n.state),
            n.on.long_form(),
            n.rule.summary()
        )
    });
    view! {
        <dl class="nhsuk-summary-list">
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"State"</dt>
                <dd class="nhsuk-summary-list__value"><StateTag state=result.state testid="state"/>
                    " since " <span data-testid="since">{result.since.long_form()}</span></dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Next change"</dt>
                <dd class="nhsuk-summary-list__value" data-testid="next">{next.unwrap_or_else(|| "None: nothing more happens by itself".to_owned())}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Sign in by"</dt>
                <dd class="nhsuk-summary-list__value" data-testid="keep-active-by">{result.keep_active_by.map_or_else(|| "Not applicable".to_owned(), |d| d.long_form())}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Restore by"</dt>
                <dd class="nhsuk-summary-list__value" data-testid="restorable-until">{result.restorable_until.map_or_else(|| "Not applicable".to_owned(), |d| d.long_form())}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Policy in force"</dt>
                <dd class="nhsuk-summary-list__value">{result.policy_id.clone()}</dd>
            </div>
        </dl>

        <h3>"Changes of state"</h3>
        {if result.transitions.is_empty() {
            view! { <p data-testid="no-transitions">"No changes of state yet."</p> }.into_any()
        } else {
            view! {
                <table class="nhsuk-table" data-testid="transitions">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Changes of state"</caption>
                    <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                        <th scope="col" class="nhsuk-table__header">"Date"</th>
                        <th scope="col" class="nhsuk-table__header">"Change"</th>
                        <th scope="col" class="nhsuk-table__header">"Why"</th>
                    </tr></thead>
                    <tbody class="nhsuk-table__body">
                        {result.transitions.iter().map(|t| view! {
                            <tr class="nhsuk-table__row">
                                <td class="nhsuk-table__cell">{t.on.long_form()}</td>
                                <td class="nhsuk-table__cell">{format!("{} to {}", state_label(t.from), state_label(t.to))}</td>
                                <td class="nhsuk-table__cell">
                                    <details class="nhsuk-details">
                                        <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{t.rule.summary()}</span></summary>
                                        <div class="nhsuk-details__text">
                                            <p>{format!("Rule {}. The policy says:", t.rule.as_str())}</p>
                                            <blockquote>{t.rule.rule().quote}</blockquote>
                                        </div>
                                    </details>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}

        <h3>"Timeline"</h3>
        <table class="nhsuk-table" data-testid="timeline">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Timeline of states"</caption>
            <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                <th scope="col" class="nhsuk-table__header">"State"</th>
                <th scope="col" class="nhsuk-table__header">"From"</th>
                <th scope="col" class="nhsuk-table__header">"To"</th>
            </tr></thead>
            <tbody class="nhsuk-table__body">
                {segments.into_iter().map(|s| view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell"><StateTag state=s.state/></td>
                        <td class="nhsuk-table__cell">{s.from.long_form()}</td>
                        <td class="nhsuk-table__cell">{s.to.map_or_else(|| "now".to_owned(), |d| d.long_form())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>

        {(!result.warnings.is_empty()).then(|| view! {
            <div class="nhsuk-warning-callout" data-testid="warnings">
                <h3 class="nhsuk-warning-callout__label">"Events that were ignored"</h3>
                <ul>{result.warnings.iter().map(|w| view! { <li>{format!("{}: {}", w.on.long_form(), w.message)}</li> }).collect_view()}</ul>
            </div>
        })}
    }
}
