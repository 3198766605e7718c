//! The lifecycle simulator for trainers: an account, its events, a policy set and an as-of date in;
//! the state, the next transition, what would stop it, the rule behind each step, and a timeline
//! out. Recomputes on every change; the scenario is kept in local storage and can be shared as a
//! link that reproduces it exactly.

use leptos::prelude::*;
use nhsmail_rules::{AccountKind, Channel, Event, IsoDate, PolicySet, BUILT_IN_SETS};
use serde::{Deserialize, Serialize};

use crate::browser::{by_id, copy_text, focus};
use crate::components::date_input::{date_error, read_date, read_date_in, DateInput};
use crate::components::date_parts::kept_date;
use crate::components::form::{focus_link_target, page_title, shown, typed, Checkbox, FieldError};
use crate::components::from_key;
use crate::html::{html, options, Html};
use crate::page::Page;
use crate::pages::scenario_link::{scenario_from_query, scenario_query};
use crate::pages::simulator_events::{event_choices, make_event, EventsTable};
use crate::pages::simulator_presets::presets;
use crate::pages::simulator_timeline::{area, compute, presenter, side_by_side, stops};
use crate::pages::simulator_view::outcome as outcome_html;
use crate::store::{kept, Notices};
use wasm_bindgen::JsCast;

const KEY: &str = "nhsmail-rules.simulator.v1";
const WHAT: &str = "simulator scenario";

/// The date fields' legends, which their error messages name.
const CREATED: &str = "Date the account was created";
const AS_OF: &str = "Date to look at";
const NEW_ON: &str = "Date of the event";

/// A whole scenario: what the page shows, what local storage keeps, and what a link carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub(crate) kind: AccountKind,
    pub(crate) created: IsoDate,
    pub(crate) onboarded: bool,
    pub(crate) events: Vec<Event>,
    pub(crate) policy_set: String,
    pub(crate) as_of: IsoDate,
}

impl Default for Scenario {
    fn default() -> Self {
        presets().remove(0).4
    }
}

/// The scenario in the page's link (`?scenario=`), if there is one.
fn from_link() -> Option<Result<Scenario, String>> {
    // The router's address: on a move by a link, the browser's is not updated yet.
    scenario_from_query(&untrack(crate::router::query))
}

/// The link that reproduces `s`.
fn link(s: &Scenario) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}?{}", Page::Simulator.href(), scenario_query(s))
}

/// What the chosen example shows (nothing when none is chosen).
fn about_html(id: &str) -> Html {
    presets()
        .into_iter()
        .find(|(p, ..)| *p == id)
        .map(|(_, _, about, point, _)| {
            html!(
                r#"<p class="nhsuk-hint">{}</p><p class="nhsuk-inset-text" data-testid="point-out">{}</p>"#,
                Html::text(about),
                Html::text(point)
            )
        })
        .unwrap_or_default()
}

/// A form's problems as an NHS.UK error summary linking to each field (nothing when there are
/// none), with `testid`. The add-an-event form's is an alert when the button is pressed; the
/// date fields' is not, as it follows every key pressed inside a live region already.
fn summary_html(testid: &str, errors: &[FieldError]) -> Html {
    if errors.is_empty() {
        return Html::default();
    }
    let items: Html = errors
        .iter()
        .map(|e| {
            html!(
                r##"<li><a href="#{}">{}</a></li>"##,
                Html::text(&e.field),
                Html::text(&e.message)
            )
        })
        .collect();
    html!(
        r##"<div class="nhsuk-error-summary"{} tabindex="-1" data-testid="{}"><h2 class="nhsuk-error-summary__title">There is a problem</h2><div class="nhsuk-error-summary__body"><ul class="nhsuk-list nhsuk-error-summary__list">{}</ul></div></div>"##,
        if testid == "add-error" {
            html!(r#" role="alert""#)
        } else {
            Html::default()
        },
        Html::text(testid),
        items
    )
}

/// Presenter mode, once it is shown: full screen where the browser allows it (else it fills the
/// window), with the focus in it.
fn enter_presenter() {
    if let Some(el) = by_id::<web_sys::Element>("presenter") {
        let _ = el.request_fullscreen();
    }
    focus("presenter");
}

/// Presenter mode's buttons in turn, wrapping round at either end (`back` for Shift+Tab).
fn cycle_presenter_focus(back: bool) {
    let Some(Ok(buttons)) =
        by_id::<web_sys::Element>("presenter").map(|p| p.query_selector_all("button"))
    else {
        return;
    };
    let n = buttons.length();
    if n == 0 {
        return;
    }
    let active: Option<web_sys::Node> = document().active_element().map(Into::into);
    let next = match ((0..n).find(|&i| buttons.get(i) == active), back) {
        (Some(i), false) => (i + 1) % n,
        (Some(i), true) => (i + n - 1) % n,
        (None, false) => 0,
        (None, true) => n - 1,
    };
    if let Some(b) = buttons
        .get(next)
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = b.focus();
    }
}

