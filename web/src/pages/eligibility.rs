//! "Check if you can get NHSmail": a start page, one question per page, check your answers, and an
//! outcome. The answers live in local storage, so back links and reloads keep them.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use nhsmail_rules::{check_eligibility, EligibilityInput, EligibilityResult, PolicySet, Route};
use serde::{Deserialize, Serialize};

use crate::components::form::{error_for, page_title, ErrorSummary, FieldError, Radios, TextInput};
use crate::components::{commas, today};
use crate::html::{esc, h, list, p, p_id, rule_source, word_tag};
use crate::store::kept;

const KEY: &str = "nhsmail-rules.eligibility.v1";
const WHAT: &str = "eligibility answers";

/// Everything the person answered, as they answered it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    organisation_type: String,
    cqc_registered: String,
    dspt_status: String,
    approaching_before: String,
    dspt_year: String,
    sites: String,
    local_administrators: String,
    existing_nhsmail: String,
}

/// The questions, in order.
const STEPS: [&str; 8] = [
    "organisation-type",
    "cqc-registered",
    "dspt-status",
    "approaching-before",
    "dspt-year",
    "sites",
    "local-administrators",
    "existing-nhsmail",
];

fn passing(status: &str) -> bool {
    matches!(
        status,
        "approachingStandards" | "standardsMet" | "standardsExceeded"
    )
}

/// Whether a question is asked, given the answers so far.
fn applies(step: &str, a: &Answers) -> bool {
    let care = a.organisation_type == "careProvider";
    match step {
        "cqc-registered" | "dspt-status" | "sites" | "local-administrators" => care,
        "approaching-before" => care && a.dspt_status == "approachingStandards",
        "dspt-year" => care && passing(&a.dspt_status),
        _ => true,
    }
}

fn answer<'a>(step: &str, a: &'a Answers) -> &'a str {
    match step {
        "organisation-type" => &a.organisation_type,
        "cqc-registered" => &a.cqc_registered,
        "dspt-status" => &a.dspt_status,
        "approaching-before" => &a.approaching_before,
        "dspt-year" => &a.dspt_year,
        "sites" => &a.sites,
        "local-administrators" => &a.local_administrators,
        _ => &a.existing_nhsmail,
    }
}

fn set_answer(step: &str, a: &mut Answers, value: String) {
    let slot = match step {
        "organisation-type" => &mut a.organisation_type,
        "cqc-registered" => &mut a.cqc_registered,
        "dspt-status" => &mut a.dspt_status,
        "approaching-before" => &mut a.approaching_before,
        "dspt-year" => &mut a.dspt_year,
        "sites" => &mut a.sites,
        "local-administrators" => &mut a.local_administrators,
        _ => &mut a.existing_nhsmail,
    };
    *slot = value;
}

fn position(step: &str) -> Option<usize> {
    STEPS.iter().position(|s| *s == step)
}

/// Where "Continue" goes: the next question asked (when changing an answer, the next one not yet
/// answered), else check your answers.
fn next_step(step: &str, a: &Answers, changing: bool) -> String {
    let from = position(step).map_or(0, |i| i + 1);
    STEPS
        .iter()
        .skip(from)
        .find(|s| applies(s, a) && (!changing || answer(s, a).is_empty()))
        .map_or_else(
            || "/eligibility/check".to_owned(),
            |s| format!("/eligibility/{s}"),
        )
}

/// Where the back link goes: the previous question asked, else the start page.
fn previous_step(step: &str, a: &Answers) -> String {
    let upto = position(step).unwrap_or(STEPS.len());
    STEPS
        .iter()
        .take(upto)
        .rev()
        .find(|s| applies(s, a))
        .map_or_else(
            || "/eligibility".to_owned(),
            |s| format!("/eligibility/{s}"),
        )
}

/// Accepts "2024-25" and the DSPT's own "24/25".
fn normalise_year(text: &str) -> String {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() == 5
        && b.get(2) == Some(&b'/')
        && t.chars().filter(char::is_ascii_digit).count() == 4
    {
        return format!("20{}-{}", &t[..2], &t[3..]);
    }
    t.to_owned()
}

