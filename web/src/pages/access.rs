//! The sign-in check: can this account sign in, here, to this service, on this day? (AC-* rules.)

use leptos::prelude::*;
use nhsmail_rules::{check_access, AccessInput, AccessResult, Location, PolicySet, Service, State};

use crate::components::date_input::{date_error, read_date, DateInput};
use crate::components::form::{
    field_error, page_title, Checkbox, ErrorSummary, FieldError, Radios,
};
use crate::components::{from_key, today};
use crate::html::{html, list, p, p_id, reason, Html};
use crate::store::{kept_fields, Field, Fields};

const KEY: &str = "nhsmail-rules.sign-in.v1";
const WHAT: &str = "sign-in check answers";
/// The date field's legend, which its error messages name.
const ON: &str = "Date of the sign-in";

#[derive(Clone, Debug, PartialEq, Eq)]
struct Form {
    state: String,
    on: String,
    location: String,
    service: String,
    mfa: bool,
    secret: bool,
    onboarded: String,
    policy_set: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            state: State::Active.as_str().into(),
            on: today().to_string(),
            location: "uk".into(),
            service: "office365".into(),
            mfa: false,
            secret: false,
            onboarded: "yes".into(),
            policy_set: PolicySet::default_set().id,
        }
    }
}

impl Fields for Form {
    fn fields(&mut self, each: &mut dyn FnMut(&'static str, Field<'_>)) {
        each("state", Field::Text(&mut self.state));
        each("on", Field::Text(&mut self.on));
        each("location", Field::Text(&mut self.location));
        each("service", Field::Text(&mut self.service));
        each("mfa", Field::Flag(&mut self.mfa));
        each("secret", Field::Flag(&mut self.secret));
        each("onboarded", Field::Text(&mut self.onboarded));
        each("policy_set", Field::Text(&mut self.policy_set));
    }
}
fn parse(f: &Form) -> Result<(AccessInput, PolicySet), Vec<FieldError>> {
    let mut errors = Vec::new();
    let state = State::ALL.into_iter().find(|s| s.as_str() == f.state);
    if state.is_none() {
        errors.push(FieldError::new("state", "Select the account's state"));
    }
    let on = read_date("on", ON, &f.on).map_err(|e| errors.push(e)).ok();
    let (Some(state), Some(on)) = (state, on) else {
        return Err(errors);
    };
    let input = AccessInput {
        state,
        on,
        location: from_key(&f.location).unwrap_or(Location::Uk),
        service: from_key(&f.service).unwrap_or(Service::Office365),
        mfa_enabled: f.mfa,
        account_secret_set: f.secret,
        onboarded: Some(f.onboarded != "no"),
    };
    let set = PolicySet::built_in(&f.policy_set).unwrap_or_else(PolicySet::default_set);
    Ok((input, set))
}

/// The sign-in check page.
#[component]
pub fn SignIn() -> impl IntoView {
    let form = kept_fields::<Form>(KEY, WHAT);
    let field =
        |get: fn(&Form) -> String, set: fn(&mut Form, String)| crate::store::field(form, get, set);
    let state = field(|f| f.state.clone(), |f, v| f.state = v);
    let on = field(|f| f.on.clone(), |f, v| f.on = v);
    let location = field(|f| f.location.clone(), |f, v| f.location = v);
    let service = field(|f| f.service.clone(), |f, v| f.service = v);
    let onboarded = field(|f| f.onboarded.clone(), |f, v| f.onboarded = v);
    let mfa = crate::store::field(form, |f| f.mfa, |f, v| f.mfa = v);
    let secret = crate::store::field(form, |f| f.secret, |f, v| f.secret = v);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // What the page shows of the answer (nothing before there is one).
    let answer = RwSignal::new(Html::default());
    page_title(
        || "Sign-in check".to_owned(),
        move || !errors.with(Vec::is_empty),
    );

    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.with_untracked(parse) {
            Err(e) => {
                errors.set(e);
                answer.set(Html::default());
            }
            Ok((input, set)) => {
                errors.set(Vec::new());
                let result = check_access(&input, &set);
                answer.set(answer_html(&input, &result));
            }
        }
    };
    let err = move |f: &'static str| field_error(errors, f);
    let states: Vec<_> = State::ALL
        .iter()
        .map(|s| (s.as_str(), s.label(), None))
        .collect();

    view! {
        <h1>"Sign-in check"</h1>
        <p class="nhsuk-lede-text">"Find out if an account can sign in, and if not, what to do."</p>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary errors/>
                <form on:submit=check novalidate>
                    <Radios id="state" legend="What state is the account in?".to_owned() options=states value=state error=err("state")/>
                    // Kept in the page while hidden, so a second change of state keeps the answer.
                    <div hidden=move || state.with(|s| from_key(s) != Some(State::Inactive))>
                        <Radios id="onboarded" legend="Has the person accepted the acceptable use policy and set their Account Secret?".to_owned()
                            options=vec![("yes", "Yes", None), ("no", "No", None)] value=onboarded error=err("onboarded")/>
                    </div>
                    <DateInput id="on" legend=ON value=on error=date_error(errors, "on")/>
                    <Radios id="location" legend="Where is the person signing in from?".to_owned()
                        options=vec![("uk", "The UK", None), ("abroad", "Outside the UK", None)] value=location error=err("location")/>
                    <Radios id="service" legend="What are they signing in to?".to_owned()
                        options=vec![("office365", "Office 365", Some("For example Outlook or Teams.")), ("portal", "The NHSmail portal", None)] value=service error=err("service")/>
                    <div class="nhsuk-form-group">
                        <fieldset class="nhsuk-fieldset">
                            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"What has the person set up?"</legend>
                            <div class="nhsuk-checkboxes">
                                <Checkbox id="mfa" label="Multi-factor authentication" value=mfa/>
                                <Checkbox id="secret" label="The Account Secret" value=secret/>
                            </div>
                        </fieldset>
                    </div>
                    <button class="nhsuk-button" type="submit" data-testid="check">"Check"</button>
                </form>
                <div aria-live="polite" inner_html=move || answer.get()></div>
            </div>
        </div>
    }
}

/// The answer and its reasons.
fn answer_html(input: &AccessInput, r: &AccessResult) -> Html {
    let heading = Html::text(if r.allowed {
        "They can sign in"
    } else {
        "They cannot sign in"
    });
    let mut body = p(&format!(
        "{} account, {}",
        input.state.label(),
        input.on.long_form()
    ));
    if r.reactivates {
        body.push(p_id(
            "reactivates",
            "Signing in makes the account active again.",
        ));
    }
    if r.reasons.is_empty() {
        body.push(p("No rule stops this sign-in."));
    }
    body.push(list(
        "nhsuk-list",
        "reasons",
        r.reasons.iter().map(|x| reason(None, &x.message, x.rule)),
        false,
    ));
    html!(
        r#"<div class="nhsuk-card nhsuk-card--feature" data-testid="answer"><div class="nhsuk-card__content nhsuk-card__content--feature"><h2 class="nhsuk-card__heading nhsuk-card__heading--feature" data-testid="answer-heading">{}</h2>{}</div></div>"#,
        heading,
        body
    )
}
