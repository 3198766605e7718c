//! The checker's outcome: eligible or not, what to do next (with links to the pages the steps
//! name), how many accounts, and why. It prints without its buttons, and "Clear my answers"
//! forgets the answers on a shared computer.

use leptos::prelude::*;
use nhsmail_rules::{check_eligibility, EligibilityResult, IsoDate, PolicySet, Route, RuleId};

use crate::components::today;
use crate::html::{h2, html, list, p_id, reason, word_tag, Html};
use crate::page::{Question, Step};
use crate::pages::eligibility_answers::{applies, input, Answers};
use crate::words::{count, engine_error};

/// The NHSmail portal, where care providers apply (seed 002 gives its address).
const PORTAL: &str = "https://portal.nhs.net/";
/// The DSPT's website, which the core's next steps name (www.dsptoolkit.nhs.uk).
pub(super) const DSPT_SITE: &str = "https://www.dsptoolkit.nhs.uk/";
/// The NHSmail support site (seed 003 links a guide on it). The seeds name the self-management
/// application form, the NHS access process form, the FAQs and the training guide without giving
/// their addresses, so the outcome links the site that holds NHSmail's guidance.
const SUPPORT_SITE: &str = "https://support.nhs.net/";

/// A plain link that opens another site's page.
fn link(href: &'static str, words: &str) -> Html {
    html!(
        r#"<a href="{}">{}</a>"#,
        Html::text(href),
        Html::text(words)
    )
}

/// The link that goes with a route's next step, if it has one.
fn route_link(route: Route) -> Option<Html> {
    match route {
        Route::Portal => Some(link(PORTAL, "Go to the NHSmail portal")),
        Route::SelfManagement => Some(link(
            SUPPORT_SITE,
            "Find the self-management application form on the NHSmail support site",
        )),
        Route::NationalForm => Some(link(
            SUPPORT_SITE,
            "Find the NHS access process form on the NHSmail support site",
        )),
        Route::Sponsor => None,
    }
}

/// Whether a reason belongs in "Why": a condition about something the person was asked. Routes
/// are next steps, not conditions (no "Not met" for a route that does not apply), and nothing is
/// said about a question that was not asked.
fn shown(rule: RuleId, a: &Answers, as_of: IsoDate) -> bool {
    let asked = |q: Question| applies(q, a, as_of);
    match rule {
        RuleId::Cqc => asked(Question::CqcRegistered),
        RuleId::Dspt | RuleId::DsptCurrent | RuleId::SecureEmail => asked(Question::DsptStatus),
        RuleId::ApproachingOnce => asked(Question::ApproachingBefore),
        RuleId::Existing => asked(Question::ExistingNhsmail),
        RuleId::RoutePortal
        | RuleId::RouteSelfManagement
        | RuleId::RouteSponsor
        | RuleId::RouteNational => false,
        // The eligibility check gives no other rule's reasons.
        _ => true,
    }
}

/// The outcome page.
#[component]
pub(super) fn Outcome(answers: RwSignal<Answers>) -> impl IntoView {
    let as_of = today();
    // A plain closure, not a memo: cheap to compute again, and a memo of the result is code of its own.
    let result = move || {
        answers.with(|a| input(a, as_of)).and_then(|i| {
            check_eligibility(&i, &PolicySet::default_set()).map_err(|e| engine_error(&e, &[]))
        })
    };
    crate::components::form::page_title(
        move || match result() {
            Ok(r) if r.eligible => "You can get NHSmail".to_owned(),
            Ok(_) => "You cannot get NHSmail yet".to_owned(),
            Err(_) => "Some answers are missing".to_owned(),
        },
        || false,
    );
    let clear = move |_| {
        answers.set(Answers::default());
        crate::store::remove(super::eligibility::KEY);
        crate::router::navigate(Question::OrganisationType.href());
    };
    view! {
        <a class="nhsuk-back-link" href=Step::Check.href() data-testid="back">"Back to your answers"</a>
        <div inner_html=move || match &result() {
            Err(_) => html!(
                r#"<h1>Some answers are missing</h1><p><a href="{}">Check your answers</a></p>"#,
                Html::text(Step::Check.href())
            ),
            Ok(r) => answers.with(|a| outcome_html(r, a, as_of)),
        }></div>
        <div class="app-no-print" data-testid="outcome-actions">
            <button class="nhsuk-button nhsuk-button--secondary" type="button" data-testid="print"
                on:click=move |_| { let _ = window().print(); }>"Print or save this page"</button>
            <h2>"Using a shared computer?"</h2>
            <p>"Your answers are kept in this browser until you clear them."</p>
            <button class="nhsuk-button nhsuk-button--warning" type="button" data-testid="clear-answers"
                on:click=clear>"Clear my answers"</button>
        </div>
    }
}

