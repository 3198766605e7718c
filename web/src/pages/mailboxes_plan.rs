//! The shared mailbox planner's answer: counts against the allowance, problems, and the request
//! for extra accounts with its email text and a copy button.

use leptos::prelude::*;
use nhsmail_rules::{MailboxPlan, Severity};

use crate::browser::copy_text;
use crate::components::commas;
use crate::components::form::shown;
use crate::html::{esc, h, list, p_id, reason, table, word_tag};

/// Counts, problems and the request's status, as HTML.
fn plan_html(p: &MailboxPlan) -> String {
    let mut out = h(2, "Sites against the allowance");
    let rows: Vec<Vec<String>> = p
        .sites
        .iter()
        .map(|s| {
            vec![
                esc(&s.site_id),
                format!(
                    "{} of {}",
                    commas(s.named_users as u64),
                    commas(s.named_users_allowed)
                ),
                format!(
                    "{} of {}",
                    commas(s.shared_mailboxes as u64),
                    commas(s.shared_mailboxes_allowed)
                ),
                if s.over_allowance {
                    word_tag("nhsuk-tag--red", "Over")
                } else {
                    word_tag("nhsuk-tag--green", "Within")
                },
            ]
        })
        .collect();
    out.push_str(&table(
        "site-counts",
        "Accounts and shared mailboxes per site",
        true,
        &["Site", "Named users", "Shared mailboxes", "Allowance"],
        &[],
        &rows,
    ));
    out.push_str(&h(2, "Problems"));
    if p.problems.is_empty() {
        out.push_str(&p_id("no-problems", "No problems found."));
    } else {
        out.push_str(&list(
            "nhsuk-list",
            "problems",
            p.problems.iter().map(|pr| {
                let (class, word) = match pr.severity {
                    Severity::Error => ("nhsuk-tag--red", "Must fix"),
                    Severity::Warning => ("nhsuk-tag--yellow", "Should fix"),
                };
                let place = pr.mailbox_id.clone().map_or_else(
                    || format!("Site {}", pr.site_id),
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
        out.push_str(&h(2, "Request for extra accounts"));
        let status = if r.can_progress {
            word_tag("nhsuk-tag--green", "Ready to send")
        } else {
            word_tag("nhsuk-tag--red", "Not ready yet")
        };
        out.push_str(&format!(r#"<p data-testid="can-progress">{status}</p>"#));
        out.push_str(&p_id(
            "active-linked",
            &format!("Active linked accounts: {}", commas(r.active_linked as u64)),
        ));
        if !r.blockers.is_empty() {
            out.push_str("<p>Sign in to these accounts (or remove them from the shared mailboxes) first:</p>");
            out.push_str(&list(
                "nhsuk-list nhsuk-list--bullet",
                "blockers",
                r.blockers.iter().map(|b| esc(b)),
                false,
            ));
        }
        out.push_str(&list(
            "nhsuk-list",
            "request-reasons",
            r.reasons.iter().map(|x| reason(None, &x.message, x.rule)),
            false,
        ));
        out.push_str(&p_id("completes-on", &match r.completes_on {
            Some(d) => format!("Once the minimum data set is in, the accounts should be ready by {}.", d.long_form()),
            None => "Enter the date the minimum data set was complete to see when the accounts should be ready.".to_owned(),
        }));
    }
    out
}

#[component]
pub fn PlanView(p: MailboxPlan) -> impl IntoView {
    let copied = RwSignal::new(String::new());
    let html = plan_html(&p);
    view! {
        <div inner_html=html></div>
        {p.request.map(|r| {
            let email = r.email.clone();
            let copy = move |_| {
                copy_text(&email, copied, "Email text copied.", "Could not copy: select the text and copy it yourself.");
            };
            view! {
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label nhsuk-label--s" for="email">{format!("Email to {}", r.to)}</label>
                    <textarea class="nhsuk-textarea" id="email" rows="7" readonly data-testid="email" prop:value=r.email></textarea>
                </div>
                <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=copy data-testid="copy">"Copy the email text"</button>
                <p role="status" data-testid="copied">{shown(copied)}</p>
            }
        })}
    }
}
