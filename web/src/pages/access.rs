//! The sign-in check: can this account sign in, here, to this service, on this day? (AC-* rules.)

use leptos::prelude::*;
use nhsmail_rules::{
    check_access, AccessInput, AccessResult, Location, PolicySet, RuleId, Service, State,
};

use crate::components::date_input::{date_error, read_date, DateInput};
use crate::components::form::{field_error, page_title, ErrorSummary, FieldError, Radios};
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
    // "yes", "no", or "" before an answer: one question per fact (UI.md), none answered at first.
    mfa_enabled: String,
    secret_set: String,
    aup_accepted: String,
    policy_set: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            state: String::new(),
            on: today().to_string(),
            location: String::new(),
            service: String::new(),
            mfa_enabled: String::new(),
            secret_set: String::new(),
            aup_accepted: String::new(),
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
        each("mfa_enabled", Field::Text(&mut self.mfa_enabled));
        each("secret_set", Field::Text(&mut self.secret_set));
        each("aup_accepted", Field::Text(&mut self.aup_accepted));
        each("policy_set", Field::Text(&mut self.policy_set));
    }
}
/// A yes or no answer, or an error for `field` saying what to select.
fn yes_no(
    answer: &str,
    field: &'static str,
    missing: &'static str,
    errors: &mut Vec<FieldError>,
) -> bool {
    match answer {
        "yes" => true,
        "no" => false,
        _ => {
            errors.push(FieldError::new(field, missing));
            false
        }
    }
}

fn parse(f: &Form) -> Result<(AccessInput, PolicySet), Vec<FieldError>> {
    let mut errors = Vec::new();
    let state = State::ALL.into_iter().find(|s| s.as_str() == f.state);
    if state.is_none() {
        errors.push(FieldError::new("state", "Select the account's state"));
    }
    // Asked only of an inactive account: whether signing in reactivates it.
    let aup = state == Some(State::Inactive)
        && yes_no(
            &f.aup_accepted,
            "aup",
            "Select yes if the person has accepted the acceptable use policy",
            &mut errors,
        );
    let on = read_date("on", ON, &f.on).map_err(|e| errors.push(e)).ok();
    let location = from_key::<Location>(&f.location);
    if location.is_none() {
        errors.push(FieldError::new(
            "location",
            "Select where the person is signing in from",
        ));
    }
    // Asked only of a sign-in from outside the UK, the one place it changes the answer.
    let mfa = location == Some(Location::Abroad)
        && yes_no(
            &f.mfa_enabled,
            "mfa",
            "Select yes if the person has set up multi-factor authentication",
            &mut errors,
        );
    let service = from_key::<Service>(&f.service);
    if service.is_none() {
        errors.push(FieldError::new(
            "service",
            "Select what the person is signing in to",
        ));
    }
    let secret = yes_no(
        &f.secret_set,
        "secret",
        "Select yes if the person has set their Account Secret",
        &mut errors,
    );
    let (Some(state), Some(on), Some(location), Some(service), true) =
        (state, on, location, service, errors.is_empty())
    else {
        return Err(errors);
    };
    let input = AccessInput {
        state,
        on,
        location,
        service,
        mfa_enabled: mfa,
        account_secret_set: secret,
        // Onboarded: the acceptable use policy accepted and the Account Secret set (SPEC 3).
        onboarded: (state == State::Inactive).then_some(aup && secret),
    };
    let set = PolicySet::built_in(&f.policy_set).unwrap_or_else(PolicySet::default_set);
    Ok((input, set))
}

type Options = Vec<(&'static str, &'static str, Option<&'static str>)>;

fn yes_no_options() -> Options {
    vec![("yes", "Yes", None), ("no", "No", None)]
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
    let aup = field(|f| f.aup_accepted.clone(), |f, v| f.aup_accepted = v);
    let mfa = field(|f| f.mfa_enabled.clone(), |f, v| f.mfa_enabled = v);
    let secret = field(|f| f.secret_set.clone(), |f, v| f.secret_set = v);
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
                        <Radios id="aup" legend="Has the person accepted the acceptable use policy?".to_owned()
                            options=yes_no_options() value=aup error=err("aup")/>
                    </div>
                    <DateInput id="on" legend=ON value=on error=date_error(errors, "on")/>
                    <Radios id="location" legend="Where is the person signing in from?".to_owned()
                        options=vec![("uk", "The UK", None), ("abroad", "Outside the UK", None)] value=location error=err("location")/>
                    <div hidden=move || location.with(|l| from_key(l) != Some(Location::Abroad))>
                        <Radios id="mfa" legend="Has the person set up multi-factor authentication?".to_owned()
                            hint="It cannot be set up from outside the UK." options=yes_no_options() value=mfa error=err("mfa")/>
                    </div>
                    <Radios id="service" legend="What are they signing in to?".to_owned()
                        options=vec![("office365", "Office 365", Some("For example Outlook or Teams.")), ("portal", "The NHSmail portal", None)] value=service error=err("service")/>
                    <Radios id="secret" legend="Has the person set their Account Secret?".to_owned()
                        hint="They set it in the Self-Service section of the NHSmail portal." options=yes_no_options() value=secret error=err("secret")/>
                    <button class="nhsuk-button" type="submit" data-testid="check">"Check"</button>
                </form>
                <div aria-live="polite" inner_html=move || answer.get()></div>
            </div>
        </div>
    }
}

/// The seed's page on setting an Account Secret (003).
const ACCOUNT_SECRET_GUIDE: &str =
    "https://support.nhs.net/knowledge-base/setting-a-user-account-secret/";

/// The answer and its reasons. Core decides; when its only refusal is the portal's soft
/// enforcement (`AC-SECRET-SOFT`), the person still signs in and is asked for the Account Secret
/// there, so the page says that, as the seed does (003), and not "They cannot sign in".
fn answer_html(input: &AccessInput, r: &AccessResult) -> Html {
    let prompted = !r.allowed
        && r.reasons
            .iter()
            .filter(|x| x.rule != RuleId::Reactivate)
            .all(|x| x.rule == RuleId::SecretSoft);
    let heading = Html::text(if r.allowed {
        "They can sign in"
    } else if prompted {
        "They will be asked to set an Account Secret"
    } else {
        "They cannot sign in"
    });
    let mut body = p(&format!(
        "{} account, {}",
        input.state.label(),
        input.on.long_form()
    ));
    if prompted {
        body.push(p_id(
            "prompted",
            "They will be asked to set an Account Secret when they sign in to the NHSmail portal. They cannot use portal services until they do.",
        ));
        body.push(html!(
            r#"<p><a href="{}">How to set an Account Secret (NHSmail support site)</a></p>"#,
            Html::text(ACCOUNT_SECRET_GUIDE)
        ));
    }
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
