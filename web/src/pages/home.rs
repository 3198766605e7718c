//! The start: what each tool is for, and a page for addresses that do not exist.

use leptos::prelude::*;

use crate::components::form::page_title;

/// The tools, by who they are for: (address, name, what it does).
const TOOLS: [(&str, &str, &str); 6] = [
    ("/eligibility", "Check if you can get NHSmail", "For care providers: your DSPT status, how to apply and how many accounts you get."),
    ("/simulator", "Account lifecycle simulator", "For trainers: how an account moves from active to inactive to deleted, and what stops it."),
    ("/sign-in", "Sign-in check", "Whether an account can sign in today, and if not, why not."),
    ("/shared-mailboxes", "Shared mailbox planner", "For local administrators: mailboxes and users against your allowance, and a request for more accounts."),
    ("/roster", "Roster and decisions", "For local administrators: check a roster and download the decisions for your back office."),
    ("/rules", "Policies and rules", "Every rule with the published sentence it comes from, and your own policy set."),
];

/// The list of tools, as HTML.
fn tools_html() -> String {
    TOOLS
        .iter()
        .map(|(href, title, text)| {
            format!(r#"<li><h2 class="nhsuk-heading-m nhsuk-u-margin-bottom-1"><a href="{href}">{title}</a></h2><p>{text}</p></li>"#)
        })
        .collect()
}

/// The home page: one card-like list of the tools, by who they are for.
#[component]
pub fn Home() -> impl IntoView {
    page_title(|| "Home".to_owned(), || false);
    view! {
        <h1>"NHSmail policy rules"</h1>
        <p class="nhsuk-lede-text">"Tools that apply the published NHSmail account policy. Nothing you enter leaves your browser."</p>
        <ul class="nhsuk-list" inner_html=tools_html()></ul>
    }
}

/// An address with no page.
#[component]
pub fn NotFound() -> impl IntoView {
    page_title(|| "Page not found".to_owned(), || false);
    view! {
        <h1>"Page not found"</h1>
        <p>"If you typed the web address, check it is correct."</p>
        <p><a href="/">"Go to the start"</a></p>
    }
}