/// Checks one answer; the error says how to fix it.
fn validate(step: &str, value: &str) -> Result<String, String> {
    let v = value.trim();
    let missing = match step {
        "organisation-type" => "Select the kind of organisation you are",
        "cqc-registered" => "Select yes if you are registered with the Care Quality Commission",
        "dspt-status" => "Select your DSPT status, or select I'm not sure",
        "approaching-before" => "Select yes if you have published at Approaching Standards before",
        "dspt-year" => "Enter the year your DSPT was published for, like 2024-25",
        "sites" => "Enter how many sites you have, like 3",
        "local-administrators" => "Select yes if you have staff who can be local administrators",
        _ => "Select yes if your organisation already has NHSmail",
    };
    if v.is_empty() {
        return Err(missing.to_owned());
    }
    match step {
        "dspt-year" => {
            let year = normalise_year(v);
            year.parse::<nhsmail_rules::DsptYear>()
                .map(|_| year)
                .map_err(|()| {
                    "Enter the year in the format 2024-25, with the second year following the first"
                        .to_owned()
                })
        }
        "sites" => match v.replace(',', "").parse::<u32>() {
            Ok(n) if (1..=1_000_000).contains(&n) => Ok(n.to_string()),
            Ok(_) => Err("Enter a number of sites from 1 to 1,000,000".to_owned()),
            Err(_) => Err("Enter the number of sites as a whole number, like 3".to_owned()),
        },
        _ => Ok(v.to_owned()),
    }
}

