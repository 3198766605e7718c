//! NHS.UK form pieces: error summary, inline errors, radios, text inputs and the page title.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::html::{html, Html};

/// A problem with one field: the field's id (the summary links to it) and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the input the summary links to.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldError {
    /// A problem with the field `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The message for `field` among a page's `errors`, as a signal: one closure for every page.
pub fn field_error(
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    })
}

/// What a field bound to `value` shows: `prop:value=shown(value)`. One closure for every field.
pub fn shown(value: RwSignal<String>) -> impl Fn() -> String + Copy {
    move || value.get()
}

/// Keeps what was typed or chosen in `value`: `on:input=typed(value)` or `on:change=typed(value)`.
pub fn typed(value: RwSignal<String>) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev| value.set(event_target_value(&ev))
}

/// A field's `aria-describedby`: its hint (`{id}-hint`) if it has one, and its error message
/// (`{id}-error`) while one is shown.
pub fn described_by(
    id: &'static str,
    hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if error.with(Option::is_some) {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The class of a form group, with the error style while `error` holds a message.
pub fn group_class_of(error: Signal<Option<String>>) -> impl Fn() -> &'static str + Copy {
    move || {
        if error.with(Option::is_some) {
            "nhsuk-form-group nhsuk-form-group--error"
        } else {
            "nhsuk-form-group"
        }
    }
}

/// Sets the document title: "<title> – NHSmail policy rules (unofficial)", with "Error: " first
/// while `has_error` is true.
pub fn page_title(title: impl Fn() -> String + 'static, has_error: impl Fn() -> bool + 'static) {
    title_effect(Box::new(title), Box::new(has_error));
}

/// One effect for every page's title: not compiled again for each page's closures.
fn title_effect(title: Box<dyn Fn() -> String>, has_error: Box<dyn Fn() -> bool>) {
    Effect::new(move |_| {
        let prefix = if has_error() { "Error: " } else { "" };
        document().set_title(&format!(
            "{prefix}{} – NHSmail policy rules (unofficial)",
            title()
        ));
    });
}

/// Moves the focus to the target of an in-page link (`<a href="#id">`) that a click landed on, as
/// the NHS.UK error summary does: the router only scrolls, and the focus would stay on the link.
pub fn focus_link_target(ev: leptos::ev::MouseEvent) {
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("a[href^='#']").ok().flatten())
    else {
        return;
    };
    let href = link.get_attribute("href").unwrap_or_default();
    if crate::browser::focus(href.trim_start_matches('#')) {
        ev.prevent_default();
    }
}

/// "There is a problem", linking to each field; focused when it appears.
#[component]
pub fn ErrorSummary(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.with(Vec::is_empty) {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1"
            node_ref=node data-testid="error-summary" hidden=move || errors.with(Vec::is_empty)>
            <h2 class="nhsuk-error-summary__title" id="error-summary-title">"There is a problem"</h2>
            <div class="nhsuk-error-summary__body">
                <ul class="nhsuk-list nhsuk-error-summary__list" on:click=focus_link_target inner_html=move || errors.with(|e| {
                    e.iter().map(|e| html!(r##"<li><a href="#{}">{}</a></li>"##, Html::text(&e.field), Html::text(&e.message))).collect::<Html>()
                })></ul>
            </div>
        </div>
    }
}

/// The inline message under a label, while `message` holds one.
pub fn error_message(id: &'static str, message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <span class="nhsuk-error-message" id=format!("{id}-error")>
                    <span class="nhsuk-u-visually-hidden">"Error: "</span>{m}
                </span>
            }
        })
    }
}

