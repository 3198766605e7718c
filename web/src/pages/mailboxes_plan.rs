//! The shared mailbox planner's answer: counts against the allowance, problems, and the request
//! for extra accounts with its email text and a copy button.

use leptos::prelude::*;
use nhsmail_rules::{MailboxPlan, Severity, SiteInput};

use crate::browser::copy_text;
use crate::components::commas;
use crate::html::{h2, html, list, p_id, reason, table, word_tag, Html};

/// A site by its name where one was given, else by its id.
fn site_name<'a>(sites: &'a [SiteInput], id: &'a str) -> &'a str {
    sites
        .iter()
        .find(|s| s.id == id)
        .and_then(|s| s.name.as_deref())
        .unwrap_or(id)
}

/// Counts, problems and the request's status; sites named as `sites` names them.
fn plan_html(p: &MailboxPlan, sites: &[SiteInput]) -> Html {
    let mut out = h2("Sites against the allowance");
    let rows: Vec<Vec<Html>> = p
        .sites
        .iter()
        .map(|s| {
            vec![
                Html::text(site_name(sites, &s.site_id)),
                Html::text(&format!(
                    "{} of {}",
                    commas(s.named_users as u64),
                    commas(s.named_users_allowed)
                )),
                Html::text(&format!(
                    "{} of {}",
                    commas(s.shared_mailboxes as u64),
                    commas(s.shared_mailboxes_allowed)
                )),
                if s.over_allowance {
                    word_tag("nhsuk-tag--red", "Over")
                } else {
                    word_tag("nhsuk-tag--green", "Within")
                },
            ]
        })
        .collect();
    out.push(table(
        "site-counts",
        "Accounts and shared mailboxes per site",
        true,
        &["Site", "Named users", "Shared mailboxes", "Allowance"],
        &[],
        &rows,
    ));
    out.push(h2("Problems"));
    if p.problems.is_empty() {
        out.push(p_id("no-problems", "No problems found."));
    } else {
        out.push(list(
            "nhsuk-list",
            "problems",
            p.problems.iter().map(|pr| {
                let (class, word) = match pr.severity {
                    Severity::Error => ("nhsuk-tag--red", "Must fix"),
                    Severity::Warning => ("nhsuk-tag--yellow", "Should fix"),
                };
                let place = pr.mailbox_id.clone().map_or_else(
                    || format!("Site {}", site_name(sites, &pr.site_id)),
                    |m| format!("Mailbox {m}"),
                );
                reason(
                    Some(word_tag(class, word)),
                    &format!("{place}: {}", pr.message),
                    pr.rule,
                )
            }),
            false,
        ));
    }
    if let Some(r) = &p.request {
        out.push(h2("Request for extra accounts"));
        let status = if r.can_progress {
            word_tag("nhsuk-tag--green", "Ready to send")
        } else {
            word_tag("nhsuk-tag--red", "Not ready yet")
        };
        out.push(html!(r#"<p data-testid="can-progress">{}</p>"#, status));
        out.push(p_id(
            "active-linked",
            &format!("Active linked accounts: {}", commas(r.active_linked as u64)),
        ));
        if !r.blockers.is_empty() {
            out.push(html!(
                "<p>Sign in to these accounts (or remove them from the shared mailboxes) first:</p>"
            ));
            out.push(list(
                "nhsuk-list nhsuk-list--bullet",
                "blockers",
                r.blockers.iter().map(|b| Html::text(b)),
                false,
            ));
        }
        out.push(list(
            "nhsuk-list",
            "request-reasons",
            r.reasons.iter().map(|x| reason(None, &x.message, x.rule)),
            false,
        ));
        out.push(p_id("completes-on", &match r.completes_on {
            Some(d) => format!("Once the minimum data set is in, the accounts should be ready by {}.", d.long_form()),
            None => "Enter the date the minimum data set was complete to see when the accounts should be ready.".to_owned(),
        }));
    }
    out
}

/// What the page shows of a plan: its answer, and the request's email and whom it goes to (empty
/// for no plan, or no request).
#[derive(Clone, Copy)]
pub struct Shown {
    html: RwSignal<Html>,
    email: RwSignal<String>,
    to: RwSignal<String>,
    copied: RwSignal<String>,
}

impl Shown {
    pub fn new() -> Self {
        Shown {
            html: RwSignal::new(Html::default()),
            email: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            copied: RwSignal::new(String::new()),
        }
    }

    /// Shows `plan` with its sites, or nothing.
    pub fn set(self, plan: Option<(&MailboxPlan, &[SiteInput])>) {
        self.html
            .set(plan.map(|(p, s)| plan_html(p, s)).unwrap_or_default());
        let request = plan.and_then(|(p, _)| p.request.as_ref());
        self.email
            .set(request.map(|r| r.email.clone()).unwrap_or_default());
        self.to
            .set(request.map(|r| r.to.clone()).unwrap_or_default());
        self.copied.set(String::new());
    }
}

/// The plan, and the request's email with a copy button while there is one.
#[component]
pub fn PlanView(shown: Shown) -> impl IntoView {
    let Shown {
        html,
        email,
        to,
        copied,
    } = shown;
    let copy = move |_| {
        copy_text(
            &email.get_untracked(),
            copied,
            "Email text copied.",
            "Could not copy: select the text and copy it yourself.",
        );
    };
    view! {
        <div inner_html=move || html.get()></div>
        <div hidden=move || email.with(String::is_empty)>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label nhsuk-label--s" for="email">{move || format!("Email to {}", to.get())}</label>
                <textarea class="nhsuk-textarea" id="email" rows="7" readonly data-testid="email" prop:value=crate::components::form::shown(email)></textarea>
            </div>
            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=copy data-testid="copy">"Copy the email text"</button>
            <p role="status" data-testid="copied">{crate::components::form::shown(copied)}</p>
        </div>
    }
}