/// The core's input, built from the answers (questions not asked take the SPEC defaults).
fn input(a: &Answers, as_of: nhsmail_rules::IsoDate) -> Result<EligibilityInput, String> {
    let yes = |s: &str| s == "yes";
    let care = a.organisation_type == "careProvider";
    let mut value = serde_json::json!({
        "organisationType": a.organisation_type,
        "hasNhsmailAlready": yes(&a.existing_nhsmail),
        "asOf": as_of.to_string(),
    });
    if care {
        value["cqcRegistered"] = yes(&a.cqc_registered).into();
        value["dsptStatus"] = a.dspt_status.clone().into();
        value["approachingStandardsBefore"] =
            (a.dspt_status == "approachingStandards" && yes(&a.approaching_before)).into();
        value["hasLocalAdministrators"] = yes(&a.local_administrators).into();
        if passing(&a.dspt_status) {
            value["dsptYear"] = a.dspt_year.clone().into();
        }
        if let Ok(n) = a.sites.parse::<u32>() {
            value["sites"] = n.into();
        }
    }
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// The start page.
#[component]
pub fn Start() -> impl IntoView {
    page_title(|| "Check if you can get NHSmail".to_owned(), || false);
    view! {
        <h1>"Check if you can get NHSmail"</h1>
        <p>"Use this to find out if your organisation can get NHSmail (NHS.net Connect) email accounts, how to apply and how many accounts you can have."</p>
        <p>"It checks your answers against the published NHSmail policy for care providers. It takes about 2 minutes."</p>
        <p>"You will need to know your Data Security and Protection Toolkit (DSPT) status. We will tell you how to find it if you are not sure."</p>
        <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p>"Nothing you enter leaves your browser. Your answers are kept on this device so you can come back to them."</p>
        </div>
        <a href="/eligibility/organisation-type" role="button" draggable="false" class="nhsuk-button" data-testid="start">"Start now"</a>
    }
}

/// A question, check your answers, or the outcome, by the `:step` in the address.
#[component]
pub fn Step() -> impl IntoView {
    let params = use_params_map();
    let answers = kept::<Answers>(KEY, WHAT);
    move || match params.with(|p| p.get("step").unwrap_or_default()).as_str() {
        "check" => view! { <Check answers/> }.into_any(),
        "outcome" => view! { <Outcome answers/> }.into_any(),
        step => match STEPS.iter().find(|s| **s == step) {
            Some(s) => view! { <Question step=s answers/> }.into_any(),
            None => view! { <crate::pages::home::NotFound/> }.into_any(),
        },
    }
}

type Options = Vec<(&'static str, &'static str, Option<&'static str>)>;

fn yes_no() -> Options {
    vec![("yes", "Yes", None), ("no", "No", None)]
}

/// (question, hint, radio options; empty for a text answer)
fn question(step: &str) -> (&'static str, Option<&'static str>, Options) {
    match step {
        "organisation-type" => ("What kind of organisation are you?", None, vec![
            ("careProvider", "A care provider", Some("For example a care home, home care agency or hospice.")),
            ("locallyCommissioned", "An organisation commissioned locally to provide NHS services", Some("Your commissioner requires you to use NHSmail.")),
            ("nationalSupport", "An organisation that supports the NHS nationally", None),
        ]),
        "cqc-registered" => ("Are you registered with the Care Quality Commission (CQC)?", Some("The NHSmail registration for care providers asks for your CQC details."), yes_no()),
        "dspt-status" => ("What is your Data Security and Protection Toolkit (DSPT) status?", Some("This is the status of your latest published DSPT assessment."), vec![
            ("standardsExceeded", "Standards Exceeded", None),
            ("standardsMet", "Standards Met", None),
            ("approachingStandards", "Approaching Standards", None),
            ("standardsNotMet", "Standards Not Met", None),
            ("notPublished", "Not published", Some("You have not published a DSPT assessment.")),
            ("unknown", "I'm not sure", None),
        ]),
        "approaching-before" => ("Have you published a DSPT at Approaching Standards before?", Some("A provider can publish at Approaching Standards only once."), yes_no()),
        "dspt-year" => ("Which year was your DSPT published for?", Some("The DSPT shows it before the status, like 24/25 Standards Met. Enter it as 2024-25."), Vec::new()),
        "sites" => ("How many sites do you have?", Some("A site is a separate location where you provide care, like a care home."), Vec::new()),
        "local-administrators" => ("Do you have staff who can be local administrators?", Some("Local administrators manage your NHSmail accounts for you. You need them to manage your own accounts (self-management)."), yes_no()),
        _ => ("Does your organisation already have NHSmail?", None, yes_no()),
    }
}

#[component]
fn Question(step: &'static str, answers: RwSignal<Answers>) -> impl IntoView {
    let navigate = use_navigate();
    // Not `use_query_map`: under `FlatRoutes` it kept the query of the page before.
    let location = use_location();
    let changing = move || location.query.with(|q| q.get("change").is_some());
    let value = RwSignal::new(answers.with_untracked(|a| answer(step, a).to_owned()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let (title, hint, options) = question(step);
    page_title(
        move || title.to_owned(),
        move || !errors.with(Vec::is_empty),
    );
    let error = Signal::derive(move || errors.with(|e| error_for(e, step)));
    let back = move || {
        if changing() {
            "/eligibility/check".to_owned()
        } else {
            answers.with(|a| previous_step(step, a))
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate(step, &value.get_untracked()) {
            Err(message) => errors.set(vec![FieldError::new(step, message)]),
            Ok(clean) => {
                errors.set(Vec::new());
                answers.update(|a| set_answer(step, a, clean));
                let to = answers.with_untracked(|a| next_step(step, a, changing()));
                navigate(&to, Default::default());
            }
        }
    };
    let field = if options.is_empty() {
        let (width, mode) = if step == "sites" {
            ("5", "numeric")
        } else {
            ("5", "text")
        };
        view! { <TextInput id=step label=title.to_owned() page_heading=true hint=hint.unwrap_or_default().to_owned()
            width=width inputmode=mode value error/> }.into_any()
    } else {
        view! { <Radios id=step legend=title.to_owned() page_heading=true hint=hint.unwrap_or("") options value error/> }.into_any()
    };
    view! {
        <a class="nhsuk-back-link" href=back data-testid="back">"Back"</a>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors=errors.into()/>
                <form on:submit=submit novalidate>
                    {field}
                    {(step == "dspt-status").then(|| view! {
                        <details class="nhsuk-details">
                            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"How to find out your DSPT status"</span></summary>
                            <div class="nhsuk-details__text">
                                <p>"Search for your organisation by name or ODS code on the Data Security and Protection Toolkit website (dsptoolkit.nhs.uk). Its status is shown with the year, like 24/25 Standards Met."</p>
                                <p>"If you still are not sure, select I'm not sure and we will tell you what to do next."</p>
                            </div>
                        </details>
                    })}
                    <button class="nhsuk-button" type="submit" data-testid="continue">"Continue"</button>
                </form>
            </div>
        </div>
    }
}

fn words(step: &str, value: &str) -> String {
    let (_, _, options) = question(step);
    match options.iter().find(|(v, _, _)| *v == value) {
        Some((_, w, _)) => (*w).to_owned(),
        None if step == "sites" => value.parse::<u32>().map_or(value.to_owned(), commas),
        None => value.to_owned(),
    }
}

#[component]
fn Check(answers: RwSignal<Answers>) -> impl IntoView {
    page_title(|| "Check your answers".to_owned(), || false);
    let back = move || answers.with(|a| previous_step("check", a));
    let missing = move || {
        answers.with(|a| {
            STEPS
                .iter()
                .find(|s| applies(s, a) && answer(s, a).is_empty())
                .copied()
        })
    };
    view! {
        <a class="nhsuk-back-link" href=back data-testid="back">"Back"</a>
        <h1>"Check your answers"</h1>
        <dl class="nhsuk-summary-list" data-testid="answers" inner_html=move || rows(&answers.get())></dl>
        {move || match missing() {
            Some(step) => view! {
                <p>"You have not answered every question yet."</p>
                <a class="nhsuk-button" href=format!("/eligibility/{step}") role="button" draggable="false">"Answer the next question"</a>
            }.into_any(),
            None => view! {
                <a class="nhsuk-button" href="/eligibility/outcome" role="button" draggable="false" data-testid="see-outcome">"See if you can get NHSmail"</a>
            }.into_any(),
        }}
    }
}

/// The summary list rows, one per question asked, as HTML.
fn rows(a: &Answers) -> String {
    let mut out = String::new();
    for step in STEPS.iter().filter(|s| applies(s, a)) {
        let (title, _, _) = question(step);
        let value = answer(step, a);
        let shown = if value.is_empty() {
            "Not answered".to_owned()
        } else {
            words(step, value)
        };
        out.push_str(&format!(
            r#"<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">{}</dt><dd class="nhsuk-summary-list__value">{}</dd><dd class="nhsuk-summary-list__actions"><a href="/eligibility/{step}?change=1" data-testid="change-{step}">Change<span class="nhsuk-u-visually-hidden"> {}</span></a></dd></div>"#,
            esc(title), esc(&shown), esc(&title.to_lowercase())
        ));
    }
    out
}

fn route_words(route: Route) -> &'static str {
    match route {
        Route::Portal => "Apply through the NHSmail portal. The national administration service will send you the log-in details.",
        Route::SelfManagement => "You can also apply for self-management, where your own local administrators manage your accounts.",
        Route::Sponsor => "Ask your commissioner for sponsor accounts. They provide them for the length of your contract.",
        Route::NationalForm => "Fill in the NHS access process form and send it to feedback@nhs.net.",
    }
}

#[component]
fn Outcome(answers: RwSignal<Answers>) -> impl IntoView {
    let as_of = today();
    let result = Memo::new(move |_| {
        answers.with(|a| input(a, as_of)).and_then(|i| {
            let set = PolicySet::built_in("national").ok_or("no national policy")?;
            check_eligibility(&i, &set).map_err(|e| e.to_string())
        })
    });
    page_title(
        move || match result.get() {
            Ok(r) if r.eligible => "You can get NHSmail".to_owned(),
            Ok(_) => "You cannot get NHSmail yet".to_owned(),
            Err(_) => "Some answers are missing".to_owned(),
        },
        || false,
    );
    let start_again = move |_| answers.set(Answers::default());
    view! {
        <a class="nhsuk-back-link" href="/eligibility/check" data-testid="back">"Back to your answers"</a>
        {move || match result.get() {
            Err(_) => view! {
                <h1>"Some answers are missing"</h1>
                <p><a href="/eligibility/check">"Check your answers"</a></p>
            }.into_any(),
            Ok(r) => view! { <div inner_html=outcome_html(&r, as_of)></div> }.into_any(),
        }}
        <p><a href="/eligibility" on:click=start_again data-testid="start-again">"Start again"</a></p>
    }
}

/// The outcome, as HTML.
fn outcome_html(r: &EligibilityResult, as_of: nhsmail_rules::IsoDate) -> String {
    let heading = if r.eligible {
        "You can get NHSmail"
    } else {
        "You cannot get NHSmail yet"
    };
    let mut out = if r.eligible {
        format!(
            r#"<div class="nhsuk-panel" data-testid="outcome"><h1 class="nhsuk-panel__title">{heading}</h1><div class="nhsuk-panel__body">Checked against the published policy on {}</div></div>"#,
            as_of.long_form()
        )
    } else {
        format!(
            r#"<h1 data-testid="outcome">{heading}</h1>{}"#,
            p(&format!(
                "Checked against the published policy on {}. Do the steps below, then check again.",
                as_of.long_form()
            ))
        )
    };
    if !r.routes.is_empty() {
        out.push_str(&h(2, "How to apply"));
        out.push_str(&list(
            "nhsuk-list nhsuk-list--bullet",
            "routes",
            r.routes.iter().map(|route| esc(route_words(*route))),
            false,
        ));
    }
    if let Some(a) = r.allowance {
        out.push_str(&h(2, "How many accounts you can have"));
        out.push_str(&p_id(
            "allowance",
            &format!(
                "Up to {} named user accounts and {} shared mailboxes.",
                commas(a.named_users),
                commas(a.shared_mailboxes)
            ),
        ));
    }
    if let Some(d) = r.dspt_valid_until {
        out.push_str(&p_id(
            "dspt-valid-until",
            &format!(
                "Your DSPT publication counts until {}. Publish your next one by then.",
                d.long_form()
            ),
        ));
    }
    out.push_str(&h(2, "What to do next"));
    out.push_str(&list(
        "nhsuk-list nhsuk-list--number",
        "next-steps",
        r.next_steps.iter().map(|s| esc(s)),
        true,
    ));
    out.push_str(&h(2, "Why"));
    out.push_str(&list(
        "nhsuk-list",
        "reasons",
        r.reasons.iter().map(|reason| {
            let (class, words) = if reason.met {
                ("nhsuk-tag--green", "Met")
            } else {
                ("nhsuk-tag--red", "Not met")
            };
            format!(
                r#"<p class="nhsuk-u-margin-bottom-1">{} {}</p>{}"#,
                word_tag(class, words),
                esc(&reason.message),
                rule_source(reason.rule, "What the policy says")
            )
        }),
        false,
    ));
    out
}