/// A radios question in a fieldset. `options` are `(value, label, hint)`; the first radio has the
/// id `id` so error links land on it. Each radio is ticked while `value` holds its value, and
/// choosing it sets `value`.
#[component]
pub fn Radios(
    id: &'static str,
    legend: String,
    #[prop(optional)] page_heading: bool,
    #[prop(optional)] hint: Option<&'static str>,
    options: Vec<(&'static str, &'static str, Option<&'static str>)>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let (legend_class, legend_html) = if page_heading {
        (
            "nhsuk-fieldset__legend nhsuk-fieldset__legend--l",
            html!(
                r#"<h1 class="nhsuk-fieldset__heading">{}</h1>"#,
                Html::text(&legend)
            ),
        )
    } else {
        (
            "nhsuk-fieldset__legend nhsuk-fieldset__legend--s",
            html!("<span>{}</span>", Html::text(&legend)),
        )
    };
    let hint = hint.filter(|h| !h.is_empty());
    let described = described_by(id, hint.is_some(), error);
    let radios = options
        .into_iter()
        .enumerate()
        .map(|(i, (v, label, item_hint))| {
            let input_id = if i == 0 { id.to_owned() } else { format!("{id}-{v}") };
            let hint_id = item_hint.map(|_| format!("{input_id}-item-hint"));
            view! {
                <div class="nhsuk-radios__item">
                    <input class="nhsuk-radios__input" id=input_id.clone() name=id type="radio" value=v
                        aria-describedby=hint_id.clone()
                        prop:checked=move || value.with(|x| x == v) on:change=move |_| value.set(v.to_owned())/>
                    <label class="nhsuk-label nhsuk-radios__label" for=input_id>{label}</label>
                    {item_hint.map(|h| view! { <div class="nhsuk-hint nhsuk-radios__hint" id=hint_id>{h}</div> })}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=group_class_of(error)>
            <fieldset class="nhsuk-fieldset" aria-describedby=described>
                <legend class=legend_class inner_html=legend_html></legend>
                {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> })}
                {error_message(id, error)}
                <div class="nhsuk-radios">{radios}</div>
            </fieldset>
        </div>
    }
}

/// A labelled text input bound to `value`.
#[component]
pub fn TextInput(
    id: &'static str,
    label: String,
    #[prop(optional)] page_heading: bool,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] width: Option<&'static str>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let hint = hint.filter(|h| !h.is_empty());
    let described = described_by(id, hint.is_some(), error);
    let input_class = move || {
        let mut c = String::from("nhsuk-input");
        if let Some(w) = width {
            c.push_str(" nhsuk-input--width-");
            c.push_str(w);
        }
        if error.get().is_some() {
            c.push_str(" nhsuk-input--error");
        }
        c
    };
    let label_view = if page_heading {
        view! { <h1 class="nhsuk-label-wrapper"><label class="nhsuk-label nhsuk-label--l" for=id>{label}</label></h1> }.into_any()
    } else {
        view! { <label class="nhsuk-label" for=id>{label}</label> }.into_any()
    };
    view! {
        <div class=group_class_of(error)>
            {label_view}
            {hint.map(|h| view! { <div class="nhsuk-hint" id=format!("{id}-hint")>{h}</div> })}
            {error_message(id, error)}
            <input class=input_class id=id name=id type=input_type.unwrap_or("text") inputmode=inputmode
                aria-describedby=described data-testid=id
                prop:value=shown(value) on:input=typed(value)/>
        </div>
    }
}

/// One NHS.UK checkbox (put it inside a `nhsuk-checkboxes` group), bound to `value`.
#[component]
pub fn Checkbox(id: &'static str, label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="nhsuk-checkboxes__item">
            <input class="nhsuk-checkboxes__input" id=id type="checkbox" data-testid=id
                prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))/>
            <label class="nhsuk-label nhsuk-checkboxes__label" for=id>{label}</label>
        </div>
    }
}

/// The public page a seed file name stands for.
pub fn source_title(file: &str) -> &'static str {
    match file.get(..3) {
        Some("000") => "North Central London ICB GP IT page on NHSmail",
        Some("001") => "Care provider guidance on NHSmail and secure email",
        Some("002") => "Encyclopaedia article on NHS.net",
        Some("003") => "Lincolnshire care association page on NHSmail",
        _ => "this tool's specification (no public page states it)",
    }
}
