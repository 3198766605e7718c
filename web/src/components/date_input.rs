//! The NHS.UK date input: day, month and year fields in one fieldset, for every date on every
//! page (UI.md: never `input[type=date]`). The rules are in [`super::date_parts`]; this only draws.

use leptos::prelude::*;
use nhsmail_rules::IsoDate;

use super::date_parts::{kept_date, kept_date_in, kept_text, shown_parts, DateProblem, Parts};
use super::form::{described_by, error_message, group_class_of, FieldError};

/// The hint every date field shows unless a page gives its own.
pub const DATE_HINT: &str = "For example, 15 3 2025";

/// A date problem as the page's error: the message names the field as its legend does, and the
/// error summary links to the first field marked (`{id}-day`, `{id}-month` or `{id}-year`).
pub fn date_field_error(id: &str, label: &str, problem: &DateProblem) -> FieldError {
    FieldError::new(
        format!("{id}-{}", problem.parts().first()),
        problem.message(label),
    )
}

/// The kept date field `kept` read for the field `id` labelled `label`.
pub fn read_date(id: &str, label: &str, kept: &str) -> Result<IsoDate, FieldError> {
    kept_date(kept).map_err(|p| date_field_error(id, label, &p))
}

/// As [`read_date`], within `range` (inclusive).
pub fn read_date_in(
    id: &str,
    label: &str,
    kept: &str,
    range: (IsoDate, IsoDate),
) -> Result<IsoDate, FieldError> {
    kept_date_in(kept, range).map_err(|p| date_field_error(id, label, &p))
}

/// The message for the date field `id` among a page's `errors` (its error is filed under the
/// part it links to).
pub fn date_error(
    errors: impl Into<Signal<Vec<FieldError>>>,
    id: &'static str,
) -> Signal<Option<String>> {
    let errors = errors.into();
    Signal::derive(move || {
        errors.with(|list| {
            list.iter()
                .find(|e| {
                    e.field
                        .strip_prefix(id)
                        .is_some_and(|rest| matches!(rest, "" | "-day" | "-month" | "-year"))
                })
                .map(|e| e.message.clone())
        })
    })
}

/// Day, month and year fields bound to `value`, which holds the ISO date when the parts make one
/// and the parts as typed when they do not. While `error` holds a message, it is shown and the
/// fields the problem is in are marked.
#[component]
pub fn DateInput(
    id: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let [d, m, y] = shown_parts(&value.get_untracked());
    let (day, month, year) = (RwSignal::new(d), RwSignal::new(m), RwSignal::new(y));
    let typed = move || {
        kept_text(
            &day.get_untracked(),
            &month.get_untracked(),
            &year.get_untracked(),
        )
    };
    // A change made elsewhere (an example loaded, a date button) is shown in the fields; one the
    // fields made is not, so what was typed ("01") stays as typed.
    Effect::new(move |_| {
        let kept = value.get();
        if kept != typed() {
            let [d, m, y] = shown_parts(&kept);
            day.set(d);
            month.set(m);
            year.set(y);
        }
    });
    // The fields to mark, worked out when the error appears (the value as it was checked).
    let marked = move || {
        if error.with(Option::is_none) {
            return Parts::default();
        }
        kept_date(&value.get_untracked()).map_or_else(|p| p.parts(), |_| Parts::ALL)
    };
    let field = move |part: &'static str,
                      label: &'static str,
                      width: &'static str,
                      text: RwSignal<String>,
                      on: fn(Parts) -> bool| {
        let input_id = format!("{id}-{part}");
        let class = move || {
            let mut c = format!("nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}");
            if on(marked()) {
                c.push_str(" nhsuk-input--error");
            }
            c
        };
        view! {
            <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label nhsuk-date-input__label" for=input_id.clone()>{label}</label>
                    <input class=class id=input_id.clone() name=input_id.clone() type="text" inputmode="numeric"
                        data-testid=input_id prop:value=move || text.get()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            value.set(typed());
                        }/>
                </div>
            </div>
        }
    };
    let hint = hint.unwrap_or(DATE_HINT);
    view! {
        <div class=group_class_of(error) data-testid=id>
            <fieldset class="nhsuk-fieldset" role="group" aria-describedby=described_by(id, true, error)>
                <legend class="nhsuk-fieldset__legend">{legend}</legend>
                <div class="nhsuk-hint" id=format!("{id}-hint")>{hint}</div>
                {error_message(id, error)}
                <div class="nhsuk-date-input" id=id>
                    {field("day", "Day", "2", day, |p| p.day)}
                    {field("month", "Month", "2", month, |p| p.month)}
                    {field("year", "Year", "4", year, |p| p.year)}
                </div>
            </fieldset>
        </div>
    }
}