/// The focus back on the "Present" button.
fn focus_present() {
    focus("present");
}

/// The simulator page.
#[component]
pub fn Simulator() -> impl IntoView {
    let saved = kept::<Scenario>(KEY, WHAT);
    match from_link() {
        Some(Ok(s)) => saved.set(s),
        Some(Err(_)) => {
            if let Some(n) = use_context::<Notices>() {
                n.push(
                    "The scenario in the link could not be read, so your saved scenario is shown."
                        .to_owned(),
                );
            }
        }
        None => {}
    }
    let start = saved.get_untracked();
    // The form's text, kept as typed so a half-typed date is not lost.
    let kind = RwSignal::new(start.kind.as_str().to_owned());
    let created = RwSignal::new(start.created.to_string());
    let as_of = RwSignal::new(start.as_of.to_string());
    let events = RwSignal::new(start.events.iter().cloned().enumerate().collect::<Vec<_>>());
    let next_key = RwSignal::new(start.events.len());
    let onboarded = RwSignal::new(start.onboarded);
    let policy_set = RwSignal::new(start.policy_set.clone());
    let preset = RwSignal::new(String::new());

    let new_on = RwSignal::new(start.as_of.to_string());
    let new_type = RwSignal::new(Channel::PortalLogin.as_str().to_owned());
    let new_detail = RwSignal::new(String::new());
    // The add-an-event form's problem (none when there is none).
    let add_error = RwSignal::new(Vec::<FieldError>::new());

    // The scenario from the form; an error names what to fix. Plain closures, not memos: each is
    // cheap to compute again, and a memo of each result type is code of its own.
    // The date fields' problems: checked as they change, as the simulator recomputes on every
    // change. The date to look at cannot be before the account was created.
    let dates = move || -> Result<(IsoDate, IsoDate), Vec<FieldError>> {
        let created = read_date("created", CREATED, &created.get());
        let after = created.as_ref().map_or(IsoDate::MIN, |d| *d);
        let as_of = read_date_in("as-of", AS_OF, &as_of.get(), (after, IsoDate::MAX));
        match (created, as_of) {
            (Ok(c), Ok(a)) => Ok((c, a)),
            (c, a) => Err(c.err().into_iter().chain(a.err()).collect()),
        }
    };
    let date_errors = Memo::new(move |_| dates().err().unwrap_or_default());
    let current = move || -> Result<Scenario, String> {
        let (created, as_of) = dates().map_err(|_| String::new())?;
        let kind = kind.with(|k| from_key(k)).unwrap_or(AccountKind::User);
        let mut list: Vec<(usize, Event)> = events.get();
        list.sort_by_key(|(k, e)| (e.on, *k));
        Ok(Scenario {
            kind,
            created,
            onboarded: onboarded.get(),
            events: list.into_iter().map(|(_, e)| e).collect(),
            policy_set: policy_set.get(),
            as_of,
        })
    };
    Effect::new(move |_| {
        if let Ok(s) = current() {
            saved.set(s);
        }
    });
    let outcome = move || current().and_then(|s| compute(&s, &s.policy_set));
    page_title(
        || "Account lifecycle simulator".to_owned(),
        move || outcome().is_err(),
    );

    let load_preset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = preset.get_untracked();
        if let Some((_, _, _, _, s)) = presets().into_iter().find(|(p, ..)| *p == id) {
            kind.set(s.kind.as_str().to_owned());
            created.set(s.created.to_string());
            as_of.set(s.as_of.to_string());
            onboarded.set(s.onboarded);
            policy_set.set(s.policy_set.clone());
            // New keys, never ones the table has shown: `<For>` keeps a row whose key it knows.
            let first = next_key.get_untracked();
            let n = s.events.len();
            events.set(
                s.events
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| (first + i, e))
                    .collect(),
            );
            next_key.set(first + n);
            new_on.set(s.as_of.to_string());
        }
    };
    let shift = move |f: fn(IsoDate) -> Option<IsoDate>| {
        move |_| {
            if let Some(moved) = kept_date(&as_of.get_untracked()).ok().and_then(f) {
                as_of.set(moved.to_string());
            }
        }
    };
    let add_event = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let on = match read_date("new-on", NEW_ON, &new_on.get_untracked()) {
            Ok(on) => on,
            Err(e) => return add_error.set(vec![e]),
        };
        match make_event(on, &new_type.get_untracked(), &new_detail.get_untracked()) {
            Ok(event) => {
                let key = next_key.get_untracked();
                next_key.set(key + 1);
                events.update(|list| list.push((key, event)));
                add_error.set(Vec::new());
            }
            Err((field, message)) => add_error.set(vec![FieldError::new(field, message)]),
        }
    };
    let share = move || current().map(|s| link(&s)).unwrap_or_default();
    let copied = RwSignal::new(String::new());
    let copy_link = move |_| {
        copy_text(
            &untrack(share),
            copied,
            "Link copied.",
            "Could not copy: select the link and copy it yourself.",
        );
    };
    let button = "nhsuk-button nhsuk-button--secondary nhsuk-button--small";

    // Side by side: the other policy set ("" for none). Presenter mode: on or off.
    let compare = RwSignal::new(String::new());
    let presenting = RwSignal::new(false);
    // One step through the account's life: to the next (or the previous) event or change.
    let step = move |forward: bool| {
        let Ok(s) = untrack(current) else { return };
        let Some(set) = PolicySet::built_in(&s.policy_set) else {
            return;
        };
        let days = stops(&s, &set);
        let to = if forward {
            days.into_iter().find(|d| *d > s.as_of)
        } else {
            days.into_iter().rev().find(|d| *d < s.as_of)
        };
        if let Some(d) = to {
            as_of.set(d.to_string());
        }
    };
    // Presenter mode's keys and buttons (`data-step`): forward, back, or leave, with the focus
    // back on the button that opened it once the page is shown again. Leaving full screen by
    // the browser's own means leaves presenter mode too.
    let act = move |what: &str| match what {
        "forward" => step(true),
        "back" => step(false),
        // Out of full screen first: the focus moves once the browser has left it.
        "leave" if document().fullscreen_element().is_some() => document().exit_fullscreen(),
        "leave" => {
            presenting.set(false);
            request_animation_frame(focus_present as fn());
        }
        _ => {}
    };
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Tab" {
            // The focus kept in presenter mode: Tab and Shift+Tab go round its buttons.
            ev.prevent_default();
            cycle_presenter_focus(ev.shift_key());
            return;
        }
        let what = match ev.key().as_str() {
            "ArrowRight" | "PageDown" => "forward",
            "ArrowLeft" | "PageUp" => "back",
            "Escape" => "leave",
            _ => return,
        };
        ev.prevent_default();
        act(what);
    };
    let clicks = move |ev: leptos::ev::MouseEvent| {
        if let Some(what) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-step]").ok().flatten())
            .and_then(|b| b.get_attribute("data-step"))
        {
            // The screen is drawn again, button and all: the focus stays in presenter mode.
            focus("presenter");
            act(&what);
        }
    };
    let present = move |_| {
        presenting.set(true);
        request_animation_frame(enter_presenter as fn());
    };

    view! {
        <h1>"Account lifecycle simulator"</h1>
        <p class="nhsuk-lede-text">"See how an NHSmail account moves from active to inactive to deleted, and what stops it."</p>

        <h2>"Timeline"</h2>
        <div data-testid="timeline-area" inner_html=move || outcome().map(|r| area(&r)).unwrap_or_default()></div>
        <div class="nhsuk-form-group">
            <button type="button" class="nhsuk-button nhsuk-u-margin-bottom-0" id="present" data-testid="present" on:click=present>"Present"</button>
        </div>
        <form class="nhsuk-u-margin-bottom-5" on:submit=load_preset>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label nhsuk-label--s" for="preset">"Start from an example"</label>
                <select class="nhsuk-select" id="preset" data-testid="preset" on:change=typed(preset)
                    inner_html=options(std::iter::once(("", "Choose an example")).chain(presets().iter().map(|(id, name, ..)| (*id, *name))), "")></select>
                <button type="submit" class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-left-2 nhsuk-u-margin-bottom-0" data-testid="load-preset">"Load example"</button>
            </div>
            <div inner_html=move || preset.with(|p| about_html(p))></div>
        </form>

        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="compare">"Compare with another policy set"</label>
            <select class="nhsuk-select" id="compare" data-testid="compare" on:change=typed(compare)
                inner_html=options(std::iter::once(("", "Do not compare")).chain(BUILT_IN_SETS.iter().map(|s| (s.id, s.title))), "")></select>
        </div>
        <div data-testid="side-by-side" inner_html=move || compare.with(|c| {
            let s = current().ok()?;
            (!c.is_empty()).then_some(())?;
            Some(side_by_side(&compute(&s, &s.policy_set).ok()?, &compute(&s, c).ok()?))
        }).unwrap_or_default()></div>

        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half">
                <h2>"The account"</h2>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="kind">"Kind of account"</label>
                    <select class="nhsuk-select" id="kind" data-testid="kind"
                        inner_html=options(AccountKind::ALL.map(|k| (k.as_str(), k.label())), &kind.get_untracked())
                        on:change=typed(kind) prop:value=shown(kind)></select>
                </div>
                <DateInput id="created" legend=CREATED value=created error=date_error(date_errors, "created")/>
                <div class="nhsuk-form-group">
                    <div class="nhsuk-checkboxes">
                        <Checkbox id="onboarded" label="The acceptable use policy and Account Secret were done before these events" value=onboarded/>
                    </div>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="policy-set">"Policy set"</label>
                    <select class="nhsuk-select" id="policy-set" data-testid="policy-set"
                        inner_html=options(BUILT_IN_SETS.iter().map(|s| (s.id, s.title)), &policy_set.get_untracked())
                        on:change=typed(policy_set) prop:value=shown(policy_set)></select>
                </div>

                <h2>"What happened"</h2>
                <EventsTable events/>

                <form on:submit=add_event novalidate>
                    <fieldset class="nhsuk-fieldset">
                        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Add an event"</legend>
                        <div on:click=focus_link_target inner_html=move || add_error.with(|e| summary_html("add-error", e))></div>
                        <DateInput id="new-on" legend=NEW_ON value=new_on error=date_error(add_error, "new-on")/>
                        <div class="nhsuk-form-group">
                            <label class="nhsuk-label" for="new-type">"What happened"</label>
                            <select class="nhsuk-select" id="new-type" data-testid="new-event-type"
                                inner_html=options(event_choices(), &new_type.get_untracked())
                                on:change=typed(new_type) prop:value=shown(new_type)></select>
                        </div>
                        <div class="nhsuk-form-group">
                            <label class="nhsuk-label" for="new-detail">"New organisation or email address (if needed)"</label>
                            <input class="nhsuk-input" id="new-detail" type="text" data-testid="new-event-detail"
                                prop:value=shown(new_detail) on:input=typed(new_detail)/>
                        </div>
                        <button type="submit" class="nhsuk-button nhsuk-button--secondary" data-testid="add-event">"Add event"</button>
                    </fieldset>
                </form>
            </div>

            <div class="nhsuk-grid-column-one-half">
                <h2>"The account on a date"</h2>
                <DateInput id="as-of" legend=AS_OF value=as_of error=date_error(date_errors, "as-of")/>
                <div class="nhsuk-button-group" role="group" aria-label="Move the date">
                    <button type="button" class=button data-testid="back-month" on:click=shift(|d| d.minus_months(1))>"Back a month"</button>
                    <button type="button" class=button data-testid="back-week" on:click=shift(|d| d.minus_days(7))>"Back a week"</button>
                    <button type="button" class=button data-testid="back-day" on:click=shift(|d| d.pred())>"Back a day"</button>
                    <button type="button" class=button data-testid="forward-day" on:click=shift(|d| d.succ())>"Forward a day"</button>
                    <button type="button" class=button data-testid="forward-week" on:click=shift(|d| d.plus_days(7))>"Forward a week"</button>
                    <button type="button" class=button data-testid="forward-month" on:click=shift(|d| d.plus_months(1))>"Forward a month"</button>
                </div>
                <div aria-live="polite" data-testid="result" on:click=focus_link_target inner_html=move || match &outcome() {
                    Err(_) if date_errors.with(|e| !e.is_empty()) => date_errors.with(|e| summary_html("input-error", e)),
                    Err(message) => html!(
                        r#"<div class="nhsuk-error-summary" data-testid="input-error"><h2 class="nhsuk-error-summary__title">There is a problem</h2><div class="nhsuk-error-summary__body"><p>{}</p></div></div>"#,
                        Html::text(message)
                    ),
                    Ok(run) => outcome_html(run),
                }></div>
            </div>
        </div>

        <h2 class="app-no-print">"Share this scenario"</h2>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="share-link">"Anyone who opens this link sees the same account, events and date"</label>
            <input class="nhsuk-input" id="share-link" type="text" readonly data-testid="share-link" prop:value=share/>
        </div>
        <button type="button" class="nhsuk-button nhsuk-button--secondary" data-testid="copy-link" on:click=copy_link>"Copy the link"</button>
        <p role="status">{shown(copied)}</p>

        <div class="app-present" id="presenter" data-testid="presenter" role="dialog" aria-modal="true" aria-label="Presenter mode" tabindex="-1"
            hidden=move || !presenting.get() on:keydown=keys on:click=clicks
            on:fullscreenchange=move |_| if document().fullscreen_element().is_none() { act("leave") }
            inner_html=move || presenting.get().then(|| outcome().map(|r| presenter(&r)).ok()).flatten().unwrap_or_default()></div>
    }
}
