//! "Check if you can get NHSmail": a start page, one question per page, check your answers, and an
//! outcome. The answers live in local storage, so back links and reloads keep them.

use leptos::prelude::*;
use nhsmail_rules::DsptStatus;

use crate::components::form::{
    field_error, page_title, ErrorSummary, FieldError, Radios, TextInput,
};
use crate::components::{commas, today};
use crate::html::{html, Html};
use crate::page::{Page, Question, Step};
use crate::pages::eligibility_answers::{
    answer, applies, next_step, normalise_year, previous_step, set_answer, validate, Answers,
};
use crate::pages::eligibility_dspt::{current_year_words, lapsed_on};
use crate::pages::eligibility_outcome::{Outcome, DSPT_SITE};
use crate::store::kept_fields;

/// Where the checker's answers are kept on this device ("Clear my answers" removes them).
pub(super) const KEY: &str = "nhsmail-rules.eligibility.v1";
const WHAT: &str = "eligibility answers";

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
        <a href=Question::OrganisationType.href() role="button" draggable="false" class="nhsuk-button" data-testid="start">"Start now"</a>
    }
}

/// A question, check your answers, or the outcome, by the step in the address
/// (`/eligibility/<step>`). The answers are read once and kept in memory while the person moves
/// from step to step, as one page.
#[component]
pub fn Steps(page: Memo<Page>) -> impl IntoView {
    let answers = kept_fields::<Answers>(KEY, WHAT);
    // No step once the address is another page's (this one is about to be replaced).
    let step = Memo::new(move |_| page.get().step());
    move || match step.get() {
        Some(Step::Question(q)) => view! { <QuestionPage q answers/> }.into_any(),
        Some(Step::Check) => view! { <Check answers/> }.into_any(),
        Some(Step::Outcome) => view! { <Outcome answers/> }.into_any(),
        Some(Step::Start) | None => ().into_any(),
    }
}