/// The outcome, for the result `r` of the answers `a`.
fn outcome_html(r: &EligibilityResult, a: &Answers, as_of: IsoDate) -> Html {
    let checked = Html::text(&as_of.long_form());
    let mut out = if r.eligible {
        html!(
            r#"<div class="nhsuk-panel" data-testid="outcome"><h1 class="nhsuk-panel__title">You can get NHSmail</h1><div class="nhsuk-panel__body">Checked against the published policy on {}</div></div>"#,
            checked
        )
    } else {
        html!(
            r#"<h1 data-testid="outcome">You cannot get NHSmail yet</h1><p>Checked against the published policy on {}. Do the steps below, then check again.</p>"#,
            checked
        )
    };
    let unmet = |rule: RuleId| r.reasons.iter().any(|x| x.rule == rule && !x.met);
    // The core lists the fixes first, then one step for each route, in the routes' order.
    let fixes = r.next_steps.len().saturating_sub(r.routes.len());
    let steps = r.next_steps.iter().enumerate().map(|(i, step)| {
        let link = i
            .checked_sub(fixes)
            .and_then(|n| r.routes.get(n))
            .and_then(|route| route_link(*route));
        match link {
            Some(link) => html!("{}<br>{}", Html::text(step), link),
            None => Html::text(step),
        }
    });
    out.push(h2("What to do next"));
    out.push(list(
        "nhsuk-list nhsuk-list--number",
        "next-steps",
        steps,
        true,
    ));
    let dspt_fix = [
        RuleId::Dspt,
        RuleId::DsptCurrent,
        RuleId::ApproachingOnce,
        RuleId::SecureEmail,
    ]
    .into_iter()
    .any(|rule| unmet(rule) && shown(rule, a, as_of));
    if dspt_fix {
        out.push(html!(
            r#"<p data-testid="dspt-link">Look up or publish your DSPT on the {}.</p>"#,
            link(DSPT_SITE, "Data Security and Protection Toolkit website")
        ));
    }
    if unmet(RuleId::Existing) {
        out.push(html!(
            r#"<p>Help for people who already have NHSmail is on the {}.</p>"#,
            link(SUPPORT_SITE, "NHSmail support site")
        ));
    }
    if let Some(a) = r.allowance {
        out.push(h2("How many accounts you can have"));
        out.push(p_id(
            "allowance",
            &format!(
                "Up to {} and {}.",
                count(
                    usize::try_from(a.named_users).unwrap_or(usize::MAX),
                    "named user account",
                    "named user accounts"
                ),
                count(
                    usize::try_from(a.shared_mailboxes).unwrap_or(usize::MAX),
                    "shared mailbox",
                    "shared mailboxes"
                )
            ),
        ));
    }
    // Only while it still counts: a lapsed publication is a reason, not a date to meet.
    if let (Some(d), false) = (r.dspt_valid_until, unmet(RuleId::DsptCurrent)) {
        out.push(p_id(
            "dspt-valid-until",
            &format!(
                "Your DSPT publication counts until {}. Publish your next one by then.",
                d.long_form()
            ),
        ));
    }
    out.push(h2("Why"));
    out.push(list(
        "nhsuk-list",
        "reasons",
        r.reasons
            .iter()
            .filter(|x| shown(x.rule, a, as_of))
            .map(|x| {
                let (class, words) = if x.met {
                    ("nhsuk-tag--green", "Met")
                } else {
                    ("nhsuk-tag--red", "Not met")
                };
                reason(Some(word_tag(class, words)), &x.message, x.rule)
            }),
        false,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(
            count(1, "shared mailbox", "shared mailboxes"),
            "1 shared mailbox"
        );
        assert_eq!(
            count(1200, "shared mailbox", "shared mailboxes"),
            "1,200 shared mailboxes"
        );
    }
}