type Options = Vec<(&'static str, &'static str, Option<&'static str>)>;

fn yes_no() -> Options {
    vec![("yes", "Yes", None), ("no", "No", None)]
}

/// A DSPT status as a radio: the status as the DSPT shows it, or "I'm not sure" (UI.md).
fn dspt_answer(s: DsptStatus) -> (&'static str, &'static str, Option<&'static str>) {
    let (words, hint) = match s {
        DsptStatus::NotPublished => (s.label(), Some("You have not published a DSPT assessment.")),
        DsptStatus::Unknown => ("I'm not sure", None),
        DsptStatus::StandardsNotMet
        | DsptStatus::ApproachingStandards
        | DsptStatus::StandardsMet
        | DsptStatus::StandardsExceeded => (s.label(), None),
    };
    (s.as_str(), words, hint)
}

/// (question, hint, radio options; empty for a text answer)
fn question(q: Question) -> (&'static str, Option<&'static str>, Options) {
    match q {
        Question::OrganisationType => ("What kind of organisation are you?", None, vec![
            ("careProvider", "A care provider", Some("For example a care home, home care agency or hospice.")),
            ("locallyCommissioned", "An organisation commissioned locally to provide NHS services", Some("Your commissioner requires you to use NHSmail.")),
            ("nationalSupport", "An organisation that supports the NHS nationally", None),
        ]),
        Question::CqcRegistered => ("Are you registered with the Care Quality Commission (CQC)?", Some("The NHSmail registration for care providers asks for your CQC details."), yes_no()),
        Question::DsptStatus => ("What is your Data Security and Protection Toolkit (DSPT) status?", Some("This is the status of your latest published DSPT assessment."),
            DsptStatus::ALL.map(dspt_answer).to_vec()),
        Question::ApproachingBefore => ("Have you published a DSPT at Approaching Standards before?", Some("A provider can publish at Approaching Standards only once."), yes_no()),
        Question::DsptYear => ("Which year was your DSPT published for?", Some("The DSPT shows it before the status, like 24/25 Standards Met. Enter it as 2024-25."), Vec::new()),
        Question::Sites => ("How many sites do you have?", Some("A site is a separate location where you provide care, like a care home."), Vec::new()),
        Question::LocalAdministrators => ("Do you have staff who can be local administrators?", Some("Local administrators manage your NHSmail accounts for you. You need them to manage your own accounts (self-management)."), yes_no()),
        Question::ExistingNhsmail => ("Does your organisation already have NHSmail?", None, yes_no()),
    }
}

#[component]
fn QuestionPage(q: Question, answers: RwSignal<Answers>) -> impl IntoView {
    let step = q.slug();
    // The query from the address itself (`?change=1`), read as the address changes.
    let changing = move || {
        let q = crate::router::query();
        form_urlencoded::parse(q.trim_start_matches('?').as_bytes()).any(|(k, _)| k == "change")
    };
    let as_of = today();
    let value = RwSignal::new(answers.with_untracked(|a| answer(q, a).to_owned()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let (title, hint, options) = question(q);
    page_title(
        move || title.to_owned(),
        move || !errors.with(Vec::is_empty),
    );
    let error = field_error(errors, step);
    let back = move || {
        if changing() {
            Step::Check.href()
        } else {
            answers
                .with(|a| previous_step(Step::Question(q), a, as_of))
                .href()
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate(q, &value.get_untracked(), as_of) {
            Err(message) => errors.set(vec![FieldError::new(step, message)]),
            Ok(clean) => {
                errors.set(Vec::new());
                answers.update(|a| set_answer(q, a, clean));
                let to = answers.with_untracked(|a| next_step(q, a, changing(), as_of));
                crate::router::navigate(to.href());
            }
        }
    };
    let field = if options.is_empty() {
        let (width, mode) = if q == Question::Sites {
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
                <ErrorSummary errors/>
                <form on:submit=submit novalidate>
                    {field}
                    {(q == Question::DsptYear).then(|| view! {
                        <div class="nhsuk-inset-text" data-testid="current-year">
                            <span class="nhsuk-u-visually-hidden">"Information: "</span>
                            <p>{current_year_words(as_of)}</p>
                        </div>
                    })}
                    {(q == Question::DsptYear).then(|| view! { <div aria-live="polite" inner_html=move || lapsed_warning(&value.get(), as_of)></div> })}
                    {(q == Question::DsptStatus).then(|| view! {
                        <details class="nhsuk-details">
                            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"How to find out your DSPT status"</span></summary>
                            <div class="nhsuk-details__text">
                                <p>"Search for your organisation by name or ODS code on the "<a href=DSPT_SITE>"Data Security and Protection Toolkit website"</a>". Its status is shown with the year, like 24/25 Standards Met."</p>
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

/// A warning while the year typed is one whose publication no longer counts on `as_of`.
fn lapsed_warning(typed: &str, as_of: nhsmail_rules::IsoDate) -> Html {
    let Some((year, until)) = normalise_year(typed)
        .parse::<nhsmail_rules::DsptYear>()
        .ok()
        .and_then(|y| Some((y, lapsed_on(y, as_of)?)))
    else {
        return Html::default();
    };
    html!(
        r#"<div class="nhsuk-card nhsuk-card--warning" data-testid="lapsed"><div class="nhsuk-card__content"><h2 class="nhsuk-card__heading"><span class="nhsuk-u-visually-hidden">Important: </span>Your DSPT has lapsed</h2><p class="nhsuk-card__description">A {} publication stopped counting after {}. You need to publish this year's DSPT before you can get NHSmail.</p></div></div>"#,
        Html::text(&year.to_string()),
        Html::text(&until.long_form())
    )
}

fn words(q: Question, value: &str) -> String {
    let (_, _, options) = question(q);
    match options.iter().find(|(v, _, _)| *v == value) {
        Some((_, w, _)) => (*w).to_owned(),
        None if q == Question::Sites => value.parse::<u32>().map_or(value.to_owned(), commas),
        None => value.to_owned(),
    }
}

#[component]
fn Check(answers: RwSignal<Answers>) -> impl IntoView {
    page_title(|| "Check your answers".to_owned(), || false);
    let as_of = today();
    let back = move || {
        answers
            .with(|a| previous_step(Step::Check, a, as_of))
            .href()
    };
    let missing = move || {
        answers.with(|a| {
            Question::ALL
                .into_iter()
                .find(|q| applies(*q, a, as_of) && answer(*q, a).is_empty())
        })
    };
    view! {
        <a class="nhsuk-back-link" href=back data-testid="back">"Back"</a>
        <h1>"Check your answers"</h1>
        <dl class="nhsuk-summary-list" data-testid="answers" inner_html=move || rows(&answers.get(), as_of)></dl>
        <div inner_html=move || match missing() {
            Some(q) => html!(
                r#"<p>You have not answered every question yet.</p><a class="nhsuk-button" href="{}" role="button" draggable="false">Answer the next question</a>"#,
                Html::text(q.href())
            ),
            None => html!(
                r#"<a class="nhsuk-button" href="{}" role="button" draggable="false" data-testid="see-outcome">See if you can get NHSmail</a>"#,
                Html::text(Step::Outcome.href())
            ),
        }></div>
    }
}

/// The summary list rows, one per question asked.
fn rows(a: &Answers, as_of: nhsmail_rules::IsoDate) -> Html {
    Question::ALL
        .into_iter()
        .filter(|q| applies(*q, a, as_of))
        .map(|q| {
            let (title, _, _) = question(q);
            let value = answer(q, a);
            let shown = if value.is_empty() {
                "Not answered".to_owned()
            } else {
                words(q, value)
            };
            html!(
                r#"<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">{}</dt><dd class="nhsuk-summary-list__value">{}</dd><dd class="nhsuk-summary-list__actions"><a href="{}?change=1" data-testid="change-{}">Change<span class="nhsuk-u-visually-hidden"> {}</span></a></dd></div>"#,
                Html::text(title),
                Html::text(&shown),
                Html::text(q.href()),
                Html::text(q.slug()),
                Html::text(title)
            )
        })
        .collect()
}
